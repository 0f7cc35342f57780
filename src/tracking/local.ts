import type { InteractionRecord, LaunchData, ObjectiveRecord, TrackingDriver, TrackingSnapshot } from './driver.js';

interface Saved {
  readonly suspendData: string;
  readonly location: string;
  readonly seconds: number;
  readonly finished: boolean;
}

/**
 * The driver used when no LMS is found: keeps progress in this browser's
 * `localStorage`, so the plain web package and a lost LMS connection still work.
 */
export class LocalDriver implements TrackingDriver {
  readonly name = 'local';
  /** Browser storage allows far more; keep the SCORM 2004 limit so data stays portable. */
  readonly limits = { suspendData: 64000, location: 1000 };
  lastError = '';
  private saved: Saved = { suspendData: '', location: '', seconds: 0, finished: false };

  constructor(
    private readonly key: string,
    private readonly storage: Storage | null = safeStorage(),
  ) {}

  initialize(): LaunchData {
    try {
      const raw = this.storage?.getItem(this.key);
      if (raw) this.saved = { ...this.saved, ...(JSON.parse(raw) as Partial<Saved>) };
    } catch {
      this.lastError = 'Saved progress in this browser could not be read.';
    }
    return {
      learnerName: '',
      learnerId: '',
      suspendData: this.saved.suspendData,
      location: this.saved.location,
      entry: this.saved.suspendData ? 'resume' : 'ab-initio',
      masteryScore: null,
      priorSeconds: this.saved.seconds,
    };
  }

  write(snapshot: TrackingSnapshot): boolean {
    this.saved = { ...this.saved, suspendData: snapshot.suspendData, location: snapshot.location, finished: snapshot.finished };
    return this.persist();
  }

  recordInteractions(_records: readonly InteractionRecord[]): boolean {
    return true; // Answers already live in the attempt state.
  }

  recordObjectives(_records: readonly ObjectiveRecord[]): boolean {
    return true;
  }

  commit(): boolean {
    return this.persist();
  }

  finish(options: { sessionSeconds: number; snapshot: TrackingSnapshot }): boolean {
    this.write(options.snapshot);
    this.saved = { ...this.saved, seconds: this.saved.seconds + options.sessionSeconds };
    return this.persist();
  }

  private persist(): boolean {
    if (!this.storage) {
      this.lastError = 'This browser does not allow the course to store progress.';
      return false;
    }
    try {
      this.storage.setItem(this.key, JSON.stringify(this.saved));
      return true;
    } catch {
      this.lastError = 'This browser refused to store progress (storage full or blocked).';
      return false;
    }
  }
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked, e.g. third-party storage disabled in an iframe
  }
}
