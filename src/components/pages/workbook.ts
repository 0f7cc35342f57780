import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { launchContext } from '../../context.js';
import { SlepNavigateEvent } from '../../events/navigate.js';
import type { CourseModel } from '../../model/course.js';
import type { LaunchInfo } from '../../model/launch.js';
import { plainText } from '../questions/plain-text.js';
import { StoreController } from '../controllers/store-controller.js';
import { districtBanner, districtContacts } from './contacts.js';
import { sharedStyles } from '../styles/shared.js';
import { browserKey, defaultStorage, readRecord, writeRecord } from './browser-store.js';
import type { KeyValueStorage } from './browser-store.js';
import { EMPTY_NOTES, workbookDocument } from './workbook-document.js';
import type { WorkbookNotes } from './workbook-document.js';
import { pageStyles } from './styles.js';

/**
 * @summary The companion workbook: discussion questions for a school and agency team,
 * grouped by lesson, each with a notes field, and the MOU planning checklist with real
 * check boxes and a note each. Notes are kept in this browser per course and learner
 * (they are the team's working notes, not a record, and too large for SCORM 1.2's
 * resume data) and come back on every launch here. Printable, and downloadable as a
 * document with the team's notes.
 *
 * @event slep-navigate - "Back to the lesson" from a question reached from a lesson.
 */
export class SlepWorkbook extends LitElement {
  static override styles = [
    sharedStyles,
    pageStyles,
    css`
      textarea,
      input[type='text'] {
        font: inherit;
        width: 100%;
        box-sizing: border-box;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.4rem 0.5rem;
      }
      .panel:focus {
        outline: 3px solid var(--_focus);
      }
      .checklist {
        list-style: none;
        padding: 0;
      }
      .checklist li {
        margin: 0 0 1rem;
      }
      .checklist label.tick {
        display: flex;
        gap: 0.5rem;
        align-items: flex-start;
      }
      .checklist input[type='checkbox'] {
        width: 1.25rem;
        height: 1.25rem;
        margin-top: 0.2rem;
        flex: none;
      }
      .print-only {
        display: none;
      }
      @media print {
        textarea,
        input[type='text'] {
          display: none;
        }
        .print-only {
          display: block;
          white-space: pre-wrap;
          border-left: 3px solid var(--_border);
          padding-left: 0.5rem;
          min-height: 4rem;
        }
      }
    `,
  ];

  private readonly store = new StoreController(this);

  @consume({ context: launchContext, subscribe: true })
  @state()
  private launch?: LaunchInfo;

  /** The team's notes, as kept in this browser. */
  @state() private notes: WorkbookNotes = EMPTY_NOTES;
  /** The question reached from a lesson: it offers the way back. */
  @state() private returnTo = '';
  /** Set when the browser refuses to keep notes. */
  @state() private storageFailed = false;

  /** Browser storage for the notes (tests inject one). */
  storage: KeyValueStorage | null = defaultStorage();
  private loadedKey = '';

  /** Moves focus to the page heading (after navigation). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  /** Brings one question into view and focuses it (coming from its lesson), with a way back. */
  focusTarget(questionId: string): boolean {
    if (!this.store.store?.course.workbook.questions.some((q) => q.id === questionId)) return false;
    this.returnTo = questionId;
    void this.updateComplete.then(() => {
      const panel = this.renderRoot.querySelector<HTMLElement>(`#workbook-${CSS.escape(questionId)}`);
      panel?.scrollIntoView?.({ block: 'start' });
      panel?.focus();
    });
    return true;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const course = this.store.store?.course;
    if (!course) return;
    const key = this.key(course);
    if (key !== this.loadedKey) {
      this.loadedKey = key;
      this.notes = readRecord(this.storage, key, EMPTY_NOTES);
    }
  }

  private key(course: CourseModel): string {
    return browserKey({ courseId: course.id, kind: this.launch?.kind ?? 'local', learnerId: this.launch?.learnerId ?? '', record: 'workbook' });
  }

  private save(notes: WorkbookNotes): void {
    this.notes = notes;
    const course = this.store.store?.course;
    if (course) this.storageFailed = !writeRecord(this.storage, this.key(course), notes);
  }

  private handleQuestionNote(id: string, event: Event): void {
    const value = (event.target as HTMLTextAreaElement).value;
    this.save({ ...this.notes, questions: { ...this.notes.questions, [id]: value } });
  }

