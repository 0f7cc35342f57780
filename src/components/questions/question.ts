import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Item } from '../../model/course.js';
import type { LearnerResponse } from '../../model/response.js';
import type { QuestionMode } from './question-element.js';

/**
 * @summary Shows any item with the element for its type: `slep-choice-question`
 * (single, multiple, true/false), `slep-matching-question` or
 * `slep-ordering-question`, passing its properties through.
 *
 * @event slep-answer - `SlepAnswerEvent` from the inner element (composed, so it crosses this shadow root).
 *
 * @example
 * html`<slep-question .item=${item} .response=${saved} mode="check"></slep-question>`
 */
export class SlepQuestion extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  /** The compiled item to ask. */
  @property({ attribute: false }) item?: Item;

  /** The current answer, set by the parent (resume); empty means unanswered. */
  @property({ attribute: false }) response: LearnerResponse = [];

  /** `check` (knowledge check with feedback), `assessment` (scored, no feedback) or `review` (read-only). */
  @property({ reflect: true }) mode: QuestionMode = 'check';

  /** Display order of option ids (drawn for the attempt); undefined keeps the authored order. */
  @property({ attribute: false }) order?: readonly string[];

  override render() {
    switch (this.item?.type) {
      case 'single':
      case 'multiple':
      case 'true-false':
        return html`<slep-choice-question .item=${this.item} .response=${this.response} .mode=${this.mode} .order=${this.order}></slep-choice-question>`;
      case 'matching':
        return html`<slep-matching-question .item=${this.item} .response=${this.response} .mode=${this.mode} .order=${this.order}></slep-matching-question>`;
      case 'ordering':
        return html`<slep-ordering-question .item=${this.item} .response=${this.response} .mode=${this.mode} .order=${this.order}></slep-ordering-question>`;
      default:
        return nothing;
    }
  }
}
