import { expect, fixture } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../../src/components/course/define.js';
// Every page defined up front: these tests are about the shell, not about loading pages as needed.
import '../../../src/components/lesson/define.js';
import '../../../src/components/assessment/define.js';
import '../../../src/components/pages/define.js';
import type { SlepCourse } from '../../../src/components/course/course.js';
import { connectShell } from '../../../src/app.js';
import { AttemptStore } from '../../../src/state/store.js';
import { LocalDriver } from '../../../src/tracking/local.js';
import { Tracker } from '../../../src/tracking/tracker.js';
import { courseModel } from '../../fixtures/course-model.js';
import type { CourseModel } from '../../../src/model/course.js';
import { correctResponse } from '../../../src/model/response.js';
import { deepQueryAll, memoryStorage } from '../../integration/harness.js';

async function mount(options: { storage?: Storage; course?: CourseModel } = {}) {
  const course = options.course ?? courseModel();
  const store = new AttemptStore(course);
  const storage = (options.storage ?? memoryStorage()) as Storage;
  const tracker = new Tracker({ course, store, driver: new LocalDriver('test', storage) });
  const launch = await tracker.start();
  const shell = document.createElement('slep-course');
  connectShell({ shell, store, tracker, launch });
  const el = await fixture<SlepCourse>(shell);
  return { el, store, tracker, course, storage };
}

const shadow = (el: HTMLElement) => el.shadowRoot as ShadowRoot;
const button = (el: HTMLElement, text: RegExp) => [...shadow(el).querySelectorAll('button')].find((b) => text.test(b.textContent ?? ''));

