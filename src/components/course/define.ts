import '../assessment/define.js';
import '../lesson/define.js';
import '../pages/define.js';
import { SlepCourse } from './course.js';

customElements.define('slep-course', SlepCourse);

declare global {
  interface HTMLElementTagNameMap {
    'slep-course': SlepCourse;
  }
}
