import { ContextProvider } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/components/pages/define.js';
import { storeContext, launchContext } from '../../../src/context.js';
import type { CourseModel } from '../../../src/model/course.js';
import type { LaunchInfo } from '../../../src/model/launch.js';
import { correctResponse } from '../../../src/model/response.js';
import { AttemptStore } from '../../../src/state/store.js';
import { courseModel } from '../../fixtures/course-model.js';

const tracking: LaunchInfo = { kind: 'scorm12', learnerName: 'Rivera, Ana', masteryScore: 0.8, mode: 'normal', priorSeconds: 0, sessionStart: 0, registration: '' };

/** The sample district (examples/district/district.yaml) as the build compiles it into the model. */
const base = courseModel();
const course: CourseModel = {
  ...base,
  issuer: 'Riverside Unified School District and Riverside Police Department',
  district: {
    name: 'Riverside Unified School District',
    logo: { src: 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"/%3E', alt: '', width: 64, height: 64 },
    contacts: [
      { role: 'SRO program lead', name: 'Dana Whitfield', title: 'Director of Student Services, Riverside USD', email: 'dwhitfield@riverside-usd.example.org', phone: '555-010-0142' },
      { role: 'Agency liaison', name: 'Sgt. Marcus Bell', title: 'School Resource Unit, Riverside Police Department', email: 'mbell@riverside-pd.example.org', phone: '' },
    ],
    signature: { name: 'Dr. Elena Ortiz', title: 'Superintendent, Riverside Unified School District' },
  },
  resources: [
    ...base.resources,
    { id: 'local-1', title: 'Riverside MOU (2026)', url: 'https://www.riverside-usd.example.org/policies/sro-mou-2026.pdf', publisher: 'Riverside USD', descriptionHtml: 'The signed MOU.', group: 'local' },
  ],
};

async function mountPage(tag: string, store: AttemptStore) {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  new ContextProvider(host, { context: storeContext, initialValue: store });
  new ContextProvider(host, { context: launchContext, initialValue: tracking });
  const el = document.createElement(tag) as HTMLElement & { updateComplete: Promise<boolean> };
  host.append(el);
  await el.updateComplete;
  return el;
}

describe('a district build', () => {
  it('shows the district name, logo and local contacts (with mail and phone links) on the welcome page, accessibly', async () => {
    const el = await mountPage('slep-welcome', new AttemptStore(course));
    const root = el.shadowRoot as ShadowRoot;
    expect(root.querySelector('.district')?.textContent).to.contain('Riverside Unified School District');
    expect(root.querySelector<HTMLImageElement>('.district img')?.getAttribute('src')).to.equal(course.district?.logo?.src);
    const contacts = root.querySelector('#welcome-contacts')?.closest('section');
    expect(contacts?.textContent).to.contain('Your local contacts at Riverside Unified School District');
    expect(contacts?.textContent).to.contain('SRO program lead: Dana Whitfield');
    expect(contacts?.textContent).to.contain('Agency liaison: Sgt. Marcus Bell');
    const links = [...(contacts?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['mailto:dwhitfield@riverside-usd.example.org', 'tel:5550100142', 'mailto:mbell@riverside-pd.example.org']);
    await expect(el).to.be.accessible();
  });

  it('uses the district colours: the --slep-color-* properties the build writes reach the buttons inside shadow roots', async () => {
    const style = document.createElement('style');
    style.textContent = ':root{--slep-color-accent:#1f5130;--slep-color-accent-ink:#ffffff}';
    document.head.append(style);
    try {
      const el = await mountPage('slep-welcome', new AttemptStore(course));
      const start = el.shadowRoot?.querySelector('button.primary') as HTMLElement;
      expect(getComputedStyle(start).backgroundColor).to.equal('rgb(31, 81, 48)');
    } finally {
      style.remove();
    }
  });

  it('lists the contacts in the workbook and in its download', async () => {
    const el = await mountPage('slep-workbook', new AttemptStore(course));
    expect(el.shadowRoot?.textContent).to.contain('SRO program lead: Dana Whitfield');
    const { workbookDocument } = await import('../../../src/components/pages/workbook-document.js');
    const doc = workbookDocument({ course, notes: { questions: {}, checklist: {} }, date: new Date('2026-12-01T00:00:00Z') });
    expect(doc).to.contain('Your local contacts at Riverside Unified School District');
    expect(doc).to.contain('dwhitfield@riverside-usd.example.org');
    await expect(el).to.be.accessible();
  });

  it('puts the district as issuer, its logo and its signature line on the certificate', async () => {
    const store = new AttemptStore(course);
    store.dispatch({ type: 'begin', seed: 9, attemptId: 'q7k2m9x4' });
    for (const l of course.lessons) store.dispatch({ type: 'go', page: l.id, now: 1 });
    store.dispatch({ type: 'start-assessment', seed: 4, now: 2 });
    for (const id of store.state.assessment.items) {
      const item = course.bank.find((i) => i.id === id);
      if (item) store.dispatch({ type: 'answer', itemId: id, response: correctResponse(item), latency: 3, now: 3 });
    }
    store.dispatch({ type: 'submit', masteryScore: 0.8, now: Date.UTC(2026, 10, 28, 12) });
    const el = await mountPage('slep-certificate', store);
    const certificate = el.shadowRoot?.querySelector('.certificate');
    const text = (certificate?.textContent ?? '').replace(/\s+/g, ' ');
    expect(text).to.contain('Issued by Riverside Unified School District and Riverside Police Department');
    expect(certificate?.querySelector('.signature span')?.innerHTML.replace(/<!--[^>]*-->/g, '')).to.equal('Dr. Elena Ortiz<br>Superintendent, Riverside Unified School District');
    expect(certificate?.querySelector('img.logo')?.getAttribute('src')).to.equal(course.district?.logo?.src);
  });

  it('adds the local resources under their own heading', async () => {
    const el = await mountPage('slep-resources', new AttemptStore(course));
    const headings = [...(el.shadowRoot?.querySelectorAll('h2') ?? [])].map((h) => h.textContent?.trim());
    expect(headings).to.include('Local resources and policies (Riverside Unified School District)');
    expect([...(el.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => a.href)).to.include('https://www.riverside-usd.example.org/policies/sro-mou-2026.pdf');
  });
});
