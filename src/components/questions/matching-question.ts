import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Item, MatchingItem } from '../../model/course.js';
import type { LearnerResponse } from '../../model/response.js';
import { arrange } from './display-order.js';
import { plainText } from './plain-text.js';
import { SlepQuestionElement, withoutVerdict } from './question-element.js';

/** `['1.b', '2.a']` → prompt id → target id. */
function matches(response: LearnerResponse): Map<string, string> {
  return new Map(response.map((pair) => [pair.slice(0, pair.indexOf('.')), pair.slice(pair.indexOf('.') + 1)]));
}

/**
 * @summary A matching item: for each prompt a native `<select>` of the targets,
 * labelled by the prompt. Every select offers every target, so a target may be
 * used once or more. The response is `promptId.targetId` pairs in prompt order.
 *
 * @event slep-answer - `SlepAnswerEvent` with pairs such as `['1.b', '2.a']`: on "Check answer" in check mode, on every change in assessment mode.
 *
 * @csspart fieldset - The group of prompts; its legend is the stem.
 * @csspart legend - The stem.
 * @csspart actions - The "Check answer" / "Try again" buttons.
 * @csspart feedback - The verdict and feedback (a polite live region in check mode).
 *
 * @cssproperty --slep-question-gap - Space between prompts.
 */
export class SlepMatchingQuestion extends SlepQuestionElement<MatchingItem> {
  protected readonly unansweredNotice = 'Choose a match for every item, then check your answer.';

  protected accepts(item: Item): item is MatchingItem {
    return item.type === 'matching';
  }

  private handleChange(event: Event): void {
    const select = event.target;
    if (!(select instanceof HTMLSelectElement) || !this.item) return;
    const chosen = matches(this.draft);
    const prompt = select.dataset.prompt ?? '';
    if (select.value) chosen.set(prompt, select.value);
    else chosen.delete(prompt);
    this.answer(this.item.pairs.filter((p) => chosen.has(p.id)).map((p) => `${p.id}.${chosen.get(p.id) ?? ''}`));
  }

  protected renderControls(item: MatchingItem, response: LearnerResponse, locked: boolean): TemplateResult {
    const chosen = matches(response);
    const targets = arrange(
      item.pairs.map((p) => ({ id: p.targetId, text: plainText(p.targetHtml) })),
      this.order,
    );
    return html`<div class="matches">
      ${item.pairs.map(
        (pair) => html`<div class="match">
          <label for="match-${pair.id}">${unsafeHTML(pair.promptHtml)}</label>
          <select id="match-${pair.id}" data-prompt=${pair.id} ?disabled=${locked} @change=${this.handleChange}>
            <option value="" .selected=${!chosen.has(pair.id)}>Choose a match</option>
            ${targets.map((t) => html`<option value=${t.id} .selected=${chosen.get(pair.id) === t.id}>${t.text}</option>`)}
          </select>
        </div>`,
      )}
    </div>`;
  }

  protected renderFeedback(item: MatchingItem, response: LearnerResponse, correct: boolean): TemplateResult {
    const chosen = matches(response);
    // The learner's answer comes from stored resume data: shown as text, never parsed as HTML.
    const answerText = (id: string) => {
      const target = item.pairs.find((p) => p.targetId === id);
      return target ? plainText(target.targetHtml) : id;
    };
    return html`
      <p>${unsafeHTML(withoutVerdict(correct ? item.feedback.correctHtml : item.feedback.incorrectHtml))}</p>
      ${correct
        ? nothing
        : html`<p>The correct matches are:</p>
            <ul class="correct-answer">
              ${item.pairs.map((pair) => {
                const given = chosen.get(pair.id);
                const mine = given === pair.targetId ? nothing : html` (your answer: ${given ? answerText(given) : 'none'})`;
                return html`<li>${unsafeHTML(pair.promptHtml)}: <strong>${unsafeHTML(pair.targetHtml)}</strong>${mine}</li>`;
              })}
            </ul>`}
    `;
  }
}
