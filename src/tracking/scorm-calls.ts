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
}

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

  private readError(call: string): void {
    try {
      const code = String(this.api.getLastError());
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
