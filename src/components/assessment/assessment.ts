import { consume } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { launchContext } from '../../context.js';
import type { SlepAnswerEvent } from '../../events/answer.js';
import { SlepAssessmentAnswerEvent, SlepAssessmentEvent } from '../../events/assessment.js';
import { SlepNavigateEvent } from '../../events/navigate.js';
import type { AssessmentState, AttemptState } from '../../state/attempt.js';
import type { CourseModel, Item } from '../../model/course.js';
import { isAnswered } from '../../model/response.js';
import { attemptsLeft, canStartAttempt, optionOrder, PAGES, scoreAttempt } from '../../state/attempt.js';
import type { LaunchInfo } from '../../model/launch.js';
import { StoreController } from '../controllers/store-controller.js';
import { pageStyles } from '../pages/styles.js';
import { sharedStyles } from '../styles/shared.js';
import { assessmentStyles } from './styles.js';

/** Which part of the in-progress screen is shown. */
type View = 'question' | 'review';

/** Headings (and the confirm message) that focus can be sent to after a render. */
type FocusTarget = 'question-heading' | 'review-heading' | 'result-heading' | 'confirm-message' | 'submit';

/**
 * @summary The scored assessment page: an introduction (questions, pass mark,
 * attempts, best score), one question per screen with a navigator and a
 * review-and-submit step, then the result with per-outcome scores and a review
 * of every answer.
 *
 * Everything shown is derived from the attempt state, except which question is
 * on screen. The element never changes the state: it asks the shell to, with
 * the events below. The pass mark is the tracker's `masteryScore` (the LMS value
 * wins over the course's).
 *
 * @event slep-assessment - `SlepAssessmentEvent`: `start` a new attempt, or `submit` the current one.
 * @event slep-assessment-answer - `SlepAssessmentAnswerEvent`: an answer given or changed, with its latency
 *   in seconds since the question was first shown in this page visit. The question's own `slep-answer`
 *   is stopped here, so the shell does not take it for a knowledge-check answer.
 * @event slep-navigate - `SlepNavigateEvent`: to the certificate, once passed.
 *
 * @cssproperty --slep-color-accent - Buttons and answered questions in the navigator.
 * @cssproperty --slep-color-ok - "Passed" badge.
 * @cssproperty --slep-color-error - "Not passed" badge.
 * @cssproperty --slep-color-ok-ink - Text on the "Passed" badge.
 * @cssproperty --slep-color-error-ink - Text on the "Not passed" badge.
 * @cssproperty --slep-color-warn - Border of the "submit anyway?" confirmation.
 * @cssproperty --slep-assessment-navigator-size - Size of a navigator button (at least 44px).
 */
export class SlepAssessment extends LitElement {
  static override styles = [sharedStyles, pageStyles, assessmentStyles];

  private readonly store = new StoreController(this);

  /** The tracker's status; its `masteryScore` is the pass mark in force. */
  @consume({ context: launchContext, subscribe: true })
  @state()
  private launch?: LaunchInfo;

  /** Index (into the attempt's items) of the question on screen. */
  @state() private index = 0;
  @state() private view: View = 'question';
  /** Whether the inline "submit with unanswered questions?" confirmation is open. */
  @state() private confirming = false;
  /** Whether a submitted attempt's result is shown (rather than the introduction). */
  @state() private showResult = false;
  /** Text of the live region. */
  @state() private announcement = '';

  /** When each item was first shown in this page visit (epoch ms), for latency. */
  private readonly shownAt = new Map<string, number>();
  /** The attempt as last seen, to tell a new attempt or a submission from a re-render. */
  private seen: { attempt: number; submitted: boolean } | undefined;
  private focusTarget: FocusTarget | undefined;

  /**
   * Moves focus where the learner is (after navigation or resume): the question on
   * screen (or the review step) during an attempt, else the page heading.
   */
  focusHeading(): void {
    const a = this.store.state?.assessment;
    const underWay = a !== undefined && a.attempt > 0 && !a.submitted;
    const target = underWay ? this.renderRoot.querySelector<HTMLElement>(this.view === 'question' ? '#question-heading' : '#review-heading') : null;
    (target ?? this.renderRoot.querySelector<HTMLElement>('h1'))?.focus();
  }

