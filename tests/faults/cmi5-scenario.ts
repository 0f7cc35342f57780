import type { CourseModel } from '../../src/model/course.js';
import type { AttemptState } from '../../src/state/attempt.js';
import { decodeResume } from '../../src/state/codec.js';
import { CMI5 } from '../../src/tracking/cmi5.js';
import { RESUME_STATE_ID } from '../../src/tracking/xapi.js';
import { PackagePlayer } from '../integration/harness.js';
import { lrsLog, lrsUrl, setFault, statementsOf, uuid, verb } from '../integration/lrs-client.js';
import type { StoredStatement } from '../integration/lrs-client.js';
import { clearCourseStorage } from './lms.js';
import type { CourseShell } from './lms.js';
import type { Random, ScenarioResult } from './random.js';
import { pick } from './random.js';
import { act, differences, finishCourse, pause } from './scorm-scenario.js';
import { launchReadFaults, START_TIMEOUT_MS } from './xapi-scenario.js';

/**
 * One cmi5 fault scenario against the real test LRS: like the xAPI one (xapi-scenario.ts), but
 * every launch is made as a cmi5 LMS makes it — a new session with its own `LMS.LaunchData`
 * (context template with the session id) and a fresh one-time fetch URL. While the learner
 * works over several launches, the LRS's statements resource answers 500, drops connections or,
 * rarely, does not answer until its request time-out, and the resume document's writes (State
 * API PUT) answer 500 or are dropped; at some launches the reads (GET) of `LMS.LaunchData` and of
 * the resume document fail, at times more often than three times (launchReadFaults). After
 * every launch the course must have restored what the learner last saw. At the end the LRS must hold one
 * `answered` statement per question of every submitted attempt, and what the course promises
 * for the cmi5-defined statements (src/tracking/cmi5.ts, README "cmi5"): `completed`, `passed`
 * and `failed` at most once each per registration, never `failed` after `passed`, `passed`
 * if the learner passed; one `initialized` and at most one `terminated` per launch. The resume
 * document must give back what the learner last saw.
 */
