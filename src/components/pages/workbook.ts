import { html, LitElement, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { StoreController } from '../controllers/store-controller.js';
import { sharedStyles } from '../styles/shared.js';
import { pageStyles } from './styles.js';

/**
 * @summary The companion workbook: discussion questions for a school and agency team,
 * grouped by lesson, and the MOU planning checklist. Printable.
 */
export class SlepWorkbook extends LitElement {
  static override styles = [sharedStyles, pageStyles];

  private readonly store = new StoreController(this);

  private handlePrint(): void {
    window.print();
  }

  override render() {
    const course = this.store.store?.course;
    if (!course) return nothing;
    const { workbook } = course;
    return html`
      <h1 tabindex="-1">Companion workbook</h1>
      ${unsafeHTML(workbook.introHtml)}
      <div class="actions no-print"><button @click=${this.handlePrint}>Print the workbook</button></div>
      ${course.lessons.map((lesson) => {
        const questions = workbook.questions.filter((q) => q.lesson === lesson.id);
        if (!questions.length) return nothing;
        return html`<section aria-labelledby="wb-${lesson.id}">
          <h2 id="wb-${lesson.id}">${lesson.title}</h2>
          ${questions.map(
            (q) => html`<div class="panel">
              <p><strong>${unsafeHTML(q.questionHtml)}</strong></p>
              <ul>
                ${q.prompts.map((p) => html`<li>${p}</li>`)}
              </ul>
            </div>`,
          )}
        </section>`;
      })}
      <section aria-labelledby="checklist">
        <h2 id="checklist">${workbook.checklist.title}</h2>
        ${unsafeHTML(workbook.checklist.introHtml)}
        <ul>
          ${workbook.checklist.items.map((i) => html`<li>${unsafeHTML(i.html)} <span class="muted">(${i.source})</span></li>`)}
        </ul>
      </section>
    `;
  }
}
