import { ContextProvider } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/components/pages/define.js';
import type { SlepCertificate } from '../../../src/components/pages/certificate.js';
import type { SlepWorkbook } from '../../../src/components/pages/workbook.js';
import { launchContext, storeContext } from '../../../src/context.js';
import { SlepEvaluationEvent } from '../../../src/events/evaluation.js';
import type { CourseModel } from '../../../src/model/course.js';
import type { LaunchInfo } from '../../../src/model/launch.js';
import { correctResponse } from '../../../src/model/response.js';
import { verificationCode } from '../../../src/model/verification.js';
import { AttemptStore } from '../../../src/state/store.js';
import { courseModel } from '../../fixtures/course-model.js';
import { memoryStorage } from '../../integration/harness.js';

const LOCAL: LaunchInfo = { kind: 'local', learnerId: '', learnerName: '', masteryScore: 0.8, mode: 'normal', priorSeconds: 3600, sessionStart: Date.now(), registration: '' };

async function mountPage<E extends HTMLElement>(tag: string, options: { store: AttemptStore; launch?: LaunchInfo; storage?: Storage }): Promise<E & { updateComplete: Promise<boolean> }> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  new ContextProvider(host, { context: storeContext, initialValue: options.store });
  new ContextProvider(host, { context: launchContext, initialValue: options.launch ?? LOCAL });
  const el = document.createElement(tag) as E & { updateComplete: Promise<boolean>; storage: unknown };
  el.storage = options.storage ?? memoryStorage();
  host.append(el);
  await el.updateComplete;
  return el;
}

const base = courseModel();
const course: CourseModel = {
  ...base,
  workbook: {
    introHtml: '<p>Meet as a team.</p>',
    questions: [
      { id: 'wb-1', lesson: 'lesson-one', questionHtml: 'Why have an SRO?', prompts: ['Who decides?'] },
      { id: 'wb-2', lesson: 'lesson-two', questionHtml: 'Who supervises?', prompts: ['Day to day?'] },
    ],
    checklist: { title: 'MOU planning checklist', introHtml: '<p>Check these.</p>', items: [{ html: 'Purpose', sourceHtml: 'COPS' }, { html: 'Funding', sourceHtml: 'COPS 2019' }] },
  },
};

function type(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input'));
}

function passedStore(): AttemptStore {
  const store = new AttemptStore(course);
  store.dispatch({ type: 'begin', seed: 9, attemptId: 'q7k2m9x4' });
  for (const l of course.lessons) store.dispatch({ type: 'go', page: l.id, now: 1 });
  store.dispatch({ type: 'start-assessment', seed: 4, now: 2 });
  for (const id of store.state.assessment.items) {
    const item = course.bank.find((i) => i.id === id);
    if (item) store.dispatch({ type: 'answer', itemId: id, response: correctResponse(item), latency: 3, now: 3 });
  }
  store.dispatch({ type: 'submit', masteryScore: 0.8, now: Date.UTC(2026, 10, 28, 12) });
  return store;
}

describe('the workbook a team fills in', () => {
  it('keeps a note per question and a tick and note per checklist entry, and they come back on the next launch', async () => {
    const storage = memoryStorage() as Storage;
    const store = new AttemptStore(course);
    const launch: LaunchInfo = { ...LOCAL, kind: 'scorm12', learnerId: 'u-1' };
    const el = await mountPage<SlepWorkbook>('slep-workbook', { store, launch, storage });
    const root = el.shadowRoot as ShadowRoot;
    expect(root.querySelectorAll('textarea')).to.have.length(2);
    expect(root.querySelectorAll('input[type="checkbox"]')).to.have.length(2);
    expect(root.querySelector('#notes-notice')?.textContent).to.match(/kept in this browser on this device, not in your learning system/);
    type(root.querySelector<HTMLTextAreaElement>('#note-wb-2') as HTMLTextAreaElement, 'Sgt. Lee, weekly <check-in>');
    root.querySelector<HTMLInputElement>('input[type="checkbox"]')?.click();
    type(root.querySelector<HTMLInputElement>('#check-note-0') as HTMLInputElement, 'Section 2');
    await expect(el).to.be.accessible();
    el.remove();

    const again = await mountPage<SlepWorkbook>('slep-workbook', { store, launch, storage });
    const r2 = again.shadowRoot as ShadowRoot;
    expect(r2.querySelector<HTMLTextAreaElement>('#note-wb-2')?.value).to.equal('Sgt. Lee, weekly <check-in>');
    expect(r2.querySelector<HTMLInputElement>('input[type="checkbox"]')?.checked).to.equal(true);
    expect(r2.querySelector<HTMLInputElement>('#check-note-0')?.value).to.equal('Section 2');

    const other = await mountPage<SlepWorkbook>('slep-workbook', { store, launch: { ...launch, learnerId: 'u-2' }, storage });
    expect(other.shadowRoot?.querySelector<HTMLTextAreaElement>('#note-wb-2')?.value, 'another learner on the same browser sees none of it').to.equal('');
  });

  it('downloads the questions with the team notes as an HTML document, with no script', async () => {
    const el = await mountPage<SlepWorkbook>('slep-workbook', { store: new AttemptStore(course) });
    const root = el.shadowRoot as ShadowRoot;
    type(root.querySelector<HTMLTextAreaElement>('#note-wb-1') as HTMLTextAreaElement, 'We need one <b>because</b>');
    root.querySelector<HTMLInputElement>('input[type="checkbox"]')?.click();
    const link = root.querySelector<HTMLAnchorElement>('a[download]');
    expect(link?.getAttribute('download')).to.match(/workbook\.html$/);
    link?.addEventListener('click', (e) => e.preventDefault());
    link?.click();
    expect(link?.href).to.match(/^blob:/);
    const text = await (await fetch(link?.href ?? '')).text();
    expect(text).to.contain('Why have an SRO?');
    expect(text).to.contain('We need one &#60;b&#62;because&#60;/b&#62;');
    expect(text).to.contain('[x]');
    expect(text).not.to.match(/<script/i);
  });
});

