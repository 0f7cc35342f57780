import { SlepDiagnostics } from './diagnostics.js';

customElements.define('slep-diagnostics', SlepDiagnostics);

declare global {
  interface HTMLElementTagNameMap {
    'slep-diagnostics': SlepDiagnostics;
  }
}
