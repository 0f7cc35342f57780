import '../components/diagnostics/define.js';
import { maskLaunchParameters } from '../model/diagnostics.js';
import type { DiagnosticsFacts } from '../model/diagnostics.js';
import { PLAYER } from '../packages.js';
import { encodeState } from '../state/codec.js';
import { attemptsLeft } from '../state/attempt.js';
import { locateApi } from '../tracking/find-api.js';
import { reportOf } from '../tracking/records.js';
import type { DiagnosticsContext } from './install.js';

/**
 * Shows the diagnostics view at the top of the page (or, with `toggle`, closes it when
 * it is open). Loaded only when an administrator asks for it (src/diagnostics/install.ts).
 */
export function showDiagnostics(context: DiagnosticsContext, options: { toggle: boolean }): void {
  const existing = document.querySelector('slep-diagnostics');
  if (existing) {
    if (options.toggle) existing.remove();
    return;
  }
  const view = document.createElement('slep-diagnostics');
  view.source = { read: () => readFacts(context) };
  document.body.prepend(view);
}

/** Every fact of the report, read now. */
export function readFacts(context: DiagnosticsContext): DiagnosticsFacts {
  const { course, kind, store, tracker, launch } = context;
  const driver = tracker.driver;
  const info = tracker.launchInfo;
  const confirmed = tracker.confirmed;
  const a = store.state.assessment;
  const resume = encodeState(store.state, { revision: confirmed.revision, reported: a.submitted ? a.attempt : Math.max(0, a.attempt - 1) });
  const fellBack = driver.kind === 'local' && kind !== 'web';
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const lmsMastery = launch?.masteryScore ?? null;
  const report = reportOf(course, store.state, launch?.recorded);
  const score = (n: number | null) => (n === null ? 'none' : pct(n));
  const allowed = course.assessment.attempts;
  const recorded = launch?.recorded;
  return {
    at: new Date().toISOString(),
    course: { id: course.id, title: course.title, version: course.version, build: document.documentElement.dataset.build ?? '(unknown)' },
    packageKind: `${PLAYER[kind].label} (${kind})`,
    standard: fellBack ? `browser storage only: the ${PLAYER[kind].label} connection did not start, nothing reaches the LMS/LRS` : `${PLAYER[kind].label} (driver ${driver.kind})`,
    connection: connection(context, fellBack),
    launchParameters: maskLaunchParameters(window.location.search),
    launch: {
      mode: info.mode,
      credit: launch ? (launch.credit ? 'credit' : 'no-credit') : '(no launch)',
      entry: launch?.entry || '(empty)',
      masteryScore: lmsMastery === null ? `${pct(info.masteryScore)} (the course's; the LMS sent none)` : `${pct(info.masteryScore)} (from the LMS)`,
      learnerId: launch?.learner.id ?? '',
      registration: launch?.registration ?? '',
    },
    record: {
      reporting: `completion ${report.completion}, success ${report.success}, score ${score(report.score)}${report.finished ? ' (final)' : ''}`,
      progress:
        `${store.state.visited.length} of ${course.lessons.length} lessons opened; assessment attempt ${a.attempt}${allowed ? ` of ${allowed}` : ''}` +
        `${a.submitted ? ', submitted' : a.attempt ? ', in progress' : ''}, best ${score(a.bestScore)}, ${allowed ? `${attemptsLeft(course, store.state)} left` : 'unlimited attempts'}`,
      atLaunch: recorded ? `completion ${recorded.completion}, success ${recorded.success}, score ${score(recorded.score)}` : '(no launch)',
    },
    saving: {
      lastSave: context.lastSave
        ? `${new Date(context.lastSave.at).toISOString()}, ${context.lastSave.ok ? 'accepted' : 'NOT accepted (will be retried)'}`
        : 'none since this page opened',
      confirmedRevision: confirmed.revision,
      status: tracker.status.message,
      lastError: confirmed.error,
      pending: driver.pending,
    },
    resumeData: { length: resume.length, limit: driver.limits.resumeData },
    location: { length: store.state.location.length, limit: driver.limits.location },
    page: { address: `${window.location.origin}${window.location.pathname}`, framed: window.parent !== window, userAgent: navigator.userAgent },
  };
}

function connection(context: DiagnosticsContext, fellBack: boolean): string {
  const { kind } = context;
  const query = new URLSearchParams(window.location.search);
  if (kind === 'scorm12' || kind === 'scorm2004') {
    const name = kind === 'scorm12' ? 'API' : 'API_1484_11';
    const found = locateApi<object>({ name });
    if (!found) return `no ${name} object found in this window, its parents or its opener`;
    return `${name} found in ${found.where}${fellBack ? ', but LMSInitialize/Initialize failed' : ''}`;
  }
  if (kind === 'xapi' || kind === 'cmi5') {
    const endpoint = query.get('endpoint');
    if (!endpoint) return 'no `endpoint` launch parameter';
    const fetchUrl = kind === 'cmi5' ? query.get('fetch') : null;
    let origin = '';
    try {
      origin = fetchUrl ? new URL(fetchUrl).origin : '';
    } catch {
      origin = '(not a URL)';
    }
    const token = fetchUrl === null ? '' : `; auth token from the fetch URL at ${origin || '(missing)'}`;
    return `LRS endpoint ${endpoint}${token}${fellBack ? ' — the launch was refused or the LRS did not answer' : ''}`;
  }
  return 'none needed: the web package keeps progress in this browser';
}