export async function cmi5Scenario(random: Random): Promise<ScenarioResult> {
  clearCourseStorage();
  const result: ScenarioResult = { faults: 0, lost: 0, duplicates: 0, passesLost: 0, problems: [] };
  const lost = (what: string, n = 1) => {
    result.lost += n;
    result.problems.push(what);
  };
  const duplicate = (what: string, n = 1) => {
    result.duplicates += n;
    result.problems.push(what);
  };
  const registration = uuid();
  const actor = { objectType: 'Agent', name: 'Ana Rivera', account: { homePage: 'https://lms.example.org', name: `faults-${registration}` } };
  const activityId = `https://lms.example.org/registrations/${registration}/au/1`;
  const submittedLog = new Map<number, Map<string, readonly string[]>>();
  let truth: AttemptState | null = null;
  let course: CourseModel | null = null;
  let everPassed = false;
  const sessions = 2 + Math.floor(random() * 2);
  const player = new PackagePlayer();
  const failedBefore = (await lrsLog()).requests.filter((r) => r.status === 500 || r.status === 0).length;
  let auth = '';

  try {
    for (let s = 0; s < sessions; s++) {
      const last = s === sessions - 1;
      // The launch (LaunchData, fetch URL) is made before the fault window opens: the statement
      // and state-write faults do not touch it; its reads fail only where launchReadFaults says so.
      const launch = await cmi5Launch(actor, registration, activityId);
      auth = launch.auth;
      if (last) await setFault('none');
      else if (random() < 0.85) {
        const fault = random() < 0.08 ? 'timeout' : pick(random, ['500', 'drop'] as const);
        await setFault(fault, fault === 'timeout' ? 1 : 1 + Math.floor(random() * 6));
      }
      // The State API fails too, sometimes: the resume document's PUTs answer 500 or are dropped.
      if (!last && random() < 0.35) await setFault(pick(random, ['500', 'drop'] as const), 1 + Math.floor(random() * 3), 'state');
      await launchReadFaults(random, CMI5.launchDataStateId);
      await launchReadFaults(random);
      const shell = (await player.open({ kind: 'cmi5', query: launch.query, startTimeoutMs: START_TIMEOUT_MS })) as unknown as CourseShell;
      course = shell.store.course;
      if (truth) for (const gap of differences(truth, shell.store.state)) lost(`session ${s + 1}: restored ${gap}`);
      if (last) await finishCourse(shell, random, submittedLog);
      else {
        const actions = 1 + Math.floor(random() * 6);
        for (let i = 0; i < actions; i++) {
          await act(shell, random, submittedLog);
          if (random() < 0.5) await pause(shell);
        }
      }
      truth = shell.store.state;
      everPassed ||= truth.assessment.passed;
      if (random() < 0.5) await pause(shell);
      player.close();
    }
    if (!truth) throw new Error('no session ran');
    // The learner opens the course once more (a new cmi5 session): its outbox sends what the
    // earlier launches kept, and every earlier launch's `terminated` must arrive.
    const verification = await cmi5Launch(actor, registration, activityId);
    auth = verification.auth;
    await launchReadFaults(random, CMI5.launchDataStateId);
    await launchReadFaults(random);
    const check = (await player.open({ kind: 'cmi5', query: verification.query, startTimeoutMs: START_TIMEOUT_MS })) as unknown as CourseShell;
    for (const gap of differences(truth, check.store.state)) lost(`verification launch: restored ${gap}`);
    await pause(check);
    const all = await delivered(registration, sessions, auth);
    player.close();

    const ids = new Set<string>();
    for (const s of all) {
      if (ids.has(s.id)) duplicate(`statement ${s.id} stored twice`);
      ids.add(s.id);
    }
    const answered = new Map<string, number>();
    for (const s of all) {
      if (verb(s) !== 'answered' || !s.object.id.includes('/assessment/items/')) continue;
      const item = decodeURIComponent(s.object.id.split('/').pop() ?? '');
      answered.set(item, (answered.get(item) ?? 0) + 1);
    }
    const expected = new Map<string, number>();
    for (const answers of submittedLog.values()) for (const item of answers.keys()) expected.set(item, (expected.get(item) ?? 0) + 1);
    for (const [item, n] of expected) {
      const got = answered.get(item) ?? 0;
      if (got < n) lost(`answered ${item}: ${got} of ${n}`, n - got);
      if (got > n) duplicate(`answered ${item} ${got} times for ${n} attempts`, got - n);
    }
    const verbs = all.map(verb);
    const count = (v: string) => verbs.filter((x) => x === v).length;
    // cmi5 §9.3: completed, passed, failed at most once per registration (the course's rule).
    for (const v of ['completed', 'passed', 'failed']) if (count(v) > 1) duplicate(`${v} ${count(v)} times`, count(v) - 1);
    if (verbs.includes('passed') && verbs.lastIndexOf('failed') > verbs.indexOf('passed')) lost('failed after passed');
    // One initialized per launch (the verification launch's may still be on its way), one terminated at most.
    if (count('initialized') < sessions) lost(`initialized ${count('initialized')} of ${sessions} launches`, sessions - count('initialized'));
    if (count('initialized') > sessions + 1) duplicate(`initialized ${count('initialized')} times for ${sessions + 1} launches`, count('initialized') - sessions - 1);
    if (count('terminated') > sessions + 1) duplicate(`terminated ${count('terminated')} times for ${sessions + 1} launches`, count('terminated') - sessions - 1);
    if (verbs[0] !== 'initialized') lost(`first statement is ${verbs[0]}, not initialized`);
    const log = await lrsLog();
    result.faults += log.requests.filter((r) => r.status === 500 || r.status === 0).length - failedBefore;
    result.problems.push(`verbs: ${verbs.join(' ')}`);
    if (everPassed && !verbs.includes('passed')) {
      result.passesLost += 1;
      result.problems.push('no passed statement');
    }
    const doc = await resumeDocument(actor, activityId, registration, auth);
    try {
      if (!course) throw new Error('no course');
      const stored = decodeResume(course, doc);
      for (const gap of differences(truth, stored.state)) lost(`final resume document: ${gap}`);
    } catch (error) {
      lost(`final resume document unreadable (${String(error)})`);
    }
  } finally {
    await setFault('none');
    player.close();
    clearCourseStorage();
  }
  return result;
}

/** What a cmi5 LMS does before each launch (cmi5 §10): LMS.LaunchData, a session, a one-time fetch URL. */
async function cmi5Launch(actor: unknown, registration: string, activityId: string): Promise<{ query: string; auth: string }> {
  const xml = await (await fetch('/dist/cmi5/cmi5.xml')).text();
  const publisherId = /<au id="([^"]+)"/.exec(xml)?.[1] ?? '';
  const url = await lrsUrl();
  const response = await fetch(`${url}/__control/cmi5-launch`, {
    method: 'POST',
    body: JSON.stringify({ actor, registration, activityId, publisherId, launchMode: 'Normal', moveOn: 'CompletedAndPassed' }),
  });
  const { session, fetch: fetchUrl } = (await response.json()) as { session: string; fetch: string };
  const query = new URLSearchParams({ endpoint: `${url}/xapi/`, fetch: fetchUrl, actor: JSON.stringify(actor), registration, activityId }).toString();
  return { query, auth: `Basic ${btoa(`cmi5:${session}`)}` };
}

/** The registration's statements once every launch's `terminated` arrived (they may come late, from the outbox). */
async function delivered(registration: string, sessions: number, auth: string): Promise<StoredStatement[]> {
  const start = performance.now();
  for (;;) {
    const all = await statementsOf(registration, auth);
    if (all.filter((s) => verb(s) === 'terminated').length >= sessions || performance.now() - start > 60000) return all;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function resumeDocument(actor: unknown, activityId: string, registration: string, auth: string): Promise<string> {
  const q = new URLSearchParams({ activityId, agent: JSON.stringify(actor), registration, stateId: RESUME_STATE_ID });
  const response = await fetch(`${await lrsUrl()}/xapi/activities/state?${q}`, { headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' } });
  const doc = (await response.json()) as { resumeData?: string };
  return doc.resumeData ?? '';
}
