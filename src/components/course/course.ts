import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { storeContext, trackingContext } from '../../context.js';
import { SlepAnswerEvent } from '../../events/answer.js';
import { SlepAssessmentAnswerEvent, SlepAssessmentEvent } from '../../events/assessment.js';
import { SlepNavigateEvent } from '../../events/navigate.js';
import { PAGES, pageOrder, progress } from '../../state/attempt.js';
import { pageGate } from '../lazy/page-gate.js';
import type { AttemptStore } from '../../state/store.js';
import type { TrackingStatus } from '../../tracking/status.js';
import type { Tracker } from '../../tracking/tracker.js';
import { sharedStyles } from '../styles/shared.js';
import { courseStyles } from './styles.js';

const PAGE_TITLES: Record<string, string> = {
  [PAGES.welcome]: 'Welcome',
  [PAGES.assessment]: 'Assessment',
  [PAGES.workbook]: 'Companion workbook',
  [PAGES.resources]: 'Additional resources',
  [PAGES.certificate]: 'Certificate',
};

/**
 * @summary The course player: header with progress, table of contents,
 * the current page, previous/next, exit, status messages and the resume prompt.
 * Turns the pages' events into attempt-state actions; the tracker reports them.
 *
 * @cssproperty --slep-color-accent - Brand colour (buttons, current page).
 * @cssproperty --slep-font - Font stack.
 */
export class SlepCourse extends LitElement {
  static override styles = [sharedStyles, courseStyles];

  private readonly storeProvider = new ContextProvider(this, { context: storeContext });
  private readonly trackingProvider = new ContextProvider(this, { context: trackingContext });

  /** The attempt store (course model + state). */
  @property({ attribute: false }) store?: AttemptStore;
  /** The tracker reporting to the LMS. */
  @property({ attribute: false }) tracker?: Tracker;
  /** Whether to offer "continue where you left off" (set on resume). */
  @property({ type: Boolean }) resumed = false;

  @state() private status?: TrackingStatus;
  @state() private menuCollapsed = true;
  @state() private announcement = '';
  private unsubscribe: Array<() => void> = [];

  /** Shows a page and moves focus to its heading. */
  go(page: string): void {
    this.store?.dispatch({ type: 'go', page, now: Date.now() });
    this.resumed = false;
    this.menuCollapsed = true;
    void this.updateComplete.then(() => this.focusPage());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(SlepNavigateEvent.eventName, this.handleNavigate);
    this.addEventListener(SlepAnswerEvent.eventName, this.handleAnswer);
    this.addEventListener(SlepAssessmentEvent.eventName, this.handleAssessment);
    this.addEventListener(SlepAssessmentAnswerEvent.eventName, this.handleAssessmentAnswer);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe.forEach((u) => u());
    this.unsubscribe = [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store') && this.store) {
      this.storeProvider.setValue(this.store);
      this.unsubscribe.push(this.store.subscribe(() => this.requestUpdate()));
    }
    if (changed.has('tracker') && this.tracker) {
      this.status = this.tracker.status;
      this.trackingProvider.setValue(this.status);
      this.unsubscribe.push(
        this.tracker.onStatus((s) => {
          this.status = s;
          this.trackingProvider.setValue(s);
        }),
      );
    }
  }

  private focusPage(): void {
    const page = this.renderRoot.querySelector('main > *:not(.resume)');
    const heading = page?.shadowRoot?.querySelector<HTMLElement>('h1');
    heading?.focus();
    window.scrollTo?.(0, 0);
  }

  private readonly handleNavigate = (event: SlepNavigateEvent): void => {
    this.go(event.page);
  };

  private readonly handleAnswer = (event: SlepAnswerEvent): void => {
    if (this.store?.course.checks.some((i) => i.id === event.itemId)) {
      this.store.dispatch({ type: 'check', itemId: event.itemId, response: event.response });
    }
  };

  private readonly handleAssessment = (event: SlepAssessmentEvent): void => {
    const now = Date.now();
    if (event.command === 'start') {
      this.store?.dispatch({ type: 'start-assessment', seed: randomSeed(), now });
    } else {
      this.store?.dispatch({ type: 'submit', masteryScore: this.status?.masteryScore ?? this.store.course.masteryScore, now });
    }
  };

  private readonly handleAssessmentAnswer = (event: SlepAssessmentAnswerEvent): void => {
    this.store?.dispatch({ type: 'answer', itemId: event.itemId, response: event.response, latency: event.latency, now: Date.now() });
  };

