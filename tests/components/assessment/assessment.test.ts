import { ContextProvider } from '@lit/context';
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/assessment/define.js';
import type { SlepAssessment } from '../../../src/components/assessment/assessment.js';
import { storeContext, launchContext } from '../../../src/context.js';
import type { SlepAssessmentAnswerEvent, SlepAssessmentEvent } from '../../../src/events/assessment.js';
import type { SlepNavigateEvent } from '../../../src/events/navigate.js';
import type { ChoiceItem, CourseModel, Item } from '../../../src/model/course.js';
import { correctResponse } from '../../../src/model/response.js';
import type { LearnerResponse } from '../../../src/model/response.js';
import { initialState, optionOrder, PAGES } from '../../../src/state/attempt.js';
import type { AttemptState } from '../../../src/state/attempt.js';
import { AttemptStore } from '../../../src/state/store.js';
import type { LaunchInfo } from '../../../src/model/launch.js';

// A tiny course: 3 outcomes (one objective each) × 2 items, one item drawn per objective, 2 attempts, shuffled.

function item(id: string, outcome: string, type: 'single' | 'true-false'): ChoiceItem {
  const ids = type === 'true-false' ? ['a', 'b'] : ['a', 'b', 'c', 'd'];
  return {
    id,
    outcome,
    objective: `${outcome}-obj`,
    type,
    stemHtml: `<p>Stem of ${id}?</p>`,
    stemText: `Stem of ${id}?`,
    source: 'Test source',
    choices: ids.map((c, i) => ({ id: c, html: `Choice ${c} of ${id}`, correct: i === 1, feedbackHtml: `Feedback ${c}` })),
  };
}

const course: CourseModel = {
  id: 'https://example.org/courses/test',
  slug: 'test',
  title: 'Test course',
  version: '1.0.0',
  language: 'en',
  description: 'A test course.',
  publisher: 'Tests',
  issuer: 'Tests',
  minutes: 10,
  creditHours: 0.5,
  masteryScore: 0.8,
  noticeHtml: '<p>Notice</p>',
  revision: '2026-12-01',
  reviewCycle: 'Every 12 months',
  scopeHtml: '<p>Scope</p>',
  attributionHtml: '<p>Attribution</p>',
  outcomes: [
    { id: 'roles', text: 'Describe the roles of the partners' },
    { id: 'sharing', text: 'Explain when records may be shared' },
    { id: 'planning', text: 'Plan a joint exercise' },
  ],
  objectives: ['roles', 'sharing', 'planning'].map((o) => ({ id: `${o}-obj`, lesson: 'lesson', outcome: o, text: o, condition: 'Given a case', standard: 'correctly', draw: 1 })),
  completion: { allLessons: true, requireAssessment: true, scorm12Status: 'passed-failed', cmi5MoveOn: 'CompletedAndPassed' },
  assessment: { itemsPerAttempt: 3, minutes: 5, attempts: 2, shuffle: true },
  lessons: [],
  checks: [],
  bank: [
    item('roles-1', 'roles', 'single'),
    item('roles-2', 'roles', 'true-false'),
    item('sharing-1', 'sharing', 'single'),
    item('sharing-2', 'sharing', 'single'),
    item('planning-1', 'planning', 'true-false'),
    item('planning-2', 'planning', 'single'),
  ],
  workbook: { introHtml: '', questions: [], checklist: { title: 'Checklist', introHtml: '', items: [] } },
  resources: [],
};

function status(masteryScore: number): LaunchInfo {
  return { kind: 'scorm12', learnerName: 'Doe, Jo', masteryScore, mode: 'normal', priorSeconds: 0, sessionStart: Date.now(), registration: '' };
}

interface Mounted {
  el: SlepAssessment;
  store: AttemptStore;
  /** Every event that reached the host, in order. */
  events: Event[];
}

/**
 * A test host like the course shell: provides the store and tracking status by
 * context and applies the assessment events to the store (unless `apply` is false).
 */
