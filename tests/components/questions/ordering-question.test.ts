import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SlepOrderingQuestion } from '../../../src/components/questions/ordering-question.js';
import '../../../src/components/questions/define.js';
import { ordering } from './fixtures.js';
import { part, parts, recordAnswers, textOf } from './helpers.js';

type Mode = SlepOrderingQuestion['mode'];

/** The question after a focusable "Before" button, so a test can Tab into it like a learner. */
async function setup(options: { mode?: Mode; response?: readonly string[]; order?: readonly string[] } = {}) {
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <button>Before</button>
    <slep-ordering-question .item=${ordering} .response=${options.response ?? []} .order=${options.order} mode=${options.mode ?? 'check'}></slep-ordering-question>
  </div>`);
  const el = part<SlepOrderingQuestion>(wrapper, 'slep-ordering-question');
  wrapper.querySelector('button')?.focus();
  return { el, answers: recordAnswers(el) };
}

function stepTexts(el: SlepOrderingQuestion): string[] {
  return parts(el, '.steps .step').map(textOf);
}

function focusedButton(el: SlepOrderingQuestion): string {
  return el.shadowRoot?.activeElement ? textOf(el.shadowRoot.activeElement) : '(none)';
}

function announcement(el: SlepOrderingQuestion): string {
  return textOf(part(el, '.visually-hidden[role="status"]'));
}

describe('slep-ordering-question', () => {
  for (const mode of ['check', 'assessment', 'review'] as const) {
    it(`is accessible in ${mode} mode`, async () => {
      const { el } = await setup({ mode, order: ['b', 'a', 'c', 'd'], response: mode === 'review' ? ['b', 'a', 'c', 'd'] : [] });
      await expect(el).to.be.accessible();
    });
  }

  it('is accessible while showing feedback', async () => {
    const { el } = await setup({ response: ['b', 'a', 'c', 'd'] });
    await expect(el).to.be.accessible();
  });

  it('shows the steps as an ordered list in the given order, with move buttons named after each step', async () => {
    const { el } = await setup({ order: ['d', 'c', 'b', 'a'] });
    expect(part(el, 'fieldset > ol.steps')).to.exist;
    expect(stepTexts(el)).to.deep.equal(['Write the plan', 'Set goals', 'Understand the situation', 'Form a team']);
    expect(parts(el, '.steps li:first-child button').map(textOf)).to.deep.equal(['Move up: Write the plan', 'Move down: Write the plan']);
    expect(part(el, '.steps li:first-child button').getAttribute('aria-disabled'), 'the first step cannot move up').to.equal('true');
    expect(part(el, '.steps li:last-child button:last-child').getAttribute('aria-disabled'), 'the last step cannot move down').to.equal('true');
  });

  it('lets a keyboard user move steps down and up, keeping focus and announcing each move', async () => {
    const { el, answers } = await setup({ mode: 'assessment', order: ['b', 'a', 'c', 'd'] });
    const region = part(el, '.visually-hidden[role="status"]');
    expect(textOf(region)).to.equal('');

    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focusedButton(el)).to.equal('Move down: Understand the situation');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(stepTexts(el)).to.deep.equal(['Form a team', 'Understand the situation', 'Set goals', 'Write the plan']);
    expect(focusedButton(el), 'focus stays on the moved step').to.equal('Move down: Understand the situation');
    expect(part(el, '.visually-hidden[role="status"]'), 'the live region was there before').to.equal(region);
    expect(announcement(el)).to.equal('Understand the situation moved to position 2 of 4');

    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(announcement(el)).to.equal('Understand the situation moved to position 3 of 4');

    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focusedButton(el)).to.equal('Move up: Understand the situation');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(focusedButton(el)).to.equal('Move up: Understand the situation');
    expect(announcement(el)).to.equal('Understand the situation moved to position 2 of 4');

    expect(answers.map((a) => a.response)).to.deep.equal([
      ['a', 'b', 'c', 'd'],
      ['a', 'c', 'b', 'd'],
      ['a', 'b', 'c', 'd'],
    ]);
    expect(answers[0]?.itemId).to.equal('kc-ordering');
  });

  it('announces a step with markup by its text', async () => {
    const { el } = await setup({ mode: 'assessment' });
    part(el, '.steps li:last-child button').click();
    await el.updateComplete;
    expect(announcement(el)).to.equal('Write the plan moved to position 3 of 4');
    expect(focusedButton(el)).to.equal('Move up: Write the plan');
  });

  it('does not move the first step up or the last step down', async () => {
    const { el, answers } = await setup({ mode: 'assessment', order: ['b', 'a', 'c', 'd'] });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    part(el, '.steps li:last-child button:last-child').click();
    await el.updateComplete;
    expect(answers).to.have.length(0);
    expect(stepTexts(el)[0]).to.equal('Understand the situation');
    expect(focusedButton(el)).to.equal('Move up: Understand the situation');
  });

  it('lets the learner keep the order shown in assessment mode', async () => {
    const { el, answers } = await setup({ mode: 'assessment', order: ['c', 'a', 'b', 'd'] });
    expect(parts(el, '.feedback')).to.have.length(0);
    const keep = parts(el, 'button').find((b) => textOf(b) === 'Keep this order');
    expect(keep).to.exist;
    keep?.focus();
    await sendKeys({ press: 'Enter' });
    expect(answers.map((a) => a.response)).to.deep.equal([['c', 'a', 'b', 'd']]);
  });

  it('reports nothing until Check answer in check mode, then gives the feedback and the correct order', async () => {
    const { el, answers } = await setup({ order: ['b', 'a', 'c', 'd'] });
    const status = part(el, '.feedback[role="status"]');
    expect(textOf(status)).to.equal('');
    part(el, '.steps li:last-child button').click();
    await el.updateComplete;
    expect(answers).to.have.length(0);

    part(el, 'button.primary').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(answers.map((a) => a.response)).to.deep.equal([['b', 'a', 'd', 'c']]);
    expect(part(status, 'h3').textContent).to.equal('Not quite');
    expect(textOf(status)).to.contain('Start with the team.');
    expect(parts(status, '.correct-answer li').map(textOf)).to.deep.equal(['Form a team', 'Understand the situation', 'Set goals', 'Write the plan']);
    expect(parts(el, '.steps button'), 'the order is locked while feedback shows').to.have.length(0);
    expect(focusedButton(el)).to.equal('Try again');
  });

  it('shows a resumed right order with its feedback and no "Try again": there is nothing to retry', async () => {
    const { el } = await setup({ response: ['a', 'b', 'c', 'd'], order: ['d', 'c', 'b', 'a'] });
    expect(stepTexts(el)).to.deep.equal(['Form a team', 'Understand the situation', 'Set goals', 'Write the plan']);
    expect(part(el, '.feedback h3').textContent).to.equal('Correct');
    // The authored "Right:" is not said again under the verdict.
    expect(textOf(part(el, '.feedback'))).to.equal('Correct The team comes first.');
    expect(parts(el, 'button').map(textOf).filter((t) => /try again/i.test(t))).to.deep.equal([]);
  });

  it('shows a resumed wrong order with its feedback and lets the learner try again', async () => {
    const { el } = await setup({ response: ['b', 'a', 'c', 'd'], order: ['d', 'c', 'b', 'a'] });
    expect(part(el, '.feedback h3').textContent).to.equal('Not quite');
    part(el, 'button.try-again').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(textOf(part(el, '.feedback'))).to.equal('');
    expect(focusedButton(el)).to.equal('Move up: Understand the situation');
  });

  it('shows the learner order, the verdict and the correct order in review mode', async () => {
    const { el } = await setup({ mode: 'review', response: ['b', 'a', 'c', 'd'] });
    expect(stepTexts(el)).to.deep.equal(['Understand the situation', 'Form a team', 'Set goals', 'Write the plan']);
    expect(parts(el, 'button')).to.have.length(0);
    expect(part(el, '.feedback h3').textContent).to.equal('Not quite');
    expect(parts(el, '.correct-answer li').map(textOf)).to.deep.equal(['Form a team', 'Understand the situation', 'Set goals', 'Write the plan']);
  });
});