  private handleChecklist(index: number, patch: Partial<{ done: boolean; note: string }>): void {
    const key = String(index);
    const old = this.notes.checklist[key] ?? { done: false, note: '' };
    this.save({ ...this.notes, checklist: { ...this.notes.checklist, [key]: { ...old, ...patch } } });
  }

  private handleBack(lessonId: string, questionId: string): void {
    this.dispatchEvent(new SlepNavigateEvent(lessonId, questionId));
  }

  /** Makes the document on the click, so it holds the notes as they are now; the link's own default action downloads it. */
  private handleDownload(event: Event): void {
    const course = this.store.store?.course;
    const link = event.currentTarget as HTMLAnchorElement;
    if (!course) return;
    const blob = new Blob([workbookDocument({ course, notes: this.notes, date: new Date() })], { type: 'text/html' });
    if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(blob);
  }

  private handlePrint(): void {
    window.print();
  }

  override render() {
    const course = this.store.store?.course;
    if (!course) return nothing;
    const { workbook } = course;
    const inLms = (this.launch?.kind ?? 'local') !== 'local';
    let number = 0;
    return html`
      ${districtBanner(course.district)}
      <h1 tabindex="-1">Companion workbook</h1>
      ${unsafeHTML(workbook.introHtml)}
      ${districtContacts(course.district, { headingId: 'workbook-contacts', level: 2 })}
      <p class="panel no-print" id="notes-notice">
        Your team's notes and ticks are kept in this browser on this device${inLms ? ', not in your learning system (it has no room for them)' : ''}. They
        come back when you open the course here again. To share them or keep them elsewhere, download them.
        ${this.storageFailed ? html`<strong>This browser is not keeping your notes right now: download them before you close the course.</strong>` : nothing}
      </p>
      <div class="actions no-print">
        <a class="button" href="#" download="${course.slug}-workbook.html" @click=${this.handleDownload}>Download the workbook with your notes</a>
        <button @click=${this.handlePrint}>Print the workbook</button>
      </div>
      ${course.lessons.map((lesson) => {
        const questions = workbook.questions.filter((q) => q.lesson === lesson.id);
        if (!questions.length) return nothing;
        return html`<section aria-labelledby="wb-${lesson.id}">
          <h2 id="wb-${lesson.id}">${lesson.title}</h2>
          ${questions.map((q) => {
            number += 1;
            const note = this.notes.questions[q.id] ?? '';
            return html`<div class="panel" id="workbook-${q.id}" tabindex="-1">
              <p><strong>${number}. ${unsafeHTML(q.questionHtml)}</strong></p>
              <ul>
                ${q.prompts.map((p) => html`<li>${p}</li>`)}
              </ul>
              <label for="note-${q.id}">Your team's notes<span class="visually-hidden"> on question ${number}</span></label>
              <textarea id="note-${q.id}" rows="4" aria-describedby="notes-notice" .value=${note} @input=${(e: Event) => this.handleQuestionNote(q.id, e)}></textarea>
              <div class="print-only">${note}</div>
              ${this.returnTo === q.id
                ? html`<p class="no-print"><button @click=${() => this.handleBack(lesson.id, q.id)}>Back to the lesson: ${lesson.title}</button></p>`
                : nothing}
            </div>`;
          })}
        </section>`;
      })}
      <section aria-labelledby="checklist">
        <h2 id="checklist">${workbook.checklist.title}</h2>
        ${unsafeHTML(workbook.checklist.introHtml)}
        <ul class="checklist">
          ${workbook.checklist.items.map((entry, i) => {
            const mine = this.notes.checklist[String(i)] ?? { done: false, note: '' };
            const text = plainText(entry.html);
            return html`<li>
              <label class="tick">
                <input type="checkbox" .checked=${mine.done} @change=${(e: Event) => this.handleChecklist(i, { done: (e.target as HTMLInputElement).checked })} />
                <span>${unsafeHTML(entry.html)} <span class="muted">(${unsafeHTML(entry.sourceHtml)})</span></span>
              </label>
              <label for="check-note-${i}">Note<span class="visually-hidden"> on: ${text}</span> (where your MOU covers it)</label>
              <input
                type="text"
                id="check-note-${i}"
                .value=${mine.note}
                @input=${(e: Event) => this.handleChecklist(i, { note: (e.target as HTMLInputElement).value })}
              />
              <div class="print-only">${mine.note}</div>
            </li>`;
          })}
        </ul>
      </section>
    `;
  }
}
