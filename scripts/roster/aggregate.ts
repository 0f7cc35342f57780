/**
 * The roster's aggregator: statements in, one small record per learner and registration out.
 * It never keeps a statement: each one updates counters, dates and a short list of sessions,
 * so what it holds grows with the number of registrations, not with the number of statements.
 *
 * It reads both packages' statements (src/tracking/statements.ts, src/tracking/cmi5.ts):
 * - `initialized` / `resumed` (xAPI) or `initialized` (cmi5): a session began → first launch;
 * - `completed`: the course's completion rule was met → completion date;
 * - `passed` / `failed` with `result.score.scaled`: one per submitted attempt in the xAPI
 *   package; in cmi5 at most one of each per registration, so attempts are also counted from
 *   the `answered` statements of assessment items (one per item per attempt);
 * - `result.duration` on `completed`, `passed`, `failed`, `suspended` and `terminated`: the
 *   session's time so far. Time spent = the sum over sessions of the longest duration seen in
 *   that session. A session is the cmi5 `sessionid` context extension where there is one, else
 *   its start, `timestamp − duration` (the same for every statement of one xAPI session).
 */

import { verificationCode } from '../../src/model/verification.js';

export const VERB = 'http://adlnet.gov/expapi/verbs/';
/** cmi5 §9.6.3.1: the LMS's session id, in the context template of every cmi5 statement. */
export const SESSION_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
/**
 * Where the roster looks for the learner's agency: a context extension that an LMS can put in
 * the cmi5 context template (or an xAPI launcher in its statements). Absent → the column is empty.
 */
export const AGENCY_EXTENSION = 'https://w3id.org/slep/context/extensions/agency';
export const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';

/** Just the parts of a statement the roster reads. */
export interface RosterStatement {
  readonly actor?: { name?: string; mbox?: string; mbox_sha1sum?: string; openid?: string; account?: { homePage?: string; name?: string } };
  readonly verb?: { id?: string };
  readonly object?: { id?: string };
  readonly result?: { score?: { scaled?: number }; success?: boolean; completion?: boolean; duration?: string };
  readonly context?: {
    registration?: string;
    platform?: string;
    extensions?: Record<string, unknown>;
    contextActivities?: Record<string, { id?: string }[] | { id?: string } | undefined>;
  };
  readonly timestamp?: string;
}

/** What the roster needs to know about the course (from course.yaml through the build). */
export interface RosterCourse {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly creditHours: number;
  readonly masteryScore: number;
  /** Credit rules (course.yaml `credit`): minimum best score (0–1) and minutes in the course. */
  readonly credit: { readonly minimumScore: number; readonly minimumMinutes: number };
  readonly attempts: number;
  readonly itemsPerAttempt: number;
}

/** One learner's registration, as the aggregator keeps it (small and bounded). */
export interface Registration {
  readonly key: string;
  readonly registration: string;
  readonly learnerKey: string;
  name: string;
  accountId: string;
  accountHomePage: string;
  email: string;
  agency: string;
  kind: 'xapi' | 'cmi5';
  version: string;
  firstSeen: number;
  firstLaunch: number | null;
  lastActivity: number;
  completedAt: number | null;
  passedAt: number | null;
  passedCount: number;
  failedCount: number;
  bestScore: number | null;
  assessmentAnswers: number;
  progress: number;
  /** [session, start (ms), longest duration (s)]; one entry per session. */
  readonly sessions: [string, number, number][];
}

/** A finished row of the roster (or of the in-progress list). */
export interface RosterRow {
  readonly name: string;
  readonly accountId: string;
  readonly accountHomePage: string;
  readonly email: string;
  readonly agency: string;
  readonly registration: string;
  readonly package: 'xAPI' | 'cmi5';
  readonly version: string;
  readonly firstLaunch: string;
  readonly lastActivity: string;
  readonly completionDate: string;
  /** `failed`: every attempt used without a pass; `not passed`: attempts remain. */
  readonly result: 'passed' | 'failed' | 'not passed' | 'not assessed';
  /** Best score in percent (0–100), '' when none. */
  readonly bestScore: number | null;
  readonly attemptsUsed: number;
  readonly minutes: number;
  readonly progress: number;
  readonly creditHours: number;
  readonly creditReason: string;
  readonly verificationCode: string;
}

