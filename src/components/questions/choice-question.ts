import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Choice, ChoiceItem, Item } from '../../model/course.js';
import type { LearnerResponse } from '../../model/response.js';
import { arrange } from './display-order.js';
import { SlepQuestionElement, withoutVerdict } from './question-element.js';

/**
 * @summary A single-choice or true/false item as a native radio group, a
 * multiple-response item as checkboxes, in a fieldset whose legend is the stem.
 * Check-mode feedback gives the feedback of each chosen answer and, when wrong,
 * the right answer with its feedback.
 *
 * @event slep-answer - `SlepAnswerEvent` with the chosen choice ids: on "Check answer" in check mode, on every change in assessment mode.
 *
 * @csspart fieldset - The group of choices; its legend is the stem.
 * @csspart legend - The stem.
 * @csspart actions - The "Check answer" / "Try again" buttons.
 * @csspart feedback - The verdict and feedback (a polite live region in check mode).
 *
 * @cssproperty --slep-question-gap - Space between choices.
 * @cssproperty --slep-question-option-bg - Background of a choice.
 * @cssproperty --slep-question-selected-bg - Background of a chosen choice.
 */
export class SlepChoiceQuestion extends SlepQuestionElement<ChoiceItem> {
  protected readonly unansweredNotice = 'Choose an answer, then check it.';

  protected accepts(item: Item): item is ChoiceItem {
    return item.type === 'single' || item.type === 'multiple' || item.type === 'true-false';
  }

  private handleChange(event: Event): void {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !this.item) return;
    if (this.item.type !== 'multiple') {
      this.answer([input.value]);
      return;
    }
    // Report in authored order so the same set always reads the same.
    const chosen = (c: Choice) => (c.id === input.value ? input.checked : this.draft.includes(c.id));
    this.answer(this.item.choices.filter(chosen).map((c) => c.id));
  }

  protected renderControls(item: ChoiceItem, response: LearnerResponse, locked: boolean): TemplateResult {
    const type = item.type === 'multiple' ? 'checkbox' : 'radio';
    return html`<div class="options">
      ${arrange(item.choices, this.order).map(
        (choice) => html`<label class="option">
          <input
            type=${type}
            name="choice"
            value=${choice.id}
            .checked=${response.includes(choice.id)}
            ?disabled=${locked}
            @change=${this.handleChange}
          />
          <span>${unsafeHTML(choice.html)}</span>
        </label>`,
      )}
    </div>`;
  }

  protected renderFeedback(item: ChoiceItem, response: LearnerResponse, correct: boolean): TemplateResult {
    const choices = arrange(item.choices, this.order);
    const chosen = choices.filter((c) => response.includes(c.id));
    const right = choices.filter((c) => c.correct);
    const entry = (choice: Choice, withFeedback: boolean) =>
      html`<li>
        <p><strong>${unsafeHTML(choice.html)}</strong></p>
        ${withFeedback && choice.feedbackHtml ? html`<p>${unsafeHTML(withoutVerdict(choice.feedbackHtml))}</p>` : nothing}
      </li>`;
    return html`
      ${chosen.length
        ? html`<p>${chosen.length > 1 ? 'Your answers:' : 'Your answer:'}</p>
            <ul class="chosen">
              ${chosen.map((c) => entry(c, true))}
            </ul>`
        : nothing}
      ${correct
        ? nothing
        : html`<p>${right.length > 1 ? 'The correct answers are:' : 'The correct answer is:'}</p>
            <ul class="correct-answer">
              ${right.map((c) => entry(c, !chosen.includes(c)))}
            </ul>`}
    `;
  }
}
