import { Scorm12API, Scorm2004API } from 'scorm-again';
import { until } from '../integration/harness.js';

/**
 * An LMS for fault tests, on scorm-again (SCORM 1.2 and 2004): a database of element
 * values per learner that, like a real LMS server, stores only what a session set, and
 * only when a Commit (or the Finish/Terminate) goes through. Each launch is a session
 * with its own API object, so two tabs or two devices are two sessions over one database.
 * A session can misbehave by plan: refuse a share of SetValue / Commit / Finish calls
 * with the standard's error codes, throw, answer slowly, or vanish after some calls; and fail
 * GetValue at launch (throw, or answer '' with error 101 / 301), once or for the whole session.
 */

export type ScormVersion = 'scorm12' | 'scorm2004';

export interface FaultPlan {
  /** Share of SetValue calls refused. */
  readonly refuseSet: number;
  /** Share of Commit and Finish/Terminate calls refused. */
  readonly refuseCommit: number;
  /** Share of SetValue/Commit/Finish calls that throw instead of answering. */
  readonly throwRate: number;
  /** Every call takes this long (a busy wait: the API is synchronous). */
  readonly slowMs: number;
  /** After this many calls the API is gone: every call fails (error 301) or throws. */
  readonly vanishAfter: number | null;
  /** A refused commit loses what it carried (Moodle's player), rather than keeping it for the next. */
  readonly dropOnFailedCommit: boolean;
  /**
   * Share of GetValue calls at launch (before the session's first write; not interactions or
   * objectives) that fail: throw, or answer '' with error 101 (general) or 301 (1.2: not
   * initialized; 2004: general get failure).
   */
  readonly launchGetFault: number;
  /** An element whose launch read failed keeps failing for the rest of the session (through the course's retries). */
  readonly launchGetPersistent: boolean;
}

export const NO_FAULTS: FaultPlan = { refuseSet: 0, refuseCommit: 0, throwRate: 0, slowMs: 0, vanishAfter: null, dropOnFailedCommit: true, launchGetFault: 0, launchGetPersistent: false };

/** Elements read at launch that a launch GetValue fault may hit. */
const LAUNCH_READ = /^cmi\.(?!interactions\.|objectives\.)[a-z_.]+$/;

/** Error codes each standard uses for a refused write (1.2 RTE 3.3.3.2; 2004 RTE 3.1.7). */
const CODES: Record<ScormVersion, { set: readonly string[]; commit: string; gone: string }> = {
  scorm12: { set: ['101', '351', '405'], commit: '101', gone: '301' },
  scorm2004: { set: ['351', '406', '407'], commit: '391', gone: '301' },
};

const WRITE_ONLY: Record<ScormVersion, readonly string[]> = {
  scorm12: ['cmi.core.exit', 'cmi.core.session_time'],
  scorm2004: ['cmi.exit', 'cmi.session_time'],
};

/** The LMS's stored record of one learner in one SCO. */
export class LmsDatabase {
  readonly values = new Map<string, string>();
  sessions = 0;
  constructor(
    readonly version: ScormVersion,
    readonly learner = { id: 'officer-7', name: 'Rivera, Ana' },
  ) {}

  get(element: string): string {
    return this.values.get(element) ?? '';
  }

  /** Every stored interaction: index → its elements. */
  interactions(): Array<Record<string, string>> {
    const list: Array<Record<string, string>> = [];
    for (const [k, v] of this.values) {
      const m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(k);
      if (!m) continue;
      const row = (list[Number(m[1])] ??= {});
      row[m[2] ?? ''] = v;
    }
    return list;
  }
}

export interface LmsCallRecord {
  readonly fn: string;
  readonly element?: string;
  readonly result: string;
}

type Api = Record<string, (...args: string[]) => string>;

export class LmsSession {
  readonly calls: LmsCallRecord[] = [];
  /** Faults this session injected (refusals, throws, a vanished API). */
  faults = 0;
  readonly api: Api;
  /** The LMS record as this session found it (for "left unchanged" checks). */
  readonly recordAtLaunch: string;
  private readonly inner: Scorm12API | Scorm2004API;
  private readonly pending = new Map<string, string>();
  private state: 'new' | 'running' | 'done' = 'new';
  private count = 0;
  private fakeError: string | null = null;
  /** The session made a write (SetValue or Commit): launch is over. */
  private wrote = false;
  /** Elements whose launch read failed, when the plan makes such faults persistent. */
  private readonly unreadable = new Set<string>();

