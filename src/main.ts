import course from 'virtual:slep-course';
import './components/course/define.js';
import { isPackageKind, PLAYER } from './packages.js';
import { StateStore } from './state/store-core.js';

const root = document.getElementById('app') ?? document.body;
const declared = document.documentElement.dataset.package;
const kind = isPackageKind(declared) ? declared : 'web';

function cannotStart(error: unknown): void {
  console.error('[slep] The course could not start.', error);
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = 'Sorry, the course could not start. Reload the page; if this keeps happening, tell your learning system administrator.';
  root.replaceChildren(message);
}

/**
 * Resolves once the first frame has been painted; by timer in a hidden page, which paints
 * nothing (and within a second anyway: a page hidden while loading gets no frames).
 */
function afterFirstPaint(): Promise<void> {
  return new Promise((done) => {
    if (document.visibilityState === 'hidden') setTimeout(done, 0);
    else requestAnimationFrame(() => setTimeout(done, 0));
    setTimeout(done, 1000);
  });
}

// First content first: the shell shows the welcome page at once, `starting` (its controls
// wait, see SlepCourse.starting). The tracker, the resume codec, the assessment's skeleton
// and the LMS connection (src/start.ts, src/app.ts) are a chunk of their own, fetched once
// the welcome page is on screen, together with this package's driver chunk (in parallel,
// not one after the other); the learner's saved attempt is applied before anything they
// do is acted on.
const shell = document.createElement('slep-course');
shell.starting = true;
// Without the state machine, which comes with the tracker's chunk (src/state/store-core.ts).
shell.store = new StateStore(course);
root.replaceChildren(shell);

const loadApp = (): Promise<typeof import('./start.js')> => import('./start.js');
void shell.updateComplete
  .then(afterFirstPaint)
  .then(() => {
    // A failed driver fetch is handled (and retried) by startCourse; this only starts it early.
    PLAYER[kind].load().catch(() => undefined);
    // The attempt state machine is a chunk the tracker's chunk imports (shared with the
    // lesson and assessment pages): fetched now, in parallel, not after the tracker's.
    import('./state/attempt.js').catch(() => undefined);
    // One more try after a dropped connection (under a new address, src/model/chunk-import.ts).
    return loadApp().catch(() => new Promise((r) => setTimeout(r, 1000)).then(loadApp));
  })
  .then(({ startCourse }) => startCourse({ course, root, kind, shell }))
  .catch(cannotStart);
