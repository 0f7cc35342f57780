import { expect } from '@open-wc/testing';
import { correctResponse } from '../../src/model/response.js';
import { deepQueryAll, PackagePlayer, until } from './harness.js';
import { lrsLog, lrsUrl, setFault, uuid, verb, waitForVerb, XAPI_AUTH } from './lrs-client.js';
import type { StoredStatement } from './lrs-client.js';

const INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';

/** The course activity id, read from the built package's tincan.xml as an LRS platform would. */
async function courseActivityId(): Promise<string> {
  const xml = await (await fetch('/dist/xapi/tincan.xml')).text();
  return /<activity id="([^"]+)"/.exec(xml)?.[1] ?? '';
}

async function launchQuery(options: { registration: string; email: string; actor?: unknown }): Promise<string> {
  const q = new URLSearchParams({
    endpoint: `${await lrsUrl()}/xapi/`,
    auth: XAPI_AUTH,
    actor: JSON.stringify(options.actor ?? { objectType: 'Agent', name: 'Ana Rivera', mbox: `mailto:${options.email}` }),
    registration: options.registration,
    activity_id: await courseActivityId(),
  });
  return q.toString();
}

describe('the built xAPI package against a real LRS (Learning Locker xapi-statements)', () => {
  let player: PackagePlayer;

  beforeEach(async () => {
    player = new PackagePlayer();
    await setFault('none');
  });

  afterEach(() => player.close());

  it('sends every statement of a full run in order, valid, with every answer and the score', async () => {
    const registration = uuid();
    const shell = await player.open({ kind: 'xapi', query: await launchQuery({ registration, email: `full-${registration}@example.org` }) });
    expect(player.text()).not.to.contain('could not connect');
    const course = player.course;
    const check = course.checks[0];
    for (const lesson of course.lessons) await player.fire('slep-course', 'slep-navigate', { page: lesson.id });
    if (check) await player.fire('slep-course', 'slep-answer', { itemId: check.id, response: correctResponse(check) });
    await player.fire('slep-course', 'slep-navigate', { page: 'assessment' });
    await player.fire('slep-assessment', 'slep-assessment', { command: 'start' });
    const { items } = shell.store.state.assessment;
    for (const [i, id] of items.entries()) {
      const item = course.bank.find((x) => x.id === id);
      if (!item) throw new Error(id);
      await player.fire('slep-assessment', 'slep-assessment-answer', { itemId: id, response: correctResponse(item), latency: 5 + i });
    }
    await player.fire('slep-assessment', 'slep-assessment', { command: 'submit' });
    await player.click(/Save and exit/);

    const all = await waitForVerb(registration, 'terminated');
    const verbs = all.map(verb);
    const activity = await courseActivityId();
    expect(verbs[0]).to.equal('initialized');
    expect(verbs.at(-1)).to.equal('terminated');
    expect(verbs.filter((v) => v === 'experienced').length).to.equal(course.lessons.length);
    expect(verbs.filter((v) => v === 'progressed').length).to.equal(course.lessons.length);
    expect(verbs.filter((v) => v === 'answered').length).to.equal(items.length + (check ? 1 : 0));
    expect(verbs.filter((v) => v === 'completed').length).to.equal(1);
    expect(verbs.filter((v) => v === 'passed').length).to.equal(1);
    expect(verbs).not.to.include('failed');
    expect(verbs).not.to.include('suspended', 'a finished course ends without suspending');
    // The answers come before the result, the result before terminated.
    expect(verbs.lastIndexOf('answered')).to.be.below(verbs.indexOf('passed'));

    const passed = all.find((s) => verb(s) === 'passed') as StoredStatement;
    expect(passed.object.id).to.equal(activity);
    expect(passed.result?.score).to.deep.equal({ scaled: 1, raw: 100, min: 0, max: 100 });
    expect(passed.result?.success).to.equal(true);
    expect(passed.result?.duration).to.match(/^PT(\d+H)?(\d+M)?[\d.]+S$/);

    const answers = all.filter((s) => verb(s) === 'answered' && s.object.id.includes('/assessment/items/'));
    expect(answers.map((s) => decodeURIComponent(s.object.id.split('/').pop() ?? ''))).to.deep.equal(items);
    for (const s of answers) {
      const def = s.object.definition as { type: string; interactionType: string; correctResponsesPattern: string[] };
      expect(def.type).to.equal(INTERACTION);
      expect(['choice', 'true-false', 'matching', 'sequencing']).to.include(def.interactionType);
      expect(s.result?.response).to.equal(def.correctResponsesPattern[0]);
      expect(s.result?.success).to.equal(true);
      expect(s.context?.contextActivities?.parent?.[0]?.id).to.equal(`${course.id}/assessment`);
      expect(s.context?.contextActivities?.grouping?.[0]?.id).to.equal(activity);
    }
    for (const s of all) {
      expect(s.context?.registration).to.equal(registration);
      expect(s.context?.language).to.equal(course.language);
      expect(s.context?.platform).to.be.a('string').and.not.equal('');
      expect(s.timestamp).to.match(/Z$/);
    }
    const log = await lrsLog();
    const ours = all.map((s) => s.id);
    expect(log.delivered.filter((id) => ours.includes(id))).to.deep.equal(ours, 'stored once each, in the order made');
    expect(log.problems.filter((p) => ours.includes(p.id))).to.deep.equal([], 'Learning Locker validator: no errors or warnings');
  });

  it('resumes through the State API after a relaunch, and says resumed', async () => {
    const registration = uuid();
    const query = await launchQuery({ registration, email: `resume-${registration}@example.org` });
    let shell = await player.open({ kind: 'xapi', query });
    const [first, second] = player.course.lessons;
    await player.fire('slep-course', 'slep-navigate', { page: first?.id ?? '' });
    await player.fire('slep-course', 'slep-navigate', { page: second?.id ?? '' });
    const check = player.course.checks[0];
    if (check) await player.fire('slep-course', 'slep-answer', { itemId: check.id, response: correctResponse(check) });
    const before = shell.store.state;
    await player.click(/Save and exit/);
    player.close();
    await waitForVerb(registration, 'terminated');
    // The browser's own copies are not what resumes: only the State API document.
    localStorage.clear();

    shell = await player.open({ kind: 'xapi', query });
    expect(shell.store.state.location).to.equal(second?.id);
    expect(shell.store.state.visited).to.deep.equal(before.visited);
    expect(shell.store.state.checks).to.deep.equal(before.checks);
    await player.click(/Save and exit/);
    const all = await waitForVerb(registration, 'terminated', 2);
    const verbs = all.map(verb);
    expect(verbs.filter((v) => v === 'suspended').length).to.equal(2);
    expect(verbs.indexOf('resumed')).to.be.above(verbs.indexOf('terminated'));
  });

  it('reads the resume document again when the LRS fails that read at launch, and resumes', async () => {
    const registration = uuid();
    const query = await launchQuery({ registration, email: `reread-${registration}@example.org` });
    let shell = await player.open({ kind: 'xapi', query });
    const [first, second] = player.course.lessons;
    await player.fire('slep-course', 'slep-navigate', { page: first?.id ?? '' });
    await player.fire('slep-course', 'slep-navigate', { page: second?.id ?? '' });
    await player.click(/Save and exit/);
    player.close();
    await waitForVerb(registration, 'terminated');
    localStorage.clear();

    // The LRS fails the first read (500) and drops the second: the third gets the document.
    await setFault('500', 1, 'state-read');
    shell = await player.open({ kind: 'xapi', query });
    expect(shell.store.state.location).to.equal(second?.id);
    await setFault('drop', 1, 'state-read');
    player.close();
    shell = await player.open({ kind: 'xapi', query });
    expect(shell.store.state.location).to.equal(second?.id);
    expect((shell as unknown as { saveStatus: { message: string } }).saveStatus.message).to.equal('');
  });

  it('waits for the resume document through more failed reads than three, says so, then resumes and records', async function () {
    this.timeout(60000);
    const registration = uuid();
    const query = await launchQuery({ registration, email: `wait-${registration}@example.org` });
    let shell = await player.open({ kind: 'xapi', query });
    const [first, second, third] = player.course.lessons;
    await player.fire('slep-course', 'slep-navigate', { page: first?.id ?? '' });
    await player.fire('slep-course', 'slep-navigate', { page: second?.id ?? '' });
    await player.click(/Save and exit/);
    player.close();
    await waitForVerb(registration, 'terminated');
    localStorage.clear();

    // Four failed reads: more than the three tries after which the course used to run locally.
    await setFault('500', 4, 'state-read');
    const before = (await lrsLog()).requests.length;
    const opening = player.open({ kind: 'xapi', query, startTimeoutMs: 40000 });
    // While it waits the learner is told why, politely (a status, not an alert), on the welcome page.
    const notice = await until(() => deepQueryAll(player.frame?.contentDocument ?? document, '[role="status"]').find((e) => /still connecting/.test(e.textContent ?? '')), 'the connecting message', 30000);
    expect(notice.textContent).to.contain('nothing is lost');
    expect(player.frame?.contentDocument?.querySelector('slep-course')?.hasAttribute('starting')).to.equal(true, 'the course has not started over');
    shell = await opening;
    // The saved attempt, not a fresh start; the message is gone.
    expect(shell.store.state.location).to.equal(second?.id);
    expect(player.text()).not.to.contain('still connecting');
    expect((shell as unknown as { saveStatus: { message: string } }).saveStatus.message).to.equal('');
    // What the learner does now reaches the LRS.
    await player.fire('slep-course', 'slep-navigate', { page: third?.id ?? '' });
    const all = await waitForVerb(registration, 'experienced', 3);
    expect(all.filter((s) => verb(s) === 'experienced').map((s) => s.object.id.split('/').pop())).to.deep.equal([first?.id, second?.id, third?.id]);
    // Read until the LRS answered, and nothing written over its record before that.
    const state = (r: { path: string }) => r.path.endsWith('activities/state');
    const requests = (await lrsLog()).requests.slice(before).filter(state);
    expect(requests.filter((r) => r.method === 'GET').map((r) => r.status)).to.deep.equal([500, 500, 500, 500, 200], 'read until the LRS answered');
    expect(requests.slice(0, 5).map((r) => r.method)).to.deep.equal(['GET', 'GET', 'GET', 'GET', 'GET'], 'no write before the read');
  });

  it('keeps a resume document it cannot read in the browser and says so, rather than starting over silently', async () => {
    const registration = uuid();
    const email = `foreign-${registration}@example.org`;
    const actor = { objectType: 'Agent', name: 'Ana Rivera', mbox: `mailto:${email}` };
    // Another tool wrote the course's resume document in a shape the course does not know.
    const params = new URLSearchParams({ activityId: await courseActivityId(), agent: JSON.stringify(actor), stateId: 'https://w3id.org/slep/state/resume', registration });
    const put = await fetch(`${await lrsUrl()}/xapi/activities/state?${params}`, {
      method: 'PUT',
      headers: { Authorization: XAPI_AUTH, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
      body: JSON.stringify({ progress: 'lesson 3', by: 'another player' }),
    });
    expect(put.status).to.equal(204);
    await player.open({ kind: 'xapi', query: await launchQuery({ registration, email }) });
    await until(() => player.text().includes('could not be read'), 'the unreadable-data message');
    const kept = Object.keys(localStorage).filter((k) => k.endsWith(':unreadable')).map((k) => localStorage.getItem(k) ?? '');
    expect(kept.some((v) => v.includes('another player')), 'a copy of the document is kept in this browser').to.equal(true);
  });

  it('runs locally with the plain message when the launch parameters are missing or malformed', async () => {
    const shell = (await player.open({ kind: 'xapi', query: 'endpoint=not-a-url&auth=x' })) as unknown as { saveStatus: { message: string } };
    expect(shell.saveStatus.message, JSON.stringify(shell.saveStatus)).to.contain('could not connect to your learning system');
  });

  it('keeps statements while the LRS fails (500, time-outs, dropped connections) and delivers each once, in order', async () => {
    const registration = uuid();
    const shell = await player.open({ kind: 'xapi', query: await launchQuery({ registration, email: `outbox-${registration}@example.org` }) });
    await waitForVerb(registration, 'initialized');
    await setFault('500', 2);
    for (const lesson of player.course.lessons.slice(0, 3)) await player.fire('slep-course', 'slep-navigate', { page: lesson.id });
    await setFault('drop', 2);
    for (const lesson of player.course.lessons.slice(3)) await player.fire('slep-course', 'slep-navigate', { page: lesson.id });
    expect(shell.store.state.visited.length).to.be.at.least(player.course.lessons.length);
    const all = await waitForVerb(registration, 'experienced', player.course.lessons.length);
    const log = await lrsLog();
    const ours = all.map((s) => s.id);
    expect(new Set(ours).size).to.equal(ours.length);
    expect(log.delivered.filter((id) => ours.includes(id))).to.deep.equal(ours);
    expect(all.filter((s) => verb(s) === 'experienced').map((s) => s.object.id.split('/').pop())).to.deep.equal(player.course.lessons.map((l) => l.id));
    expect(log.requests.some((r) => r.status === 500)).to.equal(true, 'the LRS did fail');
  });
});