  protected override willUpdate(): void {
    const store = this.store.store;
    if (!store) return;
    const { course } = store;
    const a = store.state.assessment;
    const previous = this.seen;
    this.seen = { attempt: a.attempt, submitted: a.submitted };
    const underWay = a.attempt > 0 && !a.submitted;
    if (!previous) {
      // Opening the page: the shell focuses the page heading, so no focus move here.
      if (underWay) this.openAttempt(course, a);
      return;
    }
    if (underWay && (a.attempt !== previous.attempt || previous.submitted)) {
      this.openAttempt(course, a);
      this.focusTarget = this.view === 'question' ? 'question-heading' : 'review-heading';
      this.announcement = `Attempt ${a.attempt} started. ${a.items.length} questions.`;
    } else if (a.submitted && (!previous.submitted || a.attempt !== previous.attempt)) {
      this.showResult = true;
      this.confirming = false;
      this.focusTarget = 'result-heading';
      this.announcement = `Attempt submitted. ${this.verdict(course, a)}`;
    }
  }

  protected override updated(): void {
    const a = this.store.state?.assessment;
    if (a && a.attempt > 0 && !a.submitted && this.view === 'question') {
      const itemId = a.items[this.index];
      if (itemId !== undefined && !this.shownAt.has(itemId)) this.shownAt.set(itemId, Date.now());
    }
    if (this.focusTarget) {
      this.renderRoot.querySelector<HTMLElement>(`#${this.focusTarget}`)?.focus();
      this.focusTarget = undefined;
    }
  }

  private handleStart(): void {
    this.dispatchEvent(new SlepAssessmentEvent('start'));
  }

  private handleGoTo(index: number): void {
    this.index = index;
    this.view = 'question';
    this.confirming = false;
    this.focusTarget = 'question-heading';
  }

  private handleReview(): void {
    this.view = 'review';
    this.confirming = false;
    this.focusTarget = 'review-heading';
  }

  private handleSubmit(unanswered: number): void {
    if (unanswered > 0) {
      this.confirming = true;
      this.focusTarget = 'confirm-message';
      return;
    }
    this.dispatchEvent(new SlepAssessmentEvent('submit'));
  }

  private handleConfirmSubmit(): void {
    this.dispatchEvent(new SlepAssessmentEvent('submit'));
  }

  private handleCancelSubmit(): void {
    this.confirming = false;
    this.focusTarget = 'submit';
  }

  private handleAnswer(event: SlepAnswerEvent): void {
    // The shell must see the scored answer (with its latency), not a knowledge-check answer.
    event.stopPropagation();
    const a = this.store.state?.assessment;
    if (!a || a.submitted || !a.items.includes(event.itemId)) return;
    const now = Date.now();
    const shown = this.shownAt.get(event.itemId) ?? now;
    this.dispatchEvent(new SlepAssessmentAnswerEvent({ itemId: event.itemId, response: event.response, latency: (now - shown) / 1000 }));
  }

  private handleShowResult(): void {
    this.showResult = true;
    this.focusTarget = 'result-heading';
  }

  private handleCertificate(event: Event): void {
    event.preventDefault();
    this.dispatchEvent(new SlepNavigateEvent(PAGES.certificate));
  }

  override render() {
    const store = this.store.store;
    if (!store) return nothing;
    const { course, state } = store;
    const a = state.assessment;
    let screen: TemplateResult;
    if (a.attempt > 0 && !a.submitted) screen = this.renderProgress(course, a);
    else if (a.submitted && this.showResult) screen = this.renderResult(course, a, this.canStart(course, state), attemptsLeft(course, state));
    else screen = this.renderIntro(course, a, this.canStart(course, state), attemptsLeft(course, state));
    return html`
      <h1 tabindex="-1">Assessment</h1>
      ${screen}
      <div class="visually-hidden" role="status">${this.announcement}</div>
    `;
  }

  private renderIntro(course: CourseModel, a: AssessmentState, canStart: boolean, left: number): TemplateResult {
    const count = questionCount(course);
    const limit = course.assessment.attempts;
    return html`
      <p>
        This scored assessment has ${plural(count, 'question')}, drawn so that every lesson objective of the course's
        ${plural(course.outcomes.length, 'learning outcome')} is tested. You see one question at a time, can move between them, and
        can change any answer until you submit.
      </p>
      <dl class="facts">
        <dt>Passing score</dt>
        <dd>${percent(this.masteryScore(course))}</dd>
        <dt>Attempts</dt>
        <dd>${limit === 0 ? `${a.attempt} used, unlimited allowed` : `${a.attempt} of ${limit} used`}</dd>
        <dt>Best score</dt>
        <dd>${a.bestScore === null ? 'No attempt submitted yet' : percent(a.bestScore)}</dd>
        ${a.passed
          ? html`<dt>Status</dt>
              <dd><span class="badge">Passed</span></dd>`
          : nothing}
      </dl>
      ${a.passed
        ? html`<p>You passed with ${percent(a.bestScore ?? 0)}. Passing is final, so there is no further attempt to take.</p>`
        : left === 0
          ? html`<p>You have used all ${plural(limit, 'attempt')}, so the assessment cannot be taken again. Your best score is ${percent(a.bestScore ?? 0)}.</p>`
          : nothing}
      <div class="actions">
        ${canStart ? html`<button class="primary" @click=${this.handleStart}>Start attempt ${a.attempt + 1}</button>` : nothing}
        ${a.submitted ? html`<button @click=${this.handleShowResult}>See the result of attempt ${a.attempt}</button>` : nothing}
        ${a.passed ? html`<a class="button" href="#${PAGES.certificate}" @click=${this.handleCertificate}>Go to your certificate</a>` : nothing}
      </div>
    `;
  }

