import type { CourseModel } from '../model/course.js';
import { findApi } from './find-api.js';
import { parseScorm12Timespan, scorm12Time, scorm12Timespan } from './time.js';
import type { InteractionRecord, Launch, ObjectiveRecord, Report, Save, TrackingDriver, TrackingEvent } from './driver.js';
import { ScormCalls } from './scorm-calls.js';

/** The SCORM 1.2 run-time API (SCORM 1.2 RTE, 3.3 "API"). Values cross it as strings. */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string | boolean;
  LMSFinish(arg: ''): string | boolean;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string | boolean;
  LMSCommit(arg: ''): string | boolean;
  LMSGetLastError(): string | number;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic?(code: string): string;
}

/** SCORM 1.2 vocabularies and limits (RTE 3.4.2). */
export const SCORM12 = {
  limits: { suspendData: 4096, location: 255, identifier: 255 },
  noError: '0',
  notImplemented: '401',
} as const;

export type Scorm12StatusStyle = 'passed-failed' | 'completed';

/**
 * SCORM 1.2 driver: maps the tracker's saves and events onto `cmi.core.*`,
 * `cmi.suspend_data`, `cmi.interactions.n.*` and `cmi.objectives.n.*`.
 *
 * Reporting rule (see README, "Tracking rules"): `incomplete` and no score until the
 * result is settled — every lesson done and the assessment passed, or every attempt
 * used. Moodle ends its attempt on passed/failed/completed and, with "mastery score
 * overrides status", turns any score into passed/failed at LMSFinish; writing the score
 * only once the result is settled keeps both from cutting a learner short.
 */
export class Scorm12Driver implements TrackingDriver {
  readonly kind = 'scorm12';
  readonly limits = { resumeData: SCORM12.limits.suspendData, location: SCORM12.limits.location };
  readonly pending = 0;
  lastError = '';
  private initialized = false;
  private terminated = false;
  /** `browse` / `review` launches must not change anything (RTE 3.4.2 cmi.core.lesson_mode). */
  private readOnly = false;
  /** A browse launch of an attempt never started: it is marked `browsed` (see terminateNow). */
  private browsedFirst = false;
  private interactionsSupported = true;
  private objectivesSupported = true;
  /** Interaction ids fully written this session, and the index each one has (reused on a retry). */
  private readonly written = new Set<string>();
  private readonly indexOf = new Map<string, number>();
  /** The guarded API calls and the cache of accepted values (scorm-calls.ts). */
  private readonly calls: ScormCalls;
  private latestObjectives: readonly ObjectiveRecord[] = [];

  /**
   * Interaction indices given out on this device, for the next launch: 1.2 interactions are
   * write-only, so after answers that only partly went in, this is how a relaunch rewrites
   * the same entries instead of adding second copies. Only indices the LMS holds are taken back.
   */
  readonly memory = {
    save: (): unknown => Object.fromEntries(this.indexOf),
    restore: (value: unknown): void => {
      if (value && typeof value === 'object') this.adoptIndices(Object.entries(value as Record<string, unknown>));
    },
  };

  placeInteractions(ids: readonly string[], base: number): void {
    this.adoptIndices(ids.map((id, i) => [identifier(id), base + i]));
  }

