import { ContextProvider } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/components/lesson/define.js';
import type { SlepLesson } from '../../../src/components/lesson/lesson.js';
import { storeContext } from '../../../src/context.js';
import type { CourseModel } from '../../../src/model/course.js';
import { AttemptStore } from '../../../src/state/store.js';
import { courseModel } from '../../fixtures/course-model.js';

async function mountLesson(course: CourseModel, lessonId: string) {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const store = new AttemptStore(course);
  new ContextProvider(host, { context: storeContext, initialValue: store });
  const el = document.createElement('slep-lesson') as SlepLesson;
  el.lessonId = lessonId;
  host.append(el);
  await el.updateComplete;
  return { el, store };
}

describe('slep-lesson', () => {
  const base = courseModel();
  const course: CourseModel = {
    ...base,
    workbook: { ...base.workbook, questions: [{ id: 'wb-1', lesson: 'lesson-one', questionHtml: 'Why have an SRO?', prompts: ['Who decides?'] }] },
    lessons: [
      {
        ...(base.lessons[0] as CourseModel['lessons'][number]),
        blocks: [
          { kind: 'prose', html: '<h2>Section</h2><p>Teaching text.</p>' },
          { kind: 'callout', title: 'Did you know', html: '<p>A fact.</p>' },
          { kind: 'scenario', title: 'A call from a parent', html: '<p>What do you do?</p>' },
          { kind: 'check', itemId: 'kc-one' },
          { kind: 'check', itemId: 'kc-two' },
          { kind: 'discussion', questionId: 'wb-1' },
          { kind: 'takeaway', html: '<p>Work together.</p>' },
          { kind: 'sources', html: '<ul><li>NASRO, 2019</li></ul>' },
        ],
      },
      ...base.lessons.slice(1),
    ],
  };

  it('renders every kind of block with a heading, and is accessible', async () => {
    const { el } = await mountLesson(course, 'lesson-one');
    const root = el.shadowRoot as ShadowRoot;
    const headings = [...root.querySelectorAll('h1, h2')].map((h) => h.textContent?.trim());
    expect(headings).to.include.members(['Lesson one', 'Section', 'Did you know', 'Scenario: A call from a parent', 'Knowledge check 1 of 2', 'Knowledge check 2 of 2', 'Discuss with your team', 'Key takeaway', 'Sources']);
    expect(root.querySelector('slep-question') !== null).to.equal(true);
    expect(root.textContent).to.contain('Why have an SRO?');
    await expect(el).to.be.accessible();
  });

  it('gives the knowledge check the answer kept in the attempt (resume)', async () => {
    const { el, store } = await mountLesson(course, 'lesson-one');
    store.dispatch({ type: 'check', itemId: 'kc-one', response: ['b'] });
    await el.updateComplete;
    const q = el.shadowRoot?.querySelector('slep-question') as (HTMLElement & { response: readonly string[] }) | null;
    expect(q?.response).to.deep.equal(['b']);
  });

  it('renders nothing for an unknown lesson instead of throwing', async () => {
    const { el } = await mountLesson(course, 'no-such-lesson');
    expect(el.shadowRoot?.querySelector('article') === null).to.equal(true);
  });

  it('tells the shell when the end of the lesson comes into view', async () => {
    const ended: string[] = [];
    const listener = (e: Event) => ended.push((e as Event & { lessonId: string }).lessonId);
    document.addEventListener('slep-lesson-end', listener);
    try {
      const { el } = await mountLesson(course, 'lesson-one');
      el.shadowRoot?.querySelector('.lesson-end')?.scrollIntoView();
      for (let i = 0; i < 50 && !ended.length; i++) await new Promise((r) => requestAnimationFrame(r));
      expect(ended).to.include('lesson-one');
    } finally {
      document.removeEventListener('slep-lesson-end', listener);
    }
  });
});
