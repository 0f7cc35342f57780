/**
 * Learners for the roster tests, played through the course's own drivers (the xAPI package's
 * LrsDriver and the cmi5 package's Cmi5Driver, src/tracking/): each plan is a list of
 * sessions (lessons opened, assessment attempts with their scores, minutes spent) turned into
 * the tracker's events as src/tracking/tracker.ts emits them, so the statements are the ones
 * the packages send. The drivers talk to an in-memory stand-in for the LRS client; the tests
 * post the statements to the real test LRS in batches. Every plan also gives the roster row
 * it must produce, worked out from the plan alone.
 */
import type { Agent, Context, Statement } from '@xapi/xapi';
import { seededRandom } from '../../src/state/random.js';
import type { CourseModel } from '../../src/model/course.js';
import { verificationCode } from '../../src/model/verification.js';
import { Cmi5Driver } from '../../src/tracking/cmi5.js';
import type { InteractionRecord, Save, TrackingEvent } from '../../src/tracking/driver.js';
import type { Lrs } from '../../src/tracking/lrs.js';
import { LrsDriver } from '../../src/tracking/xapi.js';

export const HOME_PAGE = 'https://lms.example-post.gov';
export const AGENCY_EXTENSION = 'https://w3id.org/slep/context/extensions/agency';

export interface SessionPlan {
  /** New lessons opened in this session (in course order). */
  readonly lessons: number;
  /** Scores (0–1) of the assessment attempts submitted in this session. */
  readonly attempts: readonly number[];
  readonly minutes: number;
}

export interface LearnerPlan {
  readonly kind: 'xapi' | 'cmi5';
  readonly registration: string;
  readonly name: string;
  /** An account name (officer number); without one the actor is an mbox (xAPI only). */
  readonly accountId?: string;
  readonly email?: string;
  readonly agency?: string;
  /** First session's start (epoch ms); later sessions start a day apart. */
  readonly start: number;
  readonly sessions: readonly SessionPlan[];
}

/** A State API document the driver wrote (the resume document). */
export interface StateDocument {
  readonly agent: Agent;
  readonly activityId: string;
  readonly registration: string;
  readonly stateId: string;
  readonly state: unknown;
}

