import { ContextProvider } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { launchContext, saveStatusContext, storeContext } from '../../context.js';
import { SlepAnswerEvent } from '../../events/answer.js';
import { SlepAssessmentAnswerEvent, SlepAssessmentEvent } from '../../events/assessment.js';
import { SlepExitEvent } from '../../events/exit.js';
import { SlepEvaluationEvent } from '../../events/evaluation.js';
import { SlepLessonEndEvent } from '../../events/lesson-end.js';
import { SlepNavigateEvent } from '../../events/navigate.js';
import type { LaunchInfo, SaveStatus } from '../../model/launch.js';
import { isAssessmentDone, isFinished, isLessonDone, PAGES, pageOrder, progress } from '../../state/progress.js';
import { pageGate } from '../lazy/page-gate.js';
import type { AttemptStore } from '../../state/store.js';
import { sharedStyles } from '../styles/shared.js';
import { courseStyles } from './styles.js';

const PAGE_TITLES: Record<string, string> = {
  [PAGES.welcome]: 'Welcome',
  [PAGES.assessment]: 'Assessment',
  [PAGES.workbook]: 'Companion workbook',
  [PAGES.resources]: 'Additional resources',
  [PAGES.evaluation]: 'Course evaluation',
  [PAGES.certificate]: 'Certificate',
};

/**
 * @summary The course player: header with progress, table of contents,
 * the current page, previous/next, exit, status messages and the resume prompt.
 * Turns the pages' events into attempt-state actions; the tracker (wired by the
 * app, never seen here) reports them.
 *
 * @event slep-exit - The learner chose "Save and exit"; the app ends the session.
 * @cssproperty --slep-color-accent - Brand colour (buttons, current page).
 * @cssproperty --slep-font - Font stack.
 */
export class SlepCourse extends LitElement {
  static override styles = [
    sharedStyles,
    courseStyles,
    css`
      .pager.leave {
        flex-wrap: wrap;
      }
      .pager.leave button {
        border-style: dashed;
      }
      .review-note {
        margin: 0 0 1rem;
        color: var(--_muted);
      }
      @media print {
        .review-note {
          display: none;
        }
      }
    `,
  ];

  private readonly storeProvider = new ContextProvider(this, { context: storeContext });
  private readonly launchProvider = new ContextProvider(this, { context: launchContext });
  private readonly saveStatusProvider = new ContextProvider(this, { context: saveStatusContext });

  /** The attempt store (course model + state). */
  @property({ attribute: false }) store?: AttemptStore;
  /** Launch facts (learner, pass mark in force, mode), resolved once by the app. */
  @property({ attribute: false }) launch?: LaunchInfo;
  /** Saving state from the tracker, kept current by the app. */
  @property({ attribute: false }) saveStatus?: SaveStatus;
  /** Whether to offer "continue where you left off" (set on resume). */
  @property({ type: Boolean }) resumed = false;
  /**
   * The welcome page is on screen but the learner's saved attempt is not applied yet
   * (the app is still connecting to the LMS): nothing the learner does may change the
   * state until then. A page the learner asks for meanwhile is shown once the course
   * has started, unless the saved attempt resumes elsewhere; "Save and exit" waits.
   */
  @property({ type: Boolean, reflect: true }) starting = false;

  @state() private menuCollapsed = true;
  @state() private announcement = '';
  @state() private exited = false;
  private exitFocused = false;
  /** An id on the page just shown to focus instead of its heading (see {@link SlepNavigateEvent.anchor}). */
  private target = '';
  private unsubscribe: Array<() => void> = [];
  /** The page asked for while {@link starting}. */
  private requested = '';

