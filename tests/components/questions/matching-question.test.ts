import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SlepMatchingQuestion } from '../../../src/components/questions/matching-question.js';
import '../../../src/components/questions/define.js';
import { matching } from './fixtures.js';
import { part, parts, recordAnswers, textOf } from './helpers.js';

type Mode = SlepMatchingQuestion['mode'];

/** The question after a focusable "Before" button, so a test can Tab into it like a learner. */
async function setup(options: { mode?: Mode; response?: readonly string[]; order?: readonly string[] } = {}) {
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <button>Before</button>
    <slep-matching-question .item=${matching} .response=${options.response ?? []} .order=${options.order} mode=${options.mode ?? 'check'}></slep-matching-question>
  </div>`);
  const el = part<SlepMatchingQuestion>(wrapper, 'slep-matching-question');
  wrapper.querySelector('button')?.focus();
  return { el, answers: recordAnswers(el) };
}

function selects(el: SlepMatchingQuestion): HTMLSelectElement[] {
  return parts<HTMLSelectElement>(el, 'select');
}

describe('slep-matching-question', () => {
  for (const mode of ['check', 'assessment', 'review'] as const) {
    it(`is accessible in ${mode} mode`, async () => {
      const { el } = await setup({ mode, response: mode === 'review' ? ['1.b', '2.a', '3.c'] : [] });
      await expect(el).to.be.accessible();
    });
  }

  it('is accessible while showing feedback', async () => {
    const { el } = await setup({ response: ['1.b', '2.a', '3.c'] });
    await expect(el).to.be.accessible();
  });

  it('gives each prompt a native select labelled by the prompt, offering every target in display order', async () => {
    const { el } = await setup({ order: ['c', 'a', 'b'] });
    expect(textOf(part(el, 'fieldset > legend'))).to.equal('Match each goal to the exercise that fits it.');
    expect(selects(el).map((s) => s.labels[0] && textOf(s.labels[0]))).to.deep.equal([
      'Introduce new staff to the plan',
      'Talk through a made-up event',
      'Practise one function, such as a lockdown',
    ]);
    for (const select of selects(el)) {
      expect([...select.options].map((o) => o.text)).to.deep.equal(['Choose a match', 'Drill', 'Seminar', 'Tabletop exercise']);
    }
  });

  it('lets a keyboard user match every prompt and check the answer', async () => {
    const { el, answers } = await setup();
    const status = part(el, '[role="status"]');
    expect(textOf(status)).to.equal('');

    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' }); // Tabletop exercise
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' }); // Seminar
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' }); // Drill
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;

    expect(answers).to.have.length(1);
    expect(answers[0]?.itemId).to.equal('kc-matching');
    expect(answers[0]?.response).to.deep.equal(['1.b', '2.a', '3.c']);
    expect(part(status, 'h3').textContent).to.equal('Not quite');
    expect(textOf(status)).to.contain('Discussion comes before operations.');
    expect(parts(status, '.correct-answer li').map(textOf)).to.deep.equal([
      'Introduce new staff to the plan: Seminar (your answer: Tabletop exercise)',
      'Talk through a made-up event: Tabletop exercise (your answer: Seminar)',
      'Practise one function, such as a lockdown: Drill',
    ]);
    expect(selects(el).every((s) => s.disabled), 'the answer is locked while feedback shows').to.be.true;
  });

  it('lets a target be used for more than one prompt', async () => {
    const { answers } = await setup({ mode: 'assessment' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    expect(answers.map((a) => a.response)).to.deep.equal([['1.a'], ['1.a', '2.a']]);
  });

  it('reports the pairs chosen so far on every change in assessment mode, with no feedback', async () => {
    const { el, answers } = await setup({ mode: 'assessment' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    expect(answers.map((a) => a.response)).to.deep.equal([['2.a'], ['2.b'], ['2.b', '3.a'], ['2.b']]);
    expect(parts(el, 'button')).to.have.length(0);
    expect(parts(el, '.feedback')).to.have.length(0);
  });

  it('asks for every match before checking', async () => {
    const { el, answers } = await setup({ response: [] });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    part(el, 'button.primary').click();
    await el.updateComplete;
    expect(answers).to.have.length(0);
    expect(textOf(part(el, '[role="status"]'))).to.equal('Choose a match for every item, then check your answer.');
  });

  it('shows a resumed answer with its feedback', async () => {
    const { el } = await setup({ response: ['1.a', '2.b', '3.c'] });
    expect(selects(el).map((s) => s.value)).to.deep.equal(['a', 'b', 'c']);
    const status = part(el, '[role="status"]');
    expect(part(status, 'h3').textContent).to.equal('Correct');
    expect(textOf(status)).to.contain('They grow in scope.');
    expect(parts(status, '.correct-answer')).to.have.length(0);
  });

  it('lets the learner try again after checking', async () => {
    const { el } = await setup({ response: ['1.b', '2.a', '3.c'] });
    part(el, 'button.try-again').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(textOf(part(el, '[role="status"]'))).to.equal('');
    expect(selects(el).some((s) => s.disabled)).to.be.false;
    expect(el.shadowRoot?.activeElement).to.equal(selects(el)[0]);
  });

  it('shows a stored response containing markup as text, never as HTML', async () => {
    // Resume data is outside the course's control (an LMS, a browser backup): a target id
    // that is not one of the item's is shown verbatim, and nothing in it is parsed.
    const hostile = '<img src=x onerror="window.__slepInjected=1"><b id="injected">bold</b>';
    const { el } = await setup({ mode: 'review', response: [`1.${hostile}`, '2.b', '3.c'] });
    const list = part(el, '.correct-answer');
    expect(parts(el, '#injected, img, b')).to.have.length(0);
    expect(list.querySelectorAll('*').length, 'only the list items and their <strong>').to.equal(6);
    expect(textOf(list)).to.contain(`Introduce new staff to the plan: Seminar (your answer: ${hostile})`);
    expect((window as { __slepInjected?: number }).__slepInjected).to.equal(undefined);
  });

  it('shows the answer, the verdict and the correct matches in review mode', async () => {
    const { el } = await setup({ mode: 'review', response: ['1.b', '2.a', '3.c'] });
    expect(selects(el).map((s) => s.value)).to.deep.equal(['b', 'a', 'c']);
    expect(selects(el).every((s) => s.disabled)).to.be.true;
    expect(parts(el, 'button')).to.have.length(0);
    expect(part(el, '.feedback h3').textContent).to.equal('Not quite');
    expect(textOf(part(el, '.correct-answer'))).to.contain('Introduce new staff to the plan: Seminar (your answer: Tabletop exercise)');
  });
});
