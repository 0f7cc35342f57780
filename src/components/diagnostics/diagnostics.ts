import { css, html, LitElement, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { diagnosticsReport, diagnosticsRows } from '../../model/diagnostics.js';
import type { DiagnosticsFacts, DiagnosticsSource } from '../../model/diagnostics.js';

/**
 * @summary The diagnostics view for LMS administrators: which standard and connection
 * the course found, the launch (credentials masked), saving, pending statements and the
 * resume-data size against its limit, with a plain-text report to copy into a ticket.
 *
 * Opened by the app only with `?diagnostics` in the launch URL or Ctrl+Alt+Shift+D
 * (src/diagnostics/install.ts); learners never see it. It reads its facts from `source`
 * when it opens and on "Refresh", and fires no events: "Close" removes it.
 */
export class SlepDiagnostics extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font: 0.9375rem/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      color: #1b1f24;
      background: #fffbe6;
      border-bottom: 3px solid #8a4b00;
      padding: 0.75rem 1rem;
    }
    h2 { font-size: 1.2rem; margin: 0 0 0.25rem; }
    p { margin: 0 0 0.5rem; max-width: 48rem; }
    dl { display: grid; grid-template-columns: minmax(10rem, max-content) 1fr; gap: 0.125rem 1rem; margin: 0 0 0.75rem; }
    dt { font-weight: 600; }
    dd { margin: 0; overflow-wrap: anywhere; }
    label { display: block; font-weight: 600; }
    textarea { width: 100%; max-width: 48rem; box-sizing: border-box; font: 0.8125rem/1.4 ui-monospace, Consolas, monospace; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0; }
    button { font: inherit; padding: 0.375rem 0.875rem; border: 2px solid #08365f; border-radius: 4px; background: #fff; color: #08365f; cursor: pointer; }
    button:focus-visible { outline: 3px solid #08365f; outline-offset: 2px; }
    .primary { background: #08365f; color: #fff; }
  `;

  /** Where the facts come from (set by the app before the view is added). */
  source: DiagnosticsSource | null = null;

  @state() private facts: DiagnosticsFacts | null = null;
  @state() private copyMessage = '';
  @query('textarea') private reportField!: HTMLTextAreaElement | null;
  @query('h2') private heading!: HTMLElement | null;

  /** The plain-text report as shown and copied ('' before the facts are read). */
  get report(): string {
    return this.facts ? diagnosticsReport(this.facts) : '';
  }

  /** Reads the facts again. */
  refresh(): void {
    this.facts = this.source?.read() ?? null;
    this.copyMessage = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.refresh();
    void this.updateComplete.then(() => this.heading?.focus());
  }

  private async handleCopy(): Promise<void> {
    const text = this.report;
    try {
      await navigator.clipboard.writeText(text);
      this.copyMessage = 'Report copied. Paste it into your support ticket.';
      return;
    } catch {
      // Clipboard API refused (an LMS frame without clipboard-write permission, or plain HTTP).
    }
    const field = this.reportField;
    field?.focus();
    field?.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    this.copyMessage = copied ? 'Report copied. Paste it into your support ticket.' : 'Copying was blocked: the report text is selected below; press Ctrl+C (⌘C on a Mac) to copy it.';
  }

  private handleClose(): void {
    this.remove();
  }

  override render() {
    if (!this.facts) return html`<p>No diagnostics are available.</p>`;
    return html`<section aria-labelledby="diagnostics-heading">
      <h2 id="diagnostics-heading" tabindex="-1">Course diagnostics</h2>
      <p>For your learning system administrator. Nothing here is sent anywhere; copy the report into a support ticket. Credentials in the launch address are masked.</p>
      <dl>
        ${diagnosticsRows(this.facts).map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}
      </dl>
      <div class="actions">
        <button class="primary" type="button" @click=${this.handleCopy}>Copy report</button>
        <button type="button" @click=${this.refresh}>Refresh</button>
        <button type="button" @click=${this.handleClose}>Close diagnostics</button>
      </div>
      <p role="status">${this.copyMessage || nothing}</p>
      <label for="diagnostics-report">Report (plain text)</label>
      <textarea id="diagnostics-report" readonly rows="8" .value=${this.report}></textarea>
    </section>`;
  }
}