  /**
   * Shows a page and moves focus to its heading (or to `target` on it, where the page
   * has one: a workbook question, a lesson's discussion block).
   */
  go(page: string, target = ''): void {
    if (this.starting) {
      this.requested = page;
      return;
    }
    this.store?.dispatch({ type: 'go', page, now: Date.now() });
    this.resumed = false;
    this.menuCollapsed = true;
    this.target = target;
    void this.updateComplete.then(() => this.focusPage());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(SlepNavigateEvent.eventName, this.handleNavigate);
    this.addEventListener(SlepAnswerEvent.eventName, this.handleAnswer);
    this.addEventListener(SlepAssessmentEvent.eventName, this.handleAssessment);
    this.addEventListener(SlepAssessmentAnswerEvent.eventName, this.handleAssessmentAnswer);
    this.addEventListener(SlepLessonEndEvent.eventName, this.handleLessonEnd);
    this.addEventListener(SlepEvaluationEvent.eventName, this.handleEvaluation);
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
    if ((changed.has('store') || changed.has('starting')) && this.store && !this.starting) {
      // The learner's check shuffles and attempt id are made once, at the first launch (after a resume is applied).
      if (this.store.state.seed === 0) this.store.dispatch({ type: 'begin', seed: randomSeed(), attemptId: randomId() });
      const requested = this.requested;
      this.requested = '';
      if (changed.get('starting') && requested && this.store.state.location === PAGES.welcome) queueMicrotask(() => this.go(requested));
    }
    if (changed.has('launch') && this.launch) this.launchProvider.setValue(this.launch);
    if (changed.has('saveStatus') && this.saveStatus) {
      this.saveStatusProvider.setValue(this.saveStatus);
      // A status banner appears with its text already in it, which screen readers may not announce:
      // the always-present live region says it too (an error banner is an alert, announced as it appears).
      const before = (changed.get('saveStatus') as SaveStatus | undefined)?.message ?? '';
      const { message, level } = this.saveStatus;
      // (Emptied when the message goes, so no stale text stays in the page.)
      if (message !== before) this.announcement = level !== 'error' ? message : '';
    }
  }

  protected override updated(): void {
    // "Save and exit": the closing message takes focus as soon as it shows (the session may end later than the click).
    const message = this.renderRoot.querySelector<HTMLElement>('#exit-message');
    if (message && !this.exitFocused) {
      this.exitFocused = true;
      message.focus();
    }
  }

  private focusPage(): void {
    const page = this.renderRoot.querySelector<HTMLElement & { focusTarget?: (id: string) => boolean; focusHeading?: () => void }>('main > *:not(.resume)');
    window.scrollTo?.(0, 0);
    const target = this.target;
    this.target = '';
    if (target && page?.focusTarget?.(target)) return;
    // A page may know better than its h1 where the learner is (the assessment: the question on screen).
    if (page?.focusHeading) page.focusHeading();
    else page?.shadowRoot?.querySelector<HTMLElement>('h1')?.focus();
  }

  private readonly handleNavigate = (event: SlepNavigateEvent): void => {
    this.go(event.page, event.anchor);
  };

  private readonly handleLessonEnd = (event: SlepLessonEndEvent): void => {
    if (this.starting) return;
    this.store?.dispatch({ type: 'end-lesson', lessonId: event.lessonId });
  };

  private readonly handleEvaluation = (event: SlepEvaluationEvent): void => {
    if (this.starting) return;
    this.store?.dispatch({ type: 'evaluate', evaluation: event.evaluation, now: Date.now() });
  };

  /** The pager's Next from a lesson: the learner reached its end. */
  private handleNext(from: string, next: string): void {
    if (this.starting) return void this.go(next);
    if (this.store?.course.lessons.some((l) => l.id === from)) this.store.dispatch({ type: 'end-lesson', lessonId: from });
    this.go(next);
  }

