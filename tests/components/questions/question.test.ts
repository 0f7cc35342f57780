import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SlepQuestion } from '../../../src/components/questions/question.js';
import '../../../src/components/questions/define.js';
import type { Item } from '../../../src/model/course.js';
import { matching, multiple, ordering, single, trueFalse } from './fixtures.js';
import { recordAnswers } from './helpers.js';

describe('slep-question', () => {
  const cases: Array<[Item, string]> = [
    [single, 'slep-choice-question'],
    [multiple, 'slep-choice-question'],
    [trueFalse, 'slep-choice-question'],
    [matching, 'slep-matching-question'],
    [ordering, 'slep-ordering-question'],
  ];
  for (const [item, tag] of cases) {
    it(`shows a ${item.type} item with <${tag}>, passing its properties through`, async () => {
      const order = ['b', 'a'];
      const el = await fixture<SlepQuestion>(html`<slep-question .item=${item} .response=${['a']} .order=${order} mode="review"></slep-question>`);
      const inner = el.shadowRoot?.firstElementChild;
      expect(inner?.localName).to.equal(tag);
      expect(inner).to.include({ item, mode: 'review', order });
      expect(inner).to.have.property('response').that.deep.equals(['a']);
    });
  }

  it('is accessible', async () => {
    const el = await fixture<SlepQuestion>(html`<slep-question .item=${single} mode="check"></slep-question>`);
    await expect(el).to.be.accessible();
  });

  it('passes the answer up from the inner element to the lesson', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <button>Before</button>
      <slep-question .item=${single} mode="assessment"></slep-question>
    </div>`);
    const answers = recordAnswers(wrapper);
    wrapper.querySelector('button')?.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    expect(answers.map((a) => [a.itemId, a.response])).to.deep.equal([['kc-single', ['a']]]);
  });

  it('renders nothing without an item', async () => {
    const el = await fixture<SlepQuestion>(html`<slep-question></slep-question>`);
    expect(el.shadowRoot?.children).to.have.length(0);
  });
});
