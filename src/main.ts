import course from 'virtual:slep-course';
import { startCourse } from './app.js';
import { isPackageKind } from './packages.js';

const root = document.getElementById('app') ?? document.body;
const declared = document.documentElement.dataset.package;
const kind = isPackageKind(declared) ? declared : 'web';

startCourse({ course, root, kind }).catch((error: unknown) => {
  console.error('[slep] The course could not start.', error);
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = 'Sorry, the course could not start. Reload the page; if this keeps happening, tell your learning system administrator.';
  root.replaceChildren(message);
});