  private handleNavKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || this.menuCollapsed) return;
    event.stopPropagation();
    this.menuCollapsed = true;
    this.renderRoot.querySelector<HTMLElement>('.menu-toggle')?.focus();
  }

  private readonly handleAnswer = (event: SlepAnswerEvent): void => {
    if (this.starting) return;
    if (this.store?.course.checks.some((i) => i.id === event.itemId)) {
      this.store.dispatch({ type: 'check', itemId: event.itemId, response: event.response });
    }
  };

  private readonly handleAssessment = (event: SlepAssessmentEvent): void => {
    if (this.starting) return;
    const now = Date.now();
    if (event.command === 'start') {
      // A browse/review launch records nothing, so it starts no attempt.
      if ((this.launch?.mode ?? 'normal') !== 'normal') return;
      this.store?.dispatch({ type: 'start-assessment', seed: randomSeed(), now });
    } else {
      this.store?.dispatch({ type: 'submit', masteryScore: this.launch?.masteryScore ?? this.store.course.masteryScore, now });
    }
  };

  private readonly handleAssessmentAnswer = (event: SlepAssessmentAnswerEvent): void => {
    if (this.starting) return;
    this.store?.dispatch({ type: 'answer', itemId: event.itemId, response: event.response, latency: event.latency, now: Date.now() });
  };

  private handleTocClick(event: Event, page: string): void {
    event.preventDefault();
    this.go(page);
  }

  private handleExit(): void {
    this.exited = true;
    this.exitFocused = false;
    this.dispatchEvent(new SlepExitEvent());
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
    // The same rule as progress(): a lesson is done at its end with its checks answered; the assessment when passed.
    const done = (page: string) => (page === PAGES.assessment ? isAssessmentDone(state) : course.lessons.some((l) => l.id === page) && isLessonDone(course, state, page));
    const number = (page: string) => course.lessons.findIndex((l) => l.id === page) + 1;
    // During an attempt the shell's pager leaves the assessment: it must not look like the question navigation.
    const inAttempt = state.location === PAGES.assessment && state.assessment.attempt > 0 && !state.assessment.submitted;
    const finished = isFinished(course, state);
    const status = this.saveStatus;
    const ended = status?.ended ?? false;
    return html`
      <button class="skip" @click=${this.focusPage}>Skip to content</button>
      <header>
        <span class="title">${course.title}</span>
        <span class="progress">
          <span>${lessonIndex >= 0 ? `Lesson ${lessonIndex + 1} of ${course.lessons.length}` : title(state.location)}</span>
          <progress max="100" value=${percent} aria-label="Course progress"></progress>
          <span>${percent}% complete</span>
        </span>
        ${status?.saving ? html`<span class="saving">Saving…</span>` : nothing}
        <button @click=${this.handleExit} ?disabled=${ended || this.starting}>Save and exit</button>
      </header>
      ${status?.message ? html`<div class="banner ${status.level}" role=${status.level === 'error' ? 'alert' : 'status'}>${status.message}</div>` : nothing}
      ${this.exited && ended
        ? html`<div id="exit-message" class="banner info" tabindex="-1" role="status">
            ${status?.level === 'error' ? 'Your session has ended.' : 'Your progress is saved.'} To leave, close this window, or use your learning
            system's own Exit or Back button (in Moodle: the course name or "Exit activity" above the course).
          </div>`
        : nothing}
      <div class="layout">
        <nav aria-label="Course contents" ?data-collapsed=${this.menuCollapsed} @keydown=${this.handleNavKeydown}>
          <button class="menu-toggle" aria-expanded=${String(!this.menuCollapsed)} @click=${this.handleMenu}>Contents</button>
          <ol>
            ${pages.map(
              (page) => html`<li>
                <a href="#${page}" aria-current=${page === state.location ? 'page' : 'false'} @click=${(e: Event) => this.handleTocClick(e, page)}>
                  <span class="mark" aria-hidden="true">${done(page) ? '✓' : ''}</span>
                  <span
                    >${number(page) ? html`<span class="visually-hidden">Lesson ${number(page)}: </span>` : nothing}${title(page)}${done(page)
                      ? html`<span class="visually-hidden">, done</span>`
                      : nothing}</span
                  >
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
          ${finished && state.location !== PAGES.welcome
            ? html`<p class="review-note">You have finished this course. You can revisit any page; your recorded result does not change.</p>`
            : nothing}
          ${this.renderPage(state.location)}
          ${inAttempt
            ? html`<div class="pager leave" role="group" aria-label="Leave the assessment">
                ${prev ? html`<button @click=${() => this.go(prev)}>Leave the assessment: ${title(prev)}</button>` : html`<span></span>`}
                ${next ? html`<button @click=${() => this.go(next)}>Leave the assessment: ${title(next)}</button>` : nothing}
              </div>`
            : html`<div class="pager">
                ${prev ? html`<button @click=${() => this.go(prev)}><span aria-hidden="true">←</span> Previous<span class="visually-hidden">: ${title(prev)}</span></button>` : html`<span></span>`}
                ${next
                  ? html`<button class="primary" @click=${() => this.handleNext(state.location, next)}>Next<span class="visually-hidden">: ${title(next)}</span> <span aria-hidden="true">→</span></button>`
                  : nothing}
              </div>`}
        </main>
      </div>
      <div class="visually-hidden" role="status">${this.announcement}</div>
    `;
  }

  private renderPage(page: string) {
    // Pages other than the welcome are separate chunks, loaded (and prefetched) as needed.
    // While starting, the tracker's and driver's chunks have the network: no prefetch yet.
    const loading = this.store && pageGate(this, this.store.course, page, { prefetch: !this.starting });
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
      case PAGES.evaluation:
        return html`<slep-evaluation></slep-evaluation>`;
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

/** 16 random base-36 characters: this learner's attempt id (for the certificate's verification line). */
function randomId(): string {
  const buffer = new Uint8Array(16);
  crypto.getRandomValues(buffer);
  return [...buffer].map((b) => (b % 36).toString(36)).join('');
}
