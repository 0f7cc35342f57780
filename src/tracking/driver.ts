import type { LearnerResponse } from '../model/response.js';

/** What the LMS tells the course at launch. */
export interface LaunchData {
  readonly learnerName: string;
  readonly learnerId: string;
  /** The resume string saved last time, or '' for a first launch. */
  readonly suspendData: string;
  readonly location: string;
  /** `resume` when the LMS continues a suspended attempt. */
  readonly entry: 'ab-initio' | 'resume' | '';
  /** Passing score (0..1) set in the LMS, if it sets one. */
  readonly masteryScore: number | null;
  /** Time already spent in earlier sessions, seconds (0 if unknown). */
  readonly priorSeconds: number;
}

/** Completion and success, kept separate (SCORM 2004 / xAPI style); each driver maps them. */
export interface Status {
  readonly completion: 'incomplete' | 'completed';
  readonly success: 'unknown' | 'passed' | 'failed';
}

/** A snapshot of everything the LMS should hold, written on each meaningful change. */
export interface TrackingSnapshot {
  readonly location: string;
  readonly suspendData: string;
  readonly status: Status;
  /** Best assessment score in [0, 1], or null before any submission. */
  readonly score: number | null;
  /** Progress in [0, 1]. */
  readonly progress: number;
  /** Whether the learner is finished (no reason to resume). */
  readonly finished: boolean;
}

/** One answer, in standard-agnostic form; each driver maps it to its data model. */
export interface InteractionRecord {
  /** Unique within the attempt, e.g. `a2-types-district-police`. */
  readonly id: string;
  readonly itemId: string;
  readonly type: 'choice' | 'true-false' | 'matching' | 'sequencing';
  readonly multiple: boolean;
  readonly response: LearnerResponse;
  readonly correctResponse: LearnerResponse;
  readonly result: 'correct' | 'incorrect';
  /** Seconds. */
  readonly latency: number;
  /** When the answer was given. */
  readonly timestamp: Date;
  readonly description: string;
  /** The learning outcome the item tests (objective id). */
  readonly objective: string;
  readonly attempt: number;
}

/** One learning outcome's result. */
export interface ObjectiveRecord {
  readonly id: string;
  readonly description: string;
  /** Best score in [0, 1] over submitted attempts. */
  readonly score: number;
  readonly status: 'passed' | 'failed';
}

/** An error the LMS reported, with the standard's code. */
export class LmsError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'LmsError';
  }
}

/**
 * A tracking driver: one per standard. Methods do their LMS calls
 * synchronously where the standard's API is synchronous, so `finish()` works
 * inside `pagehide`. They never throw; they return false and keep the data
 * when the LMS refuses it.
 */
export interface TrackingDriver {
  readonly name: 'scorm12' | 'local';
  /** Character limits of the standard. */
  readonly limits: { readonly suspendData: number; readonly location: number };
  initialize(): LaunchData | null;
  write(snapshot: TrackingSnapshot): boolean;
  recordInteractions(records: readonly InteractionRecord[]): boolean;
  recordObjectives(records: readonly ObjectiveRecord[]): boolean;
  commit(): boolean;
  /** Ends the session: writes the session time and exit, then finishes. Exactly once. */
  finish(options: { sessionSeconds: number; snapshot: TrackingSnapshot }): boolean;
  /** The last error, in plain words, for the diagnostics view and the log. */
  readonly lastError: string;
}
