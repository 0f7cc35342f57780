import { html } from 'lit';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import { contentFor, isContentLoaded, loadContent } from '../../model/loader.js';
import type { CourseModel } from '../../model/course.js';
import { pageOrder } from '../../state/progress.js';

/**
 * Loads each page's code and text as the learner needs it, so the first screen
 * downloads only the shell and the welcome page.
 *
 * The shell calls {@link pageGate} before rendering a page: while the page's
 * element (a separate chunk) or its content (src/model/loader.ts) is loading it
 * gets a short "Loading…" line to show instead; if a chunk cannot be fetched, a
 * plain message with a "Try again" button; `null` once everything is there. When
 * a page is shown, the next page is fetched as soon as the browser is idle, so
 * "Next" shows it at once.
 */

interface PageCode {
  readonly tag: string;
  readonly load: () => Promise<unknown>;
}

const LESSON: PageCode = { tag: 'slep-lesson', load: () => import('../lesson/define.js') };
const ASSESSMENT: PageCode = { tag: 'slep-assessment', load: () => import('../assessment/define.js') };
const PAGES: PageCode = { tag: 'slep-certificate', load: () => import('../pages/define.js') };

function codeFor(page: string): PageCode | null {
  switch (page) {
    case 'welcome':
      return null;
    case 'assessment':
      return ASSESSMENT;
    case 'workbook':
    case 'resources':
    case 'evaluation':
    case 'certificate':
      return PAGES;
    default:
      return LESSON;
  }
}

function isReady(course: CourseModel, page: string): boolean {
  const code = codeFor(page);
  return (!code || customElements.get(code.tag) !== undefined) && isContentLoaded(course, contentFor(course, page));
}

/** Loads what `page` needs (code and content, in parallel). */
export function loadPage(course: CourseModel, page: string): Promise<void> {
  const code = codeFor(page);
  const needsCode = code && customElements.get(code.tag) === undefined;
  return Promise.all([needsCode ? code.load() : undefined, loadContent(course, contentFor(course, page))]).then(() => undefined);
}

interface GateState {
  /** The page being loaded, or that failed to load. */
  page: string | null;
  failed: boolean;
  /** A page has been shown by this host: later loads are navigations and move focus. */
  shownOnce: boolean;
  readonly prefetched: Set<string>;
}

const gates = new WeakMap<HTMLElement, GateState>();

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * What to render instead of `page` while it loads, or `null` when the page can
 * be rendered now. Re-renders `host` when the load settles. `prefetch: false` holds
 * back the next page's idle prefetch (until a later call without it).
 */
export function pageGate(host: Host, course: CourseModel, page: string, options: { prefetch?: boolean } = {}): TemplateResult | null {
  let gate = gates.get(host);
  if (!gate) {
    gate = { page: null, failed: false, shownOnce: false, prefetched: new Set() };
    gates.set(host, gate);
  }
  const state = gate;
  if (isReady(course, page)) {
    state.page = null;
    state.failed = false;
    state.shownOnce = true;
    // The host says when: the shell not before the course has started (the tracker's chunk goes first).
    if (options.prefetch ?? true) prefetchAfter(state, course, page);
    return null;
  }
  if (state.page === page && state.failed) {
    const retry = (): void => {
      start(host, state, course, page, true);
      host.requestUpdate();
    };
    return html`<div class="page-error" role="alert">
      <p>This part of the course could not be loaded. Check your internet connection, then try again.</p>
      <button class="primary" @click=${retry}>Try again</button>
    </div>`;
  }
  if (state.page !== page) start(host, state, course, page, state.shownOnce);
  return html`<p class="page-loading" role="status">Loading…</p>`;
}

function start(host: Host, state: GateState, course: CourseModel, page: string, moveFocus: boolean): void {
  state.page = page;
  state.failed = false;
  loadPage(course, page).then(
    () => {
      if (state.page !== page) return;
      host.requestUpdate();
      if (moveFocus) void host.updateComplete.then(() => focusHeading(host));
    },
    (error: unknown) => {
      if (state.page !== page) return;
      console.error(`[slep] Could not load the page "${page}".`, error);
      state.failed = true;
      host.requestUpdate();
    },
  );
}

/** After a navigation that had to wait: focus the page's heading, as the shell does for an instant one. */
function focusHeading(host: Host): void {
  const page = host.renderRoot.querySelector('main > :not(.resume):not(.pager)');
  page?.shadowRoot?.querySelector<HTMLElement>('h1')?.focus();
}

/** Once `page` is shown: fetch the next page when the browser is idle (errors are ignored; navigation tries again). */
function prefetchAfter(state: GateState, course: CourseModel, page: string): void {
  const pages = pageOrder(course);
  const next = pages[pages.indexOf(page) + 1];
  if (!next || state.prefetched.has(next) || isReady(course, next)) return;
  state.prefetched.add(next);
  whenIdle(() => {
    loadPage(course, next).catch(() => state.prefetched.delete(next));
  });
}

function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 200);
}