  constructor(
    readonly db: LmsDatabase,
    readonly plan: FaultPlan = NO_FAULTS,
    private readonly random: () => number = Math.random,
  ) {
    const v = db.version;
    this.recordAtLaunch = JSON.stringify([...db.values]);
    const exit = db.get(v === 'scorm12' ? 'cmi.core.exit' : 'cmi.exit');
    const entry = db.sessions === 0 ? 'ab-initio' : exit === 'suspend' ? 'resume' : '';
    const data = unflatten(db.values, WRITE_ONLY[v]);
    if (v === 'scorm12') {
      const core = (data.core ??= {}) as Record<string, unknown>;
      Object.assign(core, { student_id: db.learner.id, student_name: db.learner.name, entry, credit: 'credit', lesson_mode: 'normal' });
      core.lesson_status ??= 'not attempted';
      const api = new Scorm12API({ logLevel: 5, autocommit: false, lmsCommitUrl: false });
      api.loadFromJSON(data);
      this.inner = api;
    } else {
      Object.assign(data, { learner_id: db.learner.id, learner_name: db.learner.name, entry, credit: 'credit', mode: 'normal' });
      data.completion_status ??= 'unknown';
      const api = new Scorm2004API({ logLevel: 5, autocommit: false, lmsCommitUrl: false });
      api.loadFromJSON(data);
      this.inner = api;
    }
    this.api = v === 'scorm12' ? this.api12() : this.api2004();
  }

  get ended(): boolean {
    return this.state === 'done';
  }

  /** SetValue and Commit calls this session made (the writes), for "wrote nothing" checks. */
  get writes(): LmsCallRecord[] {
    return this.calls.filter((c) => /SetValue|Commit/.test(c.fn));
  }

  private api12(): Api {
    const a = this.inner as Scorm12API;
    return {
      LMSInitialize: () => this.initialize(() => a.LMSInitialize()),
      LMSFinish: () => this.finish('LMSFinish', () => a.LMSFinish()),
      LMSGetValue: (e = '') => this.getValue('LMSGetValue', e, () => a.LMSGetValue(e)),
      LMSSetValue: (e = '', v = '') => this.setValue('LMSSetValue', e, v, () => a.LMSSetValue(e, v)),
      LMSCommit: () => this.commit('LMSCommit', () => a.LMSCommit()),
      LMSGetLastError: () => this.fakeError ?? String(a.LMSGetLastError()),
      LMSGetErrorString: (c = '') => String(a.LMSGetErrorString(c)),
      LMSGetDiagnostic: (c = '') => String(a.LMSGetDiagnostic(c)),
    };
  }

  private api2004(): Api {
    const a = this.inner as Scorm2004API;
    return {
      Initialize: () => this.initialize(() => a.Initialize()),
      Terminate: () => this.finish('Terminate', () => a.Terminate()),
      GetValue: (e = '') => this.getValue('GetValue', e, () => a.GetValue(e)),
      SetValue: (e = '', v = '') => this.setValue('SetValue', e, v, () => a.SetValue(e, v)),
      Commit: () => this.commit('Commit', () => a.Commit()),
      GetLastError: () => this.fakeError ?? String(a.GetLastError()),
      GetErrorString: (c = '') => String(a.GetErrorString(c)),
      GetDiagnostic: (c = '') => String(a.GetDiagnostic(c)),
    };
  }

  private initialize(run: () => unknown): string {
    const result = String(run());
    if (result === 'true') this.state = 'running';
    this.calls.push({ fn: 'Initialize', result });
    return result;
  }

  private getValue(fn: string, element: string, run: () => unknown): string {
    this.fakeError = null;
    if (this.state === 'running' && !this.wrote && LAUNCH_READ.test(element) && (this.unreadable.has(element) || this.random() < this.plan.launchGetFault)) {
      this.faults += 1;
      if (this.plan.launchGetPersistent) this.unreadable.add(element);
      this.calls.push({ fn, element, result: 'get fault' });
      if (this.random() < 0.4) throw new Error('The LMS API threw on GetValue');
      this.fakeError = this.random() < 0.5 ? '101' : '301';
      return '';
    }
    const result = String(run() ?? '');
    this.calls.push({ fn, element, result });
    return result;
  }

  /** Slowness, a vanished API and throws: what any write may meet. Returns a refusal, or null to go on. */
  private misbehave(fn: string, element?: string): string | null {
    this.count += 1;
    if (fn !== 'LMSFinish' && fn !== 'Terminate') this.wrote = true;
    this.fakeError = null;
    if (this.plan.slowMs > 0) {
      const until = performance.now() + this.plan.slowMs;
      while (performance.now() < until) {
        /* a synchronous LMS call that takes its time */
      }
    }
    if (this.plan.vanishAfter !== null && this.count > this.plan.vanishAfter) {
      this.faults += 1;
      this.fakeError = CODES[this.db.version].gone;
      this.calls.push({ fn, element, result: 'gone' });
      if (this.random() < 0.5) throw new TypeError('The LMS API is gone');
      return 'false';
    }
    if (this.random() < this.plan.throwRate) {
      this.faults += 1;
      this.calls.push({ fn, element, result: 'threw' });
      throw new Error('The LMS API threw');
    }
    return null;
  }

