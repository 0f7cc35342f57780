import type { CourseModel } from '../model/course.js';
import { findApi } from './find-api.js';
import { isoDuration, isoTimestamp, parseIsoDuration } from './iso8601.js';
import type { InteractionRecord, Launch, ObjectiveRecord, Report, Save, TrackingDriver, TrackingEvent } from './driver.js';
import { ScormCalls } from './scorm-calls.js';

/** The SCORM 2004 run-time API (RTE §3.1, the API_1484_11 instance). Values cross it as strings. */
export interface Scorm2004Api {
  Initialize(arg: ''): string | boolean;
  Terminate(arg: ''): string | boolean;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string | boolean;
  Commit(arg: ''): string | boolean;
  GetLastError(): string | number;
  GetErrorString(code: string): string;
  GetDiagnostic?(code: string): string;
}

/** SCORM 2004 4th edition limits (the smallest permitted maximum, SPM, of each element) and error codes. */
export const SCORM2004 = {
  limits: { suspendData: 64000, location: 1000, description: 250, identifier: 4000 },
  noError: '0',
  /** 401 Undefined / 402 Unimplemented data model element. */
  notImplemented: ['401', '402'],
  /** 403 Data Model Element Value Not Initialized: an element never set (cmi.suspend_data, cmi.location on a first launch) is empty, not a failure. */
  notInitialized: ['403'],
} as const;

export type CompletionStatus = 'incomplete' | 'completed';
export type SuccessStatus = 'unknown' | 'passed' | 'failed';

/**
 * SCORM 2004 4th edition driver: maps the tracker's saves and events onto
 * `cmi.completion_status`, `cmi.success_status`, `cmi.score.*`, `cmi.progress_measure`,
 * `cmi.location`, `cmi.suspend_data`, `cmi.interactions.n.*` and `cmi.objectives.n.*`.
 *
 * Reporting rule (README, "Tracking rules (SCORM 2004)", and {@link scorm2004Status}):
 * nothing about the result until the course's completion rule is met; then a failed
 * attempt with attempts left is `success_status = failed` with its score but
 * `completion_status = incomplete`, because Moodle ends its attempt on
 * `completion_status = completed` only (mod/scorm/lib.php `scorm_check_mode`).
 */
export class Scorm2004Driver implements TrackingDriver {
  readonly kind = 'scorm2004';
  readonly limits = { resumeData: SCORM2004.limits.suspendData, location: SCORM2004.limits.location };
  readonly pending = 0;
  lastError = '';
  private initialized = false;
  private terminated = false;
  /** `browse` / `review` launches must not change anything (RTE 4.2.19 cmi.mode). */
  private readOnly = false;
  /** The LMS held `completed` at launch: never report less. */
  private heldCompleted = false;
  private interactionsSupported = true;
  private objectivesSupported = true;
  /** Interaction ids the LMS holds (from earlier sessions or written now), with their index. */
  private indexOf: Map<string, number> | null = null;
  /** Interaction ids fully written this session (until a refused commit): not written again. */
  private readonly written = new Set<string>();
  /** Interaction ids the LMS held at launch (an earlier session's): never written again. */
  private readonly held = new Set<string>();
  /** The guarded API calls and the cache of accepted values (scorm-calls.ts). */
  private readonly calls: ScormCalls;
  private latestObjectives: readonly ObjectiveRecord[] = [];

  constructor(private readonly api: Scorm2004Api) {
    this.calls = new ScormCalls(
      {
        getName: 'GetValue',
        setName: 'SetValue',
        getValue: (element) => api.GetValue(element),
        setValue: (element, value) => api.SetValue(element, value),
        getLastError: () => api.GetLastError(),
        getErrorString: (code) => api.GetErrorString(code),
        noError: SCORM2004.noError,
        notImplemented: SCORM2004.notImplemented,
        notInitialized: SCORM2004.notInitialized,
      },
      (message) => (this.lastError = message),
    );
  }

