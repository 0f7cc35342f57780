import type { LearnerResponse } from '../model/response.js';
import type { LaunchMode } from '../model/launch.js';

/**
 * The contract between the tracker and one standard's driver (SCORM 1.2,
 * SCORM 2004, xAPI, cmi5, local). Standard-neutral: no element names, no
 * character limits, no verbs. Each driver maps these records to its standard.
 */

/** What the LMS or LRS tells the course at launch, in standard-neutral form. */
export interface Launch {
  readonly learner: { readonly id: string; readonly name: string };
  /** `resume` when the LMS continues a suspended attempt. */
  readonly entry: 'ab-initio' | 'resume' | '';
  /** `browse` / `review`: nothing may be recorded (SCORM lesson_mode / cmi.mode, cmi5 launchMode). */
  readonly mode: LaunchMode;
  /** Whether this session counts for credit. */
  readonly credit: boolean;
  /** Passing score (0..1) set by the LMS, if it sets one. */
  readonly masteryScore: number | null;
  /** The resume string saved last time, or '' for a first launch. */
  readonly resumeData: string;
  readonly location: string;
  /** Time already spent in earlier sessions, seconds (0 if unknown). */
  readonly priorSeconds: number;
  /** Where to send the learner after exit, where the standard has one (cmi5). */
  readonly returnUrl: string | null;
  /** The LMS's own record at launch, so the course never makes it worse. */
  readonly recorded: RecordedStatus;
  /** An id of this attempt or registration, where the standard has one ('' otherwise). */
  readonly registration: string;
  /**
   * How many interactions (answers) the LMS record already holds, where the standard can say
   * (SCORM's `cmi.interactions._count`); absent elsewhere. A course that starts over while the
   * record holds answers tags its new interaction ids, so they never meet the old ones.
   */
  readonly heldInteractions?: number;
  /**
   * True when the LMS failed to answer an essential launch read (resume data, entry, status,
   * location, mode, score, learner id) even after retries: the values above may be wrong, so the course must write
   * nothing (it could overwrite the learner's saved progress). Absent: everything was read.
   */
  readonly unreadable?: boolean;
}

/** The status the LMS held at launch. */
export interface RecordedStatus {
  readonly completion: 'unknown' | 'incomplete' | 'completed';
  readonly success: 'unknown' | 'passed' | 'failed';
  /** Score in [0, 1], or null. */
  readonly score: number | null;
}

/**
 * What the record should say now, decided once by the tracker for every standard.
 *
 * - `completion`: the course's completion rule (every lesson done; the assessment submitted
 *   where course.yaml requires it).
 * - `success`: `passed` once any attempt passed (final); `failed` only when no attempt is
 *   left; `unknown` while attempts remain. Drivers write a result only when it is settled, so
 *   an LMS that ends its attempt on `failed` (Moodle) lets the learner use every attempt.
 * - `score`: the best score in [0, 1] over submitted attempts (null before any).
 * - `lastResult`: the latest submitted attempt's result, for standards that can report a
 *   failed attempt without ending the LMS's attempt.
 */
export interface Report {
  readonly completion: 'incomplete' | 'completed';
  readonly success: 'unknown' | 'passed' | 'failed';
  readonly score: number | null;
  readonly lastResult: 'none' | 'passed' | 'failed';
  /** Progress in [0, 1] by the course's honest rule. */
  readonly progress: number;
  /** Nothing left that could change the record: the LMS attempt may end (`exit` normal). */
  readonly finished: boolean;
}

/** One save: everything the LMS should hold after it. */
export interface Save {
  /** Increases with every save of this attempt; stored inside `resumeData` too. */
  readonly revision: number;
  readonly location: string;
  /** The resume string, or null when it is over the driver's limit (status and score still go). */
  readonly resumeData: string | null;
  /**
   * The same resume string with the latest submitted attempt NOT marked reported: a SCORM
   * driver writes it instead when that attempt's answers did not all go in, so the next
   * launch reports them again rather than believing they arrived. Absent: same as resumeData.
   */
  readonly resumeDataUnreported?: string | null;
  /**
   * `resumeDataUnreported` that also records the LMS index of the given attempt's first
   * interaction (a SCORM 1.2 driver writes it when only some of the attempt's answers went in,
   * so a relaunch on another device completes the same entries). Returns `resumeDataUnreported`
   * when that is not the latest attempt or the result would not fit.
   */
  readonly resumeDataUnreportedFrom?: (attempt: number, base: number) => string | null;
  readonly report: Report;
}

