import '../questions/define.js';
import { SlepAssessment } from './assessment.js';

customElements.define('slep-assessment', SlepAssessment);

declare global {
  interface HTMLElementTagNameMap {
    'slep-assessment': SlepAssessment;
  }
}
