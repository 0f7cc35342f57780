/**
 * What Moodle 4.5's SCORM module (mod/scorm) does with a SCORM 1.2 package, as
 * plain functions for the stand-in LMS (preview/lms.ts). Each function names the
 * Moodle source it mirrors; read those before changing behaviour here:
 *
 * - mod/scorm/datamodels/scorm_12.js   the API in the browser: StoreData() on
 *   LMSCommit and LMSFinish, the mastery override, the "not attempted" rule
 * - mod/scorm/datamodels/scorm_12lib.php get_scorm_default(): launch values
 * - mod/scorm/datamodels/scorm_12.php + locallib.php
 *   scorm_reconstitute_array_element(): stored interactions/objectives at launch
 * - mod/scorm/locallib.php scorm_check_mode(), scorm_get_last_attempt(),
 *   scorm_insert_track(), scorm_get_tracks(), scorm_grade_user(),
 *   scorm_grade_user_attempt(), scorm_get_last_completed_attempt()
 * - mod/scorm/datamodel.php  stores every posted cmi.* element, in any mode
 *
 * Never ships to learners.
 */

/** Moodle's activity settings that change tracking (mod/scorm/mod_form.php; defaults from settings.php). */
export interface MoodleOptions {
  /** "Mastery score overrides status" (masteryoverride). Moodle's default: Yes. */
  readonly masteryOverride?: boolean;
  /**
   * "Force new attempt" (forcenewattempt): false = "No" (Moodle's default);
   * true = "When previous attempt completed, passed or failed"; 'always' = "Always".
   */
  readonly forceNewAttempt?: boolean | 'always';
  /** "Number of attempts" (maxattempt): 0 = "Unlimited attempts" (Moodle's default). */
  readonly maxAttempts?: number;
  /** "Grading method" (grademethod). Moodle's default: 'highest' ("Highest grade"). */
  readonly grading?: MoodleGrading;
  /** "Attempts grading" (whatgrade). Moodle's default: 'highest' ("Highest attempt"). */
  readonly attemptsGrading?: MoodleAttemptsGrading;
  /** "Maximum grade" (maxgrade). Moodle's default: 100. */
  readonly maxGrade?: number;
  /** "Force completed" (forcecompleted). Moodle's default: No. */
  readonly forceCompleted?: boolean;
  /** "Disable preview mode" (hidebrowse). Moodle's default: No. */
  readonly disablePreview?: boolean;
  /**
   * The package's `adlcp:masteryscore` as Moodle parsed it into scorm_scoes_data and
   * sends as `cmi.student_data.mastery_score`. Default 80 (what manifests/scorm12.ts
   * writes for this course); null for a package without one.
   */
  readonly masteryScore?: number | null;
}

/** "Learning objects", "Highest grade", "Average grade", "Sum grade" (scorm_get_grade_method_array). */
export type MoodleGrading = 'learning-objects' | 'highest' | 'average' | 'sum';
/** "Highest attempt", "Average attempts", "First attempt", "Last completed attempt" (scorm_get_what_grade_array). */
export type MoodleAttemptsGrading = 'highest' | 'average' | 'first' | 'last-completed';

export type MoodleSettings = Required<MoodleOptions>;

export function moodleSettings(options: MoodleOptions = {}): MoodleSettings {
  return {
    masteryOverride: options.masteryOverride ?? true,
    forceNewAttempt: options.forceNewAttempt ?? false,
    maxAttempts: options.maxAttempts ?? 0,
    grading: options.grading ?? 'highest',
    attemptsGrading: options.attemptsGrading ?? 'highest',
    maxGrade: options.maxGrade ?? 100,
    forceCompleted: options.forceCompleted ?? false,
    disablePreview: options.disablePreview ?? false,
    masteryScore: options.masteryScore === undefined ? 80 : options.masteryScore,
  };
}

/** One row of scorm_attempt with its scorm_scoes_value rows (element → value), for our one SCO. */
export interface MoodleAttempt {
  readonly attempt: number;
  readonly tracks: Record<string, string>;
}

export type MoodleMode = 'normal' | 'browse' | 'review';

/** What the learner chose on the activity's entry page (view.php → player.php). */
export interface MoodleLaunchRequest {
  /** The "Preview" button (mode=browse) instead of "Enter" (mode=normal). */
  readonly mode?: 'normal' | 'browse';
  /** The "Start a new attempt" checkbox (newattempt=on). */
  readonly newAttempt?: boolean;
}

const FINISHED = new Set(['completed', 'passed', 'failed']);

