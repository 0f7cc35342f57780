import { html, LitElement, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Resource } from '../../model/course.js';
import { StoreController } from '../controllers/store-controller.js';
import { sharedStyles } from '../styles/shared.js';
import { pageStyles } from './styles.js';

/** @summary Additional resources: those of the original training, a district's own (when it adds some), then the primary sources the course cites. */
export class SlepResources extends LitElement {
  static override styles = [sharedStyles, pageStyles];

  private readonly store = new StoreController(this);

  override render() {
    const course = this.store.store?.course;
    if (!course) return nothing;
    const list = (items: readonly Resource[]): TemplateResult => html`<ul class="plain">
      ${items.map(
        (r) => html`<li>
          <a href=${r.url} target="_blank" rel="noopener noreferrer">${r.title}<span class="visually-hidden"> (opens in a new tab)</span></a>
          <span class="muted">— ${r.publisher}</span><br />${unsafeHTML(r.descriptionHtml)}
        </li>`,
      )}
    </ul>`;
    return html`
      <h1 tabindex="-1">Additional resources</h1>
      <h2>Recommended resources</h2>
      ${list(course.resources.filter((r) => r.group === 'original'))}
      ${course.resources.some((r) => r.group === 'local')
        ? html`<h2>Local resources and policies${course.district ? ` (${course.district.name})` : ''}</h2>
            ${list(course.resources.filter((r) => r.group === 'local'))}`
        : nothing}
      <h2>Sources cited in this course</h2>
      ${list(course.resources.filter((r) => r.group === 'source'))}
    `;
  }
}
