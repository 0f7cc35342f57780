import { Scorm12API } from 'scorm-again';

/**
 * A stand-in SCORM 1.2 LMS for the preview and the tests, built on
 * scorm-again's `Scorm12API`. It keeps the learner's record between launches
 * the way a real LMS does (suspend data, location, status, score, total time,
 * objectives, interactions; `cmi.core.entry` = `resume` after a suspend), and it
 * is stricter than scorm-again where the SCORM 1.2 book is: it records a
 * violation for any call outside Initialize…Finish, a second Finish, more than
 * 4096 characters of suspend data, more than 255 of location, a malformed
 * session time, and any value the API rejects.
 */

export interface LmsRecord {
  suspend_data: string;
  lesson_location: string;
  lesson_status: string;
  exit: string;
  score_raw: string;
  total_seconds: number;
  sessions: number;
  objectives: Record<string, Record<string, unknown>>;
  interactions: Array<Record<string, unknown>>;
}

export interface LmsCall {
  readonly fn: string;
  readonly args: readonly string[];
  readonly result: string;
  readonly error: string;
}

export interface PreviewLmsOptions {
  /** Where the record is kept between launches (preview: localStorage; tests: memory). */
  readonly storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  readonly key?: string;
  readonly learner?: { readonly id: string; readonly name: string };
  /** `cmi.student_data.mastery_score` (0–100), or undefined to send none. */
  readonly masteryScore?: number;
  /** Make every LMSCommit fail (tests of the "cannot save" path). */
  readonly failCommits?: boolean;
}

const LIMITS = { suspend_data: 4096, lesson_location: 255 } as const;
const TIMESPAN = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;

export function emptyRecord(): LmsRecord {
  return { suspend_data: '', lesson_location: '', lesson_status: 'not attempted', exit: '', score_raw: '', total_seconds: 0, sessions: 0, objectives: {}, interactions: [] };
}