  private renderProgress(course: CourseModel, a: AssessmentState): TemplateResult {
    const items = attemptItems(course, a);
    const total = items.length;
    const unanswered = items.filter((item) => !isAnswered(item, a.answers[item.id]?.response));
    const limit = course.assessment.attempts;
    const item = items[this.index];
    return html`
      <p class="attempt">Attempt ${a.attempt}${limit === 0 ? '' : ` of ${limit}`}</p>
      ${this.view === 'question' && item ? this.renderQuestion(course, a, item, total) : this.renderReview(items, unanswered)}
      <div class="navigator">
        <h2 id="navigator-title">Questions</h2>
        <ol aria-labelledby="navigator-title">
          ${items.map((it, i) => {
            const answered = isAnswered(it, a.answers[it.id]?.response);
            const current = this.view === 'question' && i === this.index;
            return html`<li>
              <button
                class=${answered ? 'answered' : ''}
                aria-current=${current ? 'step' : nothing}
                @click=${() => this.handleGoTo(i)}
              >
                <span class="visually-hidden">Question </span>${i + 1}<span aria-hidden="true">${answered ? ' ✓' : ''}</span
                ><span class="visually-hidden">${answered ? ', answered' : ', not answered'}</span>
              </button>
            </li>`;
          })}
        </ol>
        <p class="legend">${total - unanswered.length} of ${total} answered. A tick (✓) marks an answered question.</p>
        ${this.view === 'question' ? html`<button @click=${this.handleReview}>Review and submit</button>` : nothing}
      </div>
    `;
  }

  private renderQuestion(course: CourseModel, a: AssessmentState, item: Item, total: number): TemplateResult {
    const i = this.index;
    return html`
      <h2 id="question-heading" class="question-heading" tabindex="-1">Question ${i + 1} of ${total}</h2>
      ${keyed(
        `${a.attempt}:${item.id}`,
        html`<slep-question
          mode="assessment"
          .item=${item}
          .response=${a.answers[item.id]?.response ?? []}
          .order=${optionOrder(course, item, a.seed)}
          @slep-answer=${this.handleAnswer}
        ></slep-question>`,
      )}
      <div class="nav-buttons">
        <button ?disabled=${i === 0} @click=${() => this.handleGoTo(i - 1)}>Previous question</button>
        ${i < total - 1
          ? html`<button class="primary" @click=${() => this.handleGoTo(i + 1)}>Next question</button>`
          : html`<button class="primary" @click=${this.handleReview}>Review and submit</button>`}
      </div>
    `;
  }

  private renderReview(items: readonly Item[], unanswered: readonly Item[]): TemplateResult {
    const total = items.length;
    return html`
      <h2 id="review-heading" class="screen-heading" tabindex="-1">Review and submit</h2>
      <p>You have answered ${total - unanswered.length} of ${plural(total, 'question')}.</p>
      ${unanswered.length
        ? html`<h3>Not answered yet</h3>
            <ul class="plain unanswered">
              ${unanswered.map((item) => {
                const i = items.indexOf(item);
                return html`<li><button @click=${() => this.handleGoTo(i)}>Question ${i + 1}: ${item.stemText}</button></li>`;
              })}
            </ul>`
        : nothing}
      <p>Once you submit, your answers are final and your score is recorded.</p>
      ${this.confirming
        ? html`<div class="confirm" role="group" aria-labelledby="confirm-message">
            <p id="confirm-message" tabindex="-1">
              You have ${plural(unanswered.length, 'unanswered question')}. Unanswered questions count as incorrect. Submit anyway?
            </p>
            <div class="actions">
              <button class="primary" @click=${this.handleConfirmSubmit}>Submit anyway</button>
              <button @click=${this.handleCancelSubmit}>Keep working</button>
            </div>
          </div>`
        : html`<div class="actions">
            <button id="submit" class="primary" @click=${() => this.handleSubmit(unanswered.length)}>Submit answers</button>
          </div>`}
    `;
  }