const SESSION_VERBS = new Set(['completed', 'passed', 'failed', 'suspended', 'terminated']);
/** Two statements of one xAPI session give starts this close (ms; durations are rounded to 1/100 s). */
const SAME_SESSION_MS = 1500;

export function agentKeyOf(actor: RosterStatement['actor']): string {
  if (!actor) return '';
  if (actor.account) return `account:${actor.account.homePage ?? ''}|${actor.account.name ?? ''}`;
  return actor.mbox ?? actor.mbox_sha1sum ?? actor.openid ?? '';
}

/** Seconds in an ISO 8601 duration such as `PT1H2M3.4S` (0 when unreadable). */
export function durationSeconds(text: unknown): number {
  if (typeof text !== 'string') return 0;
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m) return 0;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}

/** The course version a statement was made by: `context.revision`, else the player's platform string "… player 1.2.0". */
export function versionOf(statement: RosterStatement, fallback: string): string {
  const revision = (statement.context as { revision?: unknown } | undefined)?.revision;
  if (typeof revision === 'string' && revision) return revision;
  const m = / player (\d+\.\d+(?:\.\d+)?\S*)$/.exec(statement.context?.platform ?? '');
  return m?.[1] ?? fallback;
}

function ids(list: { id?: string }[] | { id?: string } | undefined): string[] {
  if (!list) return [];
  return (Array.isArray(list) ? list : [list]).map((a) => a.id ?? '');
}

export class RosterAggregator {
  private readonly registrations = new Map<string, Registration>();
  private readonly assessmentPrefix: string;
  statements = 0;
  ignored = 0;

  constructor(
    private readonly course: RosterCourse,
    private readonly filter: { learner?: string } = {},
  ) {
    this.assessmentPrefix = `${course.id.replace(/\/+$/, '')}/assessment/items/`;
  }

  get size(): number {
    return this.registrations.size;
  }

  /** What the aggregator holds: registrations and sessions (for the bounded-memory test). */
  retained(): { registrations: number; sessions: number } {
    let sessions = 0;
    for (const r of this.registrations.values()) sessions += r.sessions.length;
    return { registrations: this.registrations.size, sessions };
  }

