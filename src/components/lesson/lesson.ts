import { html, LitElement, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { SlepNavigateEvent } from '../../events/navigate.js';
import type { Block, CourseModel, Lesson } from '../../model/course.js';
import { PAGES } from '../../state/attempt.js';
import { StoreController } from '../controllers/store-controller.js';
import { sharedStyles } from '../styles/shared.js';
import { lessonStyles } from './styles.js';

/**
 * @summary One lesson page: objectives, teaching text, scenarios, knowledge checks,
 * discussion prompts, the key takeaway and sources. Lesson HTML was rendered and
 * checked at build time.
 *
 * @event slep-navigate - When the learner follows a discussion prompt to the workbook.
 * @event slep-answer - Re-emitted from knowledge checks (composed, from `slep-question`).
 */
export class SlepLesson extends LitElement {
  static override styles = [sharedStyles, lessonStyles];

  private readonly store = new StoreController(this);

  /** The lesson id to show. */
  @property({ attribute: 'lesson-id' }) lessonId = '';

  /** Moves focus to the lesson heading (after navigation), for keyboard and screen-reader users. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private handleWorkbook(event: Event): void {
    event.preventDefault();
    this.dispatchEvent(new SlepNavigateEvent(PAGES.workbook));
  }

  override render() {
    const course = this.store.store?.course;
    const lesson = course?.lessons.find((l) => l.id === this.lessonId);
    if (!course || !lesson) return nothing;
    return html`
      <article aria-labelledby="title">
        <h1 id="title" tabindex="-1">${lesson.title}</h1>
        <p class="meta">About ${lesson.minutes} minutes</p>
        ${lesson.objectives.length
          ? html`<section class="objectives" aria-labelledby="objectives-title">
              <h2 id="objectives-title" class="block-title">In this lesson you will</h2>
              <ul>
                ${lesson.objectives.map((o) => html`<li>${o}</li>`)}
              </ul>
            </section>`
          : nothing}
        ${lesson.blocks.map((block, i) => this.renderBlock(course, lesson, block, i))}
      </article>
    `;
  }

  private renderBlock(course: CourseModel, lesson: Lesson, block: Block, index: number): TemplateResult | typeof nothing {
    const id = `${lesson.id}-b${index}`;
    switch (block.kind) {
      case 'prose':
        return html`<div class="prose">${unsafeHTML(block.html)}</div>`;
      case 'callout':
        return html`<aside class="callout" aria-labelledby=${id}>
          <h2 class="block-title" id=${id}>${block.title}</h2>
          ${unsafeHTML(block.html)}
        </aside>`;
      case 'scenario':
        return html`<section class="block scenario" aria-labelledby=${id}>
          <h2 class="block-title" id=${id}><span class="visually-hidden">Scenario: </span>${block.title}</h2>
          ${unsafeHTML(block.html)}
        </section>`;
      case 'takeaway':
        return html`<aside class="takeaway" aria-labelledby=${id}>
          <h2 class="block-title" id=${id}>Key takeaway</h2>
          ${unsafeHTML(block.html)}
        </aside>`;
      case 'check': {
        const item = course.checks.find((i) => i.id === block.itemId);
        if (!item) return nothing;
        // Each check region needs its own name (axe landmark-unique): number them when a lesson has several.
        const checks = lesson.blocks.filter((b) => b.kind === 'check');
        const n = checks.indexOf(block) + 1;
        return html`<section class="block check" aria-labelledby=${id}>
          <h2 class="block-title" id=${id}>Knowledge check${checks.length > 1 ? ` ${n} of ${checks.length}` : ''}</h2>
          <slep-question .item=${item} .response=${this.store.state?.checks[item.id] ?? []} mode="check"></slep-question>
        </section>`;
      }
      case 'discussion': {
        const q = course.workbook.questions.find((x) => x.id === block.questionId);
        if (!q) return nothing;
        return html`<section class="block discussion" aria-labelledby=${id}>
          <h2 class="block-title" id=${id}>Discuss with your team</h2>
          <p>${unsafeHTML(q.questionHtml)}</p>
          <p><a href="#workbook" @click=${this.handleWorkbook}>Open the companion workbook</a> for follow-up prompts.</p>
        </section>`;
      }
      case 'diagram':
        // The SVG is role="img", named by its own <title> and <desc>; the words are also one click away for everyone.
        return html`<figure class="diagram">
          ${unsafeHTML(block.svg)}
          ${block.captionHtml ? html`<figcaption>${unsafeHTML(block.captionHtml)}</figcaption>` : nothing}
          <details class="in-words">
            <summary>This diagram in words</summary>
            <p>${block.description}</p>
          </details>
        </figure>`;
      case 'sources':
        return html`<section class="sources" aria-labelledby=${id}>
          <h2 class="block-title" id=${id}>Sources</h2>
          ${unsafeHTML(block.html)}
        </section>`;
    }
  }
}
