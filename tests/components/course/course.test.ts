import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/course/define.js';
import type { SlepCourse } from '../../../src/components/course/course.js';
import { connectShell } from '../../../src/app.js';
import { AttemptStore } from '../../../src/state/store.js';
import { LocalDriver } from '../../../src/tracking/local.js';
import { Tracker } from '../../../src/tracking/tracker.js';
import { courseModel } from '../../fixtures/course-model.js';
import { deepQueryAll, memoryStorage } from '../../integration/harness.js';

async function mount(options: { storage?: Storage } = {}) {
  const course = courseModel();
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

  it('goes forward with Next, shows "Lesson 1 of 3" and the percent complete, and marks the TOC', async () => {
    const { el, store } = await mount();
    button(el, /Next/)?.click();
    await el.updateComplete;
    expect(store.state.location).to.equal('lesson-one');
    expect(shadow(el).querySelector('header')?.textContent).to.contain('Lesson 1 of 3');
    expect(shadow(el).querySelector('header')?.textContent).to.contain('25% complete');
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
});