  add(statement: RosterStatement): void {
    this.statements += 1;
    const registration = statement.context?.registration?.toLowerCase();
    const learnerKey = agentKeyOf(statement.actor);
    const at = Date.parse(statement.timestamp ?? '');
    if (!registration || !learnerKey || Number.isNaN(at) || !this.matchesLearner(statement)) {
      this.ignored += 1;
      return;
    }
    const key = `${learnerKey}\n${registration}`;
    let r = this.registrations.get(key);
    if (!r) {
      const actor = statement.actor ?? {};
      r = {
        key,
        registration,
        learnerKey,
        name: '',
        accountId: actor.account?.name ?? '',
        accountHomePage: actor.account?.homePage ?? '',
        email: actor.mbox?.replace(/^mailto:/, '') ?? '',
        agency: '',
        kind: 'xapi',
        version: '',
        firstSeen: at,
        firstLaunch: null,
        lastActivity: at,
        completedAt: null,
        passedAt: null,
        passedCount: 0,
        failedCount: 0,
        bestScore: null,
        assessmentAnswers: 0,
        progress: 0,
        sessions: [],
      };
      this.registrations.set(key, r);
    }
    if (statement.actor?.name) r.name = statement.actor.name;
    const extensions = statement.context?.extensions ?? {};
    const agency = extensions[AGENCY_EXTENSION];
    if (typeof agency === 'string' && agency.trim()) r.agency = agency.trim();
    const sessionId = extensions[SESSION_EXTENSION];
    if (typeof sessionId === 'string' || ids(statement.context?.contextActivities?.category).includes(CMI5_CATEGORY)) r.kind = 'cmi5';
    if (!r.version) r.version = versionOf(statement, '');
    r.firstSeen = Math.min(r.firstSeen, at);
    r.lastActivity = Math.max(r.lastActivity, at);

    const verb = statement.verb?.id?.startsWith(VERB) ? statement.verb.id.slice(VERB.length) : '';
    const result = statement.result ?? {};
    switch (verb) {
      case 'initialized':
      case 'resumed':
        r.firstLaunch = r.firstLaunch === null ? at : Math.min(r.firstLaunch, at);
        break;
      case 'completed':
        r.completedAt = r.completedAt === null ? at : Math.min(r.completedAt, at);
        break;
      case 'passed':
        r.passedCount += 1;
        r.passedAt = r.passedAt === null ? at : Math.min(r.passedAt, at);
        break;
      case 'failed':
        r.failedCount += 1;
        break;
      case 'answered':
        if (statement.object?.id?.startsWith(this.assessmentPrefix)) r.assessmentAnswers += 1;
        break;
      case 'progressed': {
        const p = (result as { extensions?: Record<string, unknown> }).extensions?.['https://w3id.org/xapi/cmi5/result/extensions/progress'];
        if (typeof p === 'number') r.progress = Math.max(r.progress, p);
        break;
      }
    }
    if ((verb === 'passed' || verb === 'failed') && typeof result.score?.scaled === 'number') {
      r.bestScore = Math.max(r.bestScore ?? 0, result.score.scaled);
    }
    if (SESSION_VERBS.has(verb) && result.duration) this.addSession(r, typeof sessionId === 'string' ? sessionId : '', at, durationSeconds(result.duration));
  }

  private addSession(r: Registration, sessionId: string, at: number, seconds: number): void {
    const start = at - seconds * 1000;
    const same = r.sessions.find(([id, s]) => (sessionId ? id === sessionId : !id && Math.abs(s - start) < SAME_SESSION_MS));
    if (same) same[2] = Math.max(same[2], seconds);
    else r.sessions.push([sessionId, start, seconds]);
  }

  /**
   * cmi5 registrations whose best score the statements cannot show: cmi5 allows one `failed`
   * per registration, so after several failed attempts only the first score is in a statement.
   * The course's resume document (State API) holds the best one; the roster reads it for these.
   */
  needingStoredScore(): Registration[] {
    return [...this.registrations.values()].filter((r) => r.kind === 'cmi5' && r.passedAt === null && attemptsOf(this.course, r) > r.failedCount + r.passedCount);
  }

  private matchesLearner(statement: RosterStatement): boolean {
    const wanted = this.filter.learner?.trim().toLowerCase();
    if (!wanted) return true;
    const a = statement.actor ?? {};
    const candidates = [a.account?.name, a.mbox, a.mbox?.replace(/^mailto:/, ''), a.name, a.openid].filter(Boolean).map((v) => String(v).toLowerCase());
    return candidates.includes(wanted);
  }

  /** The registrations seen so far (their records, not rows). */
  all(): Registration[] {
    return [...this.registrations.values()];
  }

  /** The finished rows: completions (the roster) and the rest (started, not finished). */
  async rows(): Promise<{ completed: RosterRow[]; inProgress: RosterRow[] }> {
    const completed: RosterRow[] = [];
    const inProgress: RosterRow[] = [];
    for (const r of this.registrations.values()) {
      const row = await rowOf(this.course, r);
      (r.completedAt !== null ? completed : inProgress).push(row);
    }
    const byDate = (a: RosterRow, b: RosterRow) => (a.completionDate || a.lastActivity).localeCompare(b.completionDate || b.lastActivity) || a.name.localeCompare(b.name) || a.registration.localeCompare(b.registration);
    return { completed: completed.sort(byDate), inProgress: inProgress.sort(byDate) };
  }
}

