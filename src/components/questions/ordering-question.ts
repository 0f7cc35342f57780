import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Item, OrderingItem } from '../../model/course.js';
import type { LearnerResponse } from '../../model/response.js';
import { arrange } from './display-order.js';
import { plainText } from './plain-text.js';
import { SlepQuestionElement, withoutVerdict } from './question-element.js';

/**
 * @summary An ordering item: an ordered list of steps, each with "Move up" and
 * "Move down" buttons named after the step. After a move, focus stays on the moved
 * step's button and a live region says "<step> moved to position N of M". With no
 * response yet the steps start in `order`.
 *
 * @event slep-answer - `SlepAnswerEvent` with step ids in the learner's order: on "Check answer" in check mode; in assessment mode on every move and on "Keep this order".
 *
 * @csspart fieldset - The list of steps; its legend is the stem.
 * @csspart legend - The stem.
 * @csspart actions - "Check answer" / "Try again", or "Keep this order" in assessment mode.
 * @csspart feedback - The verdict and feedback (a polite live region in check mode).
 *
 * @cssproperty --slep-question-gap - Space between steps.
 * @cssproperty --slep-question-option-bg - Background of a step.
 */
export class SlepOrderingQuestion extends SlepQuestionElement<OrderingItem> {
  protected readonly unansweredNotice = 'Put the steps in order, then check your answer.';

  /** The last move, for the live region. */
  @state() private announcement = '';

  protected accepts(item: Item): item is OrderingItem {
    return item.type === 'ordering';
  }

  /** Always every step once: the saved order, else the drawn order, else the authored one. */
  protected override initialDraft(): LearnerResponse {
    const steps = this.item?.steps ?? [];
    return arrange(steps, this.response.length ? this.response : this.order).map((s) => s.id);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('order') && this.response.length === 0) this.draft = this.initialDraft();
  }

  private async handleMove(event: Event): Promise<void> {
    const button = event.currentTarget;
    if (!(button instanceof HTMLButtonElement) || !this.item) return;
    const { step = '', direction = '' } = button.dataset;
    const ids = [...this.draft];
    const from = ids.indexOf(step);
    const to = from + (direction === 'up' ? -1 : 1);
    if (from < 0 || to < 0 || to >= ids.length) return;
    ids.splice(from, 1);
    ids.splice(to, 0, step);
    this.answer(ids);
    const stepHtml = this.item.steps.find((s) => s.id === step)?.html ?? '';
    this.announcement = `${plainText(stepHtml)} moved to position ${to + 1} of ${ids.length}`;
    // Moving the list item re-inserts its nodes, which drops focus: put it back.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`button[data-step="${CSS.escape(step)}"][data-direction="${direction}"]`)?.focus();
  }

  private handleKeep(): void {
    this.emit(this.draft);
    this.announcement = 'Order saved';
  }

  protected override renderAssessmentActions(): TemplateResult {
    return html`<div class="actions" part="actions">
      <button type="button" @click=${this.handleKeep}>Keep this order</button>
    </div>`;
  }

  protected renderControls(item: OrderingItem, response: LearnerResponse, locked: boolean): TemplateResult {
    const steps = arrange(item.steps, response).filter((s) => !locked || response.includes(s.id));
    if (!steps.length) return html`<p>No order was given.</p>`;
    const last = steps.length - 1;
    return html`<ol class="steps">
        ${repeat(
          steps,
          (s) => s.id,
          (s, i) => {
            const text = plainText(s.html);
            return html`<li>
              <span class="step">${unsafeHTML(s.html)}</span>
              ${locked
                ? nothing
                : html`<span class="moves">
                    <button type="button" data-step=${s.id} data-direction="up" aria-disabled=${i === 0 ? 'true' : nothing} @click=${this.handleMove}>
                      Move up<span class="visually-hidden">: ${text}</span>
                    </button>
                    <button type="button" data-step=${s.id} data-direction="down" aria-disabled=${i === last ? 'true' : nothing} @click=${this.handleMove}>
                      Move down<span class="visually-hidden">: ${text}</span>
                    </button>
                  </span>`}
            </li>`;
          },
        )}
      </ol>
      <div class="visually-hidden" role="status">${locked ? '' : this.announcement}</div>`;
  }

  protected renderFeedback(item: OrderingItem, _response: LearnerResponse, correct: boolean): TemplateResult {
    return html`
      <p>${unsafeHTML(withoutVerdict(correct ? item.feedback.correctHtml : item.feedback.incorrectHtml))}</p>
      ${correct
        ? nothing
        : html`<p>The correct order is:</p>
            <ol class="correct-answer">
              ${item.steps.map((s) => html`<li>${unsafeHTML(s.html)}</li>`)}
            </ol>`}
    `;
  }
}
