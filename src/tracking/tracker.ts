import type { CourseModel } from '../model/course.js';
import { loadContent } from '../model/loader.js';
import type { LaunchInfo, SaveStatus } from '../model/launch.js';
import type { Action, AttemptState } from '../state/attempt.js';
import { ID_TAG_LENGTH } from '../state/attempt.js';
import { decodeResume, encodeState, ResumeDataError } from '../state/codec.js';
import { hashString } from '../state/random.js';
import type { ResumeMeta } from '../state/codec.js';
import type { AttemptStore } from '../state/store.js';
import type { Launch, Save, TrackingDriver, TrackingEvent } from './driver.js';
import { checkRecord, interactionRecords, objectiveRecords, reportOf } from './records.js';
import { TabGuard } from './tabs.js';
import type { TabChannel } from './tabs.js';

/** Answer changes are committed after this quiet period; everything else at once. */
export const ANSWER_COMMIT_DELAY_MS = 1500;
/** A failed save is retried after these delays (the last one repeats). */
export const RETRY_DELAYS_MS = [2000, 5000, 10000, 20000, 30000] as const;

export const MESSAGES = {
  local: 'Your progress is saved in this browser on this device only.',
  connecting: 'The course is still connecting to your learning system to load your saved progress. It keeps trying; nothing is lost. If this goes on for minutes, close the course and open it again later.',
  noLms: 'The course could not connect to your learning system, so your progress is saved in this browser on this device only. Relaunch the course from the learning system to have it recorded.',
  saveFailed: 'Your progress could not be saved to the learning system just now. Keep this window open: the course is keeping your progress and will try again.',
  tooLarge: 'Your latest answers are too large for the learning system to store as resume data; your status and score are still recorded, and this browser keeps a copy.',
  ended: 'This session has ended. To continue, relaunch the course from your learning system.',
  endedUnsaved: 'This session has ended, but the learning system did not confirm your latest progress. This browser keeps a copy and will send it the next time you open the course here.',
  review: 'Review: nothing you do now is recorded. Your learning system keeps your result as it is.',
  future: 'Your saved progress was made by a newer version of this course, so this version will not change it. Nothing you do now is recorded; ask your learning system administrator to relaunch the current version.',
  unreadable: 'Your saved progress could not be read, so the course starts from the beginning. A copy of the unreadable data is kept in this browser. Your recorded result in the learning system is not changed.',
  unreadableBackup: 'Your saved progress in the learning system could not be read, so the course continues from the copy kept in this browser. A copy of the unreadable data is kept too. Your recorded result in the learning system is not changed.',
  lmsUnreadable: 'Your saved progress could not be read from the learning system, so nothing you do in this window is recorded. Close the course and open it again; your progress in the learning system is not changed.',
  secondTab: 'This course is already open in another window or tab. So that one window cannot undo the other, nothing you do in this window is recorded: continue in the other window, or close both and relaunch the course.',
} as const;

/**
 * The browser backup. `lineage`: fingerprints of the LMS copies this browser started from and
 * of every resume string it sent. The backup is restored only over an LMS copy in its lineage:
 * when the LMS holds something else, another device wrote it since, and a backup from this
 * device must not overwrite it, whatever its revision number says (revisions count per device).
 */
type Stored = { revision: number; resumeData: string; at: number; lineage?: string[]; driver?: unknown; pending?: TrackingEvent[] };

/**
 * Events a SCORM driver writes from (answers of a submitted attempt, the evaluation), kept in
 * the backup until confirmed: the attempt state holds only the latest attempt's answers, so an
 * earlier attempt's answers that did not reach the LMS must travel in the backup.
 */
const KEPT_EVENTS: ReadonlySet<string> = new Set(['submitted', 'evaluated']);

/**
 * Fingerprints kept in a lineage. It restarts at every confirmed save (the LMS then holds that
 * save or a later one), so it only grows while saves fail; past this, the oldest entries after
 * the first (the copy this browser started from) are dropped.
 */
const LINEAGE_MAX = 256;