export interface ExpectedRow {
  readonly completed: boolean;
  readonly name: string;
  readonly accountId: string;
  readonly email: string;
  readonly agency: string;
  readonly registration: string;
  readonly package: 'xAPI' | 'cmi5';
  readonly firstLaunch: string;
  readonly completionDate: string;
  readonly result: 'passed' | 'failed' | 'not passed' | 'not assessed';
  readonly bestScore: string;
  readonly attemptsUsed: number;
  readonly minutes: number;
  readonly creditHours: number;
  /** Phrases the credit reason must contain ([] = no reason, full credit). */
  readonly reasons: readonly string[];
  readonly verificationCode: string;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A stand-in for the LRS client (src/tracking/lrs.ts Lrs) that keeps what the driver sends. */
class CapturingLrs {
  readonly sent: Statement[] = [];
  readonly state = new Map<string, unknown>();
  async sendStatements(statements: readonly Statement[]): Promise<number> {
    this.sent.push(...statements);
    return 200;
  }
  sendStatementsNow(statements: readonly Statement[]): void {
    this.sent.push(...statements);
  }
  async getState<T>(params: { registration?: string; stateId: string }): Promise<{ status: number; data: T | null }> {
    const data = this.state.get(`${params.registration}|${params.stateId}`);
    return data === undefined ? { status: 404, data: null } : { status: 200, data: JSON.parse(JSON.stringify(data)) as T };
  }
  async setState(params: { registration?: string; stateId: string; state: unknown }): Promise<number> {
    this.state.set(`${params.registration}|${params.stateId}`, params.state);
    return 204;
  }
  setStateNow(params: { registration?: string; stateId: string; state: unknown }): void {
    this.state.set(`${params.registration}|${params.stateId}`, params.state);
  }
  async getAgentProfile(): Promise<{ status: number; data: null }> {
    return { status: 404, data: null };
  }
}

function actorOf(plan: LearnerPlan): Agent {
  if (plan.accountId) return { objectType: 'Agent', name: plan.name, account: { homePage: HOME_PAGE, name: plan.accountId } } as Agent;
  return { objectType: 'Agent', name: plan.name, mbox: `mailto:${plan.email}` } as Agent;
}

function record(course: CourseModel, kind: 'assessment' | 'check', index: number, attempt: number, correct: boolean, at: number, lessonId = ''): InteractionRecord {
  const item = kind === 'assessment' ? course.bank[index % course.bank.length] : course.checks[index % course.checks.length];
  const id = item?.id ?? `item-${index}`;
  return {
    id: kind === 'assessment' ? `a${attempt}-${id}` : `check-${id}`,
    itemId: id,
    kind,
    type: 'choice',
    multiple: false,
    response: [correct ? 'a' : 'b'],
    correctResponse: ['a'],
    result: correct ? 'correct' : 'incorrect',
    latency: 12.5,
    timestamp: new Date(at),
    description: `Question ${id}`,
    objective: 'objective',
    attempt,
    lessonId,
    options: { choices: [{ id: 'a', text: 'Answer A' }, { id: 'b', text: 'Answer B' }] },
  };
}

/**
 * Plays one learner through the driver of their package and returns the statements it sent,
 * with the roster row the plan must produce.
 */
export async function play(course: CourseModel, plan: LearnerPlan, auId: string): Promise<{ statements: Statement[]; expected: ExpectedRow; documents: StateDocument[] }> {
  const lrs = new CapturingLrs();
  const actor = actorOf(plan);
  const lessons = course.lessons;
  const mastery = course.masteryScore;
  const maxAttempts = course.assessment.attempts;
  let opened = 0;
  let attempts = 0;
  let passed = false;
  let completedAt: number | null = null;
  let passedAt: number | null = null;
  let best: number | null = null;
  let minutes = 0;
  let seq = 0;
  for (const [index, session] of plan.sessions.entries()) {
    const start = plan.start + index * 86400000;
    let clock = start;
    const now = () => clock;
    const common = { course, lrs: lrs as unknown as Lrs, endpoint: 'http://lrs.invalid/xapi/', actor, registration: plan.registration, storage: null, now };
    const template: Context = {
      contextActivities: { grouping: [{ objectType: 'Activity', id: auId }] },
      extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': `${plan.registration}-s${index}`, ...(plan.agency ? { [AGENCY_EXTENSION]: plan.agency } : {}) },
    } as Context;
    const driver =
      plan.kind === 'cmi5'
        ? new Cmi5Driver({ ...common, kind: 'cmi5', activityId: auId, mode: 'normal', masteryScore: mastery, template })
        : new LrsDriver({ ...common, kind: 'xapi', activityId: course.id, ...(plan.agency ? { template: { extensions: { [AGENCY_EXTENSION]: plan.agency } } as Context } : {}) });
    const launch = await driver.initialize();
    if (!launch) throw new Error('The driver did not launch.');
    const events: TrackingEvent[] = [];
    const steps = session.lessons * 3 + session.attempts.length * 2 + 2;
    const stepMs = (session.minutes * 60000) / steps;
    const push = (event: Record<string, unknown>) => {
      clock += stepMs;
      seq += 1;
      events.push({ id: `e${seq}`, at: clock, ...event } as TrackingEvent);
    };
    seq += 1;
    events.push({ id: `e${seq}`, at: start, type: 'launched', resumed: index > 0 } as TrackingEvent);
    for (let i = 0; i < session.lessons; i++) {
      const lesson = lessons[opened];
      if (!lesson) break;
      opened += 1;
      push({ type: 'experienced', lessonId: lesson.id, title: lesson.title });
      push({ type: 'progressed', progress: opened / (lessons.length + 1) });
      push({ type: 'answered', record: record(course, 'check', opened, 0, true, clock, lesson.id) });
    }
    for (const score of session.attempts) {
      attempts += 1;
      const count = course.assessment.itemsPerAttempt;
      const right = Math.round(score * count);
      push({
        type: 'submitted',
        attempt: attempts,
        score,
        passed: passed || score >= mastery,
        interactions: Array.from({ length: count }, (_, k) => record(course, 'assessment', k + attempts * 3, attempts, k < right, clock)),
        objectives: [],
      });
      best = Math.max(best ?? 0, score);
      // As the tracker does: passed once, on the first passing attempt; failed for every other.
      if (score >= mastery && !passed) {
        passed = true;
        push({ type: 'passed', score });
        passedAt = clock;
      } else if (!passed) push({ type: 'failed', score });
      if (opened === lessons.length && completedAt === null) {
        push({ type: 'completed' });
        completedAt = clock;
      }
    }
    if (attempts > 0 && opened === lessons.length && completedAt === null) {
      push({ type: 'completed' });
      completedAt = clock;
    }
    const finished = completedAt !== null && (passed || attempts >= maxAttempts);
    clock = start + session.minutes * 60000;
    seq += 1;
    if (!finished) events.push({ id: `e${seq}`, at: clock, type: 'suspended' } as TrackingEvent);
    seq += 1;
    events.push({ id: `e${seq}`, at: clock, type: 'terminated' } as TrackingEvent);
    const save: Save = {
      revision: seq,
      location: '',
      resumeData: `plan-${plan.registration}`,
      report: { completion: completedAt !== null ? 'completed' : 'incomplete', success: passed ? 'passed' : 'unknown', score: best, lastResult: 'none', progress: 0, finished },
    };
    await driver.report({ events, save, commit: true });
    while (driver.outbox.pending) await driver.outbox.flush();
    minutes += session.minutes;
  }

  const completed = completedAt !== null;
  const roundedMinutes = Math.round(minutes);
  const reasons: string[] = [];
  const credit = course.credit ?? { minimumScore: mastery, minimumMinutes: 0 };
  if (!completed) reasons.push('not completed');
  if (!passed) reasons.push(attempts >= maxAttempts ? 'failed the assessment' : attempts ? 'assessment not passed yet' : 'assessment not taken');
  if (passed && best !== null && best < credit.minimumScore) reasons.push('below the');
  if (credit.minimumMinutes && roundedMinutes < credit.minimumMinutes) reasons.push(`${roundedMinutes} min in the course`);
  const expected: ExpectedRow = {
    completed,
    name: plan.name,
    accountId: plan.accountId ?? '',
    email: plan.accountId ? '' : (plan.email ?? ''),
    agency: plan.agency ?? '',
    registration: plan.registration,
    package: plan.kind === 'cmi5' ? 'cmi5' : 'xAPI',
    firstLaunch: iso(plan.start),
    completionDate: completed ? iso(Math.max(completedAt ?? 0, passedAt ?? 0)) : '',
    result: passed ? 'passed' : attempts >= maxAttempts ? 'failed' : attempts ? 'not passed' : 'not assessed',
    bestScore: best === null ? '' : String(Math.round(best * 100)),
    attemptsUsed: attempts,
    minutes: roundedMinutes,
    creditHours: reasons.length ? 0 : course.creditHours,
    reasons,
    verificationCode: completed ? await verificationCode({ courseId: course.id, version: course.version, attemptId: plan.registration }) : '',
  };
  const documents = [...lrs.state].map(([key, state]) => ({ agent: actor, activityId: plan.kind === 'cmi5' ? auId : course.id, registration: plan.registration, stateId: key.slice(key.indexOf('|') + 1), state }));
  return { statements: lrs.sent, expected, documents };
}

const uuidFrom = (random: () => number) =>
  'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = Math.floor(random() * 16);
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });

/** The hand-picked learners: every outcome the roster must tell apart, in both packages. */
export function seededPlans(base: number): LearnerPlan[] {
  const day = 86400000;
  const random = seededRandom(42);
  const reg = () => uuidFrom(random);
  return [
    { kind: 'xapi', registration: reg(), name: 'Alex Passed', accountId: 'P-1001', agency: 'Metro Police Department', start: base, sessions: [{ lessons: 7, attempts: [0.9], minutes: 62 }] },
    { kind: 'xapi', registration: reg(), name: 'Blair Thirdtime', accountId: 'P-1002', start: base + day, sessions: [{ lessons: 7, attempts: [0.6], minutes: 40 }, { lessons: 0, attempts: [0.7, 0.85], minutes: 25 }] },
    { kind: 'xapi', registration: reg(), name: 'Casey Failed', accountId: 'P-1003', start: base + 2 * day, sessions: [{ lessons: 7, attempts: [0.5, 0.6, 0.7], minutes: 70 }] },
    { kind: 'xapi', registration: reg(), name: 'Dana Quick', accountId: 'P-1004', start: base + 3 * day, sessions: [{ lessons: 7, attempts: [0.95], minutes: 30 }] },
    { kind: 'xapi', registration: reg(), name: 'Eli Started', accountId: 'P-1005', start: base + 4 * day, sessions: [{ lessons: 3, attempts: [], minutes: 20 }] },
    { kind: 'xapi', registration: reg(), name: 'Fran Email', email: 'fran@district.example.org', start: base + 5 * day, sessions: [{ lessons: 4, attempts: [], minutes: 25 }, { lessons: 3, attempts: [0.8], minutes: 35 }] },
    { kind: 'xapi', registration: reg(), name: 'Gale Early', accountId: 'P-1007', start: base + 6 * day, sessions: [{ lessons: 5, attempts: [0.9], minutes: 50 }, { lessons: 2, attempts: [], minutes: 15 }] },
    { kind: 'cmi5', registration: reg(), name: 'Harper Cmi', accountId: 'P-2001', agency: 'County Sheriff', start: base, sessions: [{ lessons: 7, attempts: [0.8], minutes: 55 }] },
    { kind: 'cmi5', registration: reg(), name: 'Indy Second', accountId: 'P-2002', start: base + day, sessions: [{ lessons: 7, attempts: [0.6], minutes: 45 }, { lessons: 0, attempts: [0.9], minutes: 15 }] },
    { kind: 'cmi5', registration: reg(), name: 'Jules Failed', accountId: 'P-2003', start: base + 2 * day, sessions: [{ lessons: 7, attempts: [0.4, 0.55], minutes: 60 }, { lessons: 0, attempts: [0.65], minutes: 10 }] },
    { kind: 'cmi5', registration: reg(), name: 'Kim Started', accountId: 'P-2004', start: base + 3 * day, sessions: [{ lessons: 2, attempts: [], minutes: 12 }] },
    { kind: 'cmi5', registration: reg(), name: 'Lee Halfway', accountId: 'P-2005', agency: 'State Patrol', start: base + 4 * day, sessions: [{ lessons: 7, attempts: [0.6], minutes: 50 }] },
  ];
}

