import type { CourseModel } from '../../src/model/course.js';
import type { AttemptState } from '../../src/state/attempt.js';
import { decodeResume } from '../../src/state/codec.js';
import { RESUME_STATE_ID } from '../../src/tracking/xapi.js';
import { PackagePlayer } from '../integration/harness.js';
import { lrsLog, lrsUrl, setFault, statementsOf, verb } from '../integration/lrs-client.js';
import type { LrsLog, StoredStatement } from '../integration/lrs-client.js';
import { clearCourseStorage } from './lms.js';
import type { CourseShell } from './lms.js';
import type { Random, ScenarioResult } from './random.js';
import { pick } from './random.js';
import type { AnswerLog } from './scorm-scenario.js';
import { act, differences, finishCourse, pause } from './scorm-scenario.js';

/** One launch as the standard's LMS makes it: the launch URL's query and the credentials that read the LRS. */
export interface LrsLaunch {
  readonly query: string;
  readonly auth: string;
}

/** What differs between the xAPI and the cmi5 scenario (xapi-scenario.ts, cmi5-scenario.ts). */
export interface LrsStandard {
  readonly kind: 'xapi' | 'cmi5';
  readonly actor: unknown;
  readonly activityId: string;
  readonly registration: string;
  /** Makes the next launch; called before that launch's fault window opens. */
  launch(): Promise<LrsLaunch>;
  /** The State API documents whose reads may fail at a launch, in order (undefined: the resume document). */
  readonly readFaultDocs: readonly (string | undefined)[];
  /** The standard's own rules on the statements the LRS holds at the end. */
  check?(verbs: readonly string[], sessions: number, found: Found): void;
  /** What a failure's trail shows of the LRS. */
  trail(verbs: readonly string[], log: LrsLog): string;
}

/** Where a check reports what it found. */
export interface Found {
  lost(what: string, n?: number): void;
  duplicate(what: string, n?: number): void;
}

/**
 * One statement-based fault scenario against the real test LRS (Learning Locker's
 * xapi-statements behind tests/lrs/server.ts): while the learner works over several launches,
 * the LRS's statements resource answers 500, drops connections (unreachable) or, rarely, does
 * not answer until its request time-out; the resume document's writes (State API PUT) answer
 * 500 or are dropped, and at some launches the reads (GET) of the launch documents fail, at
 * times more often than three times (launchReadFaults). After every launch the course must
 * have restored what the learner last saw. At the end the LRS must hold one `answered`
 * statement per question of every submitted attempt (none missing, none twice), each
 * statement once, the pass if there was one, what the standard adds (`check`), and a resume
 * document that gives back what the learner last saw.
 */
export async function lrsScenario(standard: LrsStandard, random: Random): Promise<ScenarioResult> {
  clearCourseStorage();
  const result: ScenarioResult = { faults: 0, lost: 0, duplicates: 0, passesLost: 0, problems: [] };
  const found: Found = {
    lost: (what, n = 1) => {
      result.lost += n;
      result.problems.push(what);
    },
    duplicate: (what, n = 1) => {
      result.duplicates += n;
      result.problems.push(what);
    },
  };
  const submittedLog: AnswerLog = new Map();
  let truth: AttemptState | null = null;
  let course: CourseModel | null = null;
  let everPassed = false;
  let auth = '';
  const sessions = 2 + Math.floor(random() * 2);
  const player = new PackagePlayer();
  const failedBefore = (await lrsLog()).requests.filter((r) => r.status === 500 || r.status === 0).length;
  /** A launch with its read faults drawn; the shell once the course started. */
  const open = async (launch: LrsLaunch): Promise<CourseShell> => {
    for (const doc of standard.readFaultDocs) await launchReadFaults(random, doc);
    return (await player.open({ kind: standard.kind, query: launch.query, startTimeoutMs: START_TIMEOUT_MS })) as unknown as CourseShell;
  };

  try {
    for (let s = 0; s < sessions; s++) {
      const last = s === sessions - 1;
      const launch = await standard.launch();
      auth = launch.auth;
      // A fault window stays open into the next launch (its outbox sends what the last one kept),
      // and is closed before the last launch.
      if (last) await setFault('none');
      else if (random() < 0.85) {
        const fault = random() < 0.08 ? 'timeout' : pick(random, ['500', 'drop'] as const);
        await setFault(fault, fault === 'timeout' ? 1 : 1 + Math.floor(random() * 6));
      }
      // The State API fails too, sometimes: the resume document's PUTs answer 500 or are dropped.
      if (!last && random() < 0.35) await setFault(pick(random, ['500', 'drop'] as const), 1 + Math.floor(random() * 3), 'state');
      const shell = await open(launch);
      course = shell.store.course;
      if (truth) for (const gap of differences(truth, shell.store.state)) found.lost(`session ${s + 1}: restored ${gap}`);
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
    const verification = await standard.launch();
    auth = verification.auth;
    const check = await open(verification);
    for (const gap of differences(truth, check.store.state)) found.lost(`verification launch: restored ${gap}`);
    await pause(check);
    // The outbox sends in order: once every earlier launch's `terminated` is in, so is all before it.
    const all = await delivered(standard.registration, sessions, auth);
    player.close();

    const ids = new Set<string>();
    for (const s of all) {
      if (ids.has(s.id)) found.duplicate(`statement ${s.id} stored twice`);
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
      if (got < n) found.lost(`answered ${item}: ${got} of ${n}`, n - got);
      if (got > n) found.duplicate(`answered ${item} ${got} times for ${n} attempts`, got - n);
    }
    const verbs = all.map(verb);
    standard.check?.(verbs, sessions, found);
    const log = await lrsLog();
    // Faults injected: statement and State API requests the LRS failed (500) or left unanswered (dropped, timed out).
    result.faults += log.requests.filter((r) => r.status === 500 || r.status === 0).length - failedBefore;
    result.problems.push(standard.trail(verbs, log));
    if (everPassed && !verbs.includes('passed')) {
      result.passesLost += 1;
      result.problems.push('no passed statement');
    }
    const doc = await resumeDocument(standard, auth);
    try {
      if (!course) throw new Error('no course');
      const stored = decodeResume(course, doc);
      for (const gap of differences(truth, stored.state)) found.lost(`final resume document: ${gap}`);
    } catch (error) {
      found.lost(`final resume document unreadable (${String(error)})`);
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

/** The registration's statements once every launch's `terminated` arrived (they may come late, from the outbox). */
async function delivered(registration: string, sessions: number, auth: string): Promise<StoredStatement[]> {
  const start = performance.now();
  for (;;) {
    const all = await statementsOf(registration, auth);
    if (all.filter((s) => verb(s) === 'terminated').length >= sessions || performance.now() - start > 60000) return all;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The resume string the LRS holds for the learner (its State API document). */
async function resumeDocument(standard: LrsStandard, auth: string): Promise<string> {
  const q = new URLSearchParams({ activityId: standard.activityId, agent: JSON.stringify(standard.actor), registration: standard.registration, stateId: RESUME_STATE_ID });
  const response = await fetch(`${await lrsUrl()}/xapi/activities/state?${q}`, { headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' } });
  const doc = (await response.json()) as { resumeData?: string };
  return doc.resumeData ?? '';
}