  /** Takes back interaction indices learned elsewhere: only those the LMS holds, never over one known here. */
  private adoptIndices(entries: ReadonlyArray<readonly [string, unknown]>): void {
    const count = Number(this.calls.get('cmi.interactions._count')) || 0;
    for (const [id, n] of entries) {
      if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < count && !this.indexOf.has(id)) this.indexOf.set(id, n);
    }
  }

  constructor(
    private readonly api: Scorm12Api,
    private readonly options: { statusStyle: Scorm12StatusStyle } = { statusStyle: 'passed-failed' },
  ) {
    this.calls = new ScormCalls(
      {
        getName: 'LMSGetValue',
        setName: 'LMSSetValue',
        getValue: (element) => api.LMSGetValue(element),
        setValue: (element, value) => api.LMSSetValue(element, value),
        getLastError: () => api.LMSGetLastError(),
        getErrorString: (code) => api.LMSGetErrorString(code),
        noError: SCORM12.noError,
        notImplemented: [SCORM12.notImplemented],
        // 1.2 has no "not initialized" code: an element never set reads as '' with no error.
        notInitialized: [],
      },
      (message) => (this.lastError = message),
    );
  }

  async initialize(): Promise<Launch | null> {
    return this.initializeNow();
  }

  /** The synchronous form of {@link initialize} (SCORM's API is synchronous). */
  initializeNow(): Launch | null {
    if (!this.calls.call('LMSInitialize', () => this.api.LMSInitialize(''))) return null;
    this.initialized = true;
    // Every launch read is retried at once when the LMS fails it (scorm-calls.ts, read). An essential
    // element that still cannot be read makes the launch unreadable: a '' there would look like a
    // first launch and the course would overwrite the learner's progress, so nothing is written.
    const reader = this.calls.launchReader();
    const read = reader.read;
    const status = read('cmi.core.lesson_status', true);
    const entry = read('cmi.core.entry', true);
    const mode = read('cmi.core.lesson_mode', true);
    const resumeData = read('cmi.suspend_data', true);
    const location = read('cmi.core.lesson_location', true);
    const mastery = read('cmi.student_data.mastery_score');
    // The score: a pass the LMS holds keeps its score (records.ts). The learner id: the browser copy is kept per learner.
    const raw = read('cmi.core.score.raw', true);
    const learner = { id: read('cmi.core.student_id', true), name: read('cmi.core.student_name') };
    const credit = read('cmi.core.credit');
    const totalTime = read('cmi.core.total_time');
    const unreadable = reader.failed;
    this.readOnly = unreadable || mode === 'browse' || mode === 'review';
    this.browsedFirst = !unreadable && mode === 'browse' && (status === 'not attempted' || status === '');
    if (!this.readOnly && (status === 'not attempted' || status === '')) this.calls.set('cmi.core.lesson_status', 'incomplete');
    this.interactionsSupported = this.calls.supports('cmi.interactions._count');
    this.objectivesSupported = this.calls.supports('cmi.objectives._count');
    return {
      learner,
      entry: entry === 'resume' || entry === 'ab-initio' ? entry : '',
      mode: mode === 'browse' || mode === 'review' ? mode : 'normal',
      credit: credit !== 'no-credit',
      masteryScore: percent(mastery),
      resumeData,
      location,
      priorSeconds: parseScorm12Timespan(totalTime),
      returnUrl: null,
      recorded: {
        completion: status === 'passed' || status === 'failed' || status === 'completed' ? 'completed' : status === 'incomplete' ? 'incomplete' : 'unknown',
        success: status === 'passed' || status === 'failed' ? status : 'unknown',
        score: percent(raw),
      },
      registration: '',
      // Unknown (the read failed) counts as held: a tag that was not needed costs nothing.
      heldInteractions: this.interactionsSupported ? heldCount(this.calls.read('cmi.interactions._count')) : 0,
      ...(unreadable ? { unreadable } : {}),
    };
  }

  async report(options: { events: readonly TrackingEvent[]; save: Save; commit: boolean }): Promise<boolean> {
    if (!this.active()) return false;
    // Browse, review or an unreadable launch: nothing is written, not even a commit.
    if (this.readOnly) return true;
    let good = this.write(options.events, options.save);
    if (options.commit) {
      const committed = this.calls.call('LMSCommit', () => this.api.LMSCommit(''));
      // Some LMSs (Moodle's scorm_12.js) drop what a failed commit carried: send everything again next time.
      // Interactions keep their index, so writing them again never adds a second copy.
      if (!committed) {
        this.calls.forget();
        this.written.clear();
      }
      good = committed && good;
    }
    return good;
  }

  terminateNow(options: { events: readonly TrackingEvent[]; save: Save | null; sessionSeconds: number }): boolean {
    if (!this.active()) return false;
    let good = true;
    if (options.save && !this.readOnly) {
      good = this.write(options.events, options.save);
      good = this.calls.set('cmi.core.session_time', scorm12Timespan(options.sessionSeconds)) && good;
      // "suspend" keeps the attempt open for resume; "" ends it normally once finished.
      good = this.calls.set('cmi.core.exit', options.save.report.finished ? '' : 'suspend') && good;
    }
    // The one write of a browse launch: Moodle (scorm_12.js StoreData) turns "not attempted"
    // into "completed" at LMSFinish, which would end the learner's attempt before it began.
    // "browsed" is the 1.2 status for exactly this (RTE 3.4.2 cmi.core.lesson_status).
    if (this.browsedFirst) good = this.calls.call('LMSSetValue(cmi.core.lesson_status)', () => this.api.LMSSetValue('cmi.core.lesson_status', 'browsed')) && good;
    this.terminated = true;
    // A finish the LMS accepts after refused writes is not a confirmed save.
    return this.calls.call('LMSFinish', () => this.api.LMSFinish('')) && good;
  }

  /** Writes one save: interactions and objectives first, then location, resume data, score, status. */
  private write(events: readonly TrackingEvent[], save: Save): boolean {
    if (this.readOnly) return true;
    // Answers in order, stopping at the first refusal (the rest go with the next save).
    let reported = true;
    /** The attempt whose answers stopped part-way, and the index its first one has. */
    let partial: { attempt: number; base: number } | null = null;
    for (const event of events) {
      if (event.type === 'evaluated') reported = reported && this.recordEvaluation(event.answers, new Date(event.at), event.idTag ?? '');
      if (event.type !== 'submitted') continue;
      if (reported && !this.recordInteractions(event.interactions)) {
        reported = false;
        const first = event.interactions.find((r) => r.kind === 'assessment');
        const base = first ? this.indexOf.get(identifier(first.id)) : undefined;
        if (base !== undefined) partial = { attempt: event.attempt, base };
      }
      this.latestObjectives = event.objectives;
    }
    let good = reported;
    if (this.latestObjectives.length) good = this.recordObjectives(this.latestObjectives) && good;
    good = this.calls.set('cmi.core.lesson_location', save.location.slice(0, SCORM12.limits.location)) && good;
    // The resume data marks the latest attempt reported only once its answers all went in.
    // Where the answers that went in sit travels with it, for a relaunch on another device.
    const unreported = partial && save.resumeDataUnreportedFrom ? save.resumeDataUnreportedFrom(partial.attempt, partial.base) : save.resumeDataUnreported;
    const resume = reported ? save.resumeData : (unreported ?? save.resumeData);
    if (resume !== null) good = this.calls.set('cmi.suspend_data', resume) && good;
    const { status, score } = lessonStatus(save.report, this.options.statusStyle);
    // The score goes before the status: some LMSs derive passed/failed from it.
    if (score !== null) {
      good = this.calls.set('cmi.core.score.min', '0') && good;
      good = this.calls.set('cmi.core.score.max', '100') && good;
      good = this.calls.set('cmi.core.score.raw', String(Math.round(score * 100))) && good;
    }
    good = this.calls.set('cmi.core.lesson_status', status) && good;
    return good;
  }

  /** The index an interaction is written at: kept per id, so a retry rewrites the same entry. */
  private interactionIndex(id: string): number {
    let n = this.indexOf.get(id);
    if (n === undefined) {
      n = Math.max(Number(this.calls.get('cmi.interactions._count')) || 0, ...[...this.indexOf.values()].map((i) => i + 1));
      this.indexOf.set(id, n);
    }
    return n;
  }

  private recordInteractions(records: readonly InteractionRecord[]): boolean {
    if (!this.interactionsSupported) return true;
    for (const r of records) {
      if (r.kind !== 'assessment') continue;
      const id = identifier(r.id);
      if (this.written.has(id)) continue;
      const base = `cmi.interactions.${this.interactionIndex(id)}`;
      // In order, stopping at the first refusal: the next interaction never skips an index
      // the LMS has not filled, and a retry rewrites this one at the same index.
      const all =
        this.calls.set(`${base}.id`, id) &&
        this.calls.set(`${base}.objectives.0.id`, identifier(r.objective)) &&
        this.calls.set(`${base}.time`, scorm12Time(r.timestamp)) &&
        this.calls.set(`${base}.type`, r.type) &&
        this.calls.set(`${base}.correct_responses.0.pattern`, responsePattern(r, r.correctResponse)) &&
        // An unanswered question has no response to write; its result still says "wrong".
        (!r.response.length || this.calls.set(`${base}.student_response`, responsePattern(r, r.response))) &&
        this.calls.set(`${base}.result`, r.result === 'correct' ? 'correct' : 'wrong') &&
        this.calls.set(`${base}.latency`, scorm12Timespan(r.latency));
      if (!all) return false;
      this.written.add(id);
    }
    return true;
  }

  /**
   * The course evaluation as interactions `eval-<question>` (`eval-<idTag>-<question>` in a tagged course attempt) (RTE 3.4.2 cmi.interactions):
   * ratings as `likert`, the rest as `fill-in` (CMIString255), result `neutral`. Written once.
   */
  private recordEvaluation(answers: Readonly<Record<string, string>>, at: Date, tag: string): boolean {
    if (!this.interactionsSupported) return true;
    for (const [key, value] of Object.entries(answers)) {
      const likert = /^[1-5]$/.test(value) && key !== 'comments';
      if (key === 'comments' && !value.trim()) continue;
      const id = identifier(tag ? `eval-${tag}-${key}` : `eval-${key}`);
      if (this.written.has(id)) continue;
      const base = `cmi.interactions.${this.interactionIndex(id)}`;
      const all =
        this.calls.set(`${base}.id`, id) &&
        this.calls.set(`${base}.time`, scorm12Time(at)) &&
        this.calls.set(`${base}.type`, likert ? 'likert' : 'fill-in') &&
        this.calls.set(`${base}.student_response`, likert ? value : value.replace(/\s+/g, ' ').trim().slice(0, 255)) &&
        this.calls.set(`${base}.result`, 'neutral');
      if (!all) return false;
      this.written.add(id);
    }
    return true;
  }

  private recordObjectives(records: readonly ObjectiveRecord[]): boolean {
    if (!this.objectivesSupported) return true;
    const count = Number(this.calls.get('cmi.objectives._count')) || 0;
    const existing = new Map<string, number>();
    for (let i = 0; i < count; i++) existing.set(this.calls.get(`cmi.objectives.${i}.id`), i);
    let good = true;
    let next = count;
    for (const r of records) {
      const id = identifier(r.id);
      const n = existing.get(id) ?? next++;
      const base = `cmi.objectives.${n}`;
      good = this.calls.set(`${base}.id`, id) && good;
      good = this.calls.set(`${base}.score.min`, '0') && good;
      good = this.calls.set(`${base}.score.max`, '100') && good;
      good = this.calls.set(`${base}.score.raw`, String(Math.round(r.score * 100))) && good;
      good = this.calls.set(`${base}.status`, r.status) && good;
    }
    return good;
  }

  private active(): boolean {
    return this.initialized && !this.terminated;
  }

}

