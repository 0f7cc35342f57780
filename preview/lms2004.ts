import { Scorm2004API } from 'scorm-again';
import { isIsoDuration, isIsoTimestamp, parseIsoDuration, isoDuration } from '../src/tracking/iso8601.js';
import type { LmsCall } from './lms.js';

/**
 * A stand-in SCORM 2004 4th edition LMS for the preview and the tests, built on
 * scorm-again's `Scorm2004API` and designed like the 1.2 one (preview/lms.ts). It keeps
 * the learner's record between launches (suspend data, location, statuses, score, total
 * time, objectives, interactions; `cmi.entry` = `resume` after a suspend), can launch in
 * `browse` or `review` mode, and is stricter than scorm-again where the 2004 book is: it
 * records a violation for any call outside Initialize…Terminate, a second Terminate,
 * more than 64000 characters of suspend data or 1000 of location, a malformed ISO
 * duration (session time, latency) or timestamp, and any value the API rejects.
 */

export interface Lms2004Record {
  suspend_data: string;
  location: string;
  completion_status: string;
  success_status: string;
  exit: string;
  score: { scaled: string; raw: string; min: string; max: string };
  progress_measure: string;
  total_seconds: number;
  sessions: number;
  objectives: Array<Record<string, unknown>>;
  interactions: Array<Record<string, unknown>>;
}

export interface PreviewLms2004Options {
  /** Where the record is kept between launches (preview: localStorage; tests: memory). */
  readonly storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  readonly key?: string;
  readonly learner?: { readonly id: string; readonly name: string };
  /** `cmi.scaled_passing_score` (0–1), or undefined to send none. */
  readonly scaledPassingScore?: number;
  /** `cmi.mode` of the next launches. */
  readonly mode?: 'normal' | 'browse' | 'review';
  /** Make every Commit fail (tests of the "cannot save" path). */
  readonly failCommits?: boolean;
  /**
   * The preview's "LMS refuses commits": Commit returns "false" with 391 (Commit Failed)
   * and SetValue "false" with 351 (General Set Failure), as RTE 3.1.7 defines them.
   */
  readonly refuseCommits?: boolean;
}

const LIMITS: Readonly<Record<string, number>> = { 'cmi.suspend_data': 64000, 'cmi.location': 1000 };

export function emptyRecord2004(): Lms2004Record {
  return {
    suspend_data: '',
    location: '',
    completion_status: 'unknown',
    success_status: 'unknown',
    exit: '',
    score: { scaled: '', raw: '', min: '', max: '' },
    progress_measure: '',
    total_seconds: 0,
    sessions: 0,
    objectives: [],
    interactions: [],
  };
}