export class PreviewLms {
  readonly violations: string[] = [];
  readonly calls: LmsCall[] = [];
  api: Scorm12API | null = null;
  failCommits: boolean;
  private record: LmsRecord;
  private state: 'new' | 'running' | 'finished' = 'new';
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: PreviewLmsOptions = {}) {
    this.failCommits = options.failCommits ?? false;
    this.record = this.load();
  }

  /** The learner's record as the LMS holds it after the last Finish. */
  get stored(): LmsRecord {
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

  /** Starts a new launch: a fresh API loaded with the stored record, installed as `win.API`. */
  launch(win: Window): Scorm12API {
    const api = new Scorm12API({ logLevel: 5, autocommit: false, lmsCommitUrl: false });
    const r = this.record;
    const entry = r.sessions === 0 ? 'ab-initio' : r.exit === 'suspend' ? 'resume' : '';
    const core: Record<string, unknown> = {
      student_id: this.options.learner?.id ?? 'learner-1',
      student_name: this.options.learner?.name ?? 'Learner, Preview',
      lesson_location: r.lesson_location,
      lesson_status: r.lesson_status,
      entry,
      credit: 'credit',
      lesson_mode: 'normal',
      total_time: timespan(r.total_seconds),
    };
    if (r.score_raw) core.score = { raw: r.score_raw, min: '0', max: '100' };
    const data: Record<string, unknown> = { core, suspend_data: r.suspend_data };
    if (this.options.masteryScore !== undefined) data.student_data = { mastery_score: String(this.options.masteryScore) };
    if (Object.keys(r.objectives).length) data.objectives = r.objectives;
    if (r.interactions.length) data.interactions = Object.fromEntries(r.interactions.map((x, i) => [String(i), x]));
    api.loadFromJSON(data);
    this.api = api;
    this.state = 'new';
    (win as unknown as { API: unknown }).API = this.strict(api);
    return api;
  }

  /** Forgets the learner's record ("reset attempt"). */
  reset(): void {
    this.record = emptyRecord();
    this.options.storage?.removeItem(this.key);
    this.violations.length = 0;
    this.calls.length = 0;
    this.emit();
  }

  private get key(): string {
    return this.options.key ?? 'slep-preview-lms';
  }

  private load(): LmsRecord {
    try {
      const raw = this.options.storage?.getItem(this.key);
      return raw ? { ...emptyRecord(), ...(JSON.parse(raw) as Partial<LmsRecord>) } : emptyRecord();
    } catch {
      return emptyRecord();
    }
  }

  /** Copies the session's data into the record, as an LMS does on LMSFinish. */
  private persist(api: Scorm12API): void {
    const cmi = (api.renderCMIToJSONObject() as { cmi: Record<string, unknown> }).cmi;
    const core = cmi.core as Record<string, unknown>;
    const score = core.score as Record<string, unknown> | undefined;
    const interactions = Object.values((cmi.interactions as Record<string, Record<string, unknown>> | undefined) ?? {});
    this.record = {
      suspend_data: String(cmi.suspend_data ?? ''),
      lesson_location: String(core.lesson_location ?? ''),
      lesson_status: String(core.lesson_status ?? ''),
      exit: String(core.exit ?? ''),
      score_raw: String(score?.raw ?? ''),
      total_seconds: this.record.total_seconds + seconds(String(core.session_time ?? '')),
      sessions: this.record.sessions + 1,
      objectives: (cmi.objectives as Record<string, Record<string, unknown>> | undefined) ?? {},
      interactions,
    };
    try {
      this.options.storage?.setItem(this.key, JSON.stringify(this.record));
    } catch {
      /* preview only */
    }
  }

  private strict(api: Scorm12API): Record<string, (...args: string[]) => string> {
    const call = (fn: string, args: string[], run: () => string | boolean): string => {
      if (fn !== 'LMSGetLastError' && fn !== 'LMSGetErrorString' && fn !== 'LMSGetDiagnostic') {
        if (fn === 'LMSInitialize' && this.state !== 'new') this.violations.push(`LMSInitialize called twice`);
        else if (fn !== 'LMSInitialize' && this.state === 'new') this.violations.push(`${fn}(${args[0] ?? ''}) before LMSInitialize`);
        else if (this.state === 'finished') this.violations.push(`${fn}(${args[0] ?? ''}) after LMSFinish`);
      }
      const result = String(run());
      const error = String(api.LMSGetLastError());
      this.calls.push({ fn, args, result, error });
      if (fn === 'LMSSetValue' && result !== 'true') this.violations.push(`LMSSetValue(${args[0]}, ${JSON.stringify(args[1]).slice(0, 80)}) rejected with error ${error}`);
      this.emit();
      return result;
    };
    return {
      LMSInitialize: (arg = '') =>
        call('LMSInitialize', [arg], () => {
          const r = api.LMSInitialize();
          if (String(r) === 'true') this.state = 'running';
          return r;
        }),
      LMSFinish: (arg = '') =>
        call('LMSFinish', [arg], () => {
          if (this.state !== 'running') return 'false';
          const r = api.LMSFinish();
          this.state = 'finished';
          this.persist(api);
          return r;
        }),
      LMSGetValue: (element = '') => call('LMSGetValue', [element], () => api.LMSGetValue(element)),
      LMSSetValue: (element = '', value = '') =>
        call('LMSSetValue', [element, value], () => {
          const limit = LIMITS[element.replace(/^cmi\.(core\.)?/, '') as keyof typeof LIMITS];
          if (limit !== undefined && value.length > limit) this.violations.push(`${element} is ${value.length} characters; SCORM 1.2 allows ${limit}`);
          if (element === 'cmi.core.session_time' && !TIMESPAN.test(value)) this.violations.push(`cmi.core.session_time "${value}" is not HHHH:MM:SS.SS`);
          return api.LMSSetValue(element, value);
        }),
      LMSCommit: (arg = '') => call('LMSCommit', [arg], () => (this.failCommits ? 'false' : api.LMSCommit())),
      LMSGetLastError: () => String(api.LMSGetLastError()),
      LMSGetErrorString: (code = '') => String(api.LMSGetErrorString(code)),
      LMSGetDiagnostic: (code = '') => String(api.LMSGetDiagnostic(code)),
    };
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

function seconds(span: string): number {
  const m = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(span);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : 0;
}

function timespan(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${String(h).padStart(4, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(2).padStart(5, '0')}`;
}