  async initialize(): Promise<Launch | null> {
    return this.initializeNow();
  }

  /** The synchronous form of {@link initialize} (SCORM's API is synchronous). */
  initializeNow(): Launch | null {
    if (!this.calls.call('Initialize', () => this.api.Initialize(''))) return null;
    this.initialized = true;
    // Every launch read is retried at once when the LMS fails it (scorm-calls.ts, read); 403 "not
    // initialized" is an element never set, i.e. empty. An essential element that still cannot be
    // read makes the launch unreadable: a '' there would look like a first launch and the course
    // would overwrite the learner's progress, so nothing is written.
    const reader = this.calls.launchReader();
    const read = reader.read;
    const mode = read('cmi.mode', true);
    const entry = read('cmi.entry', true);
    const completion = read('cmi.completion_status', true);
    const success = read('cmi.success_status', true);
    const resumeData = read('cmi.suspend_data', true);
    const location = read('cmi.location', true);
    // The learner id: the browser copy is kept per learner. The score: a pass the LMS holds keeps its score (records.ts).
    const learnerId = read('cmi.learner_id', true);
    const score = read('cmi.score.scaled', true);
    const learnerName = read('cmi.learner_name');
    const credit = read('cmi.credit');
    const passing = read('cmi.scaled_passing_score');
    const totalTime = read('cmi.total_time');
    const unreadable = reader.failed;
    const browseOrReview = mode === 'browse' || mode === 'review';
    this.readOnly = unreadable || browseOrReview;
    this.heldCompleted = completion === 'completed';
    this.interactionsSupported = this.calls.supports('cmi.interactions._count');
    this.objectivesSupported = this.calls.supports('cmi.objectives._count');
    const launch: Launch = {
      learner: { id: learnerId, name: learnerName },
      entry: entry === 'resume' || entry === 'ab-initio' ? entry : '',
      mode: browseOrReview ? (mode as 'browse' | 'review') : 'normal',
      credit: credit !== 'no-credit',
      masteryScore: fraction(passing),
      resumeData,
      location,
      priorSeconds: parseIsoDuration(totalTime),
      returnUrl: null,
      recorded: {
        completion: completion === 'completed' ? 'completed' : completion === 'incomplete' ? 'incomplete' : 'unknown',
        success: success === 'passed' || success === 'failed' ? success : 'unknown',
        score: fraction(score),
      },
      registration: '',
      // Unknown (the read failed) counts as held: a tag that was not needed costs nothing.
      heldInteractions: this.interactionsSupported ? heldCount(this.calls.read('cmi.interactions._count')) : 0,
      ...(unreadable ? { unreadable } : {}),
    };
    // Tell the LMS the attempt started (RTE 4.2.8: "not attempted" until the SCO says otherwise).
    if (!this.readOnly && (completion === 'not attempted' || completion === 'unknown' || completion === '')) this.calls.set('cmi.completion_status', 'incomplete');
    return launch;
  }

  async report(options: { events: readonly TrackingEvent[]; save: Save; commit: boolean }): Promise<boolean> {
    if (!this.active()) return false;
    // Browse, review or an unreadable launch: nothing is written, not even a commit.
    if (this.readOnly) return true;
    let good = this.write(options.events, options.save);
    if (options.commit) {
      const committed = this.calls.call('Commit', () => this.api.Commit(''));
      // An LMS may drop what a failed commit carried: send everything again next time.
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
      good = this.calls.set('cmi.session_time', isoDuration(options.sessionSeconds)) && good;
      // "suspend" keeps the attempt open for resume; "normal" ends it once nothing is left to do.
      good = this.calls.set('cmi.exit', options.save.report.finished ? 'normal' : 'suspend') && good;
    }
    this.terminated = true;
    // Terminate also commits; a terminate accepted after refused writes is not a confirmed save.
    return this.calls.call('Terminate', () => this.api.Terminate('')) && good;
  }

