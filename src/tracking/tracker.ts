import type { CourseModel } from '../model/course.js';
import { isFinished } from '../state/attempt.js';
import type { Action, AttemptState } from '../state/attempt.js';
import { decodeState, encodeState } from '../state/codec.js';
import type { AttemptStore } from '../state/store.js';
import type { LaunchData, TrackingDriver } from './driver.js';
import { interactionRecords, objectiveRecords, snapshotOf } from './records.js';
import type { TrackingStatus } from './status.js';

/** Answer changes are committed after this quiet period; everything else at once. */
const ANSWER_COMMIT_DELAY_MS = 1500;
/** A failed save is retried on this interval until it succeeds. */
const RETRY_MS = 10000;

const MESSAGES = {
  local: 'Your progress is saved in this browser on this device only.',
  noLms: 'The course could not connect to your learning system, so your progress is saved in this browser on this device only. Relaunch the course from the learning system to have it recorded.',
  saveFailed: 'Your progress could not be saved to the learning system just now. Keep this window open: the course is keeping your progress and will try again.',
  tooLarge: 'Your latest progress is too large for the learning system to store. Earlier progress is kept.',
  ended: 'This session has ended. To continue, relaunch the course from your learning system.',
} as const;

/**
 * Drives the active tracking driver from the attempt store: restores the
 * attempt at launch, writes a snapshot on each meaningful change, commits,
 * retries failures, and finishes exactly once (exit control or `pagehide`).
 */
export class Tracker {
  private current: TrackingStatus;
  private readonly listeners = new Set<(status: TrackingStatus) => void>();
  private commitTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setInterval> | undefined;
  private dirty = false;
  private ended = false;
  private backupKey = '';

  constructor(
    private readonly options: { course: CourseModel; store: AttemptStore; driver: TrackingDriver; fallbackReason?: 'no-lms'; now?: () => number },
  ) {
    const { course, driver } = options;
    this.current = {
      driver: driver.name,
      learnerName: '',
      masteryScore: course.masteryScore,
      priorSeconds: 0,
      sessionStart: this.now(),
      message: driver.name === 'local' ? (options.fallbackReason === 'no-lms' ? MESSAGES.noLms : MESSAGES.local) : '',
      level: driver.name === 'local' ? (options.fallbackReason === 'no-lms' ? 'error' : 'info') : 'ok',
      ended: false,
    };
  }

  get status(): TrackingStatus {
    return this.current;
  }

  onStatus(listener: (status: TrackingStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Initializes the driver and restores the learner's attempt. Returns the
   * launch data, or null when the LMS refused to start (the caller falls back).
   */
  start(): LaunchData | null {
    const { driver, store, course } = this.options;
    const launch = driver.initialize();
    if (!launch) return null;
    // Per learner: a shared school laptop must never hand one learner's answers to another.
    this.backupKey = `slep:${course.id}:${launch.learnerId}:backup`;
    let resumed: AttemptState | null = null;
    const saved = this.newerBackup(launch.suspendData);
    if (saved) {
      try {
        resumed = decodeState(course, saved);
      } catch (error) {
        console.warn('[slep] Saved progress could not be read; starting fresh.', error);
      }
    }
    if (resumed) store.restore(resumed);
    this.update({
      learnerName: launch.learnerName,
      masteryScore: launch.masteryScore ?? course.masteryScore,
      priorSeconds: launch.priorSeconds,
    });
    store.subscribe((_state, action) => this.handleChange(action));
    // Record the (possibly restored) position at once so the LMS knows the attempt started.
    this.save({ commit: true });
    return launch;
  }

  /** Ends the session (exit control, or the page going away). Safe to call more than once. */
  finish(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.commitTimer);
    clearInterval(this.retryTimer);
    const { driver, course, store } = this.options;
    const snapshot = snapshotOf({ course, state: store.state, suspendData: this.encode(), finished: isFinished(course, store.state) });
    this.recordAssessment();
    const ok = driver.finish({ sessionSeconds: (this.now() - this.current.sessionStart) / 1000, snapshot });
    if (ok) this.clearBackup();
    this.update({ ended: true, message: driver.name === 'local' ? this.current.message : MESSAGES.ended, level: driver.name === 'local' ? this.current.level : 'info' });
  }

  /** Writes any pending change and commits now (the page is being hidden). */
  flush(): void {
    if (this.ended) return;
    if (this.dirty || this.commitTimer) this.save({ commit: true });
  }

  private handleChange(action: Action | null): void {
    if (this.ended) return;
    if (action?.type === 'submit') this.recordAssessment();
    if (action?.type === 'answer') {
      this.save({ commit: false });
      clearTimeout(this.commitTimer);
      this.commitTimer = setTimeout(() => this.save({ commit: true }), ANSWER_COMMIT_DELAY_MS);
      return;
    }
    this.save({ commit: true });
  }

  private recordAssessment(): void {
    const { driver, course, store } = this.options;
    const ok =
      driver.recordInteractions(interactionRecords(course, store.state)) &&
      driver.recordObjectives(objectiveRecords(course, store.state, this.current.masteryScore));
    if (!ok) this.failed();
  }

  private save(options: { commit: boolean }): void {
    const { driver, course, store } = this.options;
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    const suspendData = this.encode();
    if (suspendData.length > driver.limits.suspendData) {
      console.error(`[slep] Resume data is ${suspendData.length} characters; the limit is ${driver.limits.suspendData}.`);
      this.update({ message: MESSAGES.tooLarge, level: 'error' });
      return;
    }
    this.backup(suspendData);
    const snapshot = snapshotOf({ course, state: store.state, suspendData, finished: isFinished(course, store.state) });
    const written = driver.write(snapshot);
    const committed = written && (!options.commit || driver.commit());
    if (!committed) {
      this.failed();
      return;
    }
    this.dirty = !options.commit;
    if (options.commit) {
      this.clearBackup();
      this.recovered();
    }
  }

  private failed(): void {
    this.dirty = true;
    this.update({ message: MESSAGES.saveFailed, level: 'error' });
    this.retryTimer ??= setInterval(() => this.save({ commit: true }), RETRY_MS);
  }

  private recovered(): void {
    if (this.retryTimer === undefined) return;
    clearInterval(this.retryTimer);
    this.retryTimer = undefined;
    this.update({ message: '', level: 'ok' });
  }

  private encode(): string {
    return encodeState(this.options.store.state);
  }

  /**
   * A copy of the resume data kept in this browser until the LMS confirms it,
   * so a failed commit followed by a closed window loses nothing on this device.
   */
  private backup(suspendData: string): void {
    if (this.options.driver.name === 'local' || !this.backupKey) return;
    try {
      localStorage.setItem(this.backupKey, JSON.stringify({ at: this.now(), suspendData }));
    } catch {
      /* storage blocked: the LMS copy is all there is */
    }
  }

  private clearBackup(): void {
    try {
      localStorage.removeItem(this.backupKey);
    } catch {
      /* nothing to clear */
    }
  }

  /** The backup wins over the LMS copy only when the LMS never confirmed it (it is still there). */
  private newerBackup(fromLms: string): string {
    if (this.options.driver.name === 'local') return fromLms;
    try {
      const raw = localStorage.getItem(this.backupKey);
      if (!raw) return fromLms;
      const parsed = JSON.parse(raw) as { suspendData?: unknown };
      return typeof parsed.suspendData === 'string' && parsed.suspendData ? parsed.suspendData : fromLms;
    } catch {
      return fromLms;
    }
  }

  private update(patch: Partial<TrackingStatus>): void {
    this.current = { ...this.current, ...patch };
    for (const listener of this.listeners) listener(this.current);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
