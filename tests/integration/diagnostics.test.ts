import { expect } from '@open-wc/testing';
import { deepQueryAll, PackagePlayer, until } from './harness.js';
import { lrsUrl, setFault, uuid, XAPI_AUTH } from './lrs-client.js';

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: unknown[] }[] }[];
}

interface DiagnosticsView extends HTMLElement {
  readonly report: string;
  refresh(): void;
  updateComplete: Promise<boolean>;
}

/** The diagnostics view in the course frame, once it has rendered. */
async function view(player: PackagePlayer): Promise<DiagnosticsView> {
  const el = await until(() => player.frame?.contentDocument?.querySelector<DiagnosticsView>('slep-diagnostics'), 'the diagnostics view');
  await el.updateComplete;
  return el;
}

/** Scripts the course frame has loaded. */
function loadedScripts(player: PackagePlayer): string[] {
  const win = player.frame?.contentWindow as Window | null;
  return (win?.performance.getEntriesByType('resource') ?? []).map((e) => e.name).filter((n) => n.endsWith('.js'));
}

function pressDiagnosticsKeys(player: PackagePlayer): void {
  const win = player.frame?.contentWindow as (Window & typeof globalThis) | null;
  if (!win) throw new Error('no frame');
  win.document.dispatchEvent(new win.KeyboardEvent('keydown', { code: 'KeyD', key: 'D', ctrlKey: true, altKey: true, shiftKey: true, bubbles: true }));
}

