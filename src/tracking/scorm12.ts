import { parseScorm12Timespan, scorm12Time, scorm12Timespan } from './time.js';
import type { InteractionRecord, LaunchData, ObjectiveRecord, TrackingDriver, TrackingSnapshot } from './driver.js';

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

/** SCORM 1.2 vocabularies (RTE 3.4.2). */
export const SCORM12 = {
  limits: { suspendData: 4096, location: 255, interactionId: 255 },
  noError: '0',
  notImplemented: '401',
} as const;

const ok = (result: string | boolean) => String(result) === 'true';

/**
 * SCORM 1.2 driver: maps the tracker's plain calls onto `cmi.core.*`,
 * `cmi.suspend_data`, `cmi.interactions.n.*` and `cmi.objectives.n.*`.
 */
export class Scorm12Driver implements TrackingDriver {
  readonly name = 'scorm12';
  readonly limits = { suspendData: SCORM12.limits.suspendData, location: SCORM12.limits.location };
  lastError = '';
  private initialized = false;
  private finished = false;
  /** `browse` / `review` launches must not change the learner's status or score (RTE 3.4.2 cmi.core.lesson_mode). */
  private reviewOnly = false;
  private interactionsSupported = true;
  private objectivesSupported = true;
  /** Interaction ids already written this session (1.2 interactions are write-only). */
  private readonly written = new Set<string>();

  constructor(
    private readonly api: Scorm12Api,
    private readonly options: { statusStyle: 'passed-failed' | 'completed' } = { statusStyle: 'passed-failed' },
  ) {}

  initialize(): LaunchData | null {
    if (!ok(this.api.LMSInitialize(''))) {
      this.readError('LMSInitialize');
      return null;
    }
    this.initialized = true;
    const get = (element: string) => this.get(element);
    const status = get('cmi.core.lesson_status');
    const mastery = get('cmi.student_data.mastery_score');
    const entry = get('cmi.core.entry');
    const mode = get('cmi.core.lesson_mode');
    this.reviewOnly = mode === 'browse' || mode === 'review';
    if (!this.reviewOnly && (status === 'not attempted' || status === '')) this.set('cmi.core.lesson_status', 'incomplete');
    this.interactionsSupported = this.supports('cmi.interactions._count');
    this.objectivesSupported = this.supports('cmi.objectives._count');
    return {
      learnerName: get('cmi.core.student_name'),
      learnerId: get('cmi.core.student_id'),
      suspendData: get('cmi.suspend_data'),
      location: get('cmi.core.lesson_location'),
      entry: entry === 'resume' || entry === 'ab-initio' ? entry : '',
      masteryScore: mastery.trim() !== '' && Number.isFinite(Number(mastery)) ? Math.min(100, Math.max(0, Number(mastery))) / 100 : null,
      priorSeconds: parseScorm12Timespan(get('cmi.core.total_time')),
    };
  }

  write(snapshot: TrackingSnapshot): boolean {
    if (!this.active()) return false;
    let good = this.set('cmi.core.lesson_location', snapshot.location.slice(0, SCORM12.limits.location));
    good = this.set('cmi.suspend_data', snapshot.suspendData) && good;
    if (this.reviewOnly) return good;
    // The score goes before the status: some LMSs derive passed/failed from it.
    if (snapshot.score !== null) {
      good = this.set('cmi.core.score.min', '0') && good;
      good = this.set('cmi.core.score.max', '100') && good;
      good = this.set('cmi.core.score.raw', String(Math.round(snapshot.score * 100))) && good;
    }
    good = this.set('cmi.core.lesson_status', lessonStatus(snapshot, this.options.statusStyle)) && good;
    return good;
  }

