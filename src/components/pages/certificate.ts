import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { launchContext } from '../../context.js';
import type { CourseModel } from '../../model/course.js';
import type { LaunchInfo } from '../../model/launch.js';
import { verificationCode } from '../../model/verification.js';
import { isComplete } from '../../state/attempt.js';
import { StoreController } from '../controllers/store-controller.js';
import { sharedStyles } from '../styles/shared.js';
import { browserKey, defaultStorage, readRecord, writeRecord } from './browser-store.js';
import type { KeyValueStorage } from './browser-store.js';
import { pageStyles } from './styles.js';

/** What the learner types for the certificate (kept in this browser only, used on the certificate only). */
export interface CertificateDetails {
  readonly name: string;
  readonly license: string;
  readonly agency: string;
}

const NO_DETAILS: CertificateDetails = { name: '', license: '', agency: '' };

/**
 * @summary A printable, one-page certificate of completion: learner (from the LMS, or
 * typed where no LMS gives a name, with an optional officer license / POST number and
 * agency), course title, version and revision date, completion date, score, time spent,
 * credit hours, issuing organization, a signature line and a verification line (course
 * id, attempt or registration id, and a code derived from them; see src/model/verification.ts).
 * Shown once the course is complete and the assessment passed.
 */
export class SlepCertificate extends LitElement {
  static override styles = [
    sharedStyles,
    pageStyles,
    css`
      .certificate {
        border: 6px double var(--_accent);
        padding: 2rem;
        text-align: center;
        margin: 1rem 0;
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
      }
      .certificate p {
        margin: 0.25rem 0;
      }
      .certificate .name {
        font-size: 1.6rem;
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .certificate .blank {
        display: inline-block;
        min-width: min(20rem, 80%);
        border-bottom: 1px solid var(--_ink);
      }
      dl {
        display: grid;
        grid-template-columns: max-content auto;
        gap: 0.25rem 1rem;
        justify-content: center;
        text-align: left;
        margin: 1rem 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
      .signature {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-around;
        gap: 1.5rem;
        margin-top: 2rem;
      }
      .certificate .logo {
        align-self: center;
        height: 4rem;
        width: auto;
      }
      .signature span {
        display: block;
        min-width: 14rem;
        border-top: 1px solid var(--_ink);
        padding-top: 0.25rem;
        font-size: 0.9rem;
      }
      .verify {
        font-size: 0.85rem;
        color: var(--_muted);
        overflow-wrap: anywhere;
      }
      form {
        display: grid;
        gap: 0.75rem;
        max-width: 30rem;
      }
      form label {
        display: grid;
        gap: 0.25rem;
        font-weight: 600;
      }
      form input {
        font: inherit;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.4rem 0.5rem;
      }
      .print-title {
        display: none;
      }
      @media print {
        .print-title {
          display: block;
          font-size: 1.8rem;
          font-weight: 700;
        }
        h1,
        form,
        .details-note {
          display: none;
        }
        /* One page, all of it: the frame fills the printed page's height. */
        .certificate {
          box-sizing: border-box;
          min-height: 95vh;
          margin: 0;
          justify-content: space-between;
          break-inside: avoid;
          font-size: 1.1rem;
        }
        .certificate .name {
          font-size: 2rem;
        }
      }
    `,
  ];

  private readonly store = new StoreController(this);

  @consume({ context: launchContext, subscribe: true })
  @state()
  launch?: LaunchInfo;

  @state() private details: CertificateDetails = NO_DETAILS;
  @state() private code = '';

  /** Browser storage for the typed details (tests inject one). */
  storage: KeyValueStorage | null = defaultStorage();
  private loadedKey = '';
  private codeFor = '';

  /** Moves focus to the page heading (after navigation). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const store = this.store.store;
    if (!store) return;
    const key = this.key(store.course);
    if (key !== this.loadedKey) {
      this.loadedKey = key;
      this.details = readRecord(this.storage, key, NO_DETAILS);
    }
    const input = { courseId: store.course.id, version: store.course.version, attemptId: this.attemptId() };
    const wanted = JSON.stringify(input);
    if (wanted !== this.codeFor) {
      this.codeFor = wanted;
      void verificationCode(input).then((code) => {
        if (this.codeFor === wanted) this.code = code;
      });
    }
  }

  private key(course: CourseModel): string {
    return browserKey({ courseId: course.id, kind: this.launch?.kind ?? 'local', learnerId: this.launch?.learnerId ?? '', record: 'certificate' });
  }

  /** The LMS's registration where it has one, else the attempt id this course made at first launch. */
  private attemptId(): string {
    return this.launch?.registration || this.store.state?.attemptId || '';
  }

  private handleInput(field: keyof CertificateDetails, event: Event): void {
    this.details = { ...this.details, [field]: (event.target as HTMLInputElement).value };
    const course = this.store.store?.course;
    if (course) writeRecord(this.storage, this.key(course), this.details);
  }

  private handlePrint(): void {
    window.print();
  }