  private handleTocClick(event: Event, page: string): void {
    event.preventDefault();
    this.go(page);
  }

  private handleExit(): void {
    this.tracker?.finish();
    this.announcement = 'Your progress is saved. You can close this window.';
  }

  private handleMenu(): void {
    this.menuCollapsed = !this.menuCollapsed;
  }

  private handleStartOver(): void {
    const first = this.store?.course.lessons[0];
    this.resumed = false;
    if (first) this.go(PAGES.welcome);
  }

  override render() {
    const store = this.store;
    if (!store) return html`<p role="alert">The course could not start.</p>`;
    const { course, state } = store;
    const pages = pageOrder(course);
    const index = pages.indexOf(state.location);
    const lessonIndex = course.lessons.findIndex((l) => l.id === state.location);
    const percent = Math.round(progress(course, state) * 100);
    const title = (page: string) => course.lessons.find((l) => l.id === page)?.title ?? PAGE_TITLES[page] ?? page;
    const prev = pages[index - 1];
    const next = pages[index + 1];
    const done = (page: string) =>
      state.visited.includes(page) || (page === PAGES.assessment && state.assessment.submittedAt !== null);
    const ended = this.status?.ended ?? false;
    return html`
      <button class="skip" @click=${this.focusPage}>Skip to content</button>
      <header>
        <span class="title">${course.title}</span>
        <span class="progress">
          <span>${lessonIndex >= 0 ? `Lesson ${lessonIndex + 1} of ${course.lessons.length}` : title(state.location)}</span>
          <progress max="100" value=${percent} aria-label="Course progress"></progress>
          <span>${percent}% complete</span>
        </span>
        <button @click=${this.handleExit} ?disabled=${ended}>Save and exit</button>
      </header>
      ${this.status?.message
        ? html`<div class="banner ${this.status.level}" role=${this.status.level === 'error' ? 'alert' : 'status'}>${this.status.message}</div>`
        : nothing}
      <div class="layout">
        <nav aria-label="Course contents" ?data-collapsed=${this.menuCollapsed}>
          <button class="menu-toggle" aria-expanded=${String(!this.menuCollapsed)} @click=${this.handleMenu}>Contents</button>
          <ol>
            ${pages.map(
              (page) => html`<li>
                <a href="#${page}" aria-current=${page === state.location ? 'page' : 'false'} @click=${(e: Event) => this.handleTocClick(e, page)}>
                  <span class="mark" aria-hidden="true">${done(page) ? '✓' : ''}</span>
                  <span>${title(page)}${done(page) ? html`<span class="visually-hidden"> (done)</span>` : nothing}</span>
                </a>
              </li>`,
            )}
          </ol>
        </nav>
        <main id="main">
          ${this.resumed && state.location !== PAGES.welcome
            ? html`<section class="resume" aria-labelledby="resume-title">
                <h2 id="resume-title">Welcome back</h2>
                <p>You left off at <strong>${title(state.location)}</strong>. Your answers are kept.</p>
                <button class="primary" @click=${() => this.go(state.location)}>Continue where you left off</button>
                <button @click=${this.handleStartOver}>Go to the start</button>
              </section>`
            : nothing}
          ${this.renderPage(state.location)}
          <div class="pager">
            ${prev ? html`<button @click=${() => this.go(prev)}>← Previous<span class="visually-hidden">: ${title(prev)}</span></button>` : html`<span></span>`}
            ${next ? html`<button class="primary" @click=${() => this.go(next)}>Next<span class="visually-hidden">: ${title(next)}</span> →</button>` : nothing}
          </div>
        </main>
      </div>
      <div class="visually-hidden" role="status">${this.announcement}</div>
    `;
  }

  private renderPage(page: string) {
    // Pages other than the welcome are separate chunks, loaded (and prefetched) as needed.
    const loading = this.store && pageGate(this, this.store.course, page);
    if (loading) return loading;
    switch (page) {
      case PAGES.welcome:
        return html`<slep-welcome></slep-welcome>`;
      case PAGES.assessment:
        return html`<slep-assessment></slep-assessment>`;
      case PAGES.workbook:
        return html`<slep-workbook></slep-workbook>`;
      case PAGES.resources:
        return html`<slep-resources></slep-resources>`;
      case PAGES.certificate:
        return html`<slep-certificate></slep-certificate>`;
      default:
        return html`<slep-lesson lesson-id=${page}></slep-lesson>`;
    }
  }
}

function randomSeed(): number {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return buffer[0] ?? 1;
}