async function mount(options: { state?: AttemptState; masteryScore?: number; apply?: boolean } = {}): Promise<Mounted> {
  const store = new AttemptStore(course, options.state);
  const host = document.createElement('div');
  new ContextProvider(host, { context: storeContext, initialValue: store });
  const tracking = new ContextProvider(host, { context: launchContext, initialValue: status(options.masteryScore ?? 0.8) });
  const events: Event[] = [];
  let seed = 11;
  const apply = options.apply ?? true;
  host.addEventListener('slep-assessment', (event: SlepAssessmentEvent) => {
    events.push(event);
    if (!apply) return;
    if (event.command === 'start') store.dispatch({ type: 'start-assessment', seed: seed++, now: Date.now() });
    else store.dispatch({ type: 'submit', masteryScore: tracking.value.masteryScore, now: Date.now() });
  });
  host.addEventListener('slep-assessment-answer', (event: SlepAssessmentAnswerEvent) => {
    events.push(event);
    if (apply) store.dispatch({ type: 'answer', itemId: event.itemId, response: event.response, latency: event.latency, now: Date.now() });
  });
  host.addEventListener('slep-answer', (event) => events.push(event));
  host.addEventListener('slep-navigate', (event) => events.push(event));
  const el = document.createElement('slep-assessment');
  host.append(el);
  await fixture(host);
  await el.updateComplete;
  return { el, store, events };
}

const normalise = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const root = (el: Element): ShadowRoot => {
  if (!el.shadowRoot) throw new Error(`${el.localName} has no shadow root`);
  return el.shadowRoot;
};
const pageText = (el: SlepAssessment) => normalise(root(el).textContent);
const liveRegion = (el: SlepAssessment) => normalise(root(el).querySelector('[role="status"]')?.textContent);

function buttons(el: SlepAssessment): HTMLButtonElement[] {
  return [...root(el).querySelectorAll('button')];
}

function findButton(el: SlepAssessment, label: string | RegExp): HTMLButtonElement | undefined {
  return buttons(el).find((b) => (typeof label === 'string' ? normalise(b.textContent) === label : label.test(normalise(b.textContent))));
}

function button(el: SlepAssessment, label: string | RegExp): HTMLButtonElement {
  const found = findButton(el, label);
  if (!found) throw new Error(`No button "${String(label)}" in: ${buttons(el).map((b) => normalise(b.textContent)).join(' | ')}`);
  return found;
}

/** What the page relies on of `slep-question` (its public properties). */
interface QuestionElement extends HTMLElement {
  item?: Item;
  response: LearnerResponse;
  order?: readonly string[];
  mode: string;
  readonly updateComplete: Promise<boolean>;
}

function questions(el: SlepAssessment, selector = 'slep-question'): QuestionElement[] {
  return [...root(el).querySelectorAll<QuestionElement>(selector)];
}

function question(el: SlepAssessment): QuestionElement {
  const q = questions(el)[0];
  if (!q) throw new Error('No question on screen');
  return q;
}

function questionItem(el: SlepAssessment): Item {
  const it = question(el).item;
  if (!it) throw new Error('The question has no item');
  return it;
}

function hasButton(el: SlepAssessment, label: string | RegExp): boolean {
  return findButton(el, label) !== undefined;
}

/**
 * The id of the element focused in the page, or '(none)'. Assertions compare ids and
 * text, never elements: a failed equality between DOM nodes hangs the test runner.
 */
function focusedId(el: SlepAssessment): string {
  return root(el).activeElement?.id || '(none)';
}

/** The deepest focused element, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Elements matching `selector` anywhere under `node`, through nested shadow roots (the question wraps a per-type element). */
function deepQueryAll<E extends Element>(node: ParentNode, selector: string): E[] {
  const found = [...node.querySelectorAll<E>(selector)];
  for (const child of node.querySelectorAll('*')) if (child.shadowRoot) found.push(...deepQueryAll<E>(child.shadowRoot, selector));
  return found;
}

/** Waits for the page and every Lit element inside it (questions and their inner elements) to render. */
async function settle(el: SlepAssessment): Promise<void> {
  for (let pass = 0; pass < 2; pass++) {
    await el.updateComplete;
    const inner = deepQueryAll<Element>(root(el), '*').filter((x): x is Element & { updateComplete: Promise<boolean> } => 'updateComplete' in x);
    await Promise.all(inner.map((x) => x.updateComplete));
  }
}

