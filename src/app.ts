import './components/course/define.js';
import { SlepExitEvent } from './events/exit.js';
import type { CourseModel } from './model/course.js';
import { PLAYER } from './packages.js';
import type { PackageKind } from './packages.js';
import { AttemptStore } from './state/store.js';
import type { SlepCourse } from './components/course/course.js';
import { installDiagnostics } from './diagnostics/install.js';
import type { Launch, TrackingDriver } from './tracking/driver.js';
import { openTabChannel } from './tracking/tabs.js';
import { MESSAGES, Tracker } from './tracking/tracker.js';

/**
 * A launch still connecting after this long (a slow LMS, an LRS whose launch reads fail and
 * are read again, see readUntilAnswered) tells the learner why the course waits.
 */
export const CONNECTING_NOTICE_MS = 2000;

/**
 * The composition root: picks the driver for this package from the registry,
 * restores the attempt, hands launch facts and save status to the shell, turns
 * "Save and exit" into the tracker's finish, and wires the page lifecycle.
 */
export async function startCourse(options: { course: CourseModel; root: HTMLElement; kind: PackageKind; shell?: SlepCourse }): Promise<Tracker> {
  const { course, root } = options;
  // main.ts may have put the shell (and its store) on screen already, `starting`: it is used as it is.
  const store = options.shell?.store ?? new AttemptStore(course);
  const local = async (): Promise<TrackingDriver> => (await import('./tracking/local.js')).createDriver(course);
  // Shown on the `starting` shell until connectShell hands it the tracker's status.
  const waiting = options.kind === 'web' ? undefined : options.shell;
  const notice = waiting && setTimeout(() => (waiting.saveStatus = { message: MESSAGES.connecting, level: 'info', saving: false, ended: false, readOnly: false }), CONNECTING_NOTICE_MS);
  let driver: TrackingDriver | null = null;
  try {
    driver = await PLAYER[options.kind].driver(course);
  } catch (error) {
    console.warn('[slep] The learning system connection failed to start.', error);
  }
  const noLms = options.kind !== 'web' && driver === null;
  // A second tab of the same attempt becomes read-only (tracking/tabs.ts).
  let tracker = new Tracker({ course, store, driver: driver ?? (await local()), fallbackReason: noLms ? 'no-lms' : undefined, tabs: openTabChannel });
  let launch = await tracker.start();
  if (!launch) {
    // The LMS refused to initialize: keep the learner going on this device and say so.
    tracker = new Tracker({ course, store, driver: await local(), fallbackReason: 'no-lms', tabs: openTabChannel });
    launch = await tracker.start();
  }
  clearTimeout(notice);
  const shell = options.shell ?? document.createElement('slep-course');
  connectShell({ shell, store, tracker, launch });
  if (shell.parentNode !== root) root.replaceChildren(shell);
  // Administrators only: ?diagnostics or Ctrl+Alt+Shift+D (the view is loaded on demand).
  installDiagnostics({ course, kind: options.kind, store, tracker, launch });

  // Save when the page is hidden (tab switch, phone lock); finish when it goes away.
  // No unload/beforeunload: browsers and LMS frames block or skip them.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') tracker.flush();
  });
  window.addEventListener('pagehide', () => tracker.finish());
  return tracker;
}

/** Hands the shell its store, launch facts and save status, and makes "Save and exit" end the session. */
export function connectShell(options: { shell: SlepCourse; store: AttemptStore; tracker: Tracker; launch: Launch | null }): void {
  const { shell, store, tracker, launch } = options;
  shell.store = store;
  shell.launch = tracker.launchInfo;
  shell.saveStatus = tracker.status;
  tracker.onStatus((status) => {
    shell.saveStatus = status;
  });
  shell.resumed = Boolean(launch?.resumeData) && store.state.location !== 'welcome';
  // The attempt is restored and the tracker listens: the learner's actions count from now on.
  shell.starting = false;
  shell.addEventListener(SlepExitEvent.eventName, () => {
    tracker.finish();
    // cmi5: the LMS asks to be returned to (cmi5 10.0 "returnURL").
    if (launch?.returnUrl) window.location.assign(launch.returnUrl);
  });
}