/** Attempts used: xAPI sends one passed/failed per attempt; cmi5 at most one of each, so answers count too. */
export function attemptsOf(course: RosterCourse, r: Registration): number {
  const fromAnswers = course.itemsPerAttempt > 0 ? Math.ceil(r.assessmentAnswers / course.itemsPerAttempt) : 0;
  return Math.max(r.passedCount + r.failedCount, fromAnswers);
}

export function minutesOf(r: Registration): number {
  return Math.round(r.sessions.reduce((sum, s) => sum + s[2], 0) / 60);
}

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));
const percent = (n: number) => Math.round(n * 100);

/**
 * The credit rule (course.yaml `creditHours` and `credit`): the full hours when the course is
 * complete, passed, with a best score at or above `credit.minimumScore` and at least
 * `credit.minimumMinutes` in the course; otherwise 0 and every reason why.
 */
export function creditOf(course: RosterCourse, r: Registration): { hours: number; reason: string } {
  const reasons: string[] = [];
  const attempts = attemptsOf(course, r);
  if (r.completedAt === null) reasons.push('not completed');
  if (r.passedAt === null) {
    if (r.failedCount > 0 || attempts > 0) {
      const left = course.attempts > 0 ? Math.max(0, course.attempts - attempts) : null;
      reasons.push(`${left ? 'assessment not passed yet' : 'failed the assessment'} (${attempts} of ${course.attempts || 'unlimited'} attempts used${left ? `, ${left} left` : ''})`);
    } else reasons.push('assessment not taken');
  }
  if (r.bestScore !== null && r.passedAt !== null && r.bestScore < course.credit.minimumScore) {
    reasons.push(`best score ${percent(r.bestScore)}% is below the ${percent(course.credit.minimumScore)}% minimum for credit`);
  }
  const minutes = minutesOf(r);
  if (course.credit.minimumMinutes > 0 && minutes < course.credit.minimumMinutes) {
    reasons.push(`${minutes} min in the course is below the ${course.credit.minimumMinutes}-minute minimum`);
  }
  return reasons.length ? { hours: 0, reason: reasons.join('; ') } : { hours: course.creditHours, reason: '' };
}

export function resultOf(course: RosterCourse, r: Registration): RosterRow['result'] {
  if (r.passedAt !== null) return 'passed';
  const attempts = attemptsOf(course, r);
  if (attempts === 0 && r.failedCount === 0) return 'not assessed';
  return course.attempts > 0 && attempts >= course.attempts ? 'failed' : 'not passed';
}

export async function rowOf(course: RosterCourse, r: Registration): Promise<RosterRow> {
  const credit = creditOf(course, r);
  const version = r.version || course.version;
  const complete = r.completedAt !== null;
  // The date credit was earned: completion, or the pass if it came later.
  const done = complete ? Math.max(r.completedAt ?? 0, r.passedAt ?? 0) : null;
  return {
    name: r.name,
    accountId: r.accountId,
    accountHomePage: r.accountHomePage,
    email: r.email,
    agency: r.agency,
    registration: r.registration,
    package: r.kind === 'cmi5' ? 'cmi5' : 'xAPI',
    version,
    firstLaunch: iso(r.firstLaunch ?? r.firstSeen),
    lastActivity: iso(r.lastActivity),
    completionDate: iso(done),
    result: resultOf(course, r),
    bestScore: r.bestScore === null ? null : percent(r.bestScore),
    attemptsUsed: attemptsOf(course, r),
    minutes: minutesOf(r),
    progress: Math.round(r.progress),
    creditHours: credit.hours,
    creditReason: credit.reason,
    verificationCode: complete ? await verificationCode({ courseId: course.id, version, attemptId: r.registration }) : '',
  };
}
