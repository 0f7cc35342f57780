/**
 * Small per-course, per-learner records kept in this browser's storage: the
 * workbook's team notes and the certificate's typed name. They are the learner's
 * own working data, not the LMS record, and too large for SCORM 1.2's 4096-character
 * resume data, so they never travel in it.
 */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The storage key of one record: per course and per learner, so a shared laptop keeps learners apart. */
export function browserKey(options: { courseId: string; kind: string; learnerId: string; record: string }): string {
  return `slep:${options.courseId}:${options.kind}:${options.learnerId}:${options.record}`;
}

export function defaultStorage(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked, e.g. third-party storage disabled in an LMS frame
  }
}

/** Reads a JSON record; `fallback` when missing, unreadable or storage is blocked. */
export function readRecord<T extends object>(storage: KeyValueStorage | null, key: string, fallback: T): T {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return fallback;
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' ? { ...fallback, ...(parsed as Partial<T>) } : fallback;
  } catch {
    return fallback;
  }
}

/** Writes a JSON record; false when the browser refuses (blocked or full). */
export function writeRecord(storage: KeyValueStorage | null, key: string, value: object): boolean {
  try {
    if (!storage) return false;
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