  /** One save: interactions and objectives, location, resume data, then score before status. */
  private write(events: readonly TrackingEvent[], save: Save): boolean {
    if (this.readOnly) return true;
    // Answers in order, stopping at the first refusal (the rest go with the next save).
    let reported = true;
    for (const event of events) {
      if (event.type !== 'submitted') continue;
      reported = reported && this.recordInteractions(event.interactions);
      this.latestObjectives = event.objectives;
    }
    let good = reported;
    if (this.latestObjectives.length) good = this.recordObjectives(this.latestObjectives) && good;
    good = this.calls.set('cmi.location', save.location.slice(0, SCORM2004.limits.location)) && good;
    // The resume data marks the latest attempt reported only once its answers all went in.
    const resume = reported ? save.resumeData : (save.resumeDataUnreported ?? save.resumeData);
    if (resume !== null) good = this.calls.set('cmi.suspend_data', resume) && good;
    const status = scorm2004Status(save.report);
    const completion = this.heldCompleted ? 'completed' : status.completion;
    // The score goes before the statuses: an LMS may derive success_status from it (RTE 4.2.22).
    if (status.score !== null) {
      const score = clamp(status.score, 0, 1);
      good = this.calls.set('cmi.score.min', '0') && good;
      good = this.calls.set('cmi.score.max', '100') && good;
      good = this.calls.set('cmi.score.raw', String(Math.round(score * 100))) && good;
      good = this.calls.set('cmi.score.scaled', decimal(score)) && good;
    }
    good = this.calls.set('cmi.success_status', status.success) && good;
    good = this.calls.set('cmi.progress_measure', decimal(completion === 'completed' ? 1 : status.progress)) && good;
    good = this.calls.set('cmi.completion_status', completion) && good;
    return good;
  }

  private recordInteractions(records: readonly InteractionRecord[]): boolean {
    if (!this.interactionsSupported) return true;
    const indexOf = this.knownInteractions();
    for (const r of records) {
      if (r.kind !== 'assessment') continue;
      const id = identifier(r.id);
      if (this.written.has(id) || this.held.has(id)) continue;
      let n = indexOf.get(id);
      if (n === undefined) {
        n = Math.max(Number(this.calls.get('cmi.interactions._count')) || 0, ...[...indexOf.values()].map((i) => i + 1));
        indexOf.set(id, n);
      }
      const base = `cmi.interactions.${n}`;
      // id first, then type: the response formats depend on it. In order, stopping at the first
      // refusal, the result last: an entry with a result is whole (see knownInteractions).
      const all =
        this.calls.set(`${base}.id`, id) &&
        this.calls.set(`${base}.type`, r.type) &&
        this.calls.set(`${base}.objectives.0.id`, identifier(r.objective)) &&
        this.calls.set(`${base}.timestamp`, isoTimestamp(r.timestamp)) &&
        this.calls.set(`${base}.correct_responses.0.pattern`, responsePattern(r, r.correctResponse)) &&
        // An unanswered question has no response to write; its result still says "incorrect".
        (!r.response.length || this.calls.set(`${base}.learner_response`, responsePattern(r, r.response))) &&
        this.calls.set(`${base}.latency`, isoDuration(r.latency)) &&
        (!r.description || this.calls.set(`${base}.description`, description(r.description))) &&
        this.calls.set(`${base}.result`, r.result);
      if (!all) return false;
      this.written.add(id);
    }
    return true;
  }

