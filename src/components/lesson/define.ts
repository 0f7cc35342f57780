import '../questions/define.js';
import { SlepLesson } from './lesson.js';

customElements.define('slep-lesson', SlepLesson);

declare global {
  interface HTMLElementTagNameMap {
    'slep-lesson': SlepLesson;
  }
}
