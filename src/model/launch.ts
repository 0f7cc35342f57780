/**
 * What the launch tells the interface, resolved once by the app and handed to
 * components through context (src/context.ts). Standard-neutral: components
 * never learn which LMS or LRS is behind it.
 */

/** `browse` and `review` launches record nothing (SCORM lesson_mode / cmi.mode, cmi5 launchMode). */
export type LaunchMode = 'normal' | 'browse' | 'review';

export interface LaunchInfo {
  /** Which package kind is playing (`scorm12`, `scorm2004`, `xapi`, `cmi5`, `local`). */
  readonly kind: string;
  /** The learner's id as the LMS gives it ('' where there is none: web package, local mode). Keys browser-kept notes per learner. */
  readonly learnerId?: string;
  /** The learner's name as the LMS gives it ("Last, First" in SCORM 1.2), or ''. */
  readonly learnerName: string;
  /** Passing score (0..1) in force: the LMS value where it sends one, else the course's. */
  readonly masteryScore: number;
  readonly mode: LaunchMode;
  /** Time spent in earlier sessions, in seconds, where the LMS reports it. */
  readonly priorSeconds: number;
  /** When this session started (epoch ms). */
  readonly sessionStart: number;
  /** The attempt or registration id, for the certificate's verification line ('' if none). */
  readonly registration: string;
}

/** What the tracker tells the interface about saving. */
export interface SaveStatus {
  /** A plain-language message for the learner, or '' when all is well. */
  readonly message: string;
  /** `info` = a fact to know (local mode, review); `error` = progress is not reaching the LMS. */
  readonly level: 'ok' | 'info' | 'error';
  /** A save is under way (shown as "Saving…"). */
  readonly saving: boolean;
  /** True once the session was finished: nothing more can be saved. */
  readonly ended: boolean;
  /** Read-only session (review mode or a second tab): nothing is recorded. */
  readonly readOnly: boolean;
}
