import { consume } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { launchContext } from '../../context.js';
import { SlepNavigateEvent } from '../../events/navigate.js';
import type { LaunchInfo } from '../../model/launch.js';
import { StoreController } from '../controllers/store-controller.js';
import { sharedStyles } from '../styles/shared.js';
import { pageStyles } from './styles.js';

/**
 * @summary The welcome page: what the course is, its outcomes, time, the notice, and Start.
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
    return html`
      <h1 tabindex="-1">${course.title}</h1>
      <p>${course.description}</p>
      <p class="muted">About ${course.minutes} minutes · ${course.lessons.length} lessons · a scored assessment (pass mark ${Math.round((this.launch?.masteryScore ?? course.masteryScore) * 100)}%)</p>
      <h2>By the end of this course you will be able to</h2>
      <ol>
        ${course.outcomes.map((o) => html`<li>${o.text}</li>`)}
      </ol>
      <section class="panel" aria-label="Notice">${unsafeHTML(course.noticeHtml)}</section>
      <p>You can stop at any time: your place and your answers are kept.</p>
      <div class="actions"><button class="primary" @click=${this.handleStart}>Start the course</button></div>
    `;
  }
}
