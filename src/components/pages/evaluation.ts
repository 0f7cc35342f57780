import { html, LitElement, nothing } from 'lit';
import { css } from 'lit';
import { state } from 'lit/decorators.js';
import { SlepEvaluationEvent } from '../../events/evaluation.js';
import { EVALUATION_COMMENTS_MAX } from '../../state/attempt.js';
import { StoreController } from '../controllers/store-controller.js';
import { sharedStyles } from '../styles/shared.js';
import { pageStyles } from './styles.js';

const SCALE = [1, 2, 3, 4, 5] as const;

/**
 * @summary The course evaluation: relevance and clarity (1–5), would recommend (yes/no)
 * and optional comments (at most 500 characters). Sent once; it is kept with the attempt
 * and reported to the learning system.
 *
 * @event slep-evaluation - `SlepEvaluationEvent` when the learner sends the evaluation.
 */
export class SlepEvaluation extends LitElement {
  static override styles = [
    sharedStyles,
    pageStyles,
    css`
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        margin: 0 0 1rem;
        padding: 0.5rem 1rem 0.75rem;
      }
      legend {
        font-weight: 600;
        padding: 0 0.25rem;
      }
      .scale {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
      }
      .scale label {
        display: inline-flex;
        align-items: center;
        gap: 0.3rem;
        min-height: 44px;
      }
      textarea {
        font: inherit;
        width: 100%;
        box-sizing: border-box;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.4rem 0.5rem;
      }
      .error {
        color: var(--_error);
        font-weight: 600;
      }
    `,
  ];

  private readonly store = new StoreController(this);

  @state() private comments = '';
  @state() private error = '';

  /** Moves focus to the page heading (after navigation). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private async handleSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const relevance = Number(data.get('relevance'));
    const clarity = Number(data.get('clarity'));
    const recommend = data.get('recommend');
    if (!relevance || !clarity || (recommend !== 'yes' && recommend !== 'no')) {
      this.error = 'Please answer the three questions (comments are optional).';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.error')?.focus();
      return;
    }
    this.error = '';
    this.dispatchEvent(new SlepEvaluationEvent({ relevance, clarity, recommend, comments: this.comments.slice(0, EVALUATION_COMMENTS_MAX) }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#thanks')?.focus();
  }

  private scale(name: string, low: string, high: string) {
    return html`<div class="scale">
      ${SCALE.map(
        (n) => html`<label
          ><input type="radio" name=${name} value=${n} />${n}${n === 1 ? html`<span class="muted"> (${low})</span>` : n === 5 ? html`<span class="muted"> (${high})</span>` : nothing}</label
        >`,
      )}
    </div>`;
  }

  override render() {
    const state = this.store.state;
    if (!state) return nothing;
    const sent = state.evaluation;
    if (sent) {
      return html`<h1 tabindex="-1">Course evaluation</h1>
        <p id="thanks" tabindex="-1">Thank you: your evaluation was sent with your course record.</p>
        <dl>
          <dt>Relevance to your work</dt>
          <dd>${sent.relevance} of 5</dd>
          <dt>Clarity</dt>
          <dd>${sent.clarity} of 5</dd>
          <dt>Would recommend</dt>
          <dd>${sent.recommend === 'yes' ? 'Yes' : 'No'}</dd>
        </dl>`;
    }
    return html`
      <h1 tabindex="-1">Course evaluation</h1>
      <p>Three short questions help the course team improve the course. Your answers are sent with your course record.</p>
      <form @submit=${this.handleSubmit} novalidate>
        <fieldset>
          <legend>How relevant was this course to your work?</legend>
          ${this.scale('relevance', 'not relevant', 'very relevant')}
        </fieldset>
        <fieldset>
          <legend>How clear was this course?</legend>
          ${this.scale('clarity', 'not clear', 'very clear')}
        </fieldset>
        <fieldset>
          <legend>Would you recommend this course to a colleague?</legend>
          <div class="scale">
            <label><input type="radio" name="recommend" value="yes" />Yes</label>
            <label><input type="radio" name="recommend" value="no" />No</label>
          </div>
        </fieldset>
        <label for="comments">Comments (optional)</label>
        <textarea
          id="comments"
          name="comments"
          rows="4"
          maxlength=${EVALUATION_COMMENTS_MAX}
          aria-describedby="comments-count"
          .value=${this.comments}
          @input=${(e: Event) => (this.comments = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        <p id="comments-count" class="muted">${EVALUATION_COMMENTS_MAX - this.comments.length} characters left</p>
        ${this.error ? html`<p class="error" role="alert" tabindex="-1">${this.error}</p>` : nothing}
        <div class="actions"><button class="primary" type="submit">Send the evaluation</button></div>
      </form>
    `;
  }
}