/** One answer, in standard-neutral form; each driver maps it to its data model and limits. */
export interface InteractionRecord {
  /** Unique within the course record, e.g. `a2-types-district-police` or `check-mou-purpose`. */
  readonly id: string;
  readonly itemId: string;
  /** `assessment` items are scored; `check` items are formative knowledge checks. */
  readonly kind: 'assessment' | 'check';
  readonly type: 'choice' | 'true-false' | 'matching' | 'sequencing';
  readonly multiple: boolean;
  readonly response: LearnerResponse;
  readonly correctResponse: LearnerResponse;
  readonly result: 'correct' | 'incorrect';
  /** Seconds, to the hundredth. */
  readonly latency: number;
  /** When the answer was given. */
  readonly timestamp: Date;
  /** The question's text (plain). */
  readonly description: string;
  /** The learning outcome the item tests (objective id). */
  readonly objective: string;
  /** Assessment attempt number (0 for knowledge checks). */
  readonly attempt: number;
  /** The lesson a knowledge check belongs to ('' for assessment items). */
  readonly lessonId: string;
  /** The options as an xAPI-style activity definition needs them (ids + plain text). */
  readonly options: InteractionOptions;
}

export interface InteractionOptions {
  /** choice / true-false choices. */
  readonly choices?: readonly { readonly id: string; readonly text: string }[];
  /** matching: prompts (source) and answers (target). */
  readonly source?: readonly { readonly id: string; readonly text: string }[];
  readonly target?: readonly { readonly id: string; readonly text: string }[];
  /** sequencing steps. */
  readonly steps?: readonly { readonly id: string; readonly text: string }[];
}

/** One learning outcome's result. */
export interface ObjectiveRecord {
  readonly id: string;
  readonly description: string;
  /** Best score in [0, 1] over submitted attempts. */
  readonly score: number;
  readonly status: 'passed' | 'failed';
}

/**
 * What happened, in the order it happened. Statement-based drivers turn these into
 * statements; SCORM drivers write interactions and objectives from `submitted`.
 * Every event has an `id` made once, so a driver that is handed the same event again
 * (after a failed save) can tell.
 */
export type TrackingEvent = { readonly id: string; readonly at: number } & (
  | { readonly type: 'launched'; readonly resumed: boolean }
  | { readonly type: 'experienced'; readonly lessonId: string; readonly title: string }
  | { readonly type: 'answered'; readonly record: InteractionRecord }
  | {
      readonly type: 'submitted';
      readonly attempt: number;
      readonly score: number;
      readonly passed: boolean;
      readonly interactions: readonly InteractionRecord[];
      readonly objectives: readonly ObjectiveRecord[];
    }
  | { readonly type: 'progressed'; readonly progress: number }
  | { readonly type: 'completed' }
  | { readonly type: 'passed'; readonly score: number }
  | { readonly type: 'failed'; readonly score: number }
  | { readonly type: 'evaluated'; readonly answers: Readonly<Record<string, string>>; /** The course attempt's AttemptState.idTag, if any. */ readonly idTag?: string }
  | { readonly type: 'suspended' }
  | { readonly type: 'terminated' }
);

export type TrackingEventType = TrackingEvent['type'];

/**
 * A tracking driver: one per standard. Never throws: a refusal, an exception from the
 * LMS API or a network failure resolves `false` and the tracker keeps the data and retries.
 */
export interface TrackingDriver {
  readonly kind: string;
  /** Character limits of the standard's resume data and location. */
  readonly limits: { readonly resumeData: number; readonly location: number };
  /** Finds and starts the LMS/LRS session. Null when it refused (the course falls back to local). */
  initialize(): Promise<Launch | null>;
  /**
   * Records what happened and the current save. Resolves true once the LMS/LRS has
   * confirmed the save (committed); false to be retried with the same events (and more).
   * Events already accepted must not be recorded twice.
   */
  report(options: { readonly events: readonly TrackingEvent[]; readonly save: Save; readonly commit: boolean }): Promise<boolean>;
  /**
   * Ends the session synchronously (it runs inside `pagehide`): the last save and events
   * (both null/empty in browse/review mode: write nothing), session time, exit, then
   * terminate. Exactly once; later calls return false.
   */
  terminateNow(options: { readonly events: readonly TrackingEvent[]; readonly save: Save | null; readonly sessionSeconds: number }): boolean;
  /**
   * What the driver must remember on this device until the LMS confirmed everything (SCORM 1.2:
   * the index each interaction got, as the LMS cannot be asked). The tracker keeps it in its
   * browser backup and hands it back after the next `initialize`.
   */
  readonly memory?: { save(): unknown; restore(value: unknown): void };
  /**
   * Where the LMS holds an attempt's interactions, read back from the resume data (see
   * `resumeDataUnreportedFrom`): `ids` in order from index `base`. For a standard whose
   * interactions cannot be read (SCORM 1.2); entries the driver already knows are kept.
   */
  placeInteractions?(ids: readonly string[], base: number): void;
  /** Entries still waiting for the LMS/LRS (statements in an outbox), for the status line. */
  readonly pending: number;
  /** The last error, in plain words, for the diagnostics view and the log. */
  readonly lastError: string;
}