  /** The interaction ids the LMS already holds: 2004 interactions are readable, unlike 1.2's. */
  private knownInteractions(): Map<string, number> {
    if (this.indexOf) return this.indexOf;
    const known = new Map<string, number>();
    const count = Number(this.calls.get('cmi.interactions._count')) || 0;
    for (let i = 0; i < count; i++) {
      const id = this.calls.get(`cmi.interactions.${i}.id`);
      if (!id || known.has(id)) continue;
      known.set(id, i);
      // The LMS holds it whole from an earlier session: written once, never again. An entry
      // without its result (a session ended mid-write) is completed at the same index.
      if (this.calls.get(`cmi.interactions.${i}.result`)) this.held.add(id);
    }
    this.indexOf = known;
    return known;
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
      good = this.calls.set(`${base}.score.scaled`, decimal(clamp(r.score, 0, 1))) && good;
      good = this.calls.set(`${base}.success_status`, r.status) && good;
      good = this.calls.set(`${base}.completion_status`, 'completed') && good;
    }
    return good;
  }

  private active(): boolean {
    return this.initialized && !this.terminated;
  }

}

/** Finds `API_1484_11` (the RTE's discovery algorithm: parents, then the opener) and makes the driver; null without an LMS. */
export async function createDriver(_course: CourseModel): Promise<TrackingDriver | null> {
  const api = findApi<Scorm2004Api>({ name: 'API_1484_11' });
  return api ? new Scorm2004Driver(api) : null;
}

/**
 * What the 2004 record says for a report (README, "Tracking rules (SCORM 2004)"):
 *
 * - Before the course's completion rule is met: `incomplete`, `unknown`, no score — a
 *   score or `passed` then would let an LMS record a pass the course does not give.
 * - A failed attempt with attempts left: `success_status = failed` and its score, but
 *   `completion_status = incomplete`, so the LMS attempt stays open for the next try.
 * - Passed, or failed with no attempt left: `completed` with the result and best score.
 * - `progress` stays below 1 while `incomplete` (RTE 4.2.21: 1 is consistent only with completed).
 */
export function scorm2004Status(report: Report): { completion: CompletionStatus; success: SuccessStatus; score: number | null; progress: number } {
  const progress = Math.min(clamp(report.progress, 0, 1), 0.99);
  if (report.completion !== 'completed') return { completion: 'incomplete', success: 'unknown', score: null, progress };
  if (report.success !== 'unknown') return { completion: 'completed', success: report.success, score: report.score, progress: 1 };
  if (report.lastResult === 'failed') return { completion: 'incomplete', success: 'failed', score: report.score, progress };
  return { completion: 'completed', success: 'unknown', score: null, progress: 1 };
}

/**
 * A response in the 2004 formats (RTE, cmi.interactions.n.correct_responses.n.pattern): choice `a[,]c`,
 * true-false `true`/`false`, matching `1[.]a[,]2[.]b`, sequencing `a[,]b[,]c`.
 */
export function responsePattern(record: Pick<InteractionRecord, 'type'>, response: readonly string[]): string {
  switch (record.type) {
    case 'true-false':
      return response[0] === 't' || response[0] === 'true' ? 'true' : 'false';
    case 'choice':
      return [...response].sort().join('[,]');
    case 'matching':
      return response.map((pair) => pair.split('.').join('[.]')).join('[,]');
    case 'sequencing':
      return response.join('[,]');
  }
}

/** A 2004 long identifier (long_identifier_type): no white space, at most 4000 characters. */
function identifier(id: string): string {
  return id.replace(/\s+/g, '-').slice(0, SCORM2004.limits.identifier);
}

/** localized_string_type (SPM 250): a leading `{` would be read as a language tag. */
function description(text: string): string {
  return text.replace(/^\{+/, '').slice(0, SCORM2004.limits.description);
}

/** A real(10,7) as the data model takes it: at most 7 decimals, no exponent. */
function decimal(value: number): string {
  return String(Number(value.toFixed(7)));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function fraction(text: string): number | null {
  return text.trim() !== '' && Number.isFinite(Number(text)) ? clamp(Number(text), 0, 1) : null;
}

/** `cmi.interactions._count` as read at launch; a failed read (null) counts as one held. */
function heldCount(value: string | null): number {
  return value === null ? 1 : Number(value) || 0;
}