/** Generated learners, until about `statements` statements (a mix of every kind of outcome). */
export function generatedPlans(base: number, count: number, seed = 7): LearnerPlan[] {
  const random = seededRandom(seed);
  const plans: LearnerPlan[] = [];
  const scores = [0.4, 0.55, 0.65, 0.75, 0.8, 0.85, 0.9, 0.95, 1];
  const pick = () => scores[Math.floor(random() * scores.length)] ?? 0.8;
  for (let i = 0; i < count; i++) {
    const kind = random() < 0.5 ? 'xapi' : 'cmi5';
    const shape = random();
    const sessions: SessionPlan[] = [];
    if (shape < 0.2) sessions.push({ lessons: 1 + Math.floor(random() * 6), attempts: [], minutes: 5 + Math.floor(random() * 40) });
    else {
      const attempts: number[] = [];
      for (let a = 0; a < 3; a++) {
        const s = pick();
        attempts.push(s);
        if (s >= 0.8) break;
      }
      if (random() < 0.5) sessions.push({ lessons: 7, attempts, minutes: 20 + Math.floor(random() * 70) });
      else sessions.push({ lessons: 4, attempts: [], minutes: 10 + Math.floor(random() * 30) }, { lessons: 3, attempts, minutes: 10 + Math.floor(random() * 40) });
    }
    plans.push({ kind, registration: uuidFrom(random), name: `Officer ${i}`, accountId: `G-${String(i).padStart(5, '0')}`, ...(random() < 0.3 ? { agency: `Agency ${i % 17}` } : {}), start: base + Math.floor(random() * 60) * 86400000 + i * 1000, sessions });
  }
  return plans;
}
