import { PreviewLms } from '../../preview/lms.js';
import type { MoodleLaunchRequest, PreviewLmsOptions } from '../../preview/lms.js';
import type { CourseModel } from '../../src/model/course.js';
import type { AttemptStore } from '../../src/state/store.js';

/** A Storage kept in memory: the LMS's database for one test. */
export function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

/** Every element matching `selector`, looking inside open shadow roots too. */
export function deepQueryAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const found: T[] = [...root.querySelectorAll<T>(selector)];
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) found.push(...deepQueryAll<T>(el.shadowRoot, selector));
  }
  return found;
}

export async function until<T>(probe: () => T | null | undefined | false, what: string, timeoutMs = 10000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Shell extends HTMLElement {
  store: AttemptStore;
  updateComplete: Promise<boolean>;
}

/** A stand-in LMS the player can launch: it installs its API on the window. */
export interface StandInLms {
  launch(win: Window, request?: MoodleLaunchRequest): unknown;
}

/**
 * Plays the BUILT package (dist/scorm12, or dist/<kind>) in an iframe under this page,
 * whose `window.API` (or `API_1484_11`) is the stand-in LMS, like an LMS player does.
 * The SCORM 1.2 stand-in is made from the options; another standard passes its own `lms`.
 */
export class PackagePlayer<L extends StandInLms = PreviewLms> {
  readonly lms: L;
  readonly kind: 'scorm12' | 'scorm2004';
  frame: HTMLIFrameElement | null = null;

  /** `src`: the package's launch page (default the built dist/<kind>/index.html). */
  constructor(
    options: PreviewLmsOptions & { kind?: 'scorm12' | 'scorm2004'; lms?: L } = {},
    private readonly src?: string,
  ) {
    this.kind = options.kind ?? 'scorm12';
    this.lms = options.lms ?? (new PreviewLms({ storage: memoryStorage(), ...options }) as unknown as L);
  }

  /**
   * Launches the course: a fresh LMS session, then a new frame (1000×700 unless a size is given).
   * `kind` picks the built package (default: the player's); `query` is the launch URL's query
   * string (the xAPI / cmi5 launch parameters). The rest of `options` is what the learner chose
   * on a Moodle-like activity page (Preview = browse, new attempt). `startTimeoutMs`: how long
   * the course may take to start (default 10 s).
   */
  async open(options: MoodleLaunchRequest & { width?: number; height?: number; kind?: 'scorm12' | 'scorm2004' | 'xapi' | 'cmi5' | 'web'; query?: string; startTimeoutMs?: number } = {}): Promise<Shell> {
    const { width = 1000, height = 700, kind = this.kind, query, startTimeoutMs, ...request } = options;
    const size = { width, height };
    const lms = this.lms as unknown as { calls?: readonly { fn: string }[]; launched?: { mode: string }; mode?: string };
    const before = lms.calls?.length ?? 0;
    if (kind === 'scorm12' || kind === 'scorm2004') this.lms.launch(window, request);
    const frame = document.createElement('iframe');
    frame.title = 'Course';
    this.frame = frame;
    this.resize(size);
    frame.src = `${this.src ?? `/dist/${kind}/index.html`}${query ? `?${query}` : ''}`;
    document.body.append(frame);
    // The shell shows the welcome page before the LMS connection is up (`starting`); tests act once it is.
    const shell = await until(() => frame.contentDocument?.querySelector('slep-course:not([starting])') as Shell | null, 'the course shell', startTimeoutMs);
    await shell.updateComplete;
    // A normal launch saves once it knows no older tab of the attempt is open (tracking/tabs.ts):
    // wait for that first commit, so a test's first steps are not merged into it.
    const mode = lms.launched?.mode ?? lms.mode ?? 'normal';
    if ((kind === 'scorm12' || kind === 'scorm2004') && mode === 'normal' && lms.calls) {
      const calls = lms.calls;
      await until(() => calls.slice(before).some((c) => /Commit$/.test(c.fn)), 'the launch save');
    }
    return shell;
  }

  /** Sets the frame's size in CSS pixels: the course's viewport, as an LMS player or a phone gives it. */
  resize(size: { width: number; height: number }): void {
    if (!this.frame) return;
    this.frame.style.width = `${size.width}px`;
    this.frame.style.height = `${size.height}px`;
    this.frame.style.border = '0';
    this.frame.style.display = 'block';
  }

  /** Closes the course window (the frame goes away; the course finishes on pagehide). */
  close(): void {
    this.frame?.remove();
    this.frame = null;
  }

  get shell(): Shell {
    const shell = this.frame?.contentDocument?.querySelector('slep-course') as Shell | null;
    if (!shell) throw new Error('The course is not open');
    return shell;
  }

  get course(): CourseModel {
    return this.shell.store.course;
  }

  /** Clicks a button (in any shadow root of the course) whose text matches. */
  async click(text: RegExp): Promise<void> {
    const doc = this.frame?.contentDocument;
    if (!doc) throw new Error('The course is not open');
    const button = await until(() => deepQueryAll<HTMLButtonElement>(doc, 'button, a').find((b) => text.test(b.textContent ?? '') && !(b as HTMLButtonElement).disabled), `a button ${text}`);
    button.click();
    await this.settle();
  }

  /** Fires an event from inside an element of the course, as a component would. */
  async fire(selector: string, type: string, detail: Record<string, unknown>): Promise<void> {
    const doc = this.frame?.contentDocument;
    const win = this.frame?.contentWindow as (Window & typeof globalThis) | null;
    if (!doc || !win) throw new Error('The course is not open');
    const target = await until(() => deepQueryAll(doc, selector)[0], selector);
    target.dispatchEvent(Object.assign(new win.Event(type, { bubbles: true, composed: true }), detail));
    await this.settle();
  }

  async settle(): Promise<void> {
    await this.shell.updateComplete;
    await new Promise((r) => setTimeout(r, 30));
  }

  /** Text of the course, shadow roots included. */
  text(): string {
    const doc = this.frame?.contentDocument;
    return doc ? deepQueryAll(doc, 'h1, h2, p, li, span, strong, legend, label, [role="alert"], [role="status"]').map((e) => e.textContent ?? '').join(' ') : '';
  }
}
