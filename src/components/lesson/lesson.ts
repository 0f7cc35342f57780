import { html, LitElement, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { SlepLessonEndEvent } from '../../events/lesson-end.js';
import { SlepNavigateEvent } from '../../events/navigate.js';
import type { Block, CourseModel, Lesson } from '../../model/course.js';
import { checkOrder, PAGES } from '../../state/attempt.js';
import { StoreController } from '../controllers/store-controller.js';
import { sharedStyles } from '../styles/shared.js';
import { lessonStyles } from './styles.js';

/**
 * @summary One lesson page: objectives, teaching text, scenarios, knowledge checks,
 * discussion prompts, the key takeaway and sources. Lesson HTML was rendered and
 * checked at build time.
 *
 * Knowledge checks show their options in the learner's own shuffled order (the
 * state's `seed`), the same on every resume.
 *
 * @event slep-navigate - When the learner follows a discussion prompt to its question in the workbook.
 * @event slep-answer - Re-emitted from knowledge checks (composed, from `slep-question`).
 * @event slep-lesson-end - When the end of the lesson comes into view.
 */
export class SlepLesson extends LitElement {
  static override styles = [sharedStyles, lessonStyles];

  private readonly store = new StoreController(this);

  /** The lesson id to show. */
  @property({ attribute: 'lesson-id' }) lessonId = '';

  private observer: IntersectionObserver | undefined;
  private observed: Element | null = null;

  /** Moves focus to the lesson heading (after navigation), for keyboard and screen-reader users. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  /** Focuses a discussion block by its workbook question id (coming back from the workbook). */
  focusTarget(id: string): boolean {
    const block = this.renderRoot.querySelector<HTMLElement>(`#discussion-${CSS.escape(id)}`);
    if (!block) return false;
    block.scrollIntoView?.({ block: 'start' });
    block.focus();
    return true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = undefined;
    this.observed = null;
  }

  protected override updated(): void {
    // The lesson's end: its last block in view counts as read to the end.
    const end = this.renderRoot.querySelector('.lesson-end');
    if (end === this.observed || typeof IntersectionObserver === 'undefined') return;
    this.observer?.disconnect();
    this.observed = end;
    if (!end) return;
    const lessonId = this.lessonId;
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.dispatchEvent(new SlepLessonEndEvent(lessonId));
    });
    this.observer.observe(end);
  }

  private handleWorkbook(event: Event, questionId: string): void {
    event.preventDefault();
    this.dispatchEvent(new SlepNavigateEvent(PAGES.workbook, questionId));
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
        <div class="lesson-end" aria-hidden="true"></div>
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
        // Each region gets its own name (axe landmark-unique): "Knowledge check 2 of 3".
        const { n, of } = countOf(lesson, index, 'check');
        return html`<section class="block check" aria-labelledby=${id}>
          <h2 class="block-title" id=${id}>Knowledge check${of > 1 ? ` ${n} of ${of}` : ''}</h2>
          <slep-question .item=${item} .response=${this.store.state?.checks[item.id] ?? []} .order=${checkOrder(item, this.store.state?.seed ?? 0)} mode="check"></slep-question>
        </section>`;
      }
      case 'discussion': {
        const q = course.workbook.questions.find((x) => x.id === block.questionId);
        if (!q) return nothing;
        const { n, of } = countOf(lesson, index, 'discussion');
        return html`<section class="block discussion" id="discussion-${q.id}" tabindex="-1" aria-labelledby=${id}>
          <h2 class="block-title" id=${id}>Discuss with your team${of > 1 ? ` (${n} of ${of})` : ''}</h2>
          <p>${unsafeHTML(q.questionHtml)}</p>
          <p>
            <a href="#workbook-${q.id}" @click=${(e: Event) => this.handleWorkbook(e, q.id)}>Write your team's notes in the workbook</a>, with
            follow-up prompts and a way back to this lesson.
          </p>
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

/** The position of the block at `index` among the lesson's blocks of its kind. */
function countOf(lesson: Lesson, index: number, kind: Block['kind']): { n: number; of: number } {
  const all = lesson.blocks.flatMap((b, i) => (b.kind === kind ? [i] : []));
  return { n: all.indexOf(index) + 1, of: all.length };
}
