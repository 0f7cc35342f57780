import course from 'virtual:slep-course';
import { startCourse } from './app.js';
import type { TrackingKind } from './app.js';

const root = document.getElementById('app') ?? document.body;
const tracking: TrackingKind = document.documentElement.dataset.tracking === 'scorm12' ? 'scorm12' : 'local';

startCourse({ course, root, tracking }).catch((error: unknown) => {
  console.error('[slep] The course could not start.', error);
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = 'Sorry, the course could not start. Reload the page; if this keeps happening, tell your learning system administrator.';
  root.replaceChildren(message);
});