/**
 * Drives the active tracking driver from the attempt store: restores the attempt
 * at launch (the LMS copy or a newer browser backup), turns state changes into
 * domain events, saves and commits on its own timing, retries failures with
 * backoff, and terminates exactly once (exit control or `pagehide`).
 */
export class Tracker {
  private saveStatus: SaveStatus = { message: '', level: 'ok', saving: false, ended: false, readOnly: false };
  private info: LaunchInfo;
  private readonly listeners = new Set<(status: SaveStatus) => void>();
  private readonly queue: TrackingEvent[] = [];
  private commitTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;
  private dirty = false;
  private ended = false;
  private readOnly = false;
  private inFlight = false;
  private again: { commit: boolean } | null = null;
  private revision = 0;
  private confirmedRevision = 0;
  private seq = 0;
  private backupKey = '';
  private launch: Launch | null = null;
  private lastError = '';
  /** Finds another tab of the same attempt; null when not asked for (tests) or unavailable. */
  private guard: TabGuard | null = null;
  /** Resolves once this tab knows whether it is the attempt's writer; saves wait for it. */
  private claimed: Promise<unknown> | null = null;
  /** Fingerprints of the LMS copy at launch and of every resume string sent since (see Stored). */
  private readonly lineage: string[] = [];
  /** The last assessment attempt whose answers the LMS confirmed (kept in the backup's resume data). */
  private reportedConfirmed = 0;
  /** Fingerprints of the `resumeDataUnreportedFrom` strings a driver sent, by save revision. */
  private readonly variants = new Map<number, string[]>();

  constructor(
    private readonly options: {
      course: CourseModel;
      store: AttemptStore;
      driver: TrackingDriver;
      fallbackReason?: 'no-lms';
      now?: () => number;
      storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
      /** Opens the channel the tabs of one attempt share (see tabs.ts); omitted: no detection. */
      tabs?: (name: string) => TabChannel | null;
    },
  ) {
    const { course, driver } = options;
    this.info = { kind: driver.kind, learnerName: '', masteryScore: course.masteryScore, mode: 'normal', priorSeconds: 0, sessionStart: this.now(), registration: '' };
    if (driver.kind === 'local') {
      const noLms = options.fallbackReason === 'no-lms';
      this.saveStatus = { ...this.saveStatus, message: noLms ? MESSAGES.noLms : MESSAGES.local, level: noLms ? 'error' : 'info' };
    }
  }

  /** Launch facts for the interface, resolved once at launch. */
  get launchInfo(): LaunchInfo {
    return this.info;
  }

  get status(): SaveStatus {
    return this.saveStatus;
  }

  /** Events recorded but not yet confirmed by the LMS/LRS (for diagnostics and tests). */
  get pendingEvents(): readonly TrackingEvent[] {
    return this.queue;
  }

  /** The last revision the LMS/LRS confirmed, and the last error (for diagnostics). */
  get confirmed(): { revision: number; error: string } {
    return { revision: this.confirmedRevision, error: this.lastError || this.options.driver.lastError };
  }

  get driver(): TrackingDriver {
    return this.options.driver;
  }