  private renderResult(course: CourseModel, a: AssessmentState, canStart: boolean, left: number): TemplateResult {
    const items = attemptItems(course, a);
    const { score, outcomes } = scoreAttempt(course, a);
    const limit = course.assessment.attempts;
    return html`
      <h2 id="result-heading" class="screen-heading" tabindex="-1">Result of attempt ${a.attempt}</h2>
      <p class="score">${percent(score)}</p>
      <p>
        ${a.passed ? html`<span class="badge">Passed</span>` : html`<span class="badge failed">Not passed</span>`}
        ${this.verdict(course, a)}
      </p>
      <p>
        ${a.passed
          ? 'Passing is final, so there is no further attempt to take.'
          : left === 0
            ? `You have used all ${plural(limit, 'attempt')}, so the assessment cannot be taken again.`
            : limit === 0
              ? 'You can try again with a new set of questions.'
              : `You have ${plural(left, 'attempt')} left. A new attempt has a new set of questions.`}
      </p>
      <table>
        <caption>
          Results by learning outcome
        </caption>
        <thead>
          <tr>
            <th scope="col">Learning outcome</th>
            <th scope="col">Correct</th>
          </tr>
        </thead>
        <tbody>
          ${outcomes
            .filter((o) => o.total > 0)
            .map(
              (o) => html`<tr>
                <td>${course.outcomes.find((x) => x.id === o.outcome)?.text ?? o.outcome}</td>
                <td class="count">${o.correct} of ${o.total}</td>
              </tr>`,
            )}
        </tbody>
      </table>
      <div class="actions">
        ${canStart ? html`<button class="primary" @click=${this.handleStart}>Try again (attempt ${a.attempt + 1}${limit === 0 ? '' : ` of ${limit}`})</button>` : nothing}
        ${a.passed ? html`<a class="button" href="#${PAGES.certificate}" @click=${this.handleCertificate}>Go to your certificate</a>` : nothing}
      </div>
      <h2>Review your answers</h2>
      <ol class="review">
        ${items.map((item, i) => {
          const response = a.answers[item.id]?.response ?? [];
          // The review question shows its own verdict and feedback under this heading.
          return html`<li>
            <h3>Question ${i + 1}</h3>
            ${keyed(
              `review:${a.attempt}:${item.id}`,
              html`<slep-question mode="review" .item=${item} .response=${response} .order=${optionOrder(course, item, a.seed)}></slep-question>`,
            )}
          </li>`;
        })}
      </ol>
    `;
  }

  /** The pass mark in force: the LMS value where the tracker has one, else the course's. */
  /** No new attempt in a browse/review launch: nothing of it could be recorded. */
  private canStart(course: CourseModel, state: AttemptState): boolean {
    return (this.launch?.mode ?? 'normal') === 'normal' && canStartAttempt(course, state);
  }

  private masteryScore(course: CourseModel): number {
    return this.launch?.masteryScore ?? course.masteryScore;
  }

  private verdict(course: CourseModel, a: AssessmentState): string {
    const score = percent(a.lastScore ?? 0);
    return a.passed
      ? `Your score is ${score}. You passed.`
      : `Your score is ${score}. You did not pass: the passing score is ${percent(this.masteryScore(course))}.`;
  }

  private openAttempt(course: CourseModel, a: AssessmentState): void {
    const items = attemptItems(course, a);
    const first = items.findIndex((item) => !isAnswered(item, a.answers[item.id]?.response));
    this.shownAt.clear();
    this.confirming = false;
    this.showResult = false;
    // Every question answered: the next step is to review and submit.
    this.index = first === -1 ? Math.max(0, items.length - 1) : first;
    this.view = first === -1 ? 'review' : 'question';
  }
}

/** The attempt's items in the order shown; an id no longer in the bank is skipped, as in scoring. */
function attemptItems(course: CourseModel, a: AssessmentState): Item[] {
  return a.items.map((id) => course.bank.find((item) => item.id === id)).filter((item): item is Item => item !== undefined);
}

/** Questions in an attempt: the blueprint's count (each objective's draw, or fewer where the bank has fewer). */
function questionCount(course: CourseModel): number {
  return course.objectives.reduce((n, o) => n + Math.min(o.draw, course.bank.filter((item) => item.objective === o.id).length), 0);
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
