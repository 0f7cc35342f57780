import { html, LitElement, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { SlepAnswerEvent } from '../../events/answer.js';
import type { Item } from '../../model/course.js';
import { isAnswered, isCorrect } from '../../model/response.js';
import type { LearnerResponse } from '../../model/response.js';
import { sharedStyles } from '../styles/shared.js';
import { questionStyles } from './styles.js';

/**
 * Where a question is asked: an unscored knowledge check with feedback, the scored
 * assessment (no feedback) or a read-only review of a submitted answer.
 */
export type QuestionMode = 'check' | 'assessment' | 'review';

/** A verdict word that opens authored feedback ("Correct.", "Not quite."): the verdict heading already says it. */
const LEADING_VERDICT = /^((?:\s*<[^>]+>)*\s*)(?:(?:correct|not quite|right|incorrect|wrong)\s*[.!:,;\u2014\u2013-]|(?:yes|no)\s*[.!])\s*/i;

/**
 * Authored feedback without a leading verdict word, so "Not quite" is not said twice
 * and a right answer's note never reads "Correct." under "The correct answer is:".
 *
 * @example
 * withoutVerdict('<p>Not quite. The MOU comes first.</p>'); // '<p>The MOU comes first.</p>'
 */
export function withoutVerdict(html: string): string {
  const stripped = html.replace(LEADING_VERDICT, '$1');
  // Keep the sentence starting with a capital letter.
  return stripped.replace(/^((?:\s*<[^>]+>)*\s*)([a-z])/, (_m, tags: string, c: string) => `${tags}${c.toUpperCase()}`);
}

/** Responses compare by content: a parent passing a fresh `[]` each render is no change. */
function sameResponse(a: LearnerResponse | undefined, b: LearnerResponse | undefined): boolean {
  return a === b || (!!a && !!b && a.length === b.length && a.every((id, i) => id === b[i]));
}

/**
 * @summary What every question element shares: the public properties, the answer on
 * screen, the Check / Try again cycle with its live region, and the verdict. A
 * subclass renders its controls and its type's feedback. Not registered itself.
 *
 * @event slep-answer - {@link SlepAnswerEvent}: on "Check answer" in check mode, on every change in assessment mode.
 *
 * @csspart fieldset - The group of controls; its legend is the stem.
 * @csspart legend - The stem.
 * @csspart actions - The row of buttons under the controls.
 * @csspart feedback - The verdict and feedback (a polite live region in check mode).
 *
 * @cssproperty --slep-question-gap - Space between options.
 * @cssproperty --slep-question-option-bg - Background of an option.
 * @cssproperty --slep-question-selected-bg - Background of a chosen option.
 * @cssproperty --slep-color-ok - Colour of a correct verdict.
 * @cssproperty --slep-color-error - Colour of an incorrect verdict.
 * @cssproperty --slep-color-focus - Focus outline.
 */
export abstract class SlepQuestionElement<T extends Item> extends LitElement {
  static override styles = [sharedStyles, questionStyles];

  /** The compiled item to ask. */
  @property({ attribute: false }) item?: T;

  /** The current answer, set by the parent (resume); empty means unanswered. */
  @property({ attribute: false, hasChanged: (a?: LearnerResponse, b?: LearnerResponse) => !sameResponse(a, b) })
  response: LearnerResponse = [];

  /** `check` (knowledge check with feedback), `assessment` (scored, no feedback) or `review` (read-only). */
  @property({ reflect: true }) mode: QuestionMode = 'check';

  /** Display order of option ids (drawn for the attempt); undefined keeps the authored order. */
  @property({ attribute: false }) order?: readonly string[];

  /** The answer on screen; it leads `response` until the parent stores what was sent. */
  @state() protected draft: LearnerResponse = [];

  /** Check mode: whether the answer has been checked and its feedback shows. */
  @state() protected checked = false;

  /** Check mode: asks the learner to finish answering before checking. */
  @state() private notice = '';

  /** Whether this element can show the item (the wrapper picks by `item.type`). */
  protected abstract accepts(item: Item): item is T;

  /** The controls inside the fieldset; `locked` while feedback shows or in review. */
  protected abstract renderControls(item: T, response: LearnerResponse, locked: boolean): TemplateResult;

  /** The type's feedback under the verdict heading. */
  protected abstract renderFeedback(item: T, response: LearnerResponse, correct: boolean): TemplateResult;

  /** What to say when "Check answer" is pressed before the item is answered. */
  protected abstract readonly unansweredNotice: string;

  /** The answer to show when `response` or `item` changes; ordering falls back to `order`. */
  protected initialDraft(): LearnerResponse {
    return this.response;
  }

  /** Buttons in assessment mode, in an `actions` part (ordering: "Keep this order"). */
  protected renderAssessmentActions(): TemplateResult | typeof nothing {
    return nothing;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get('item');
    if (changed.has('response') || (changed.has('item') && previous?.id !== this.item?.id)) {
      this.draft = this.initialDraft();
      this.checked = this.response.length > 0;
      this.notice = '';
    }
  }

  /** Takes a new answer from the controls; assessment mode reports it at once. */
  protected answer(next: LearnerResponse): void {
    this.draft = next;
    this.notice = '';
    if (this.mode === 'assessment') this.emit(next);
  }

  protected emit(response: LearnerResponse): void {
    if (this.item) this.dispatchEvent(new SlepAnswerEvent(this.item.id, [...response]));
  }

  private async handleCheck(): Promise<void> {
    if (!this.item) return;
    if (!isAnswered(this.item, this.draft)) {
      this.notice = this.unansweredNotice;
      return;
    }
    this.checked = true;
    this.emit(this.draft);
    // The Check button is replaced; keep focus in place rather than losing it to <body>:
    // on "Try again" after a wrong answer, on the verdict after a right one (nothing to retry).
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.try-again, .verdict h3')?.focus();
  }

  private async handleTryAgain(): Promise<void> {
    this.checked = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('fieldset :is(input, select, button):not(:disabled)')?.focus();
  }

  override render() {
    const item = this.item;
    if (!item || !this.accepts(item)) return nothing;
    const review = this.mode === 'review';
    const assessment = this.mode === 'assessment';
    const response = review ? this.response : this.draft;
    return html`
      <fieldset part="fieldset">
        <legend part="legend">${unsafeHTML(item.stemHtml)}</legend>
        ${this.renderControls(item, response, review || (!assessment && this.checked))}
      </fieldset>
      ${review
        ? html`<div class="feedback" part="feedback">${this.renderVerdict(item, response)}</div>`
        : assessment
          ? this.renderAssessmentActions()
          : html`<div class="actions" part="actions">
                ${!this.checked
                  ? html`<button type="button" class="primary" @click=${this.handleCheck}>Check answer</button>`
                  : isCorrect(item, response)
                    ? nothing
                    : html`<button type="button" class="try-again" @click=${this.handleTryAgain}>Try again</button>`}
              </div>
              <div class="feedback" part="feedback" role="status">
                ${this.checked ? this.renderVerdict(item, response) : this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}
              </div>`}
    `;
  }

  private renderVerdict(item: T, response: LearnerResponse): TemplateResult {
    const correct = isCorrect(item, response);
    const heading = correct ? 'Correct' : isAnswered(item, response) ? 'Not quite' : 'Not answered';
    return html`<div class="verdict ${correct ? 'correct' : 'incorrect'}">
      <h3 tabindex="-1">${heading}</h3>
      ${this.renderFeedback(item, response, correct)}
    </div>`;
  }
}