/** scorm_get_last_attempt(): the highest attempt number, or 1 when there is none. */
export function lastAttempt(attempts: readonly MoodleAttempt[]): number {
  return attempts.reduce((max, a) => Math.max(max, a.attempt), 0) || 1;
}

/**
 * scorm_check_mode() for SCORM 1.2 (locallib.php): which attempt a launch opens and
 * in which mode. An attempt whose cmi.core.lesson_status is completed, passed or
 * failed is over: without a new attempt it reopens in review mode.
 */
export function checkMode(settings: MoodleSettings, attempts: readonly MoodleAttempt[], request: MoodleLaunchRequest): { attempt: number; mode: MoodleMode } {
  let attempt = lastAttempt(attempts);
  let mode: MoodleMode = request.mode ?? 'normal';
  let newAttempt = request.newAttempt ?? false;
  if (mode === 'browse') {
    if (settings.disablePreview) mode = 'normal';
    else return { attempt, mode }; // "We don't need to check attempts as browse mode is set."
  }
  if (settings.forceNewAttempt === 'always') {
    if (attempt === 1 && attempts.length === 0) return { attempt, mode: 'normal' };
    return { attempt: attempt + 1, mode: 'normal' };
  }
  const status = attempts.find((a) => a.attempt === attempt)?.tracks['cmi.core.lesson_status'] ?? '';
  const incomplete = !FINISHED.has(status);
  if (incomplete) newAttempt = false; // "The option to start a new attempt should never have been presented."
  else if (settings.forceNewAttempt) newAttempt = true;
  if (newAttempt && (attempt < settings.maxAttempts || settings.maxAttempts === 0)) return { attempt: attempt + 1, mode: 'normal' };
  return { attempt, mode: incomplete ? 'normal' : 'review' };
}

/**
 * get_scorm_default() (scorm_12lib.php): credit and entry for a launch.
 * entry: ab-initio when the attempt has no status yet; resume after exit=suspend; else "".
 */
export function launchDefaults(tracks: Record<string, string>, mode: MoodleMode): { credit: string; entry: string } {
  const status = tracks['cmi.core.lesson_status'] ?? '';
  const entry = status === '' ? 'ab-initio' : tracks['cmi.core.exit'] === 'suspend' ? 'resume' : '';
  return { credit: mode === 'normal' ? 'credit' : 'no-credit', entry };
}

/**
 * The stored cmi.* tracks as the nested JSON scorm-again loads: what Moodle's
 * scorm_reconstitute_array_element() rebuilds, so cmi.interactions._count and
 * cmi.objectives._count at a relaunch count the stored entries.
 */
const SENT_SEPARATELY = new Set(['cmi.core.total_time', 'cmi.core.exit', 'cmi.core.session_time']);

export function tracksToCmi(tracks: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [element, value] of Object.entries(tracks)) {
    // total_time is sent separately; exit and session_time are write-only (the SCO cannot read them back).
    if (!element.startsWith('cmi.') || SENT_SEPARATELY.has(element)) continue;
    const path = element.slice(4).split('.');
    let node = root;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
      else node = node[key] = {};
    }
    node[path[path.length - 1] as string] = value;
  }
  return root;
}

/** Elements Moodle's datamodel declares with a range: StoreData sends them as numbers (`value*1.0`). */
const NUMERIC = /(\.score\.(raw|min|max)|\.weighting)$/;

/**
 * scorm_insert_track() (locallib.php) for one posted element: stores it in the
 * attempt (datamodel.php posts in every mode, review and browse included), with
 * the "Force completed" rewrites.
 */
export function insertTrack(tracks: Record<string, string>, element: string, value: string, forceCompleted: boolean): void {
  let stored = NUMERIC.test(element) && value !== '' && Number.isFinite(Number(value)) ? String(Number(value)) : value;
  if (forceCompleted) {
    if (element === 'cmi.core.lesson_status' && stored === 'incomplete' && tracks['cmi.core.score.raw'] !== undefined) stored = 'completed';
    if (element === 'cmi.core.score.raw' && tracks['cmi.core.lesson_status'] === 'incomplete') tracks['cmi.core.lesson_status'] = 'completed';
  }
  tracks[element] = stored;
}

/**
 * The status rules of StoreData(data, storetotaltime=true) in scorm_12.js, run at
 * LMSFinish only (never at LMSCommit):
 * 1. a status still "not attempted" becomes "completed" (in every mode; the
 *    browse → "browsed" branch after it can therefore never fire);
 * 2. with "Mastery score overrides status", in normal mode with credit, when a
 *    mastery score and a raw score are both set: passed if raw ≥ mastery, else
 *    failed — whatever status the SCO set, "incomplete" included.
 * Returns the status to store, or null to leave it.
 */
