import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SlepChoiceQuestion } from '../../../src/components/questions/choice-question.js';
import '../../../src/components/questions/define.js';
import type { ChoiceItem } from '../../../src/model/course.js';
import { multiple, single, trueFalse } from './fixtures.js';
import { part, parts, recordAnswers, textOf } from './helpers.js';

type Mode = SlepChoiceQuestion['mode'];

/** The question after a focusable "Before" button, so a test can Tab into it like a learner. */
async function setup(options: { item: ChoiceItem; mode?: Mode; response?: readonly string[]; order?: readonly string[] }) {
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <button>Before</button>
    <slep-choice-question .item=${options.item} .response=${options.response ?? []} .order=${options.order} mode=${options.mode ?? 'check'}></slep-choice-question>
  </div>`);
  const el = part<SlepChoiceQuestion>(wrapper, 'slep-choice-question');
  wrapper.querySelector('button')?.focus();
  return { el, answers: recordAnswers(el) };
}

function inputs(el: SlepChoiceQuestion): HTMLInputElement[] {
  return parts<HTMLInputElement>(el, 'input');
}

describe('slep-choice-question', () => {
  for (const mode of ['check', 'assessment', 'review'] as const) {
    it(`is accessible in ${mode} mode`, async () => {
      const { el } = await setup({ item: multiple, mode, response: mode === 'review' ? ['a'] : [] });
      await expect(el).to.be.accessible();
    });
  }

  it('is accessible while showing feedback', async () => {
    const { el } = await setup({ item: single, response: ['a'] });
    await expect(el).to.be.accessible();
  });

  it('shows a single-choice item as a radio group in a fieldset whose legend is the stem', async () => {
    const { el } = await setup({ item: single });
    expect(textOf(part(el, 'fieldset > legend'))).to.equal('Who should form the planning team?');
    expect(part(el, 'legend strong').textContent).to.equal('form');
    expect(inputs(el).map((i) => i.type)).to.deep.equal(['radio', 'radio', 'radio']);
    expect(inputs(el).map((i) => textOf(i.closest('label') ?? i))).to.deep.equal([
      'The principal alone',
      'School staff with police, fire and EMS',
      'The SRO alone',
    ]);
  });

  it('shows the choices in the given display order', async () => {
    const { el } = await setup({ item: single, order: ['c', 'a', 'b'] });
    expect(inputs(el).map((i) => i.value)).to.deep.equal(['c', 'a', 'b']);
  });

  it('lets a keyboard user choose an answer and check it', async () => {
    const { el, answers } = await setup({ item: single });
    const status = part(el, '[role="status"]');
    expect(textOf(status), 'the live region is there, empty, before the answer is checked').to.equal('');

    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    expect(inputs(el)[1]?.checked).to.be.true;
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement?.textContent?.trim()).to.equal('Check answer');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;

    expect(answers).to.have.length(1);
    expect(answers[0]?.itemId).to.equal('kc-single');
    expect(answers[0]?.response).to.deep.equal(['b']);
    expect(part(el, '[role="status"]'), 'the same live region receives the feedback').to.equal(status);
    expect(part(el, '[role="status"] h3').textContent).to.equal('Correct');
    expect(textOf(status)).to.contain('Step 1 is a collaborative team.');
    expect(textOf(status)).not.to.contain('The correct answer is');
    expect(el.shadowRoot?.activeElement?.textContent?.trim(), 'focus moves to the verdict').to.equal('Correct');
    expect(parts(el, 'button').map(textOf), 'a right answer offers no "Try again"').not.to.include('Try again');
  });

  it('never says the verdict twice, and never follows "The correct answer is:" with "Correct."', async () => {
    const item: ChoiceItem = {
      ...single,
      choices: single.choices.map((c) => ({ ...c, feedbackHtml: c.correct ? '<strong>Correct.</strong> Step 1 is a team.' : 'Not quite. Partners need a say.' })),
    };
    const { el } = await setup({ item, mode: 'review', response: ['a'] });
    const feedback = textOf(part(el, '.feedback'));
    expect(feedback.match(/not quite/gi), feedback).to.have.length(1);
    expect(feedback).to.contain('The correct answer is: School staff with police, fire and EMS Step 1 is a team.');
    expect(feedback).to.contain('Partners need a say.');
  });

  it('gives the feedback of the wrong answer and the right answer with its feedback', async () => {
    const { el, answers } = await setup({ item: single });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;

    expect(answers[0]?.response).to.deep.equal(['a']);
    const status = part(el, '[role="status"]');
    expect(part(status, 'h3').textContent).to.equal('Not quite');
    expect(textOf(part(status, '.chosen'))).to.equal('The principal alone Not alone: partners need a real say.');
    expect(textOf(part(status, '.correct-answer'))).to.equal('School staff with police, fire and EMS Step 1 is a collaborative team.');
    expect(inputs(el).every((i) => i.disabled), 'the answer is locked while feedback shows').to.be.true;
  });

  it('asks for an answer instead of checking nothing', async () => {
    const { el, answers } = await setup({ item: single });
    part(el, 'button.primary').click();
    await el.updateComplete;
    expect(answers).to.have.length(0);
    expect(textOf(part(el, '[role="status"]'))).to.equal('Choose an answer, then check it.');
  });

  it('lets the learner try again after checking', async () => {
    const { el, answers } = await setup({ item: single });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    part(el, 'button.primary').click();
    await el.updateComplete;
    part(el, 'button.try-again').click();
    await el.updateComplete;
    await el.updateComplete;

    expect(textOf(part(el, '[role="status"]'))).to.equal('');
    expect(inputs(el).some((i) => i.disabled)).to.be.false;
    expect(el.shadowRoot?.activeElement?.localName, 'focus returns to the choices').to.equal('input');

    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(answers.map((a) => a.response)).to.deep.equal([['a'], ['b']]);
    expect(part(el, '[role="status"] h3').textContent).to.equal('Correct');
  });

  it('shows a resumed answer with its feedback', async () => {
    const { el, answers } = await setup({ item: single, response: ['c'] });
    expect(inputs(el).map((i) => i.checked)).to.deep.equal([false, false, true]);
    expect(part(el, '[role="status"] h3').textContent).to.equal('Not quite');
    expect(textOf(part(el, '[role="status"]'))).to.contain('This only moves the work to one person.');
    expect(part(el, 'button.try-again')).to.exist;
    expect(answers).to.have.length(0);
  });

  it('keeps the answer on screen when the parent passes an equal response again', async () => {
    const { el } = await setup({ item: single });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    el.response = [];
    await el.updateComplete;
    expect(inputs(el)[0]?.checked).to.be.true;
  });

  it('sends every chosen answer of a multiple-response item', async () => {
    const { el, answers } = await setup({ item: multiple, mode: 'assessment' });
    expect(inputs(el).map((i) => i.type)).to.deep.equal(['checkbox', 'checkbox', 'checkbox']);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(answers.map((a) => a.response)).to.deep.equal([['a'], ['a', 'c']]);

    await sendKeys({ press: 'Space' });
    expect(answers.at(-1)?.response, 'unticking reports the rest').to.deep.equal(['a']);
  });

  it('shows the feedback of every chosen answer of a multiple-response item', async () => {
    const { el } = await setup({ item: multiple, response: ['a', 'b'] });
    const status = part(el, '[role="status"]');
    expect(part(status, 'h3').textContent).to.equal('Not quite');
    expect(textOf(part(status, '.chosen'))).to.equal(
      'Does a job staff would otherwise do Yes: an institutional function. Is paid by the district Not a FERPA condition.',
    );
    expect(textOf(part(status, '.correct-answer'))).to.equal(
      'Does a job staff would otherwise do Is under direct control of the school Yes: direct control of records.',
    );
  });

  it('reports each change at once in assessment mode, with no Check button and no feedback', async () => {
    const { el, answers } = await setup({ item: single, mode: 'assessment' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(answers.map((a) => a.response)).to.deep.equal([['a'], ['b']]);
    expect(parts(el, 'button')).to.have.length(0);
    expect(parts(el, '.feedback')).to.have.length(0);
    expect(inputs(el).some((i) => i.disabled)).to.be.false;
  });

  it('shows a true/false item as a radio group with the two choices it carries', async () => {
    const { el, answers } = await setup({ item: trueFalse });
    expect(inputs(el).map((i) => `${i.type} ${i.value} ${textOf(i.closest('label') ?? i)}`)).to.deep.equal(['radio t True', 'radio f False']);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(answers[0]?.response).to.deep.equal(['f']);
    expect(textOf(part(el, '[role="status"]'))).to.contain('Most SROs stay police employees.');
  });

  it('shows the answer, whether it was right, the correct answer and feedback in review mode', async () => {
    const { el } = await setup({ item: single, mode: 'review', response: ['a'] });
    expect(inputs(el).map((i) => i.checked)).to.deep.equal([true, false, false]);
    expect(inputs(el).every((i) => i.disabled)).to.be.true;
    expect(parts(el, 'button')).to.have.length(0);
    const feedback = part(el, '.feedback');
    expect(feedback.getAttribute('role')).to.equal(null);
    expect(part(feedback, 'h3').textContent).to.equal('Not quite');
    expect(textOf(part(feedback, '.chosen'))).to.contain('Not alone: partners need a real say.');
    expect(textOf(part(feedback, '.correct-answer'))).to.equal('School staff with police, fire and EMS Step 1 is a collaborative team.');
  });

  it('says an unanswered item was not answered in review mode', async () => {
    const { el } = await setup({ item: single, mode: 'review' });
    expect(part(el, '.feedback h3').textContent).to.equal('Not answered');
    expect(textOf(part(el, '.correct-answer'))).to.contain('School staff with police, fire and EMS');
  });

  it('renders nothing without an item, or with an item of another type', async () => {
    const el = await fixture<SlepChoiceQuestion>(html`<slep-choice-question></slep-choice-question>`);
    expect(el.shadowRoot?.querySelector('fieldset')).to.equal(null);
    el.item = { type: 'matching' } as unknown as ChoiceItem;
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('fieldset')).to.equal(null);
  });
});