/** Answers the question on screen the way a learner does: by clicking a choice in the real question. */
async function choose(el: SlepAssessment, choiceId: string): Promise<void> {
  await settle(el);
  const input = deepQueryAll<HTMLInputElement>(root(question(el)), `input[value="${choiceId}"]`)[0];
  if (!input) throw new Error(`No choice ${choiceId}`);
  input.click();
  await settle(el);
}

const right = (it: Item) => correctResponse(it)[0] ?? '';
const wrong = (it: Item) => (right(it) === 'a' ? 'b' : 'a');

/** Answers the attempt under way from question 1 with Next: right, except at the indexes in `wrongAt`; `skip` leaves some unanswered. */
async function answerAll(el: SlepAssessment, options: { wrongAt?: number[]; skip?: number[] } = {}): Promise<Item[]> {
  const seen: Item[] = [];
  for (let i = 0; i < 3; i++) {
    const it = questionItem(el);
    seen.push(it);
    if (!options.skip?.includes(i)) await choose(el, options.wrongAt?.includes(i) ? wrong(it) : right(it));
    button(el, i < 2 ? 'Next question' : 'Review and submit').click();
    await settle(el);
  }
  return seen;
}

/** Starts an attempt (from the introduction or the result) and answers it. */
async function runAttempt(el: SlepAssessment, options: { wrongAt?: number[]; skip?: number[] } = {}): Promise<Item[]> {
  button(el, findButton(el, /^Start attempt/) ? /^Start attempt/ : /^Try again/).click();
  await settle(el);
  return answerAll(el, options);
}

async function submitFromReview(el: SlepAssessment): Promise<void> {
  button(el, 'Submit answers').click();
  await settle(el);
  const anyway = findButton(el, 'Submit anyway');
  if (anyway) {
    anyway.click();
    await settle(el);
  }
}

async function tabUntil(predicate: (el: Element | null) => boolean, what: string): Promise<Element> {
  for (let i = 0; i < 40; i++) {
    await sendKeys({ press: 'Tab' });
    const active = deepActive();
    if (predicate(active) && active) return active;
  }
  throw new Error(`Tabbing never reached ${what}`);
}

const isButton = (label: string) => (el: Element | null) => el instanceof HTMLButtonElement && normalise(el.textContent) === label;