  recordInteractions(records: readonly InteractionRecord[]): boolean {
    if (!this.active() || !this.interactionsSupported || this.reviewOnly) return true;
    let good = true;
    for (const r of records) {
      const id = r.id.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, SCORM12.limits.interactionId);
      if (this.written.has(id)) continue;
      const n = Number(this.get('cmi.interactions._count')) || 0;
      const base = `cmi.interactions.${n}`;
      good = this.set(`${base}.id`, id) && good;
      good = this.set(`${base}.objectives.0.id`, r.objective) && good;
      good = this.set(`${base}.time`, scorm12Time(r.timestamp)) && good;
      good = this.set(`${base}.type`, r.type) && good;
      good = this.set(`${base}.correct_responses.0.pattern`, responsePattern(r, r.correctResponse)) && good;
      // An unanswered question has no response to write; its result still says "wrong".
      if (r.response.length) good = this.set(`${base}.student_response`, responsePattern(r, r.response)) && good;
      good = this.set(`${base}.result`, r.result === 'correct' ? 'correct' : 'wrong') && good;
      good = this.set(`${base}.latency`, scorm12Timespan(r.latency)) && good;
      this.written.add(id);
    }
    return good;
  }

  recordObjectives(records: readonly ObjectiveRecord[]): boolean {
    if (!this.active() || !this.objectivesSupported || this.reviewOnly) return true;
    const count = Number(this.get('cmi.objectives._count')) || 0;
    const existing = new Map<string, number>();
    for (let i = 0; i < count; i++) existing.set(this.get(`cmi.objectives.${i}.id`), i);
    let good = true;
    let next = count;
    for (const r of records) {
      const n = existing.get(r.id) ?? next++;
      const base = `cmi.objectives.${n}`;
      good = this.set(`${base}.id`, r.id) && good;
      good = this.set(`${base}.score.min`, '0') && good;
      good = this.set(`${base}.score.max`, '100') && good;
      good = this.set(`${base}.score.raw`, String(Math.round(r.score * 100))) && good;
      good = this.set(`${base}.status`, r.status) && good;
    }
    return good;
  }

  commit(): boolean {
    if (!this.active()) return false;
    if (ok(this.api.LMSCommit(''))) return true;
    this.readError('LMSCommit');
    return false;
  }

  finish(options: { sessionSeconds: number; snapshot: TrackingSnapshot }): boolean {
    if (!this.active()) return false;
    this.write(options.snapshot);
    this.set('cmi.core.session_time', scorm12Timespan(options.sessionSeconds));
    // "suspend" keeps the attempt open for resume; "" ends it normally once finished.
    this.set('cmi.core.exit', options.snapshot.finished ? '' : 'suspend');
    this.finished = true;
    if (ok(this.api.LMSFinish(''))) return true;
    this.readError('LMSFinish');
    return false;
  }

  private active(): boolean {
    return this.initialized && !this.finished;
  }

  private get(element: string): string {
    const value = this.api.LMSGetValue(element);
    return value === null || value === undefined ? '' : String(value);
  }

  private set(element: string, value: string): boolean {
    if (ok(this.api.LMSSetValue(element, value))) return true;
    this.readError(`LMSSetValue(${element})`);
    return false;
  }

  /** Whether a data model element is implemented (error 401 means it is not). */
  private supports(element: string): boolean {
    this.api.LMSGetValue(element);
    return String(this.api.LMSGetLastError()) !== SCORM12.notImplemented;
  }

  private readError(call: string): void {
    const code = String(this.api.LMSGetLastError());
    if (code === SCORM12.noError) return;
    this.lastError = `${call} failed: SCORM error ${code} (${this.api.LMSGetErrorString(code)})`;
    console.warn(`[slep] ${this.lastError}`);
  }
}

/**
 * One 1.2 status from separate completion and success (RTE 3.4.2 cmi.core.lesson_status).
 * With the `completed` style a finished course reports `completed` whatever the result;
 * the score still goes to `cmi.core.score.raw` and each outcome to its objective.
 */
export function lessonStatus(snapshot: TrackingSnapshot, style: 'passed-failed' | 'completed' = 'passed-failed'): 'incomplete' | 'completed' | 'passed' | 'failed' {
  if (snapshot.status.completion !== 'completed') return 'incomplete';
  if (snapshot.status.success === 'unknown' || style === 'completed') return 'completed';
  return snapshot.status.success;
}

/** A response in the 1.2 formats: `a,c` for choice, `t`/`f`, `1.a,2.b` for matching, `a,b,c` for sequencing. */
export function responsePattern(record: Pick<InteractionRecord, 'type'>, response: readonly string[]): string {
  if (record.type === 'choice' && response.length > 1) return [...response].sort().join(',');
  return response.join(',');
}