  override render() {
    const store = this.store.store;
    if (!store) return nothing;
    const { course, state } = store;
    const earned = isComplete(course, state) && state.assessment.passed;
    if (!earned) {
      return html`<h1 tabindex="-1">Certificate</h1>
        <p>Your certificate appears here once you have opened every lesson and passed the assessment.</p>`;
    }
    const lmsName = formatName(this.launch?.learnerName ?? '');
    const name = lmsName || this.details.name.trim();
    const date = new Date(state.completedAt ?? state.assessment.submittedAt ?? Date.now());
    const longDate = (d: Date) => d.toLocaleDateString(course.language, { year: 'numeric', month: 'long', day: 'numeric' });
    const revision = revisionDate(course);
    const signature = course.district?.signature;
    const seconds = (this.launch?.priorSeconds ?? 0) + Math.max(0, (Date.now() - (this.launch?.sessionStart ?? Date.now())) / 1000);
    return html`
      <h1 tabindex="-1">Certificate of completion</h1>
      <form class="no-print" @submit=${(e: Event) => e.preventDefault()} aria-labelledby="details-title">
        <h2 id="details-title">Details for your certificate</h2>
        <p class="details-note muted">
          ${lmsName ? 'Your name comes from your learning system. ' : ''}What you type here is used on this certificate only and kept in this browser on this
          device; it is not sent anywhere.
        </p>
        ${lmsName
          ? nothing
          : html`<label>Your name <input name="name" autocomplete="name" .value=${this.details.name} @input=${(e: Event) => this.handleInput('name', e)} /></label>`}
        <label
          >Officer license or POST number (optional)
          <input name="license" .value=${this.details.license} @input=${(e: Event) => this.handleInput('license', e)}
        /></label>
        <label
          >Agency or school (optional)
          <input name="agency" autocomplete="organization" .value=${this.details.agency} @input=${(e: Event) => this.handleInput('agency', e)}
        /></label>
      </form>
      <div class="certificate" role="group" aria-label="Certificate">
        ${course.district?.logo ? html`<img class="logo" src=${course.district.logo.src} alt="" width=${course.district.logo.width} height=${course.district.logo.height} />` : nothing}
        <p class="muted">${course.issuer}</p>
        <p class="print-title">Certificate of completion</p>
        <p>This certifies that</p>
        <p class="name">${name || html`<span class="blank" aria-label="Name not entered"></span>`}</p>
        ${this.details.license.trim() ? html`<p>License / POST number: ${this.details.license.trim()}</p>` : nothing}
        ${this.details.agency.trim() ? html`<p>${this.details.agency.trim()}</p>` : nothing}
        <p>has completed</p>
        <p class="name">${course.title}</p>
        <dl>
          <dt>Completed</dt>
          <dd>${longDate(date)}</dd>
          <dt>Assessment score</dt>
          <dd>${Math.round((state.assessment.bestScore ?? 0) * 100)}% (pass mark ${Math.round((this.launch?.masteryScore ?? course.masteryScore) * 100)}%)</dd>
          <dt>Time spent</dt>
          <dd>${duration(seconds)}</dd>
          <dt>Credit hours</dt>
          <dd>${course.creditHours}</dd>
          <dt>Course version</dt>
          <dd>${course.version}${revision ? `, revised ${longDate(new Date(`${revision}T12:00:00Z`))}` : ''}</dd>
          <dt>Issued by</dt>
          <dd>${course.issuer}</dd>
        </dl>
        <div class="signature">
          <span>${signature ? html`${signature.name}<br />${signature.title}` : 'Signature of training coordinator'}</span>
          <span>Date</span>
        </div>
        <p class="verify">
          Verification: course ${course.id} · attempt ${this.attemptId() || 'not recorded'} · code <strong>${this.code || '…'}</strong>
        </p>
        <p class="muted">The official record of completion, score and time is the one held by your learning system.</p>
      </div>
      <div class="actions"><button class="primary" @click=${this.handlePrint}>Print the certificate</button></div>
    `;
  }
}

/** SCORM 1.2 gives "Last, First"; a certificate reads "First Last". */
export function formatName(name: string): string {
  const parts = name.split(',').map((p) => p.trim()).filter(Boolean);
  return parts.length === 2 ? `${parts[1]} ${parts[0]}` : name.trim();
}

/** The course's revision date (YYYY-MM-DD) where course.yaml gives one (`revision: 2025-01-15`, or `revision: { date: … }`). */
export function revisionDate(course: CourseModel): string {
  const revision = (course as CourseModel & { revision?: unknown }).revision;
  const date = typeof revision === 'string' ? revision : revision && typeof revision === 'object' && 'date' in revision ? (revision as { date: unknown }).date : '';
  return typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : '';
}

/** "1 hour 5 minutes", "45 minutes". */
export function duration(seconds: number): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return h ? (m ? `${part(h, 'hour')} ${part(m, 'minute')}` : part(h, 'hour')) : part(m, 'minute');
}