describe('the certificate', () => {
  it('lets a learner without an LMS name type a name, license and agency, kept in the browser, and carries every fact a board asks for', async () => {
    const storage = memoryStorage() as Storage;
    const store = passedStore();
    const withRevision = { ...course, revision: '2026-01-15' } as CourseModel;
    (store as unknown as { course: CourseModel }).course = withRevision;
    const el = await mountPage<SlepCertificate>('slep-certificate', { store, storage });
    const root = el.shadowRoot as ShadowRoot;
    type(root.querySelector<HTMLInputElement>('input[name="name"]') as HTMLInputElement, 'Ana Rivera');
    type(root.querySelector<HTMLInputElement>('input[name="license"]') as HTMLInputElement, 'POST 12345');
    type(root.querySelector<HTMLInputElement>('input[name="agency"]') as HTMLInputElement, 'Springfield PD');
    await el.updateComplete;
    const code = await verificationCode({ courseId: course.id, version: course.version, attemptId: 'q7k2m9x4' });
    await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
    const text = (root.querySelector('.certificate')?.textContent ?? '').replace(/\s+/g, ' ');
    for (const fact of ['Ana Rivera', 'POST 12345', 'Springfield PD', course.title, 'November 28, 2026', '100%', '1 hour', `Credit hours ${course.creditHours}`, `${course.version}, revised January 15, 2026`, `Issued by ${course.issuer}`, 'Signature', `course ${course.id}`, 'attempt q7k2m9x4', `code ${code}`]) {
      expect(text, fact).to.contain(fact);
    }
    await expect(el).to.be.accessible();
    el.remove();
    const again = await mountPage<SlepCertificate>('slep-certificate', { store, storage });
    expect(again.shadowRoot?.querySelector('.certificate .name')?.textContent).to.equal('Ana Rivera');
  });

  it('uses the LMS name and registration where the LMS gives them, with no name field', async () => {
    const el = await mountPage<SlepCertificate>('slep-certificate', { store: passedStore(), launch: { ...LOCAL, kind: 'scorm12', learnerName: 'Rivera, Ana', registration: 'reg-77' } });
    const root = el.shadowRoot as ShadowRoot;
    expect(root.querySelector('input[name="name"]')).to.equal(null);
    expect(root.querySelector('.certificate .name')?.textContent).to.equal('Ana Rivera');
    expect(root.querySelector('.verify')?.textContent).to.contain('attempt reg-77');
  });
});

describe('the course evaluation', () => {
  it('asks for the three answers, sends them once with optional comments, then thanks the learner', async () => {
    const store = new AttemptStore(course);
    const el = await mountPage<HTMLElement>('slep-evaluation', { store });
    const sent: SlepEvaluationEvent[] = [];
    el.addEventListener(SlepEvaluationEvent.eventName, (e) => {
      sent.push(e);
      store.dispatch({ type: 'evaluate', evaluation: e.evaluation, now: 5 });
    });
    const root = el.shadowRoot as ShadowRoot;
    await expect(el).to.be.accessible();
    root.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await el.updateComplete;
    expect(sent).to.have.length(0);
    expect(root.querySelector('[role="alert"]')?.textContent).to.contain('answer the three questions');
    root.querySelector<HTMLInputElement>('input[name="relevance"][value="4"]')?.click();
    root.querySelector<HTMLInputElement>('input[name="clarity"][value="5"]')?.click();
    root.querySelector<HTMLInputElement>('input[name="recommend"][value="yes"]')?.click();
    expect(root.querySelector('textarea')?.maxLength).to.equal(500);
    type(root.querySelector('textarea') as HTMLTextAreaElement, 'Useful for our MOU review.');
    root.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(sent.map((e) => e.evaluation)).to.deep.equal([{ relevance: 4, clarity: 5, recommend: 'yes', comments: 'Useful for our MOU review.' }]);
    expect(root.activeElement?.id).to.equal('thanks');
    expect(root.querySelector('form')).to.equal(null);
  });
});