  private setValue(fn: string, element: string, value: string, run: () => unknown): string {
    const fault = this.misbehave(fn, element);
    if (fault !== null) return fault;
    if (this.state === 'running' && this.random() < this.plan.refuseSet) {
      this.faults += 1;
      const codes = CODES[this.db.version].set;
      this.fakeError = codes[Math.floor(this.random() * codes.length)] ?? '101';
      this.calls.push({ fn, element, result: 'false' });
      return 'false';
    }
    const result = String(run());
    this.calls.push({ fn, element, result });
    if (result === 'true' && this.state === 'running') this.pending.set(element, value);
    return result;
  }

  private commit(fn: string, run: () => unknown): string {
    const fault = this.misbehave(fn);
    if (fault !== null) return fault;
    if (this.state === 'running' && this.random() < this.plan.refuseCommit) {
      this.faults += 1;
      this.fakeError = CODES[this.db.version].commit;
      if (this.plan.dropOnFailedCommit) this.pending.clear();
      this.calls.push({ fn, result: 'false' });
      return 'false';
    }
    const result = String(run());
    this.calls.push({ fn, result });
    if (result === 'true') this.store();
    return result;
  }

  private finish(fn: string, run: () => unknown): string {
    const fault = this.misbehave(fn);
    if (fault !== null) return fault;
    if (this.state !== 'running') return 'false';
    this.state = 'done';
    if (this.random() < this.plan.refuseCommit) {
      // The LMS ends the session but stores nothing of it.
      this.faults += 1;
      this.fakeError = this.db.version === 'scorm12' ? '101' : '391';
      this.calls.push({ fn, result: 'false' });
      return 'false';
    }
    const result = String(run());
    this.calls.push({ fn, result });
    this.store();
    this.db.sessions += 1;
    return result;
  }

  private store(): void {
    for (const [k, v] of this.pending) this.db.values.set(k, v);
    this.pending.clear();
  }
}

/** `cmi.a.0.b` → `{ a: { 0: { b } } }`, the shape scorm-again's loadFromJSON takes. */
function unflatten(values: ReadonlyMap<string, string>, skip: readonly string[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of values) {
    if (skip.includes(key) || key.endsWith('._count') || key.endsWith('._children')) continue;
    const parts = key.replace(/^cmi\./, '').split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1) ?? ''] = value;
  }
  return root;
}

/** A course tab: a host frame carrying this session's API (as an LMS player page does) around the built package. */
export class CourseTab {
  readonly host: HTMLIFrameElement;
  frame: HTMLIFrameElement | null = null;

  constructor(
    readonly session: LmsSession,
    readonly kind: ScormVersion,
  ) {
    this.host = document.createElement('iframe');
    this.host.style.cssText = 'width:900px;height:600px;border:0;display:block';
    document.body.append(this.host);
  }

  async open(): Promise<CourseShell> {
    const win = this.host.contentWindow as Window & Record<string, unknown>;
    win[this.kind === 'scorm12' ? 'API' : 'API_1484_11'] = this.session.api;
    const doc = this.host.contentDocument as Document;
    doc.body.style.margin = '0';
    const frame = doc.createElement('iframe');
    frame.style.cssText = 'width:880px;height:580px;border:0';
    frame.src = `${location.origin}/dist/${this.kind}/index.html`;
    this.frame = frame;
    doc.body.append(frame);
    // The shell shows the welcome page before the LMS connection is up (`starting`); a scenario
    // reads what was restored only once the saved attempt is applied.
    const shell = await until(() => frame.contentDocument?.querySelector('slep-course:not([starting])') as CourseShell | null, 'the course shell');
    await shell.updateComplete;
    return shell;
  }

  get shell(): CourseShell {
    const shell = this.frame?.contentDocument?.querySelector('slep-course') as CourseShell | null;
    if (!shell) throw new Error('The course is not open');
    return shell;
  }

  /** Closes the tab: the course's page goes away (pagehide). */
  close(): void {
    this.host.remove();
    this.frame = null;
  }
}

export interface CourseShell extends HTMLElement {
  store: import('../../src/state/store.js').AttemptStore;
  saveStatus?: import('../../src/model/launch.js').SaveStatus;
  updateComplete: Promise<boolean>;
}


/** Removes every key the course keeps in this browser (backups, kept unreadable data, tab messages). */
export function clearCourseStorage(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('slep:')) localStorage.removeItem(key);
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('slep')) sessionStorage.removeItem(key);
}