export class PreviewLms2004 {
  readonly violations: string[] = [];
  readonly calls: LmsCall[] = [];
  api: Scorm2004API | null = null;
  failCommits: boolean;
  refuseCommits: boolean;
  mode: 'normal' | 'browse' | 'review';
  private record: Lms2004Record;
  private state: 'new' | 'running' | 'finished' = 'new';
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: PreviewLms2004Options = {}) {
    this.failCommits = options.failCommits ?? false;
    this.refuseCommits = options.refuseCommits ?? false;
    this.mode = options.mode ?? 'normal';
    this.record = this.load();
  }

  /** The learner's record as the LMS holds it after the last Terminate. */
  get stored(): Lms2004Record {
    return this.record;
  }

  /** The live CMI data of the current session. */
  cmi(): Record<string, unknown> {
    return (this.api?.renderCMIToJSONObject() as Record<string, unknown> | undefined) ?? {};
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts a new launch: a fresh API loaded with the stored record, installed as `win.API_1484_11`. */
  launch(win: Window): Scorm2004API {
    const api = new Scorm2004API({ logLevel: 5, autocommit: false, lmsCommitUrl: false });
    const r = this.record;
    const entry = r.sessions === 0 ? 'ab-initio' : r.exit === 'suspend' ? 'resume' : '';
    const data: Record<string, unknown> = {
      learner_id: this.options.learner?.id ?? 'learner-1',
      learner_name: this.options.learner?.name ?? 'Learner, Preview',
      location: r.location,
      suspend_data: r.suspend_data,
      completion_status: r.completion_status,
      success_status: r.success_status,
      entry,
      credit: this.mode === 'normal' ? 'credit' : 'no-credit',
      mode: this.mode,
      total_time: isoDuration(r.total_seconds),
    };
    if (r.progress_measure) data.progress_measure = r.progress_measure;
    const score = Object.fromEntries(Object.entries(r.score).filter(([, v]) => v !== ''));
    if (Object.keys(score).length) data.score = score;
    if (this.options.scaledPassingScore !== undefined) data.scaled_passing_score = String(this.options.scaledPassingScore);
    if (r.objectives.length) data.objectives = Object.fromEntries(r.objectives.map((x, i) => [String(i), x]));
    if (r.interactions.length) data.interactions = Object.fromEntries(r.interactions.map((x, i) => [String(i), x]));
    api.loadFromJSON(data);
    this.api = api;
    this.state = 'new';
    (win as unknown as { API_1484_11: unknown }).API_1484_11 = this.strict(api);
    return api;
  }

  /** Forgets the learner's record ("reset attempt"). */
  reset(): void {
    this.record = emptyRecord2004();
    this.options.storage?.removeItem(this.key);
    this.violations.length = 0;
    this.calls.length = 0;
    this.emit();
  }

  private get key(): string {
    return this.options.key ?? 'slep-preview-lms-2004';
  }

  private load(): Lms2004Record {
    try {
      const raw = this.options.storage?.getItem(this.key);
      return raw ? { ...emptyRecord2004(), ...(JSON.parse(raw) as Partial<Lms2004Record>) } : emptyRecord2004();
    } catch {
      return emptyRecord2004();
    }
  }

  /**
   * Copies the session into the record, as an LMS does on Terminate. A browse or review
   * session changes nothing but the session count (RTE 4.2.19: no-credit, nothing kept).
   */
  private persist(api: Scorm2004API): void {
    const cmi = (api.renderCMIToJSONObject() as { cmi: Record<string, unknown> }).cmi;
    if (this.mode !== 'normal') {
      this.record = { ...this.record, sessions: this.record.sessions + 1 };
    } else {
      const score = (cmi.score as Record<string, unknown> | undefined) ?? {};
      this.record = {
        suspend_data: String(cmi.suspend_data ?? ''),
        location: String(cmi.location ?? ''),
        completion_status: String(cmi.completion_status ?? ''),
        success_status: String(cmi.success_status ?? ''),
        exit: String(cmi.exit ?? ''),
        score: { scaled: String(score.scaled ?? ''), raw: String(score.raw ?? ''), min: String(score.min ?? ''), max: String(score.max ?? '') },
        progress_measure: String(cmi.progress_measure ?? ''),
        total_seconds: this.record.total_seconds + parseIsoDuration(String(cmi.session_time ?? '')),
        sessions: this.record.sessions + 1,
        objectives: list(cmi.objectives),
        interactions: list(cmi.interactions),
      };
    }
    try {
      this.options.storage?.setItem(this.key, JSON.stringify(this.record));
    } catch {
      /* preview only */
    }
  }

  private strict(api: Scorm2004API): Record<string, (...args: string[]) => string> {
    /** The error the last call left when the LMS refused it ("LMS refuses commits"), else scorm-again's. */
    let refused: string | null = null;
    const lastError = (): string => refused ?? String(api.GetLastError());
    const refuse = (code: '351' | '391'): string => {
      refused = code;
      return 'false';
    };
    const call = (fn: string, args: string[], run: () => string | boolean): string => {
      refused = null;
      if (fn === 'Initialize' && this.state !== 'new') this.violations.push('Initialize called twice');
      else if (fn !== 'Initialize' && this.state === 'new') this.violations.push(`${fn}(${args[0] ?? ''}) before Initialize`);
      else if (this.state === 'finished') this.violations.push(`${fn}(${args[0] ?? ''}) after Terminate`);
      const result = String(run());
      const error = lastError();
      this.calls.push({ fn, args, result, error });
      if (fn === 'SetValue' && result !== 'true' && refused === null) this.violations.push(`SetValue(${args[0]}, ${JSON.stringify(args[1]).slice(0, 80)}) rejected with error ${error}`);
      this.emit();
      return result;
    };
    return {
      Initialize: (arg = '') =>
        call('Initialize', [arg], () => {
          const r = api.Initialize();
          if (String(r) === 'true') this.state = 'running';
          return r;
        }),
      Terminate: (arg = '') =>
        call('Terminate', [arg], () => {
          if (this.state !== 'running') return 'false';
          const r = api.Terminate();
          this.state = 'finished';
          this.persist(api);
          return r;
        }),
      GetValue: (element = '') => call('GetValue', [element], () => api.GetValue(element)),
      SetValue: (element = '', value = '') =>
        call('SetValue', [element, value], () => {
          this.check(element, value);
          if (this.refuseCommits && this.state === 'running') return refuse('351');
          return api.SetValue(element, value);
        }),
      Commit: (arg = '') =>
        call('Commit', [arg], () => {
          if (this.refuseCommits && this.state === 'running') return refuse('391');
          return this.failCommits ? 'false' : api.Commit();
        }),
      GetLastError: () => lastError(),
      GetErrorString: (code = '') => String(api.GetErrorString(code)),
      GetDiagnostic: (code = '') => String(api.GetDiagnostic(code)),
    };
  }

  /** The 2004 rules scorm-again lets through. */
  private check(element: string, value: string): void {
    const limit = LIMITS[element];
    if (limit !== undefined && value.length > limit) this.violations.push(`${element} is ${value.length} characters; SCORM 2004 allows ${limit}`);
    if (this.mode !== 'normal') this.violations.push(`SetValue(${element}) in a ${this.mode} launch: nothing may be recorded`);
    if ((element === 'cmi.session_time' || /^cmi\.interactions\.\d+\.latency$/.test(element)) && !isIsoDuration(value)) {
      this.violations.push(`${element} "${value}" is not an ISO 8601 duration (PT#H#M#.##S)`);
    }
    if (/^cmi\.interactions\.\d+\.timestamp$/.test(element) && !isIsoTimestamp(value)) {
      this.violations.push(`${element} "${value}" is not an ISO 8601 time with hundredths and a zone`);
    }
    if (/^cmi\.interactions\.\d+\.id$/.test(element)) {
      const n = Number(element.split('.')[2]);
      const held = this.record.interactions.findIndex((x) => x.id === value);
      if (held !== -1 && held !== n) this.violations.push(`interaction "${value}" written again at index ${n} (held at ${held})`);
    }
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

/** scorm-again renders a collection as an object keyed by index (or an array); the record keeps a list. */
function list(value: unknown): Array<Record<string, unknown>> {
  if (!value || typeof value !== 'object') return [];
  const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => /^\d+$/.test(k));
  return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v as Record<string, unknown>);
}