describe('slep-assessment', () => {
  describe('before any attempt', () => {
    it('shows the passing score from the LMS mastery score, not the course default', async () => {
      const { el } = await mount({ masteryScore: 0.7 });
      const text = pageText(el);
      expect(text).to.include('Passing score 70%');
      expect(text).not.to.include('80%');
      expect(text).to.include('3 questions, drawn so that every lesson objective of the course\'s 3 learning outcomes is tested');
      expect(text).to.include('0 of 2 used');
      expect(text).to.include('No attempt submitted yet');
      expect(hasButton(el, 'Start attempt 1')).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('only asks the shell to start: the store is never changed by the element', async () => {
      const { el, store, events } = await mount({ apply: false });
      const before = store.state;
      button(el, 'Start attempt 1').click();
      await settle(el);
      expect(events.map((e) => e.type)).to.deep.equal(['slep-assessment']);
      expect((events[0] as SlepAssessmentEvent).command).to.equal('start');
      expect(store.state).to.equal(before);
      expect(hasButton(el, 'Start attempt 1')).to.equal(true);
    });
  });

  describe('during an attempt', () => {
    it('starting shows question 1 of 3 with focus on its heading', async () => {
      const { el, store } = await mount();
      button(el, 'Start attempt 1').click();
      await settle(el);
      const heading = root(el).querySelector('#question-heading');
      expect(normalise(heading?.textContent)).to.equal('Question 1 of 3');
      expect(focusedId(el)).to.equal('question-heading');
      const a = store.state.assessment;
      const q = question(el);
      expect(q.mode).to.equal('assessment');
      expect(q.item?.id).to.equal(a.items[0]);
      expect(q.order).to.deep.equal(optionOrder(course, questionItem(el), a.seed));
      expect(liveRegion(el)).to.include('Attempt 1 started');
      await expect(el).to.be.accessible();
    });

    it('moves between questions with Next, Previous and the navigator, focusing each heading', async () => {
      const { el, store } = await mount();
      button(el, 'Start attempt 1').click();
      await settle(el);
      const items = store.state.assessment.items;
      button(el, 'Next question').click();
      await settle(el);
      expect(normalise(root(el).activeElement?.textContent)).to.equal('Question 2 of 3');
      expect(questionItem(el).id).to.equal(items[1]);
      button(el, 'Question 3, not answered').click();
      await settle(el);
      expect(normalise(root(el).activeElement?.textContent)).to.equal('Question 3 of 3');
      expect(button(el, 'Question 3, not answered').getAttribute('aria-current')).to.equal('step');
      expect(button(el, 'Question 1, not answered').hasAttribute('aria-current')).to.equal(false);
      button(el, 'Previous question').click();
      await settle(el);
      expect(questionItem(el).id).to.equal(items[1]);
      button(el, 'Question 1, not answered').click();
      await settle(el);
      expect(button(el, 'Previous question').disabled).to.equal(true);
    });

    it('answering dispatches SlepAssessmentAnswerEvent with a latency and stops the question’s own event', async () => {
      const { el, store, events } = await mount();
      button(el, 'Start attempt 1').click();
      await settle(el);
      const it = questionItem(el);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await choose(el, right(it));
      const answers = events.filter((e): e is SlepAssessmentAnswerEvent => e.type === 'slep-assessment-answer');
      expect(answers).to.have.length(1);
      expect(answers[0]?.itemId).to.equal(it.id);
      expect(answers[0]?.response).to.deep.equal([right(it)]);
      expect(answers[0]?.latency).to.be.within(0.25, 10);
      expect(events.some((e) => e.type === 'slep-answer'), 'slep-answer must not reach the shell').to.equal(false);
      expect(store.state.assessment.answers[it.id]?.response).to.deep.equal([right(it)]);
      expect(hasButton(el, /^Question 1 ✓, answered$/)).to.equal(true);
    });

    it('resumes an attempt with the same items in the same order and the answers, at the first unanswered question', async () => {
      const seed = 99;
      // Not the order drawItems would give: the element must show the stored order, not redraw.
      const items = ['planning-2', 'roles-1', 'sharing-2'];
      const answers: Record<string, { response: LearnerResponse; latency: number; at: number }> = {
        'planning-2': { response: ['c'], latency: 5, at: 1 },
        'roles-1': { response: ['b'], latency: 7, at: 2 },
      };
      const state: AttemptState = {
        ...initialState(),
        location: PAGES.assessment,
        assessment: { ...initialState().assessment, attempt: 1, seed, items, answers },
      };
      const { el } = await mount({ state });
      expect(normalise(root(el).querySelector('#question-heading')?.textContent)).to.equal('Question 3 of 3');
      expect(questionItem(el).id).to.equal('sharing-2');
      expect(hasButton(el, 'Question 1 ✓, answered')).to.equal(true);
      expect(hasButton(el, 'Question 2 ✓, answered')).to.equal(true);
      expect(hasButton(el, 'Question 3, not answered')).to.equal(true);
      for (const [i, id] of items.entries()) {
        button(el, new RegExp(`^Question ${i + 1}\\b`)).click();
        await settle(el);
        const q = question(el);
        expect(q.item?.id).to.equal(id);
        expect(q.response).to.deep.equal(answers[id]?.response ?? []);
        expect(q.order).to.deep.equal(optionOrder(course, questionItem(el), seed));
        const checked = deepQueryAll<HTMLInputElement>(root(q), 'input').filter((x) => x.checked).map((x) => x.value);
        expect(checked).to.deep.equal(answers[id]?.response ?? []);
      }
    });

    it('submitting with unanswered questions asks inline, can be cancelled, and submits on confirm', async () => {
      const { el, store, events } = await mount();
      const originalConfirm = window.confirm;
      window.confirm = () => {
        throw new Error('confirm() must not be used');
      };
      try {
        button(el, 'Start attempt 1').click();
        await settle(el);
        await choose(el, right(questionItem(el)));
        button(el, 'Review and submit').click();
        await settle(el);
        expect(normalise(root(el).activeElement?.textContent)).to.equal('Review and submit');
        expect(pageText(el)).to.include('You have answered 1 of 3 questions');
        const listed = [...root(el).querySelectorAll('.unanswered button')].map((b) => normalise(b.textContent));
        expect(listed).to.have.length(2);
        expect(listed[0]).to.match(/^Question 2: Stem of /);
        expect(listed[1]).to.match(/^Question 3: Stem of /);

        button(el, 'Submit answers').click();
        await settle(el);
        const isSubmit = (e: Event) => e.type === 'slep-assessment' && (e as SlepAssessmentEvent).command === 'submit';
        expect(events.some(isSubmit)).to.equal(false);
        const message = root(el).querySelector('#confirm-message');
        expect(normalise(message?.textContent)).to.match(/^You have 2 unanswered questions\..*Submit anyway\?$/);
        expect(focusedId(el)).to.equal('confirm-message');
        await expect(el).to.be.accessible();

        button(el, 'Keep working').click();
        await settle(el);
        expect(root(el).querySelector('#confirm-message') === null, 'the confirmation closes').to.equal(true);
        expect(focusedId(el)).to.equal('submit');
        expect(store.state.assessment.submitted).to.equal(false);

        button(el, 'Submit answers').click();
        await settle(el);
        button(el, 'Submit anyway').click();
        await settle(el);
        expect(events.filter(isSubmit)).to.have.length(1);
        expect(store.state.assessment.submitted).to.equal(true);
        expect(focusedId(el)).to.equal('result-heading');
      } finally {
        window.confirm = originalConfirm;
      }
    });

    it('submits at once, without asking, when every question is answered', async () => {
      const { el, store } = await mount();
      await runAttempt(el);
      button(el, 'Submit answers').click();
      await settle(el);
      expect(store.state.assessment.submitted).to.equal(true);
    });
  });

  describe('after submitting', () => {
    it('shows the score, failed against the mastery score, and a row per outcome', async () => {
      const { el, store } = await mount();
      const seen = await runAttempt(el, { wrongAt: [1] });
      await submitFromReview(el);
      expect(normalise(root(el).querySelector('.score')?.textContent)).to.equal('67%');
      expect(pageText(el)).to.include('Not passed');
      expect(liveRegion(el)).to.equal('Attempt submitted. Your score is 67%. You did not pass: the passing score is 80%.');
      const rows = [...root(el).querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => normalise(td.textContent)));
      const expected = course.outcomes.map((o) => [o.text, seen.findIndex((s) => s.outcome === o.id) === 1 ? '0 of 1' : '1 of 1']);
      expect(rows).to.deep.equal(expected);
      expect(store.state.assessment.passed).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('shows a pass against the LMS mastery score and links to the certificate', async () => {
      const { el, events } = await mount({ masteryScore: 0.6 });
      await runAttempt(el, { wrongAt: [0] });
      await submitFromReview(el);
      expect(normalise(root(el).querySelector('.score')?.textContent)).to.equal('67%');
      expect(liveRegion(el)).to.equal('Attempt submitted. Your score is 67%. You passed.');
      expect(pageText(el)).to.include('Passed');
      const link = root(el).querySelector<HTMLAnchorElement>('a[href="#certificate"]');
      expect(link !== null, 'a link to the certificate').to.equal(true);
      link?.click();
      const navigate = events.find((e): e is SlepNavigateEvent => e.type === 'slep-navigate');
      expect(navigate?.page).to.equal(PAGES.certificate);
    });

    it('lists every item of the attempt for review, in order, with the answers and the attempt’s option order', async () => {
      const { el, store } = await mount();
      await runAttempt(el, { skip: [2] });
      await submitFromReview(el);
      const a = store.state.assessment;
      const reviewed = questions(el, 'ol.review slep-question');
      expect(reviewed.map((q) => q.item?.id)).to.deep.equal(a.items);
      for (const q of reviewed) {
        expect(q.mode).to.equal('review');
        expect(q.response).to.deep.equal(a.answers[q.item?.id ?? '']?.response ?? []);
        if (q.item) expect(q.order).to.deep.equal(optionOrder(course, q.item, a.seed));
      }
      expect([...root(el).querySelectorAll('ol.review h3')].map((h) => normalise(h.textContent))).to.deep.equal(['Question 1', 'Question 2', 'Question 3']);
    });

    it('offers Try again only while attempts remain and the learner has not passed', async () => {
      const { el, store } = await mount();
      await runAttempt(el, { wrongAt: [0, 1] });
      await submitFromReview(el);
      expect(pageText(el)).to.include('You have 1 attempt left');
      button(el, 'Try again (attempt 2 of 2)').click();
      await settle(el);
      expect(store.state.assessment.attempt).to.equal(2);
      expect(focusedId(el)).to.equal('question-heading');
      expect(normalise(root(el).activeElement?.textContent)).to.equal('Question 1 of 3');
      expect(hasButton(el, 'Question 1, not answered'), 'a new attempt starts with no answers').to.equal(true);

      await answerAll(el, { wrongAt: [0, 1, 2] });
      await submitFromReview(el);
      expect(store.state.assessment.submitted).to.equal(true);
      expect(hasButton(el, /^Try again/)).to.equal(false);
      expect(pageText(el)).to.include('You have used all 2 attempts');
    });

    it('offers no new attempt once passed, and the introduction says so on a later visit', async () => {
      const { el, store } = await mount();
      await runAttempt(el);
      await submitFromReview(el);
      expect(store.state.assessment.passed).to.equal(true);
      expect(hasButton(el, /^Try again/)).to.equal(false);

      const later = await mount({ state: store.state });
      const text = pageText(later.el);
      expect(text).to.include('You passed with 100%');
      expect(text).to.include('1 of 2 used');
      expect(root(later.el).querySelector('.badge')?.textContent).to.equal('Passed');
      expect(hasButton(later.el, /^Start attempt/)).to.equal(false);
      button(later.el, 'See the result of attempt 1').click();
      await settle(later.el);
      expect(normalise(root(later.el).querySelector('.score')?.textContent)).to.equal('100%');
      await expect(later.el).to.be.accessible();
    });

    it('says plainly on the introduction when no attempts are left', async () => {
      const { el, store } = await mount();
      await runAttempt(el, { wrongAt: [0, 1, 2] });
      await submitFromReview(el);
      await runAttempt(el, { wrongAt: [0, 1, 2] });
      await submitFromReview(el);
      const later = await mount({ state: store.state });
      expect(pageText(later.el)).to.include('You have used all 2 attempts, so the assessment cannot be taken again. Your best score is 0%.');
      expect(hasButton(later.el, /^Start attempt/)).to.equal(false);
      await expect(later.el).to.be.accessible();
    });
  });

  it('is accessible on every screen', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
    button(el, 'Start attempt 1').click();
    await settle(el);
    await expect(el).to.be.accessible();
    button(el, 'Review and submit').click();
    await settle(el);
    await expect(el).to.be.accessible();
    button(el, 'Submit answers').click();
    await settle(el);
    await expect(el).to.be.accessible();
    button(el, 'Submit anyway').click();
    await settle(el);
    expect(root(el).querySelector('#result-heading') !== null, 'the result shows').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('can be taken from start to result with the keyboard alone', async () => {
    const { el, store } = await mount();
    root(el).querySelector<HTMLElement>('h1')?.focus();
    await tabUntil(isButton('Start attempt 1'), 'the Start button');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    for (let i = 0; i < 3; i++) {
      expect(normalise(deepActive()?.textContent)).to.equal(`Question ${i + 1} of 3`);
      await tabUntil((x) => x instanceof HTMLInputElement && x.type === 'radio', `a choice of question ${i + 1}`);
      await sendKeys({ press: 'Space' });
      await settle(el);
      const label = i < 2 ? 'Next question' : 'Review and submit';
      await tabUntil(isButton(label), label);
      await sendKeys({ press: 'Enter' });
      await settle(el);
    }
    expect(normalise(deepActive()?.textContent)).to.equal('Review and submit');
    expect(Object.keys(store.state.assessment.answers)).to.have.length(3);
    await tabUntil(isButton('Submit answers'), 'Submit answers');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(store.state.assessment.submitted).to.equal(true);
    expect(focusedId(el)).to.equal('result-heading');
  });
});
