// Only the welcome page is part of the shell's script; the lesson, assessment and
// other pages are defined when first needed (components/lazy/page-gate.ts).
import '../pages/welcome-define.js';
import { SlepCourse } from './course.js';

customElements.define('slep-course', SlepCourse);

declare global {
  interface HTMLElementTagNameMap {
    'slep-course': SlepCourse;
  }
}
