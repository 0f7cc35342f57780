import { consume } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { launchContext } from '../../context.js';
import { SlepNavigateEvent } from '../../events/navigate.js';
import type { LaunchInfo } from '../../model/launch.js';
import { StoreController } from '../controllers/store-controller.js';
import { districtBanner, districtContacts } from './contacts.js';
import { sharedStyles } from '../styles/shared.js';
import { pageStyles } from './styles.js';

const MONTHS_EN_US = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-12-15` → "December 15, 2026" in the course language (UTC, so the date never shifts by time zone). */
export function formatDate(iso: string, language: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  // US English without Intl: its first use loads locale data, which was the costliest single
  // step of the first screen on a slow laptop (about 30 ms, 120 ms at 4x CPU slowdown).
  if (/^en(-US)?$/i.test(language)) return `${MONTHS_EN_US[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
  return date.toLocaleDateString(language, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

/**
 * @summary The welcome page: at a glance the time, lessons, assessment and certificate; the
 * outcomes; what the learner takes away; the scope; the notice; the revision date and review
 * cycle, the attribution; and Start. A district build adds its name, logo and local contacts.
 * @event slep-navigate - When the learner starts (goes to the first lesson).
 */
export class SlepWelcome extends LitElement {
  static override styles = [sharedStyles, pageStyles];

  private readonly store = new StoreController(this);

  /** The pass mark in force (the LMS's where it sends one). */
  @consume({ context: launchContext, subscribe: true })
  launch?: LaunchInfo;

  private handleStart(): void {
    const first = this.store.store?.course.lessons[0];
    if (first) this.dispatchEvent(new SlepNavigateEvent(first.id));
  }

  override render() {
    const course = this.store.store?.course;
    if (!course) return nothing;
    const pass = Math.round((this.launch?.masteryScore ?? course.masteryScore) * 100);
    return html`
      <div class="hero">
        ${districtBanner(course.district)}
        <p class="kicker">Self-paced course</p>
        <h1 tabindex="-1">${course.title}</h1>
        <p>${course.description}</p>
        <ul class="glance" aria-label="At a glance">
          <li><strong>About ${course.minutes} min</strong><span>stop and resume any time</span></li>
          <li><strong>${course.lessons.length} short lessons</strong><span>with scenarios and checks</span></li>
          <li><strong>1 assessment</strong><span>pass mark ${pass}%</span></li>
          <li><strong>${course.creditHours} credit hours</strong><span>and a certificate</span></li>
        </ul>
      </div>
      <h2>By the end you will be able to</h2>
      <ol class="outcomes">
        ${course.outcomes.map((o) => html`<li>${o.text}</li>`)}
      </ol>
      <h2>What you will get</h2>
      <ul class="gets">
        <li><strong>Scenarios and diagrams</strong> from schools and agencies like yours, with feedback on every check.</li>
        <li><strong>A companion workbook</strong> of discussion questions and an MOU checklist for your school and agency team.</li>
        <li><strong>Resources</strong> to read next, and <strong>a printable certificate</strong> once you pass.</li>
      </ul>
      <h2>What this course covers, and what it does not</h2>
      ${unsafeHTML(course.scopeHtml)}
      <section class="panel notice" aria-label="Notice">${unsafeHTML(course.noticeHtml)}</section>
      ${districtContacts(course.district, { headingId: 'welcome-contacts', level: 2 })}
      <p>You can stop at any time: your place and your answers are kept.</p>
      <div class="actions"><button class="primary" @click=${this.handleStart}>Start the course</button></div>
      <h2>About this course</h2>
      <p class="revision">Content last reviewed <time datetime=${course.revision}>${formatDate(course.revision, course.language)}</time> (version ${course.version}). ${course.reviewCycle}</p>
      <div class="attribution">${unsafeHTML(course.attributionHtml)}</div>
    `;
  }
}
