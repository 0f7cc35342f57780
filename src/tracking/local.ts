import type { CourseModel } from '../model/course.js';
import type { Launch, Save, TrackingDriver } from './driver.js';

interface Saved {
  readonly resumeData: string;
  readonly location: string;
  readonly seconds: number;
  readonly finished: boolean;
  readonly success: 'unknown' | 'passed' | 'failed';
  readonly score: number | null;
}

const EMPTY: Saved = { resumeData: '', location: '', seconds: 0, finished: false, success: 'unknown', score: null };

/**
 * The driver used when no LMS is found: keeps progress in this browser's
 * `localStorage`, so the plain web package and a lost LMS connection still work.
 */
export class LocalDriver implements TrackingDriver {
  readonly kind = 'local';
  /** Browser storage allows far more; keep the SCORM 2004 limit so data stays portable. */
  readonly limits = { resumeData: 64000, location: 1000 };
  readonly pending = 0;
  lastError = '';
  private saved: Saved = EMPTY;
  private terminated = false;

  constructor(
    private readonly key: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeStorage(),
  ) {}

  async initialize(): Promise<Launch> {
    try {
      const raw = this.storage?.getItem(this.key);
      if (raw) {
        const old = JSON.parse(raw) as Partial<Saved> & { suspendData?: string };
        this.saved = { ...EMPTY, ...old, resumeData: old.resumeData ?? old.suspendData ?? '' };
      }
    } catch {
      this.lastError = 'Saved progress in this browser could not be read.';
    }
    return {
      learner: { id: '', name: '' },
      entry: this.saved.resumeData ? 'resume' : 'ab-initio',
      mode: 'normal',
      credit: true,
      masteryScore: null,
      resumeData: this.saved.resumeData,
      location: this.saved.location,
      priorSeconds: this.saved.seconds,
      returnUrl: null,
      recorded: { completion: 'unknown', success: this.saved.success, score: this.saved.score },
      registration: '',
    };
  }

  async report(options: { save: Save }): Promise<boolean> {
    return this.write(options.save);
  }

  terminateNow(options: { save: Save | null; sessionSeconds: number }): boolean {
    if (this.terminated) return false;
    this.terminated = true;
    if (!options.save) return true;
    this.saved = { ...this.saved, seconds: this.saved.seconds + options.sessionSeconds };
    return this.write(options.save);
  }

  private write(save: Save): boolean {
    this.saved = {
      ...this.saved,
      resumeData: save.resumeData ?? this.saved.resumeData,
      location: save.location,
      finished: save.report.finished,
      success: save.report.success,
      score: save.report.score,
    };
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

/** The local driver for a course (the web package, or the fallback when no LMS answers). */
export async function createDriver(course: CourseModel): Promise<TrackingDriver> {
  return new LocalDriver(`slep:${course.id}:local`);
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked, e.g. third-party storage disabled in an iframe
  }
}
