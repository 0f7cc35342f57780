import { Scorm12API } from 'scorm-again';
import { addTime, checkMode, gradeUser, insertTrack, lastAttempt, launchDefaults, moodleSettings, statusAtFinish, tracksToCmi } from './moodle.js';
import type { MoodleAttempt, MoodleLaunchRequest, MoodleMode, MoodleOptions, MoodleSettings } from './moodle.js';

export type { MoodleAttempt, MoodleLaunchRequest, MoodleMode, MoodleOptions } from './moodle.js';

/**
 * A stand-in SCORM 1.2 LMS for the preview and the tests, built on
 * scorm-again's `Scorm12API`. It keeps the learner's record between launches
 * the way a real LMS does (suspend data, location, status, score, total time,
 * objectives, interactions; `cmi.core.entry` = `resume` after a suspend), and it
 * is stricter than scorm-again where the SCORM 1.2 book is: it records a
 * violation for any call outside Initialize…Finish, a second Finish, more than
 * 4096 characters of suspend data, more than 255 of location, a malformed
 * session time, and any value the API rejects.
 *
 * With `moodle` set it behaves like Moodle 4.5's SCORM module instead (see
 * preview/moodle.ts): Moodle attempts, review mode for a finished attempt, the
 * mastery override at LMSFinish, storage on every LMSCommit, interactions kept by
 * index, and the grade Moodle would show.
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
  /**
   * The preview's "LMS refuses commits": LMSCommit and LMSSetValue return "false" and
   * LMSGetLastError says 101 (general exception, the only code SCORM 1.2 has for an LMS
   * that cannot store). Not a violation of the course: the LMS is at fault.
   */
  readonly refuseCommits?: boolean;
  /** `cmi.core.lesson_mode` of the next launches (not in Moodle mode, where Moodle decides it). Default normal. */
  readonly mode?: 'normal' | 'browse' | 'review';
  /**
   * Behave like Moodle 4.5's SCORM activity with these settings (`{}` = Moodle's
   * defaults). The mastery score then comes from `moodle.masteryScore` (default 80,
   * the manifest's adlcp:masteryscore), so `masteryScore` must not be set too.
   */
  readonly moodle?: MoodleOptions;
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
  refuseCommits: boolean;
  /** `cmi.core.lesson_mode` of the next launch outside Moodle mode; browse and review sessions keep nothing but the count. */
  mode: 'normal' | 'browse' | 'review';
  private record: LmsRecord;
  private state: 'new' | 'running' | 'finished' = 'new';
  private readonly listeners = new Set<() => void>();
  private readonly moodle: MoodleSettings | null;
  private moodleRecord: MoodleRecord = emptyMoodleRecord();
  private session: MoodleSession | null = null;

  constructor(private readonly options: PreviewLmsOptions = {}) {
    if (options.moodle && options.masteryScore !== undefined) {
      throw new Error('PreviewLms: in Moodle mode the mastery score is moodle.masteryScore (the manifest value Moodle reads); do not set masteryScore too.');
    }
    this.failCommits = options.failCommits ?? false;
    this.refuseCommits = options.refuseCommits ?? false;
    this.mode = options.mode ?? 'normal';
    this.moodle = options.moodle ? moodleSettings(options.moodle) : null;
    this.record = this.load();
    if (this.moodle) this.moodleRecord = this.loadMoodle();
  }

  /** The learner's record as the LMS holds it after the last Finish (Moodle mode: the last attempt's tracks). */
  get stored(): LmsRecord {
    return this.moodle ? recordOf(this.moodleRecord) : this.record;
  }

  /** Moodle mode: every attempt with its stored tracks (element → value), as Moodle's database holds them. */
  get attemptsRecorded(): readonly MoodleAttempt[] {
    return this.moodleRecord.attempts;
  }

  /** Moodle mode: the grade Moodle's gradebook shows for the learner (null before any attempt). */
  get grade(): number | null {
    return this.moodle ? gradeUser(this.moodle, this.moodleRecord.attempts).grade : null;
  }

  /** Moodle mode: the gradebook item's maximum ("Maximum grade", or 1 for "Learning objects"). */
  get gradeMax(): number {
    return this.moodle ? gradeUser(this.moodle, this.moodleRecord.attempts).max : 100;
  }

  /** The current launch's `cmi.core.lesson_mode` and attempt number (always normal / 1 outside Moodle mode). */
  get launched(): { readonly mode: MoodleMode; readonly attempt: number } {
    return { mode: this.session?.mode ?? 'normal', attempt: this.session?.attempt ?? 1 };
  }

  /** The live CMI data of the current session. */
  cmi(): Record<string, unknown> {
    return (this.api?.renderCMIToJSONObject() as Record<string, unknown> | undefined) ?? {};
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts a new launch: a fresh API loaded with the stored record, installed as `win.API`.
   * In Moodle mode, `request` is what the learner chose on the activity page ("Preview",
   * "Start a new attempt"); Moodle decides the attempt and mode (scorm_check_mode).
   */
  launch(win: Window, request: MoodleLaunchRequest = {}): Scorm12API {
    if (this.moodle) return this.launchMoodle(win, this.moodle, request);
    const api = new Scorm12API({ logLevel: 5, autocommit: false, lmsCommitUrl: false });
    const r = this.record;
    const entry = r.sessions === 0 ? 'ab-initio' : r.exit === 'suspend' ? 'resume' : '';
    const core: Record<string, unknown> = {
      student_id: this.options.learner?.id ?? 'learner-1',
      student_name: this.options.learner?.name ?? 'Learner, Preview',
      lesson_location: r.lesson_location,
      lesson_status: r.lesson_status,
      entry,
      credit: this.mode === 'normal' ? 'credit' : 'no-credit',
      lesson_mode: this.mode,
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

  /** Forgets the learner's record ("reset attempt"; Moodle mode: deletes every attempt). */
  reset(): void {
    this.record = emptyRecord();
    this.moodleRecord = emptyMoodleRecord();
    this.options.storage?.removeItem(this.key);
    this.options.storage?.removeItem(this.moodleKey);
    this.violations.length = 0;
    this.calls.length = 0;
    this.emit();
  }

  private get key(): string {
    return this.options.key ?? 'slep-preview-lms';
  }

  private get moodleKey(): string {
    return `${this.key}:moodle`;
  }

  /** player.php: scorm_check_mode() picks the attempt and mode; get_scorm_default() the launch values. */
  private launchMoodle(win: Window, settings: MoodleSettings, request: MoodleLaunchRequest): Scorm12API {
    const { attempt, mode } = checkMode(settings, this.moodleRecord.attempts, request);
    // player.php stores x.start.time at every launch, which creates the attempt.
    let row = this.moodleRecord.attempts.find((a) => a.attempt === attempt);
    if (!row) {
      row = { attempt, tracks: {} };
      this.moodleRecord.attempts.push(row);
    }
    const { credit, entry } = launchDefaults(row.tracks, mode);
    const stored = tracksToCmi(row.tracks);
    const core: Record<string, unknown> = {
      ...((stored.core as Record<string, unknown> | undefined) ?? {}),
      student_id: this.options.learner?.id ?? 'learner-1',
      student_name: this.options.learner?.name ?? 'Learner, Preview',
      lesson_status: row.tracks['cmi.core.lesson_status'] || 'not attempted',
      entry,
      credit,
      lesson_mode: mode,
      total_time: row.tracks['cmi.core.total_time'] ?? '00:00:00',
    };
    const data: Record<string, unknown> = { ...stored, core };
    if (settings.masteryScore !== null) data.student_data = { mastery_score: String(settings.masteryScore) };
    // Moodle's own status rules run in storeMoodle(); scorm-again's copy of the override stays off.
    const api = new Scorm12API({ logLevel: 5, autocommit: false, lmsCommitUrl: false, mastery_override: false });
    api.loadFromJSON(data);
    this.api = api;
    this.state = 'new';
    this.session = { attempt, mode, pending: new Map(), sessionTime: '00:00:00' };
    this.persistMoodle();
    (win as unknown as { API: unknown }).API = this.strict(api);
    this.emit();
    return api;
  }

  /**
   * StoreData() in scorm_12.js → datamodel.php → scorm_insert_track(): the values the
   * SCO set since the last store go into the attempt, in any mode. At LMSFinish the
   * status rules run first and the session time is added to total_time.
   */
  private storeMoodle(api: Scorm12API, finishing: boolean): void {
    const settings = this.moodle;
    const session = this.session;
    if (!settings || !session) return;
    const row = this.moodleRecord.attempts.find((a) => a.attempt === session.attempt);
    if (!row) return;
    if (finishing) {
      const core = ((api.renderCMIToJSONObject() as { cmi: { core: Record<string, unknown>; student_data?: Record<string, unknown> } }).cmi);
      const score = core.core.score as Record<string, unknown> | undefined;
      const status = statusAtFinish(
        {
          status: String(core.core.lesson_status ?? ''),
          mode: String(core.core.lesson_mode ?? ''),
          credit: String(core.core.credit ?? ''),
          masteryScore: String(core.student_data?.mastery_score ?? ''),
          scoreRaw: String(score?.raw ?? ''),
        },
        settings.masteryOverride,
      );
      if (status !== null) {
        api.LMSSetValue('cmi.core.lesson_status', status); // the JS rewrites cmi.core.lesson_status itself
        session.pending.set('cmi.core.lesson_status', status);
      }
    }
    for (const [element, value] of session.pending) insertTrack(row.tracks, element, value, settings.forceCompleted);
    session.pending.clear();
    if (finishing) {
      row.tracks['cmi.core.total_time'] = addTime(row.tracks['cmi.core.total_time'] ?? '00:00:00', session.sessionTime);
      this.moodleRecord.sessions += 1;
    }
    this.persistMoodle();
  }

  private loadMoodle(): MoodleRecord {
    try {
      const raw = this.options.storage?.getItem(this.moodleKey);
      return raw ? { ...emptyMoodleRecord(), ...(JSON.parse(raw) as Partial<MoodleRecord>) } : emptyMoodleRecord();
    } catch {
      return emptyMoodleRecord();
    }
  }

  private persistMoodle(): void {
    try {
      this.options.storage?.setItem(this.moodleKey, JSON.stringify(this.moodleRecord));
    } catch {
      /* preview only */
    }
  }

  private load(): LmsRecord {
    try {
      const raw = this.options.storage?.getItem(this.key);
      return raw ? { ...emptyRecord(), ...(JSON.parse(raw) as Partial<LmsRecord>) } : emptyRecord();
    } catch {
      return emptyRecord();
    }
  }

  /** Copies the session's data into the record, as an LMS does on LMSFinish (a browse or review session: only the count). */
  private persist(api: Scorm12API): void {
    if (this.mode !== 'normal') {
      this.record = { ...this.record, sessions: this.record.sessions + 1 };
      try {
        this.options.storage?.setItem(this.key, JSON.stringify(this.record));
      } catch {
        /* preview only */
      }
      return;
    }
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
    /** The error the last call left when the LMS refused it ("LMS refuses commits"), else scorm-again's. */
    let refused: string | null = null;
    const lastError = (): string => refused ?? String(api.LMSGetLastError());
    const refuse = (): string => {
      refused = '101';
      return 'false';
    };
    const call = (fn: string, args: string[], run: () => string | boolean): string => {
      if (fn !== 'LMSGetLastError' && fn !== 'LMSGetErrorString' && fn !== 'LMSGetDiagnostic') refused = null;
      if (fn !== 'LMSGetLastError' && fn !== 'LMSGetErrorString' && fn !== 'LMSGetDiagnostic') {
        if (fn === 'LMSInitialize' && this.state !== 'new') this.violations.push(`LMSInitialize called twice`);
        else if (fn !== 'LMSInitialize' && this.state === 'new') this.violations.push(`${fn}(${args[0] ?? ''}) before LMSInitialize`);
        else if (this.state === 'finished') this.violations.push(`${fn}(${args[0] ?? ''}) after LMSFinish`);
      }
      const result = String(run());
      const error = lastError();
      this.calls.push({ fn, args, result, error });
      if (fn === 'LMSSetValue' && result !== 'true' && refused === null) this.violations.push(`LMSSetValue(${args[0]}, ${JSON.stringify(args[1]).slice(0, 80)}) rejected with error ${error}`);
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
          if (this.moodle) this.storeMoodle(api, true); // StoreData(cmi, true) runs before the API closes
          const r = api.LMSFinish();
          this.state = 'finished';
          if (!this.moodle) this.persist(api);
          return r;
        }),
      LMSGetValue: (element = '') => call('LMSGetValue', [element], () => api.LMSGetValue(element)),
      LMSSetValue: (element = '', value = '') =>
        call('LMSSetValue', [element, value], () => {
          const limit = LIMITS[element.replace(/^cmi\.(core\.)?/, '') as keyof typeof LIMITS];
          if (limit !== undefined && value.length > limit) this.violations.push(`${element} is ${value.length} characters; SCORM 1.2 allows ${limit}`);
          if (element === 'cmi.core.session_time' && !TIMESPAN.test(value)) this.violations.push(`cmi.core.session_time "${value}" is not HHHH:MM:SS.SS`);
          if (this.refuseCommits && this.state === 'running') return refuse();
          const result = api.LMSSetValue(element, value);
          if (this.session && String(result) === 'true') this.noteMoodleWrite(this.session, element, value);
          return result;
        }),
      LMSCommit: (arg = '') =>
        call('LMSCommit', [arg], () => {
          if (this.moodle && this.session && this.state === 'running') {
            // CollectData() marks the values as sent before the request: a failed commit loses
            // them unless the SCO sets a different value later.
            if (this.failCommits) this.session.pending.clear();
            else this.storeMoodle(api, false);
          }
          if (this.refuseCommits && this.state === 'running') return refuse();
          return this.failCommits ? 'false' : api.LMSCommit();
        }),
      LMSGetLastError: () => lastError(),
      LMSGetErrorString: (code = '') => String(api.LMSGetErrorString(code)),
      LMSGetDiagnostic: (code = '') => String(api.LMSGetDiagnostic(code)),
    };
  }

  /** A value Moodle will post at the next LMSCommit/LMSFinish; any write outside normal mode is a violation. */
  private noteMoodleWrite(session: MoodleSession, element: string, value: string): void {
    if (element === 'cmi.core.session_time') session.sessionTime = value; // CollectData skips it; TotalTime() adds it
    else session.pending.set(element, value);
    // SCORM 1.2 RTE 3.4.4: in browse mode a SCO may set "browsed"; nothing else is the SCO's to write.
    const allowed = session.mode === 'normal' || (session.mode === 'browse' && element === 'cmi.core.lesson_status' && value === 'browsed');
    if (!allowed) {
      this.violations.push(`LMSSetValue(${element}, ${JSON.stringify(value).slice(0, 80)}) in ${session.mode} mode: Moodle stores it in attempt ${session.attempt} anyway`);
    }
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

interface MoodleRecord {
  attempts: MoodleAttempt[];
  /** Finished sessions (LMSFinish calls), across attempts. */
  sessions: number;
}

interface MoodleSession {
  readonly attempt: number;
  readonly mode: MoodleMode;
  /** Values set since the last store, as Moodle's CollectData() would post them. */
  readonly pending: Map<string, string>;
  sessionTime: string;
}

function emptyMoodleRecord(): MoodleRecord {
  return { attempts: [], sessions: 0 };
}

/** The last attempt's tracks in the shape of the default record, so the same assertions read both. */
function recordOf(record: MoodleRecord): LmsRecord {
  const tracks = record.attempts.find((a) => a.attempt === lastAttempt(record.attempts))?.tracks ?? {};
  const cmi = tracksToCmi(tracks) as { interactions?: Record<string, Record<string, unknown>>; objectives?: Record<string, Record<string, unknown>> };
  const byIndex = (o: Record<string, Record<string, unknown>> | undefined): Array<Record<string, unknown>> =>
    Object.entries(o ?? {})
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, v]) => v);
  return {
    suspend_data: tracks['cmi.suspend_data'] ?? '',
    lesson_location: tracks['cmi.core.lesson_location'] ?? '',
    lesson_status: tracks['cmi.core.lesson_status'] ?? 'not attempted',
    exit: tracks['cmi.core.exit'] ?? '',
    score_raw: tracks['cmi.core.score.raw'] ?? '',
    total_seconds: seconds(tracks['cmi.core.total_time'] ?? ''),
    sessions: record.sessions,
    objectives: cmi.objectives ?? {},
    interactions: byIndex(cmi.interactions),
  };
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
