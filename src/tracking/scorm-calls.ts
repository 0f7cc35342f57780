/**
 * The SCORM API plumbing both SCORM drivers share: every call guarded (an exception from the
 * LMS counts as a refusal and never escapes), the LMS's error code read after a refusal, and a
 * cache of the values the LMS accepted this session so unchanged values are not sent again.
 * The drivers differ only in the API's method names, given as an {@link ScormMethods}.
 */
export interface ScormMethods {
  /** `LMSGetValue` / `GetValue`, `LMSSetValue` / `SetValue`: for messages. */
  readonly getName: string;
  readonly setName: string;
  getValue(element: string): unknown;
  setValue(element: string, value: string): unknown;
  getLastError(): unknown;
  getErrorString(code: string): unknown;
  /** The standard's "no error" code and the codes that mean "not implemented". */
  readonly noError: string;
  readonly notImplemented: readonly string[];
  /** Codes that mean "never set", i.e. empty (SCORM 2004: 403 Data Model Element Value Not Initialized). */
  readonly notInitialized: readonly string[];
}

/** A launch read is tried this many times at once (the API is synchronous) before it counts as unreadable. */
export const LAUNCH_READ_TRIES = 3;

const ok = (result: unknown) => String(result) === 'true';

export class ScormCalls {
  /** The value each element last accepted this session: unchanged values are not sent again. */
  private readonly accepted = new Map<string, string>();

  constructor(
    private readonly api: ScormMethods,
    /** Where the last error goes (the driver's `lastError`). */
    private readonly onError: (message: string) => void,
  ) {}

  /** Forgets what the LMS accepted (after a refused commit, everything is sent again). */
  forget(): void {
    this.accepted.clear();
  }

  get(element: string): string {
    try {
      const value = this.api.getValue(element);
      return value === null || value === undefined ? '' : String(value);
    } catch (error) {
      this.onError(`${this.api.getName}(${element}) threw: ${String(error)}`);
      return '';
    }
  }

  /**
   * The launch's reads: `read(element, essential)` gives the value ('' when unset); `failed` turns
   * true once an essential element could not be read even after retries (see {@link read}): its ''
   * would look like a first launch, so the driver must then write nothing.
   */
  launchReader(): { read(element: string, essential?: boolean): string; readonly failed: boolean } {
    let failed = false;
    return {
      read: (element, essential = false) => {
        const value = this.read(element);
        if (value === null && essential) failed = true;
        return value ?? '';
      },
      get failed() {
        return failed;
      },
    };
  }

  /**
   * Reads an element at launch, where a wrong '' would lose the learner's progress: an API that
   * throws or reports an error is asked again at once, up to {@link LAUNCH_READ_TRIES} times.
   * Null when it still cannot be read. Not failures: "no error", "not implemented" (the element
   * is not supported: '') and, in SCORM 2004, 403 "not initialized" (never set: ''). A non-empty
   * answer is a value whatever the error code says (GetValue answers '' on every error, and some
   * LMSs, scorm-again among them, keep an earlier call's code after a read that went through).
   */
  read(element: string): string | null {
    for (let i = 0; i < LAUNCH_READ_TRIES; i++) {
      let text: string;
      try {
        const value = this.api.getValue(element);
        text = value === null || value === undefined ? '' : String(value);
      } catch (error) {
        this.report(`${this.api.getName}(${element}) threw: ${String(error)}`);
        continue;
      }
      if (text !== '') return text;
      let code: string;
      try {
        code = String(this.api.getLastError());
      } catch (error) {
        this.report(`${this.api.getName}(${element}): GetLastError threw: ${String(error)}`);
        continue;
      }
      if (code === this.api.noError || code === '' || this.api.notInitialized.includes(code) || this.api.notImplemented.includes(code)) return '';
      this.readError(`${this.api.getName}(${element})`, code);
    }
    return null;
  }

  set(element: string, value: string): boolean {
    if (this.accepted.get(element) === value) return true;
    if (!this.call(`${this.api.setName}(${element})`, () => this.api.setValue(element, value))) return false;
    this.accepted.set(element, value);
    return true;
  }

  /** One API call: an exception from the LMS counts as a refusal, never escapes. */
  call(name: string, fn: () => unknown): boolean {
    try {
      if (ok(fn())) return true;
    } catch (error) {
      this.report(`${name} threw: ${String(error)}`);
      return false;
    }
    this.readError(name);
    return false;
  }

  /** Whether a data model element is implemented (the standard's "not implemented" codes mean it is not). */
  supports(element: string): boolean {
    try {
      this.api.getValue(element);
      return !this.api.notImplemented.includes(String(this.api.getLastError()));
    } catch {
      return false;
    }
  }

  private readError(call: string, known?: string): void {
    try {
      const code = known ?? String(this.api.getLastError());
      this.report(code === this.api.noError ? `${call} failed` : `${call} failed: SCORM error ${code} (${String(this.api.getErrorString(code))})`);
    } catch {
      this.report(`${call} failed`);
    }
  }

  private report(message: string): void {
    this.onError(message);
    console.warn(`[slep] ${message}`);
  }
}
