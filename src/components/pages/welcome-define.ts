import { SlepWelcome } from './welcome.js';

// The welcome page ships in the entry script; the other pages load on demand (pages/define.ts).
customElements.define('slep-welcome', SlepWelcome);

declare global {
  interface HTMLElementTagNameMap {
    'slep-welcome': SlepWelcome;
  }
}