/** Finds the SCORM 1.2 API (RTE 3.3.6.1) and makes the driver; null when there is no LMS. */
export async function createDriver(course: CourseModel): Promise<TrackingDriver | null> {
  const api = findApi<Scorm12Api>({ name: 'API' });
  return api ? new Scorm12Driver(api, { statusStyle: course.completion.scorm12Status }) : null;
}

function percent(text: string): number | null {
  return text.trim() !== '' && Number.isFinite(Number(text)) ? Math.min(100, Math.max(0, Number(text))) / 100 : null;
}

/** A 1.2 CMIIdentifier: no spaces or punctuation beyond `-` and `_`, at most 255 characters. */
function identifier(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, SCORM12.limits.identifier);
}

/**
 * The one 1.2 status (RTE 3.4.2 cmi.core.lesson_status) and the score to write with it.
 * `incomplete` with no score until the result is settled; with the `completed` style a
 * settled course reports `completed` whatever the result, with its score.
 */
export function lessonStatus(report: Report, style: Scorm12StatusStyle = 'passed-failed'): { status: 'incomplete' | 'completed' | 'passed' | 'failed'; score: number | null } {
  if (report.completion !== 'completed') return { status: 'incomplete', score: null };
  if (report.success === 'unknown') return { status: report.lastResult === 'none' ? 'completed' : 'incomplete', score: null };
  return { status: style === 'completed' ? 'completed' : report.success, score: report.score };
}

/** A response in the 1.2 formats: `a,c` for choice, `t`/`f`, `1.a,2.b` for matching, `a,b,c` for sequencing. */
export function responsePattern(record: Pick<InteractionRecord, 'type'>, response: readonly string[]): string {
  if (record.type === 'choice' && response.length > 1) return [...response].sort().join(',');
  return response.join(',');
}

/** `cmi.interactions._count` as read at launch; a failed read (null) counts as one held. */
function heldCount(value: string | null): number {
  return value === null ? 1 : Number(value) || 0;
}
