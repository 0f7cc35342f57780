import { expect } from '@open-wc/testing';
import { correctResponse } from '../../src/model/response.js';
import { deepQueryAll, PackagePlayer, until } from './harness.js';
import { lrsLog, lrsUrl, setFault, uuid, verb, waitForVerb } from './lrs-client.js';
import type { StoredStatement } from './lrs-client.js';

const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const DEFINED = ['initialized', 'completed', 'passed', 'failed', 'terminated'];

interface Cmi5Run {
  query: string;
  registration: string;
  session: string;
  publisherId: string;
  activityId: string;
  auth: string;
}

/** Does what a cmi5 LMS does before a launch (LMS.LaunchData, a session, a one-time fetch URL). */
async function lmsLaunch(options: { launchMode?: 'Normal' | 'Browse' | 'Review'; masteryScore?: number; returnURL?: string; registration?: string; name?: string } = {}): Promise<Cmi5Run> {
  const xml = await (await fetch('/dist/cmi5/cmi5.xml')).text();
  const publisherId = /<au id="([^"]+)"/.exec(xml)?.[1] ?? '';
  const registration = options.registration ?? uuid();
  const actor = { objectType: 'Agent', name: 'Ana Rivera', account: { homePage: 'https://lms.example.org', name: options.name ?? `learner-${registration}` } };
  const activityId = `https://lms.example.org/registrations/${registration}/au/1`;
  const url = await lrsUrl();
  const response = await fetch(`${url}/__control/cmi5-launch`, {
    method: 'POST',
    body: JSON.stringify({ actor, registration, activityId, publisherId, launchMode: options.launchMode ?? 'Normal', moveOn: 'CompletedAndPassed', masteryScore: options.masteryScore, returnURL: options.returnURL }),
  });
  const { session, fetch: fetchUrl } = (await response.json()) as { session: string; fetch: string };
  const query = new URLSearchParams({ endpoint: `${url}/xapi/`, fetch: fetchUrl, actor: JSON.stringify(actor), registration, activityId }).toString();
  return { query, registration, session, publisherId, activityId, auth: `Basic ${btoa(`cmi5:${session}`)}` };
}

async function passEverything(player: PackagePlayer): Promise<void> {
  for (const lesson of player.course.lessons) await player.fire('slep-course', 'slep-navigate', { page: lesson.id });
  await player.fire('slep-course', 'slep-navigate', { page: 'assessment' });
  await player.fire('slep-assessment', 'slep-assessment', { command: 'start' });
  for (const id of player.shell.store.state.assessment.items) {
    const item = player.course.bank.find((x) => x.id === id);
    if (!item) throw new Error(id);
    await player.fire('slep-assessment', 'slep-assessment-answer', { itemId: id, response: correctResponse(item), latency: 4 });
  }
  await player.fire('slep-assessment', 'slep-assessment', { command: 'submit' });
}

const categories = (s: StoredStatement) => (s.context?.contextActivities?.category ?? []).map((a) => a.id);

