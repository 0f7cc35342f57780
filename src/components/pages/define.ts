import './welcome-define.js';
import { SlepCertificate } from './certificate.js';
import { SlepEvaluation } from './evaluation.js';
import { SlepResources } from './resources.js';
import { SlepWorkbook } from './workbook.js';

customElements.define('slep-workbook', SlepWorkbook);
customElements.define('slep-resources', SlepResources);
customElements.define('slep-evaluation', SlepEvaluation);
customElements.define('slep-certificate', SlepCertificate);

declare global {
  interface HTMLElementTagNameMap {
    'slep-workbook': SlepWorkbook;
    'slep-resources': SlepResources;
    'slep-evaluation': SlepEvaluation;
    'slep-certificate': SlepCertificate;
  }
}
