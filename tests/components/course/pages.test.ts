import { ContextProvider } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/components/pages/define.js';
import { formatName } from '../../../src/components/pages/certificate.js';
import { formatDate } from '../../../src/components/pages/welcome.js';
import { storeContext, launchContext } from '../../../src/context.js';
import type { CourseModel } from '../../../src/model/course.js';
import { correctResponse } from '../../../src/model/response.js';
import { AttemptStore } from '../../../src/state/store.js';
import type { LaunchInfo } from '../../../src/model/launch.js';
import { courseModel } from '../../fixtures/course-model.js';

const tracking: LaunchInfo = { kind: 'scorm12', learnerName: 'Rivera, Ana', masteryScore: 0.75, mode: 'normal', priorSeconds: 0, sessionStart: 0, registration: '' };

async function mountPage(tag: string, store: AttemptStore) {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  new ContextProvider(host, { context: storeContext, initialValue: store });
  new ContextProvider(host, { context: launchContext, initialValue: tracking });
  const el = document.createElement(tag) as HTMLElement & { updateComplete: Promise<boolean> };
  host.append(el);
  await el.updateComplete;
  return el;
}

const base = courseModel();
const course: CourseModel = {
  ...base,
  workbook: {
    introHtml: '<p>Meet as a team.</p>',
    questions: [{ id: 'wb-1', lesson: 'lesson-one', questionHtml: 'Why have an SRO?', prompts: ['Who decides?', 'What changes?'] }],
    checklist: { title: 'MOU planning checklist', introHtml: '<p>Check these.</p>', items: [{ html: 'Purpose', sourceHtml: 'COPS' }] },
  },
  resources: [
    { id: 'nasro', title: 'NASRO', url: 'https://www.nasro.org/', publisher: 'NASRO', descriptionHtml: 'The association.', group: 'original' },
    { id: 'ferpa', title: 'FERPA FAQ', url: 'https://studentprivacy.ed.gov/', publisher: 'ED', descriptionHtml: 'The FAQ.', group: 'source' },
  ],
};

describe('course pages', () => {
  it('the workbook lists questions by lesson with prompts and the MOU checklist, accessibly', async () => {
    const el = await mountPage('slep-workbook', new AttemptStore(course));
    const text = el.shadowRoot?.textContent ?? '';
    for (const t of ['Lesson one', 'Why have an SRO?', 'Who decides?', 'MOU planning checklist', 'Purpose']) expect(text).to.contain(t);
    await expect(el).to.be.accessible();
  });

  it('resources link out in a new tab with an accessible warning, grouped', async () => {
    const el = await mountPage('slep-resources', new AttemptStore(course));
    const links = [...(el.shadowRoot?.querySelectorAll('a') ?? [])];
    expect(links.map((a) => a.href)).to.deep.equal(['https://www.nasro.org/', 'https://studentprivacy.ed.gov/']);
    expect(links.every((a) => a.target === '_blank' && a.rel.includes('noopener') && /opens in a new tab/.test(a.textContent ?? ''))).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('the certificate waits for completion and a pass', async () => {
    const el = await mountPage('slep-certificate', new AttemptStore(course));
    expect(el.shadowRoot?.textContent).to.contain('appears here once');
    await expect(el).to.be.accessible();
  });

  it('the certificate shows name, course, date, score and pass mark once earned', async () => {
    const store = new AttemptStore(course);
    for (const l of course.lessons) store.dispatch({ type: 'go', page: l.id, now: 1 });
    store.dispatch({ type: 'start-assessment', seed: 4, now: 2 });
    for (const id of store.state.assessment.items) {
      const item = course.bank.find((i) => i.id === id);
      if (item) store.dispatch({ type: 'answer', itemId: id, response: correctResponse(item), latency: 3, now: 3 });
    }
    store.dispatch({ type: 'submit', masteryScore: 0.75, now: Date.UTC(2026, 10, 28, 12) });
    const el = await mountPage('slep-certificate', store);
    const text = el.shadowRoot?.textContent ?? '';
    expect(text).to.contain('Ana Rivera');
    expect(text).to.contain(course.title);
    expect(text).to.contain('November 28, 2026');
    expect(text).to.contain('100%');
    expect(text).to.contain('pass mark 75%');
    await expect(el).to.be.accessible();
  });

  it('turns the SCORM "Last, First" name round', () => {
    expect(formatName('Rivera, Ana')).to.equal('Ana Rivera');
    expect(formatName('Ana Rivera')).to.equal('Ana Rivera');
  });
});

describe('the welcome page\'s review date', () => {
  it('writes US English dates without Intl exactly as Intl would, and other languages through Intl', () => {
    for (const iso of ['2026-12-15', '2027-01-01', '2024-02-29', '2030-07-04', '1999-12-31']) {
      const intl = new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
      expect(formatDate(iso, 'en-US')).to.equal(intl);
      expect(formatDate(iso, 'en')).to.equal(intl);
    }
    expect(formatDate('2026-12-15', 'fr-FR')).to.equal('15 décembre 2026');
    expect(formatDate('not a date', 'en-US')).to.equal('not a date');
  });
});