describe('the built cmi5 package against a real LRS, launched as a cmi5 LMS does', () => {
  let player: PackagePlayer;

  beforeEach(async () => {
    player = new PackagePlayer();
    await setFault('none');
  });

  afterEach(() => player.close());

  it('sends initialized first, completed and passed once, terminated last, all under the context template, then returns', async () => {
    const returnURL = `${location.origin}/__lrs?returned=1`;
    const run = await lmsLaunch({ masteryScore: 0.8, returnURL });
    await player.open({ kind: 'cmi5', query: run.query });
    expect(player.text()).not.to.contain('could not connect');
    await passEverything(player);
    const itemCount = player.shell.store.state.assessment.items.length;
    const frame = player.frame as HTMLIFrameElement;
    await player.click(/Save and exit/);
    await until(() => frame.contentWindow?.location.href.includes('returned=1'), 'the return to the LMS (returnURL)');

    const all = await waitForVerb(run.registration, 'terminated', 1, run.auth);
    const verbs = all.map(verb);
    expect(verbs[0]).to.equal('initialized');
    expect(verbs.at(-1)).to.equal('terminated');
    expect(verbs.filter((v) => v === 'completed').length).to.equal(1);
    expect(verbs.filter((v) => v === 'passed').length).to.equal(1);
    expect(verbs).not.to.include('failed');
    expect(verbs.filter((v) => v === 'answered').length).to.equal(itemCount);
    for (const s of all) {
      expect(s.context?.registration).to.equal(run.registration);
      expect(s.context?.extensions?.[SESSION]).to.equal(run.session, 'session id from the context template');
      expect((s.context?.contextActivities?.grouping ?? []).map((a) => a.id)).to.include(run.publisherId);
      const defined = DEFINED.includes(verb(s));
      expect(categories(s).includes(CMI5_CATEGORY)).to.equal(defined, `${verb(s)}: cmi5 category only on cmi5-defined statements`);
      if (defined) expect(s.object.id).to.equal(run.activityId);
      const moveOn = s.result?.success !== undefined || s.result?.completion !== undefined;
      expect(categories(s).includes(MOVEON_CATEGORY)).to.equal(defined && moveOn, `${verb(s)}: moveOn category`);
    }
    const passed = all.find((s) => verb(s) === 'passed') as StoredStatement;
    expect(passed.result?.score?.scaled).to.be.at.least(0.8);
    expect(passed.context?.extensions?.['https://w3id.org/xapi/cmi5/context/extensions/masteryscore']).to.equal(0.8);
    const completed = all.find((s) => verb(s) === 'completed') as StoredStatement;
    expect(completed.result).to.have.keys(['completion', 'duration']);
    const log = await lrsLog();
    expect(log.problems.filter((p) => all.some((s) => s.id === p.id))).to.deep.equal([]);
  });

  it('calls the fetch URL once per launch: a refresh reuses the token and the course carries on', async () => {
    const run = await lmsLaunch();
    await player.open({ kind: 'cmi5', query: run.query });
    const [first] = player.course.lessons;
    await player.fire('slep-course', 'slep-navigate', { page: first?.id ?? '' });
    await waitForVerb(run.registration, 'experienced', 1, run.auth);
    const frame = player.frame as HTMLIFrameElement;
    const old = frame.contentDocument;
    frame.contentWindow?.location.reload();
    await until(() => frame.contentDocument !== old && frame.contentDocument?.querySelector('slep-course:not([starting])'), 'the reloaded course');
    await player.settle();
    expect(player.shell.store.state.location).to.equal(first?.id, 'resumed from the State API');
    expect(player.text()).not.to.contain('could not connect');
    await waitForVerb(run.registration, 'initialized', 2, run.auth);
    expect((await lrsLog()).fetchCalls[run.session]).to.equal(1);
  });

  for (const mode of ['Browse', 'Review'] as const) {
    it(`records no completed, passed, failed or answers in ${mode} mode`, async () => {
      const run = await lmsLaunch({ launchMode: mode });
      await player.open({ kind: 'cmi5', query: run.query });
      await passEverything(player);
      await player.click(/Save and exit/);
      const all = await waitForVerb(run.registration, 'terminated', 1, run.auth);
      // cmi5 §9.3: initialized and terminated open and close every session; nothing else is recorded.
      expect(all.map(verb)).to.deep.equal(['initialized', 'terminated']);
    });
  }

  it('reads LMS.LaunchData and the resume document until the LRS answers, says so meanwhile, then resumes and records', async function () {
    this.timeout(60000);
    const run = await lmsLaunch();
    await player.open({ kind: 'cmi5', query: run.query });
    const [first, second, third] = player.course.lessons;
    await player.fire('slep-course', 'slep-navigate', { page: first?.id ?? '' });
    await player.fire('slep-course', 'slep-navigate', { page: second?.id ?? '' });
    await player.click(/Save and exit/);
    player.close();
    await waitForVerb(run.registration, 'terminated', 1, run.auth);
    localStorage.clear();

    // The next launch (a new cmi5 session): LMS.LaunchData's reads fail four times (more than
    // three tries), and then the resume document's first read. (500s, not dropped connections:
    // Chromium itself retries a GET whose reused connection drops, so a drop is not one read.)
    const next = await lmsLaunch({ registration: run.registration, name: `learner-${run.registration}` });
    await setFault('500', 4, 'state-read', 'LMS.LaunchData');
    await setFault('500', 1, 'state-read');
    const before = (await lrsLog()).requests.length;
    const opening = player.open({ kind: 'cmi5', query: next.query, startTimeoutMs: 40000 });
    const notice = await until(() => deepQueryAll(player.frame?.contentDocument ?? document, '[role="status"]').find((e) => /still connecting/.test(e.textContent ?? '')), 'the connecting message', 30000);
    expect(notice.textContent).to.contain('nothing is lost');
    expect(player.frame?.contentDocument?.querySelector('slep-course')?.hasAttribute('starting')).to.equal(true, 'the course has not started over');
    const shell = await opening;
    expect(shell.store.state.location).to.equal(second?.id, 'resumed, not a fresh start and not local');
    expect(player.text()).not.to.contain('still connecting');
    expect(player.text()).not.to.contain('could not connect');
    await player.fire('slep-course', 'slep-navigate', { page: third?.id ?? '' });
    const all = await waitForVerb(next.registration, 'experienced', 3, next.auth);
    const ours = all.filter((s) => s.context?.extensions?.[SESSION] === next.session).map(verb);
    expect(ours[0]).to.equal('initialized', 'the new session opens with initialized');
    expect(ours).to.include('experienced');
    const log = await lrsLog();
    const reads = log.requests.slice(before).filter((r) => r.method === 'GET' && r.path.endsWith('activities/state'));
    expect(reads.map((r) => r.status)).to.deep.equal([500, 500, 500, 500, 200, 500, 200], 'LaunchData read five times, then the resume document twice');
    // §8.2: the fetch URL was POSTed once; a read that failed is not a reason to ask again.
    expect(log.fetchCalls[next.session]).to.equal(1);
  });

  it('shows the plain message and runs locally when the fetch URL answers with an error', async () => {
    const run = await lmsLaunch();
    const fetchUrl = new URLSearchParams(run.query).get('fetch') ?? '';
    await fetch(fetchUrl, { method: 'POST' }); // someone else used the one-time URL
    const shell = (await player.open({ kind: 'cmi5', query: run.query })) as unknown as { saveStatus: { message: string } };
    expect(shell.saveStatus.message).to.contain('could not connect to your learning system');
  });
});
