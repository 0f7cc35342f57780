import './components/course/define.js';
import type { CourseModel } from './model/course.js';
import { AttemptStore } from './state/store.js';
import type { TrackingDriver } from './tracking/driver.js';
import type { Scorm12Api } from './tracking/scorm12.js';
import { Tracker } from './tracking/tracker.js';

export type TrackingKind = 'scorm12' | 'local';

/**
 * Starts the course in `root`: picks the driver for this package (loaded on
 * demand so a package only downloads the one it uses), restores the attempt
 * and wires the tracker to the page lifecycle.
 */
export async function startCourse(options: { course: CourseModel; root: HTMLElement; tracking: TrackingKind }): Promise<Tracker> {
  const { course, root } = options;
  const store = new AttemptStore(course);
  let driver: TrackingDriver | null = null;
  let fallbackReason: 'no-lms' | undefined;
  if (options.tracking === 'scorm12') {
    const [{ findApi }, { Scorm12Driver }] = await Promise.all([import('./tracking/find-api.js'), import('./tracking/scorm12.js')]);
    const api = findApi<Scorm12Api>({ name: 'API' });
    if (api) driver = new Scorm12Driver(api, { statusStyle: course.completion.scorm12Status });
    else fallbackReason = 'no-lms';
  }
  const localDriver = async () => new (await import('./tracking/local.js')).LocalDriver(`slep:${course.id}:local`);
  let tracker = new Tracker({ course, store, driver: driver ?? (await localDriver()), fallbackReason });
  let launch = tracker.start();
  if (!launch) {
    // The LMS refused to initialize: keep the learner going on this device and say so.
    tracker = new Tracker({ course, store, driver: await localDriver(), fallbackReason: 'no-lms' });
    launch = tracker.start();
  }
  const shell = document.createElement('slep-course');
  shell.store = store;
  shell.tracker = tracker;
  shell.resumed = Boolean(launch?.suspendData) && store.state.location !== 'welcome';
  root.replaceChildren(shell);

  // Save when the page is hidden (tab switch, phone lock); finish when it goes away.
  // No unload/beforeunload: browsers and LMS frames block or skip them.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') tracker.flush();
  });
  window.addEventListener('pagehide', () => tracker.finish());
  window.addEventListener('pageshow', (event) => {
    // Restored from the back/forward cache after finishing: the session is over.
    if (event.persisted && tracker.status.ended) shell.requestUpdate();
  });
  return tracker;
}