describe('slep-course', () => {
  it('shows the welcome page with the course title, outcomes and notice, and is accessible', async () => {
    const { el, course } = await mount();
    const text = deepQueryAll(shadow(el), 'h1, li, p').map((e) => e.textContent).join(' ');
    expect(text).to.contain(course.title);
    expect(text).to.contain(course.outcomes[0]?.text);
    expect(text).to.contain('Not legal advice');
    await expect(el).to.be.accessible();
  });

  it('tells the learner that progress is kept on this device when there is no LMS', async () => {
    const { el } = await mount();
    expect(shadow(el).querySelector('.banner')?.textContent).to.match(/saved in this browser on this device only/);
  });

  it('says a new status message in the page-wide live region too, so a screen reader announces it', async () => {
    const { el } = await mount();
    const live = shadow(el).querySelector('.visually-hidden[role="status"]');
    expect(live?.textContent).to.match(/saved in this browser on this device only/);
    el.saveStatus = { message: 'The course is still connecting to your learning system.', level: 'info', saving: false, ended: false, readOnly: false };
    await el.updateComplete;
    expect(live?.textContent?.trim()).to.equal('The course is still connecting to your learning system.');
    expect(shadow(el).querySelector('.visually-hidden[role="status"]'), 'the same region, not a new one').to.equal(live);
    el.saveStatus = { message: '', level: 'ok', saving: false, ended: false, readOnly: false };
    await el.updateComplete;
    expect(live?.textContent?.trim(), 'emptied when the message goes').to.equal('');
  });

  it('goes forward with Next, shows "Lesson 1 of 3" and the percent complete, and marks the TOC', async () => {
    const { el, store } = await mount();
    button(el, /Next/)?.click();
    await el.updateComplete;
    expect(store.state.location).to.equal('lesson-one');
    expect(shadow(el).querySelector('header')?.textContent).to.contain('Lesson 1 of 3');
    expect(shadow(el).querySelector('header')?.textContent).to.contain('0% complete', 'opening a lesson does not finish it');
    const current = shadow(el).querySelector('nav a[aria-current="page"]');
    expect(current?.textContent).to.contain('Lesson one');
    await expect(el).to.be.accessible();
  });

  it('moves focus to the new page heading for keyboard and screen-reader users', async () => {
    const { el } = await mount();
    el.go('lesson-two');
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    const lesson = shadow(el).querySelector('slep-lesson');
    expect(lesson?.shadowRoot?.activeElement?.tagName).to.equal('H1');
  });

  it('can be driven with the keyboard alone through the table of contents', async () => {
    const { el, store } = await mount();
    const links = [...shadow(el).querySelectorAll<HTMLAnchorElement>('nav a')];
    links[2]?.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(store.state.location).to.equal('lesson-two');
  });

  it('offers to continue where the learner left off after a relaunch', async () => {
    const storage = memoryStorage() as Storage;
    const first = await mount({ storage });
    first.el.go('lesson-two');
    await first.el.updateComplete;
    first.tracker.finish();
    first.el.remove();
    const again = await mount({ storage });
    expect(again.store.state.location).to.equal('lesson-two');
    expect(shadow(again.el).querySelector('.resume')?.textContent).to.contain('Lesson two');
    button(again.el, /Continue where you left off/)?.click();
    await again.el.updateComplete;
    // Compare a boolean: a failing DOM-node equality makes the test runner hang.
    expect(shadow(again.el).querySelector('.resume') === null).to.equal(true);
    await expect(again.el).to.be.accessible();
  });

  it('says the session has ended after Save and exit', async () => {
    const { el, tracker } = await mount();
    button(el, /Save and exit/)?.click();
    await el.updateComplete;
    expect(tracker.status.ended).to.equal(true);
    expect(button(el, /Save and exit/)?.disabled).to.equal(true);
  });

  it('counts a lesson done only at its end with its check answered, names the mark in words, and never marks a failed assessment', async () => {
    const { el, store, course } = await mount();
    el.go('lesson-one');
    await el.updateComplete;
    store.dispatch({ type: 'check', itemId: 'kc-one', response: ['a'] });
    await el.updateComplete;
    const link = () => shadow(el).querySelectorAll('nav a')[1] as HTMLElement;
    expect(link().textContent?.replace(/\s+/g, ' ').trim()).to.equal('Lesson 1: Lesson one', 'answered, but the end is not reached');
    button(el, /^Next/)?.click();
    await el.updateComplete;
    expect(link().textContent?.replace(/\s+/g, ' ').trim()).to.equal('✓ Lesson 1: Lesson one, done');
    expect(shadow(el).querySelector('header')?.textContent).to.contain('25% complete');
    // A failed attempt: no done mark on the assessment.
    store.dispatch({ type: 'start-assessment', seed: 3, now: 1 });
    for (const id of store.state.assessment.items) store.dispatch({ type: 'answer', itemId: id, response: ['zz'], latency: 1, now: 2 });
    store.dispatch({ type: 'submit', masteryScore: 0.8, now: 3 });
    await el.updateComplete;
    const assessmentLink = shadow(el).querySelector('nav a[href="#assessment"]');
    expect(assessmentLink?.textContent).not.to.match(/✓|done/);
    expect(course.lessons.length).to.equal(3);
  });

  it('closes the contents menu with Escape and returns focus to its button', async () => {
    // The contents menu collapses behind its button on narrow screens.
    await setViewport({ width: 400, height: 800 });
    const { el } = await mount();
    const toggle = shadow(el).querySelector<HTMLButtonElement>('.menu-toggle');
    toggle?.click();
    await el.updateComplete;
    expect(toggle?.getAttribute('aria-expanded')).to.equal('true');
    shadow(el).querySelector<HTMLAnchorElement>('nav a')?.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(toggle?.getAttribute('aria-expanded')).to.equal('false');
    expect(shadow(el).activeElement === toggle).to.equal(true);
    await setViewport({ width: 1280, height: 800 });
  });

  it('moves focus to the closing message after Save and exit', async () => {
    const { el } = await mount();
    button(el, /Save and exit/)?.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(shadow(el).activeElement?.id).to.equal('exit-message');
  });

  it('labels the shell pager "Leave the assessment" during an attempt, apart from the question navigation', async () => {
    const { el, store } = await mount();
    el.go('assessment');
    store.dispatch({ type: 'start-assessment', seed: 5, now: 1 });
    await el.updateComplete;
    const pager = [...shadow(el).querySelectorAll('.pager button')].map((b) => b.textContent?.replace(/\s+/g, ' ').trim());
    expect(pager).to.deep.equal(['Leave the assessment: Lesson three', 'Leave the assessment: Companion workbook']);
    const inner = [...(shadow(el).querySelector('slep-assessment')?.shadowRoot?.querySelectorAll('button') ?? [])].map((b) => b.textContent?.trim());
    expect(inner).to.include.members(['Previous question', 'Next question']);
    expect(inner.some((t) => /^(← )?Previous$|^Next( →)?$/.test(t ?? ''))).to.equal(false);
  });

  it('resumes an attempt on the question, not the page heading', async () => {
    const storage = memoryStorage() as Storage;
    const first = await mount({ storage });
    first.el.go('assessment');
    first.store.dispatch({ type: 'start-assessment', seed: 5, now: 1 });
    await first.el.updateComplete;
    first.tracker.finish();
    first.el.remove();
    const again = await mount({ storage });
    button(again.el, /Continue where you left off/)?.click();
    await again.el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    const assessment = shadow(again.el).querySelector('slep-assessment');
    expect(assessment?.shadowRoot?.activeElement?.id).to.equal('question-heading');
  });

  it('shuffles knowledge checks per learner, the same after a relaunch, and never starts an ordering check in order', async () => {
    const base = courseModel();
    const ordering = base.bank.find((i) => i.type === 'ordering');
    if (!ordering) throw new Error('fixture has no ordering item');
    const course: CourseModel = { ...base, checks: base.checks.map((c) => (c.id === 'kc-one' ? { ...ordering, id: 'kc-one' } : c)) };
    const storage = memoryStorage() as Storage;
    const steps = (el: HTMLElement) => deepQueryAll(shadow(el), '.steps button[data-direction="up"]').map((b) => b.dataset.step);
    const first = await mount({ storage, course });
    expect(first.store.state.seed).not.to.equal(0);
    first.el.go('lesson-one');
    await first.el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    const order = steps(first.el);
    expect(order).to.have.length(correctResponse(ordering).length);
    expect(order).not.to.deep.equal(correctResponse(ordering));
    const seed = first.store.state.seed;
    first.tracker.finish();
    first.el.remove();
    const again = await mount({ storage, course });
    expect(again.store.state.seed).to.equal(seed, 'the seed is made once');
    again.el.go('lesson-one');
    await again.el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(steps(again.el)).to.deep.equal(order);
  });

  it("takes a lesson's workbook link to that lesson's question, with a way back to the lesson", async () => {
    const base = courseModel();
    const course: CourseModel = {
      ...base,
      workbook: { ...base.workbook, questions: [{ id: 'wb-1', lesson: 'lesson-two', questionHtml: 'Why have an SRO?', prompts: ['Who decides?'] }] },
      lessons: base.lessons.map((l) => (l.id === 'lesson-two' ? { ...l, blocks: [...l.blocks, { kind: 'discussion', questionId: 'wb-1' }] } : l)),
    };
    const { el, store } = await mount({ course });
    el.go('lesson-two');
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    const link = deepQueryAll<HTMLAnchorElement>(shadow(el), 'a[href^="#workbook-"]').find((a) => /workbook/.test(a.textContent ?? ''));
    link?.click();
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(store.state.location).to.equal('workbook');
    const workbook = shadow(el).querySelector('slep-workbook');
    expect(workbook?.shadowRoot?.activeElement?.id).to.equal('workbook-wb-1');
    const back = [...(workbook?.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => /Back to the lesson: Lesson two/.test(b.textContent ?? ''));
    back?.click();
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(store.state.location).to.equal('lesson-two');
    expect(shadow(el).querySelector('slep-lesson')?.shadowRoot?.activeElement?.id).to.equal('discussion-wb-1');
  });
});

describe('slep-course before the course has started (welcome page shown before the LMS connection is up)', () => {
  /** The shell as src/main.ts puts it on screen: a fresh store, `starting`, no tracker yet. */
  async function early(storage: Storage) {
    const course = courseModel();
    const store = new AttemptStore(course);
    const shell = document.createElement('slep-course');
    shell.starting = true;
    shell.store = store;
    const el = await fixture<SlepCourse>(shell);
    /** What src/app.ts does once the app chunk has loaded. */
    const start = async () => {
      const tracker = new Tracker({ course, store, driver: new LocalDriver('test', storage) });
      const launch = await tracker.start();
      connectShell({ shell: el, store, tracker, launch });
      await el.updateComplete;
      await el.updateComplete;
      return tracker;
    };
    return { el, store, course, start };
  }

  it('shows the welcome page at once, acts on nothing until started, then goes where the learner asked', async () => {
    const { el, store, start } = await early(memoryStorage() as Storage);
    expect(deepQueryAll(shadow(el), 'slep-welcome').length).to.equal(1);
    expect(el.hasAttribute('starting')).to.equal(true);
    expect(button(el, /Save and exit/)?.disabled).to.equal(true);
    button(el, /Next/)?.click();
    await el.updateComplete;
    expect(store.state.location, 'nothing changes before the saved attempt is applied').to.equal('welcome');
    expect(store.state.seed, 'the attempt is not begun before resume').to.equal(0);
    const tracker = await start();
    expect(el.hasAttribute('starting')).to.equal(false);
    expect(store.state.location, 'the page asked for, once started').to.equal('lesson-one');
    expect(store.state.seed).to.not.equal(0);
    expect(button(el, /Save and exit/)?.disabled).to.equal(false);
    tracker.finish();
  });

  it('a saved attempt wins over a click made before it was applied: the learner resumes where they left off', async () => {
    const storage = memoryStorage() as Storage;
    // A first session: the learner reaches lesson two and leaves.
    const first = await mount({ storage });
    first.el.go('lesson-two');
    await first.el.updateComplete;
    const seed = first.store.state.seed;
    first.tracker.finish();

    const { el, store, start } = await early(storage);
    button(el, /Next/)?.click();
    await start();
    expect(store.state.location).to.equal('lesson-two');
    expect(store.state.seed, 'the saved seed, not a new one').to.equal(seed);
    expect(shadow(el).querySelector('.resume')?.textContent).to.contain('Welcome back');
  });
});