async function axe(player: PackagePlayer): Promise<AxeResult> {
  const win = player.frame?.contentWindow as (Window & { axe?: { run: (ctx: unknown, opts: unknown) => Promise<AxeResult> } }) | null;
  const doc = player.frame?.contentDocument;
  if (!win || !doc) throw new Error('no frame');
  if (!win.axe) {
    const script = doc.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    doc.head.append(script);
    await until(() => win.axe, 'axe-core in the frame');
  }
  return win.axe!.run(doc, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
}

describe('the diagnostics view for LMS administrators', () => {
  let player: PackagePlayer;

  beforeEach(() => {
    player = new PackagePlayer();
  });

  afterEach(() => player.close());

  it('opens with ?diagnostics in the SCORM 1.2 package and reports the standard, the API, the launch and the sizes, meeting WCAG 2.1 AA', async () => {
    await player.open({ query: 'diagnostics' });
    const el = await view(player);
    const report = el.report;
    expect(report).to.contain('Package: SCORM 1.2 (scorm12)');
    expect(report).to.contain('Standard in use: SCORM 1.2 (driver scorm12)');
    // The course runs in a frame under the page that holds window.API, as in an LMS player.
    expect(report).to.contain('Connection: API found in window.parent (1 level up)');
    expect(report).to.contain('Launch mode: normal');
    expect(report).to.contain('Credit: credit');
    expect(report).to.match(/Mastery score: \d+% \((from the LMS|the course's; the LMS sent none)\)/);
    expect(report).to.match(/Resume data: \d+ of 4096 characters \(\d+%\)/);
    expect(report).to.contain('Course reports now: completion incomplete, success unknown, score none');
    expect(report).to.match(new RegExp(`Progress: 0 of ${player.course.lessons.length} lessons opened; assessment attempt 0`));
    expect(report).to.contain('LMS/LRS record at launch: completion unknown, success unknown, score none');
    expect(report).to.match(/Location: \d+ of 255 characters/);
    expect(report).to.contain(`Course version: ${player.course.version}`);
    const build = player.frame?.contentDocument?.documentElement.dataset.build ?? '';
    expect(build).to.match(new RegExp(`^${player.course.version.replace(/\./g, '\\.')}\\+[0-9a-f]{12}$`));
    expect(report).to.contain(`Build id: ${build}`);
    expect(report).to.contain('Launch parameter diagnostics: ');
    // What the page shows is what is copied.
    const field = el.shadowRoot?.querySelector('textarea');
    expect(field?.value).to.equal(report);
    expect(el.shadowRoot?.textContent).to.contain('Connection');
    const result = await axe(player);
    expect(result.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`)).to.deep.equal([]);
  });

  it('reports the last save after the learner moves on, and "Copy report" copies or selects the report', async () => {
    await player.open({ query: 'diagnostics' });
    const el = await view(player);
    await player.fire('slep-course', 'slep-navigate', { page: player.course.lessons[0]!.id });
    await player.click(/^Refresh$/);
    // Saves are asynchronous: read the facts again until the page change's save is in.
    await until(() => {
      el.refresh();
      return /Last save: \d{4}-\d\d-\d\dT[\d:.]+Z, accepted/.test(el.report) && / 1 of \d+ lessons opened/.test(el.report);
    }, 'a save in the report');
    expect(el.report).to.match(new RegExp(`Progress: 1 of ${player.course.lessons.length} lessons opened`));
    expect(el.report).to.match(/Last revision confirmed by the LMS\/LRS: [1-9]\d*/);
    await player.click(/^Copy report$/);
    const status = await until(() => el.shadowRoot?.querySelector('[role="status"]')?.textContent?.trim(), 'the copy message');
    expect(status).to.match(/Report copied|press Ctrl\+C/);
    await player.click(/^Close diagnostics$/);
    expect(player.frame?.contentDocument?.querySelector('slep-diagnostics')).to.equal(null);
  });

  it('shows nothing and loads none of its code without the flag; Ctrl+Alt+Shift+D opens and closes it', async () => {
    await player.open();
    await player.settle();
    expect(player.frame?.contentDocument?.querySelector('slep-diagnostics')).to.equal(null);
    expect(deepQueryAll(player.frame?.contentDocument as Document, 'slep-diagnostics')).to.have.length(0);
    expect(player.text()).not.to.contain('diagnostics');
    expect(loadedScripts(player).filter((s) => /\/diagnostics-/.test(s))).to.deep.equal([]);
    pressDiagnosticsKeys(player);
    const el = await view(player);
    expect(el.report).to.contain('Package: SCORM 1.2 (scorm12)');
    expect(loadedScripts(player).some((s) => /\/diagnostics-/.test(s))).to.equal(true);
    pressDiagnosticsKeys(player);
    await until(() => !player.frame?.contentDocument?.querySelector('slep-diagnostics'), 'the view to close');
  });

  it('masks the xAPI credentials and names the LRS endpoint and the pending statements', async () => {
    await setFault('none');
    const endpoint = `${await lrsUrl()}/xapi/`;
    const xml = await (await fetch('/dist/xapi/tincan.xml')).text();
    const q = new URLSearchParams({
      endpoint,
      auth: XAPI_AUTH,
      actor: JSON.stringify({ objectType: 'Agent', name: 'Ana Rivera', mbox: 'mailto:diagnostics@example.org' }),
      registration: uuid(),
      activity_id: /<activity id="([^"]+)"/.exec(xml)?.[1] ?? '',
    });
    await player.open({ kind: 'xapi', query: `${q.toString()}&diagnostics` });
    const el = await view(player);
    const report = el.report;
    expect(report).to.contain('Package: xAPI (xapi)');
    expect(report).to.contain(`Connection: LRS endpoint ${endpoint}`);
    expect(report).to.contain(`Launch parameter auth: Basic •••• (masked, ${XAPI_AUTH.length} characters)`);
    expect(report).not.to.contain(XAPI_AUTH.slice('Basic '.length));
    expect(report).not.to.contain('learner-secret');
    expect(report).to.contain(`Launch parameter endpoint: ${endpoint}`);
    expect(report).to.match(/Pending statements: \d+/);
    expect(report).to.match(/Resume data: \d+ of 64000 characters/);
    expect(el.shadowRoot?.textContent).not.to.contain(XAPI_AUTH.slice('Basic '.length));
  });
});