  onStatus(listener: (status: SaveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts the driver and restores the learner's attempt. Returns the launch,
   * or null when the LMS refused to start (the caller falls back to local).
   */
  async start(): Promise<Launch | null> {
    const { driver, store, course } = this.options;
    let launch: Launch | null;
    try {
      launch = await driver.initialize();
    } catch (error) {
      this.lastError = String(error);
      launch = null;
    }
    if (!launch) return null;
    this.launch = launch;
    // An LMS that failed an essential launch read (driver.ts, Launch.unreadable): what the course
    // was told may not be the learner's progress, so it records nothing, like newer-version data.
    this.readOnly = launch.mode !== 'normal' || launch.unreadable === true;
    // Per learner: a shared school laptop must never hand one learner's answers to another.
    this.backupKey = `slep:${course.id}:${driver.kind}:${launch.learner.id}:backup`;

    let restored: { state: AttemptState; meta: ResumeMeta } | null = null;
    let fromBackup = false;
    /** What the LMS copy says (null: none, or unreadable). */
    let lmsMeta: ResumeMeta | null = null;
    let message = '';
    if (launch.resumeData) {
      this.lineage.push(fingerprint(launch.resumeData));
      try {
        restored = decodeResume(course, launch.resumeData);
        lmsMeta = restored.meta;
      } catch (error) {
        const reason = error instanceof ResumeDataError ? error.reason : 'corrupt';
        this.keepUnreadable(launch.resumeData);
        if (reason === 'future') {
          this.readOnly = true;
          message = MESSAGES.future;
        } else {
          message = MESSAGES.unreadable;
        }
      }
    }
    if (!this.readOnly) {
      const backup = this.readBackup();
      const lmsRevision = lmsMeta?.revision ?? 0;
      // The LMS wins for a finished attempt, and whenever its copy is as new as ours.
      // (SCORM 2004 records a failed attempt with attempts left as failed but incomplete: not finished.)
      const lmsFinished = launch.recorded.success === 'passed' || launch.recorded.completion === 'completed';
      const unreadable = lmsMeta === null && launch.resumeData !== '';
      // A backup restores only over an LMS copy in its lineage: one from device 1 never beats
      // what device 2 saved since, whatever its revision number says. Over LMS resume data the
      // course cannot read, this browser's copy is the best there is.
      const current = backup !== null && (!launch.resumeData || unreadable || backup.lineage === undefined || backup.lineage.includes(fingerprint(launch.resumeData)));
      // What the driver noted on this device (SCORM 1.2: interaction indices) holds while the LMS copy is ours.
      if (backup && current && backup.driver !== undefined) safely(() => (driver.memory?.restore(backup.driver), true));
      // Answers that never reached the LMS go again (drivers write each interaction once).
      if (backup && current) for (const event of revive(backup.pending)) this.queue.push(event);
      // A finished LMS record yields only to a backup that provably descends from the LMS's copy
      // (its status may have gone in while the resume data of the same save was refused).
      const descends = Boolean(launch.resumeData && backup?.lineage?.includes(fingerprint(launch.resumeData)));
      if (backup && current && (unreadable || (backup.revision > lmsRevision && (!lmsFinished || descends)))) {
        try {
          restored = decodeResume(course, backup.resumeData);
          fromBackup = true;
          this.lineage.push(...(backup.lineage ?? []));
          if (unreadable) message = MESSAGES.unreadableBackup;
        } catch {
          /* an unreadable backup is ignored */
        }
      }
    }
    if (restored) store.restore(restored.state);
    // Starting over while the LMS holds answers from before (resume data it could not read, or
    // none): this course attempt's interaction ids get a tag, so its `a1-…` never meets theirs.
    else if (!this.readOnly && (launch.resumeData || (launch.heldInteractions ?? 0) > 0)) store.restore({ ...store.state, idTag: newIdTag() });
    // The LMS copy says where the answers of an attempt that only partly went in sit (SCORM 1.2, on
    // a device without this browser's notes): the driver completes those entries, not new ones.
    const partly = restored && !fromBackup && restored.meta.base !== undefined && restored.state.assessment.submitted && restored.meta.reported < restored.state.assessment.attempt ? restored : null;
    if (partly) driver.placeInteractions?.(interactionRecords(course, partly.state).map((r) => r.id), partly.meta.base ?? 0);
    this.revision = restored?.meta.revision ?? 0;
    // What the LMS holds (a restored backup is not confirmed until the LMS takes it).
    this.confirmedRevision = lmsMeta?.revision ?? 0;
    // The LMS copy says which attempts' answers it holds; a backup says what was confirmed when it was written.
    const reported = Math.max(lmsMeta?.reported ?? 0, restored?.meta.reported ?? 0);
    this.reportedConfirmed = reported;

    this.info = {
      ...this.info,
      learnerId: launch.learner.id,
      learnerName: launch.learner.name,
      masteryScore: launch.masteryScore ?? course.masteryScore,
      mode: launch.mode,
      priorSeconds: launch.priorSeconds,
      registration: launch.registration,
    };
    if (launch.mode !== 'normal') message = MESSAGES.review;
    if (launch.unreadable) message = MESSAGES.lmsUnreadable;
    // Read-only by the learner's or the LMS's choice is information; anything else went wrong.
    const level = this.readOnly && !launch.unreadable ? 'info' : 'error';
    if (message) this.update({ message, level, readOnly: this.readOnly });
    else this.update({ readOnly: this.readOnly });

    if (this.readOnly) return launch;
    this.guardTabs(launch);
    this.push({ type: 'launched', resumed: restored !== null });
    // An attempt whose answers never reached the LMS (a failed save, a backup) is reported now, once.
    const a = store.state.assessment;
    const queued = this.queue.some((e) => e.type === 'submitted' && e.attempt === a.attempt);
    if (a.submitted && a.attempt > reported && !queued) {
      // Its questions' texts (descriptions, choices) are in the bank chunk, which the welcome page
      // has not needed yet: load it first, so the records are whole (they go without on failure).
      await loadContent(course, ['bank']).catch(() => undefined);
      this.push(this.submittedEvent(store.state));
    }
    store.subscribe((state, action, previous) => this.handleChange(state, action, previous));
    // Record the (possibly restored) position at once so the LMS knows the attempt started.
    void this.save({ commit: true });
    return launch;
  }

  /**
   * Ends the session (exit control, or the page going away), synchronously so it
   * works inside `pagehide`. Exactly once; later calls do nothing.
   */
  finish(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.commitTimer);
    clearTimeout(this.retryTimer);
    const { driver } = this.options;
    const sessionSeconds = (this.now() - this.info.sessionStart) / 1000;
    // A tab closed while still waiting to hear from older tabs heard from none: it is the writer.
    this.guard?.release();
    if (this.readOnly) {
      safely(() => driver.terminateNow({ events: [], save: null, sessionSeconds }));
      // The review / newer-version message stays: it still says why nothing was recorded.
      this.update({ ended: true, saving: false });
      return;
    }
    const save = this.nextSave();
    this.writeBackup(save);
    const finished = save.report.finished;
    if (!finished) this.push({ type: 'suspended' });
    this.push({ type: 'terminated' });
    const ok = safely(() => driver.terminateNow({ events: [...this.queue], save, sessionSeconds }));
    if (ok) {
      this.confirmReported(this.queue);
      this.queue.length = 0;
      this.confirmedRevision = save.revision;
      this.clearBackup(save.revision);
    } else {
      this.writeBackup(save);
    }
    const local = driver.kind === 'local';
    this.update({
      ended: true,
      saving: false,
      message: local ? this.saveStatus.message : ok ? MESSAGES.ended : MESSAGES.endedUnsaved,
      level: local ? this.saveStatus.level : ok ? 'info' : 'error',
    });
  }

  /** Writes any pending change and commits now (the page is being hidden). */
  flush(): void {
    if (this.ended || this.readOnly) return;
    if (this.dirty || this.commitTimer !== undefined || this.queue.length) void this.save({ commit: true });
  }

  private handleChange(state: AttemptState, action: Action | null, previous: AttemptState): void {
    if (this.ended || this.readOnly || !action) return;
    const { course } = this.options;
    const now = this.now();
    if (action.type === 'go') {
      const lesson = course.lessons.find((l) => l.id === action.page);
      if (lesson && !previous.visited.includes(lesson.id)) {
        this.push({ type: 'experienced', lessonId: lesson.id, title: lesson.title });
        this.push({ type: 'progressed', progress: reportOf(course, state).progress });
      }
    }
    if (action.type === 'check') {
      const record = checkRecord(course, action.itemId, action.response, now);
      if (record) this.push({ type: 'answered', record });
    }
    if (action.type === 'submit' && !previous.assessment.submitted && state.assessment.submitted) {
      this.push(this.submittedEvent(state));
      const score = state.assessment.lastScore ?? 0;
      if (state.assessment.passed && !previous.assessment.passed) this.push({ type: 'passed', score });
      else if (!state.assessment.passed) this.push({ type: 'failed', score });
    }
    if (state.completedAt !== null && previous.completedAt === null) this.push({ type: 'completed' });
    if (action.type === 'evaluate' && state.evaluation && !previous.evaluation) {
      const e = state.evaluation;
      this.push({ type: 'evaluated', answers: { relevance: String(e.relevance), clarity: String(e.clarity), recommend: e.recommend, comments: e.comments }, ...(state.idTag ? { idTag: state.idTag } : {}) });
    }

    if (action.type === 'answer') {
      // Answers are batched: one save after a quiet period, not one per click.
      this.dirty = true;
      clearTimeout(this.commitTimer);
      this.commitTimer = setTimeout(() => {
        this.commitTimer = undefined;
        void this.save({ commit: true });
      }, ANSWER_COMMIT_DELAY_MS);
      return;
    }
    void this.save({ commit: true });
  }

  private submittedEvent(state: AttemptState): TrackingEvent {
    const { course } = this.options;
    const a = state.assessment;
    return {
      ...this.eventBase(),
      type: 'submitted',
      attempt: a.attempt,
      score: a.lastScore ?? 0,
      passed: a.passed,
      interactions: interactionRecords(course, state),
      objectives: objectiveRecords(course, state, this.info.masteryScore),
    };
  }

  private push(event: DistributiveOmit<TrackingEvent, 'id' | 'at'> | TrackingEvent): void {
    const full = ('id' in event ? event : { ...this.eventBase(), ...event }) as TrackingEvent;
    this.queue.push(full);
  }

  private eventBase(): { id: string; at: number } {
    this.seq += 1;
    return { id: `${this.info.sessionStart.toString(36)}-${this.seq}`, at: this.now() };
  }

  /** The save as of now, with a new revision. */
  private nextSave(): Save {
    const { course, store, driver } = this.options;
    const state = store.state;
    this.revision += 1;
    const a = state.assessment;
    const meta: ResumeMeta = { revision: this.revision, reported: a.submitted ? a.attempt : Math.max(0, a.attempt - 1) };
    const resumeData = encodeState(state, meta);
    const unreported = a.submitted && meta.reported === a.attempt ? encodeState(state, { ...meta, reported: a.attempt - 1 }) : resumeData;
    const revision = this.revision;
    const unreportedFrom = (attempt: number, base: number): string | null => {
      if (attempt !== a.attempt || unreported === resumeData) return fits ? unreported : null;
      const text = encodeState(state, { ...meta, reported: a.attempt - 1, base });
      if (text.length > driver.limits.resumeData) return fits ? unreported : null;
      // What the driver sends is what the LMS may hold: it joins the lineage (see Stored).
      const sent = this.variants.get(revision) ?? [];
      this.variants.set(revision, [...sent, fingerprint(text)]);
      this.lineage.push(fingerprint(text));
      return text;
    };
    const fits = resumeData.length <= driver.limits.resumeData;
    if (!fits && this.saveStatus.message !== MESSAGES.tooLarge) {
      console.error(`[slep] Resume data is ${resumeData.length} characters; the limit is ${driver.limits.resumeData}.`);
      this.update({ message: MESSAGES.tooLarge, level: 'error' });
    } else if (fits && this.saveStatus.message === MESSAGES.tooLarge) {
      this.update({ message: '', level: 'ok' });
    }
    if (fits) this.lineage.push(fingerprint(resumeData));
    if (fits && unreported !== resumeData) this.lineage.push(fingerprint(unreported));
    if (this.lineage.length > LINEAGE_MAX) this.lineage.splice(1, this.lineage.length - LINEAGE_MAX);
    return {
      revision: this.revision,
      location: state.location,
      resumeData: fits ? resumeData : null,
      resumeDataUnreported: fits ? unreported : null,
      resumeDataUnreportedFrom: fits ? unreportedFrom : undefined,
      report: reportOf(course, state, this.launch?.recorded),
    };
  }

  private async save(options: { commit: boolean }): Promise<void> {
    if (this.claimed) await this.claimed;
    if (this.ended || this.readOnly) return;
    if (this.inFlight) {
      this.again = { commit: (this.again?.commit ?? false) || options.commit };
      return;
    }
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    const save = this.nextSave();
    this.writeBackup(save);
    const events = [...this.queue];
    this.inFlight = true;
    this.dirty = false;
    this.update({ saving: true });
    // A SCORM API is synchronous and freezes the page while the LMS works: let "Saving…" reach
    // the screen first. One save is one batch of writes and one commit, so at most one freeze.
    const paint = painted();
    if (paint) await paint;
    if (this.ended) {
      this.inFlight = false;
      return;
    }
    let ok: boolean;
    try {
      ok = await this.options.driver.report({ events, save, commit: options.commit });
    } catch (error) {
      this.lastError = String(error);
      ok = false;
    }
    this.inFlight = false;
    if (this.ended) return;
    if (ok) {
      this.queue.splice(0, events.length);
      if (options.commit) {
        this.confirmReported(events);
        // The LMS holds this save now (or, after it, one of the saves still to come).
        if (save.resumeData) this.lineage.splice(0, this.lineage.length, ...[save.resumeData, save.resumeDataUnreported].flatMap((d) => (d ? [fingerprint(d)] : [])), ...(this.variants.get(save.revision) ?? []));
        for (const r of this.variants.keys()) if (r <= save.revision) this.variants.delete(r);
        this.confirmedRevision = save.revision;
        this.clearBackup(save.revision);
        this.recovered();
      }
    } else {
      // Keep what the driver noted while trying (SCORM 1.2: the indices it gave out) in the backup.
      this.writeBackup(save);
      this.failed();
    }
    this.update({ saving: false });
    const again = this.again;
    this.again = null;
    if (again && !this.ended) await this.save(again);
  }

  /**
   * Joins the attempt's tab channel: the first save waits until older tabs had time to
   * answer, and a tab that turns out to be the second one becomes read-only.
   */
  private guardTabs(launch: Launch): void {
    const { course, driver, tabs } = this.options;
    const channel = tabs?.(`slep:${course.id}:${driver.kind}:${launch.learner.id}`) ?? null;
    if (!channel) return;
    const guard = new TabGuard(channel);
    this.guard = guard;
    guard.onSecond(() => this.becomeSecondTab());
    this.claimed = guard.claim().then(() => {
      this.claimed = null;
    });
  }

  /** Another tab of this attempt was there first: this one records nothing from now on. */
  private becomeSecondTab(): void {
    if (this.ended || this.readOnly) return;
    this.readOnly = true;
    clearTimeout(this.commitTimer);
    clearTimeout(this.retryTimer);
    this.commitTimer = undefined;
    this.retryTimer = undefined;
    this.queue.length = 0;
    this.update({ message: MESSAGES.secondTab, level: 'info', readOnly: true, saving: false });
  }

  private failed(): void {
    this.dirty = true;
    if (this.saveStatus.message !== MESSAGES.saveFailed) this.update({ message: MESSAGES.saveFailed, level: 'error' });
    if (this.retryTimer !== undefined) return;
    const delay = RETRY_DELAYS_MS[Math.min(this.retries, RETRY_DELAYS_MS.length - 1)] ?? 30000;
    this.retries += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.save({ commit: true });
    }, delay);
  }

  private recovered(): void {
    this.retries = 0;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    // A save that worked clears "not saved", never the facts the learner must keep seeing.
    if (this.saveStatus.message === MESSAGES.saveFailed) this.update({ message: '', level: 'ok' });
  }

  private storage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null {
    if (this.options.storage !== undefined) return this.options.storage;
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  }

  /**
   * A copy of the resume data kept in this browser until the LMS confirms the same
   * revision, so a failed commit followed by a closed window loses nothing here.
   */
  private writeBackup(save: Save): void {
    if (this.options.driver.kind === 'local' || !this.backupKey) return;
    // The backup marks reported only what the LMS confirmed: a relaunch from it reports the rest.
    const resumeData = encodeState(this.options.store.state, { revision: save.revision, reported: this.reportedConfirmed });
    try {
      this.storage()?.setItem(this.backupKey, JSON.stringify({ revision: save.revision, resumeData, at: this.now(), lineage: this.lineage, driver: this.driverMemory(), pending: this.keptEvents() } satisfies Stored));
    } catch {
      /* storage blocked: the LMS copy is all there is */
    }
  }

  /** Drops the backup, but only when the LMS confirmed that revision or a later one. */
  private clearBackup(confirmed: number): void {
    const backup = this.readBackup();
    if (backup && backup.revision > confirmed) return;
    try {
      this.storage()?.removeItem(this.backupKey);
    } catch {
      /* nothing to clear */
    }
  }

  private readBackup(): Stored | null {
    if (this.options.driver.kind === 'local' || !this.backupKey) return null;
    try {
      const raw = this.storage()?.getItem(this.backupKey);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<Stored>;
      return typeof parsed.resumeData === 'string' && typeof parsed.revision === 'number' ? (parsed as Stored) : null;
    } catch {
      return null;
    }
  }

  private confirmReported(events: readonly TrackingEvent[]): void {
    for (const e of events) if (e.type === 'submitted') this.reportedConfirmed = Math.max(this.reportedConfirmed, e.attempt);
  }

  private keptEvents(): TrackingEvent[] | undefined {
    if (!this.options.driver.kind.startsWith('scorm')) return undefined;
    const kept = this.queue.filter((e) => KEPT_EVENTS.has(e.type));
    return kept.length ? kept : undefined;
  }

  private driverMemory(): unknown {
    try {
      return this.options.driver.memory?.save();
    } catch {
      return undefined;
    }
  }

  /** Resume data the course cannot read is kept in this browser, never thrown away. */
  private keepUnreadable(data: string): void {
    try {
      this.storage()?.setItem(`slep:${this.options.course.id}:${this.options.driver.kind}:${this.launch?.learner.id ?? ''}:unreadable`, data);
    } catch {
      /* nothing more we can do; the LMS copy is untouched in read-only cases */
    }
  }

  private update(patch: Partial<SaveStatus>): void {
    this.saveStatus = { ...this.saveStatus, ...patch };
    for (const listener of this.listeners) listener(this.saveStatus);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Resolves once the next frame was painted (or soon, if the page is not painting); null outside a browser page. */
function painted(): Promise<void> | null {
  if (typeof requestAnimationFrame !== 'function' || typeof document === 'undefined') return null;
  if (document.visibilityState !== 'visible') return null;
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

/** Events read back from a backup (JSON): dates made dates again; anything malformed dropped. */
function revive(events: unknown): TrackingEvent[] {
  if (!Array.isArray(events)) return [];
  const out: TrackingEvent[] = [];
  for (const e of events as Array<Record<string, unknown>>) {
    if (!e || typeof e.id !== 'string' || !KEPT_EVENTS.has(String(e.type))) continue;
    if (e.type === 'submitted') {
      if (!Array.isArray(e.interactions) || !Array.isArray(e.objectives)) continue;
      const interactions = (e.interactions as Array<Record<string, unknown>>).map((r) => ({ ...r, timestamp: new Date(String(r.timestamp)) }));
      out.push({ ...e, interactions } as unknown as TrackingEvent);
    } else out.push(e as unknown as TrackingEvent);
  }
  return out;
}

/** A fresh {@link AttemptState.idTag}: random `[a-z0-9]` characters. */
function newIdTag(): string {
  const bytes = new Uint8Array(ID_TAG_LENGTH);
  if (globalThis.crypto?.getRandomValues) globalThis.crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return [...bytes].map((b) => (b % 36).toString(36)).join('');
}

/** A short fingerprint of a resume string (its FNV-1a hash, with its length). */
export function fingerprint(text: string): string {
  return `${hashString(text).toString(36)}.${text.length.toString(36)}`;
}

function safely(fn: () => boolean): boolean {
  try {
    return fn();
  } catch (error) {
    console.warn('[slep] A call to the learning system failed.', error);
    return false;
  }
}

