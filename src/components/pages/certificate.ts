import { consume } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { css } from 'lit';
import { launchContext } from '../../context.js';
import { isComplete } from '../../state/attempt.js';
import type { LaunchInfo } from '../../model/launch.js';
import { StoreController } from '../controllers/store-controller.js';
import { sharedStyles } from '../styles/shared.js';
import { pageStyles } from './styles.js';

/**
 * @summary A printable certificate of completion: learner, course, version, date,
 * score and time recorded. Shown once the course is complete and the assessment passed.
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
      }
      .certificate .name {
        font-size: 1.6rem;
        font-weight: 700;
      }
      dl {
        display: grid;
        grid-template-columns: max-content auto;
        gap: 0.25rem 1rem;
        justify-content: center;
        text-align: left;
      }
      dt {
        font-weight: 600;
      }
    `,
  ];

  private readonly store = new StoreController(this);

  @consume({ context: launchContext, subscribe: true })
  launch?: LaunchInfo;

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
    const date = new Date(state.completedAt ?? state.assessment.submittedAt ?? Date.now());
    const name = formatName(this.launch?.learnerName ?? '');
    return html`
      <h1 tabindex="-1">Certificate of completion</h1>
      <div class="certificate" role="group" aria-label="Certificate">
        <p>This certifies that</p>
        <p class="name">${name || 'the learner named by the learning system'}</p>
        <p>has completed</p>
        <p class="name">${course.title}</p>
        <dl>
          <dt>Completed</dt>
          <dd>${date.toLocaleDateString(course.language, { year: 'numeric', month: 'long', day: 'numeric' })}</dd>
          <dt>Assessment score</dt>
          <dd>${Math.round((state.assessment.bestScore ?? 0) * 100)}% (pass mark ${Math.round((this.launch?.masteryScore ?? course.masteryScore) * 100)}%)</dd>
          <dt>Credit</dt>
          <dd>${course.creditHours} hours (estimated ${course.minutes} minutes)</dd>
          <dt>Course version</dt>
          <dd>${course.version}</dd>
        </dl>
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
