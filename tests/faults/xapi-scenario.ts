import type { CourseModel } from '../../src/model/course.js';
import type { AttemptState } from '../../src/state/attempt.js';
import { decodeResume } from '../../src/state/codec.js';
import { RESUME_STATE_ID } from '../../src/tracking/xapi.js';
import { PackagePlayer } from '../integration/harness.js';
import { lrsLog, lrsUrl, setFault, statementsOf, uuid, verb, XAPI_AUTH } from '../integration/lrs-client.js';
import { clearCourseStorage } from './lms.js';
import type { CourseShell } from './lms.js';
import type { Random, ScenarioResult } from './random.js';
import { pick } from './random.js';
import { act, differences, finishCourse, pause } from './scorm-scenario.js';

/**
 * One xAPI fault scenario against the real test LRS (Learning Locker's xapi-statements behind
 * tests/lrs/server.ts): while the learner works over several launches, the LRS answers 500,
 * drops connections (unreachable) or, rarely, does not answer until its request time-out; the
 * resume document's writes (State API PUT) sometimes answer 500 or are dropped, and at some
 * launches its read (GET) fails, at times more often than three times (launchReadFaults).
 * After every launch the course must have restored what the learner last saw. At the end the LRS must hold one `answered` statement per question of every submitted
 * attempt (none missing, none twice), the pass if there was one, and the resume document
 * must give back what the learner last saw.
 */
export async function xapiScenario(random: Random): Promise<ScenarioResult> {
  clearCourseStorage();
  const result: ScenarioResult = { faults: 0, lost: 0, duplicates: 0, passesLost: 0, problems: [] };
  const lost = (what: string, n = 1) => {
    result.lost += n;
    result.problems.push(what);
  };
  const registration = uuid();
  const actor = { objectType: 'Agent', name: 'Ana Rivera', mbox: `mailto:faults-${registration}@example.org` };
  const activity = await courseActivityId();
  const query = new URLSearchParams({ endpoint: `${await lrsUrl()}/xapi/`, auth: XAPI_AUTH, actor: JSON.stringify(actor), registration, activity_id: activity }).toString();
  const submittedLog = new Map<number, Map<string, readonly string[]>>();
  let truth: AttemptState | null = null;
  let course: CourseModel | null = null;
  let everPassed = false;
  const sessions = 2 + Math.floor(random() * 2);
  const player = new PackagePlayer();
  const failedBefore = (await lrsLog()).requests.filter((r) => r.status === 500 || r.status === 0).length;

  try {
    for (let s = 0; s < sessions; s++) {
      const last = s === sessions - 1;
      // A fault window stays open into the next launch (its outbox sends what the last one kept),
      // and is closed before the last launch.
      if (last) await setFault('none');
      else if (random() < 0.85) {
        const fault = random() < 0.08 ? 'timeout' : pick(random, ['500', 'drop'] as const);
        await setFault(fault, fault === 'timeout' ? 1 : 1 + Math.floor(random() * 6));
      }
      // The State API fails too, sometimes: the resume document's PUTs answer 500 or are dropped.
      if (!last && random() < 0.35) await setFault(pick(random, ['500', 'drop'] as const), 1 + Math.floor(random() * 3), 'state');
      await launchReadFaults(random);
      const shell = (await player.open({ kind: 'xapi', query, startTimeoutMs: START_TIMEOUT_MS })) as unknown as CourseShell;
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
    // Statements a closed window could not deliver wait in this browser's outbox for the next
    // launch: the learner opens the course once more, and every launch's `terminated` must arrive.
    await launchReadFaults(random);
    const check = (await player.open({ kind: 'xapi', query, startTimeoutMs: START_TIMEOUT_MS })) as unknown as CourseShell;
    for (const gap of differences(truth, check.store.state)) lost(`verification launch: restored ${gap}`);
    await pause(check);
    // The outbox sends in order: once every earlier launch's `terminated` is in, so is all before it.
    const all = await delivered(registration, sessions);
    player.close();
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
      if (got > n) {
        result.duplicates += got - n;
        result.problems.push(`answered ${item} ${got} times for ${n} attempts`);
      }
    }
    const log = await lrsLog();
    // Faults injected: statement and State API requests the LRS failed (500) or left unanswered (dropped, timed out).
    result.faults += log.requests.filter((r) => r.status === 500 || r.status === 0).length - failedBefore;
    result.problems.push(`verbs: ${all.map(verb).join(' ')}; requests: ${log.requests.filter((r) => r.method !== 'GET' || !r.path.endsWith('statements')).slice(-40).map((r) => `${r.method} ${r.path.replace('/xapi/', '')} ${r.status}`).join(', ')}`);
    if (everPassed && !all.some((s) => verb(s) === 'passed')) {
      result.passesLost += 1;
      result.problems.push('no passed statement');
    }
    const doc = await resumeDocument(actor, activity, registration);
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

/** A launch whose reads fail waits for them (0.5 + 1 + 2 + 4 s for four failed reads) before the course starts. */
export const START_TIMEOUT_MS = 40000;

/**
 * At some launches, fails the next reads (GET) of a State API document: the resume document,
 * or the one named (cmi5: LMS.LaunchData). 500s or dropped connections, one to four: more than
 * the three tries after which the course once ran locally, and few enough (the course reads
 * again after 0.5, 1, 2, 4 s) to keep the suite fast. The course must wait, never start over.
 */
export async function launchReadFaults(random: Random, stateId?: string): Promise<void> {
  if (random() >= 0.25) return;
  const count = random() < 0.2 ? 4 : 1 + Math.floor(random() * 2);
  await setFault(pick(random, ['500', 'drop'] as const), count, 'state-read', stateId);
}

async function courseActivityId(): Promise<string> {
  const xml = await (await fetch('/dist/xapi/tincan.xml')).text();
  return /<activity id="([^"]+)"/.exec(xml)?.[1] ?? '';
}

/** The registration's statements once every launch's `terminated` arrived (they may come late, from the outbox). */
async function delivered(registration: string, sessions: number) {
  const start = performance.now();
  for (;;) {
    const all = await statementsOf(registration);
    if (all.filter((s) => verb(s) === 'terminated').length >= sessions || performance.now() - start > 60000) return all;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function resumeDocument(actor: unknown, activityId: string, registration: string): Promise<string> {
  const q = new URLSearchParams({ activityId, agent: JSON.stringify(actor), registration, stateId: RESUME_STATE_ID });
  const response = await fetch(`${await lrsUrl()}/xapi/activities/state?${q}`, { headers: { Authorization: XAPI_AUTH, 'X-Experience-API-Version': '1.0.3' } });
  const doc = (await response.json()) as { resumeData?: string };
  return doc.resumeData ?? '';
}