export function statusAtFinish(cmi: { status: string; mode: string; credit: string; masteryScore: string; scoreRaw: string }, masteryOverride: boolean): string | null {
  let status = cmi.status;
  if (status === 'not attempted') status = 'completed';
  if (cmi.mode === 'normal' && cmi.credit === 'credit' && masteryOverride && cmi.masteryScore !== '' && cmi.scoreRaw !== '') {
    status = parseFloat(cmi.scoreRaw) >= parseFloat(cmi.masteryScore) ? 'passed' : 'failed';
  }
  return status === cmi.status ? null : status;
}

/**
 * AddTime() in scorm_12.js: total_time + session_time as Moodle stores it
 * ("HH:MM:SS" with at least two digits of hours, ".cc" only when there are hundredths).
 */
export function addTime(first: string, second: string): string {
  const hundredths = (span: string): number => {
    const m = /^(\d+):(\d{2}):(\d{2})(?:\.(\d{1,2}))?$/.exec(span);
    return m ? ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 100 + Number((m[4] ?? '0').padEnd(2, '0')) : 0;
  };
  const total = hundredths(first) + hundredths(second);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const cents = total % 100;
  const secs = Math.floor(total / 100);
  const time = `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
  return cents ? `${time}.${pad(cents)}` : time;
}

/** scorm_grade_user_attempt() for a package with one SCO. */
export function gradeAttempt(grading: MoodleGrading, tracks: Record<string, string> | undefined): number {
  if (!tracks) return 0;
  const status = tracks['cmi.core.lesson_status'] ?? '';
  const raw = Number(tracks['cmi.core.score.raw'] ?? '');
  // `!empty($userdata->score_raw)`: a missing or zero score does not count as a value.
  const counted = Number.isFinite(raw) && raw !== 0 ? raw : null;
  switch (grading) {
    case 'learning-objects':
      return status === 'completed' || status === 'passed' ? 1 : 0;
    case 'highest':
    case 'sum':
      return counted ?? 0;
    case 'average':
      return counted ?? 0; // one SCO: sum / values, or 0 with no value
  }
}

/**
 * scorm_grade_user() (locallib.php) and the gradebook item (scorm_grade_item_update
 * in lib.php): the grade Moodle shows, or null before any attempt. Moodle passes the
 * raw score as the grade without rescaling; the gradebook caps it at the item's
 * maximum ("Maximum grade", or the number of learning objects for "Learning objects").
 */
export function gradeUser(settings: MoodleSettings, attempts: readonly MoodleAttempt[]): { grade: number | null; max: number } {
  const max = settings.grading === 'learning-objects' ? 1 : settings.maxGrade;
  if (attempts.length === 0) return { grade: null, max };
  const byNumber = (n: number): Record<string, string> | undefined => attempts.find((a) => a.attempt === n)?.tracks;
  let last = lastAttempt(attempts);
  if (settings.maxAttempts !== 0 && last >= settings.maxAttempts) last = settings.maxAttempts;
  let grade: number;
  switch (settings.attemptsGrading) {
    case 'first':
      grade = gradeAttempt(settings.grading, byNumber(Math.min(...attempts.map((a) => a.attempt))));
      break;
    case 'last-completed': {
      // scorm_get_last_completed_attempt(): any track whose value is "completed" or "passed" (not "failed"); else attempt 1.
      const done = attempts.filter((a) => Object.values(a.tracks).some((v) => v === 'completed' || v === 'passed')).map((a) => a.attempt);
      grade = gradeAttempt(settings.grading, byNumber(done.length ? Math.max(...done) : 1));
      break;
    }
    case 'highest': {
      grade = 0;
      for (let n = 1; n <= last; n++) grade = Math.max(grade, gradeAttempt(settings.grading, byNumber(n)));
      break;
    }
    case 'average': {
      // scorm_get_attempt_count(..., ignoremissingcompletion): attempts with a status.
      const counted = attempts.filter((a) => a.tracks['cmi.core.lesson_status'] !== undefined).length;
      if (counted === 0) return { grade: 0, max };
      let sum = 0;
      for (let n = 1; n <= lastAttempt(attempts); n++) sum += gradeAttempt(settings.grading, byNumber(n));
      grade = Math.round(sum / counted);
      break;
    }
  }
  return { grade: Math.min(Math.max(grade, 0), max), max };
}
