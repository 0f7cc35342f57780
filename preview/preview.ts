/**
 * The preview page (`npm start`): plays one of the five built packages in an iframe and
 * shows what it records. A switcher picks the standard:
 *
 * - SCORM 1.2, SCORM 1.2 Moodle-like, SCORM 2004: a stand-in LMS on scorm-again
 *   (preview/lms.ts, preview/lms2004.ts) installs its API on this window before the frame
 *   exists, so the course finds it in its parent on its first look.
 * - xAPI, cmi5: the preview server starts the test LRS (tests/lrs/server.ts) and makes the
 *   launch (TinCan parameters; cmi5 LaunchData, fetch URL); the course talks to the LRS.
 * - Web: the package alone, saving in this browser.
 *
 * The inspector shows the data model or the statements, the resume data against its limit,
 * the course's outbox (read from this origin's localStorage: the course frame is same-origin)
 * and the switches. The server tells the page when a rebuild finished (server-sent events),
 * and the page relaunches the course. Bundled by serve.ts; never shipped.
 */
import { PreviewLms } from './lms.js';
import type { LmsCall } from './lms.js';
import { PreviewLms2004 } from './lms2004.js';

type ModeId = 'scorm12' | 'moodle' | 'scorm2004' | 'xapi' | 'cmi5' | 'web';
type Kind = 'scorm12' | 'scorm2004' | 'xapi' | 'cmi5' | 'web';
type LaunchMode = 'normal' | 'browse' | 'review';
type Offline = 'none' | '503' | 'drop';

interface ModeInfo {
  readonly label: string;
  readonly kind: Kind;
  readonly note: string;
  /** What the mastery field sends, or null when the standard's launch has no mastery score. */
  readonly mastery: string | null;
  readonly launchModes: readonly LaunchMode[];
  readonly refuse: boolean;
  readonly offline: boolean;
  readonly resumeLimit: number | null;
}

const MODES: Record<ModeId, ModeInfo> = {
  scorm12: {
    label: 'SCORM 1.2',
    kind: 'scorm12',
    note: 'dist/scorm12/ in a stand-in SCORM 1.2 LMS (scorm-again). The learner record is kept in this browser between launches.',
    mastery: 'Sent as cmi.student_data.mastery_score.',
    launchModes: ['normal', 'browse', 'review'],
    refuse: true,
    offline: false,
    resumeLimit: 4096,
  },
  moodle: {
    label: 'SCORM 1.2, Moodle-like',
    kind: 'scorm12',
    note: 'dist/scorm12/ as a Moodle 4.5 SCORM activity with its default settings: attempts, review mode once an attempt is passed, failed or completed, mastery override at LMSFinish. Each mode keeps its own record.',
    mastery: "The package's adlcp:masteryscore as Moodle reads it (blank: none).",
    launchModes: ['normal', 'browse'],
    refuse: true,
    offline: false,
    resumeLimit: 4096,
  },
  scorm2004: {
    label: 'SCORM 2004',
    kind: 'scorm2004',
    note: 'dist/scorm2004/ in a stand-in SCORM 2004 4th edition LMS (scorm-again). The learner record is kept in this browser between launches.',
    mastery: 'Sent as cmi.scaled_passing_score (the percentage ÷ 100).',
    launchModes: ['normal', 'browse', 'review'],
    refuse: true,
    offline: false,
    resumeLimit: 64000,
  },
  xapi: {
    label: 'xAPI',
    kind: 'xapi',
    note: 'dist/xapi/ launched with TinCan query parameters against the test LRS (Learning Locker xapi-statements) started by the preview server. Statements arrive in the inspector.',
    mastery: null,
    launchModes: ['normal'],
    refuse: false,
    offline: true,
    resumeLimit: 64000,
  },
  cmi5: {
    label: 'cmi5',
    kind: 'cmi5',
    note: 'dist/cmi5/ launched as a cmi5 LMS does (LMS.LaunchData in the State API, a one-time fetch URL) against the test LRS started by the preview server.',
    mastery: 'Sent as masteryScore in LMS.LaunchData (the percentage ÷ 100).',
    launchModes: ['normal', 'browse', 'review'],
    refuse: false,
    offline: true,
    resumeLimit: 64000,
  },
  web: {
    label: 'Web',
    kind: 'web',
    note: 'dist/web/ on its own: no LMS, progress saved in this browser.',
    mastery: null,
    launchModes: ['normal'],
    refuse: false,
    offline: false,
    resumeLimit: null,
  },
};

const CALLS_SHOWN = 50;
const STATEMENTS_SHOWN = 100;
/** Keys the course itself keeps on this origin (backups, outboxes, the web package's record). */
const COURSE_KEY_PREFIX = 'slep:';
const POLL_MS = 1000;

function byId<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`The preview page has no #${id}.`);
  return found;
}

const ui = {
  modeTag: byId('mode-tag', HTMLSpanElement),
  modeNote: byId('mode-note', HTMLParagraphElement),
  switcher: byId('switcher', HTMLFieldSetElement),
  build: byId('build', HTMLParagraphElement),
  player: byId('player', HTMLDivElement),
  form: byId('launch-form', HTMLFormElement),
  mastery: byId('mastery', HTMLInputElement),
  masteryField: byId('mastery-field', HTMLDivElement),
  masteryHelp: byId('mastery-help', HTMLParagraphElement),
  masteryError: byId('mastery-error', HTMLParagraphElement),
  launchMode: byId('launch-mode', HTMLSelectElement),
  launchModeField: byId('launch-mode-field', HTMLDivElement),
  newAttempt: byId('new-attempt', HTMLInputElement),
  newAttemptField: byId('new-attempt-field', HTMLDivElement),
  refuse: byId('refuse-commits', HTMLInputElement),
  refuseField: byId('refuse-field', HTMLDivElement),
  offline: byId('offline', HTMLSelectElement),
  offlineField: byId('offline-field', HTMLDivElement),
  reset: byId('reset', HTMLButtonElement),
  status: byId('status', HTMLParagraphElement),
  resumeMeter: byId('resume-meter', HTMLMeterElement),
  resumeSize: byId('resume-size', HTMLSpanElement),
  outboxCount: byId('outbox-count', HTMLSpanElement),
  outboxNote: byId('outbox-note', HTMLParagraphElement),
  outbox: byId('outbox', HTMLOListElement),
  violationsSection: byId('violations-section', HTMLElement),
  violationsCount: byId('violations-count', HTMLSpanElement),
  noViolations: byId('no-violations', HTMLParagraphElement),
  violations: byId('violations', HTMLUListElement),
  statementsSection: byId('statements-section', HTMLElement),
  statementsCount: byId('statements-count', HTMLSpanElement),
  rejectedNote: byId('rejected-note', HTMLParagraphElement),
  rejected: byId('rejected', HTMLOListElement),
  statements: byId('statements', HTMLOListElement),
  cmiSection: byId('cmi-section', HTMLElement),
  cmiHeading: byId('cmi-heading', HTMLHeadingElement),
  cmi: byId('cmi', HTMLPreElement),
  storedSection: byId('stored-section', HTMLElement),
  storedSub: byId('stored-sub', HTMLSpanElement),
  stored: byId('stored', HTMLPreElement),
  callsSection: byId('calls-section', HTMLElement),
  callsCount: byId('calls-count', HTMLSpanElement),
  calls: byId('calls', HTMLOListElement),
};

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked: records last only while this page is open
  }
}

const storage = browserStorage();

// --- settings (kept in the URL, so a reload or a shared link keeps them) ----------------

type MasteryInput = { ok: true; score: number | undefined } | { ok: false; message: string };

function parseMastery(text: string, badInput = false): MasteryInput {
  const value = text.trim();
  const message = 'Enter a whole number from 0 to 100, or leave it blank.';
  if (badInput) return { ok: false, message };
  if (value === '') return { ok: true, score: undefined };
  const score = Number(value);
  if (!Number.isInteger(score) || score < 0 || score > 100) return { ok: false, message };
  return { ok: true, score };
}

function isMode(value: string | null): value is ModeId {
  return value !== null && Object.hasOwn(MODES, value);
}

const params = new URLSearchParams(location.search);
const settings = {
  mode: (isMode(params.get('mode')) ? params.get('mode') : params.get('moodle') === '1' ? 'moodle' : 'scorm12') as ModeId,
  mastery: ((m) => (m.ok ? m.score : undefined))(parseMastery(params.get('mastery') ?? '')),
  launchMode: (['browse', 'review'].includes(params.get('launch') ?? '') ? params.get('launch') : 'normal') as LaunchMode,
  refuse: params.get('refuse') === '1',
  offline: 'none' as Offline,
};

function saveSettingsToUrl(): void {
  const url = new URL(location.href);
  url.searchParams.set('mode', settings.mode);
  url.searchParams.delete('moodle');
  if (settings.mastery === undefined) url.searchParams.delete('mastery');
  else url.searchParams.set('mastery', String(settings.mastery));
  if (settings.launchMode === 'normal') url.searchParams.delete('launch');
  else url.searchParams.set('launch', settings.launchMode);
  if (settings.refuse) url.searchParams.set('refuse', '1');
  else url.searchParams.delete('refuse');
  history.replaceState(null, '', url);
}

// --- the running course -----------------------------------------------------------------

type ScormLms = PreviewLms | PreviewLms2004;

interface Statement {
  id?: string;
  timestamp?: string;
  verb?: { id?: string; display?: Record<string, string> };
  object?: { id?: string; definition?: { name?: Record<string, string> } };
  result?: { score?: { scaled?: number }; success?: boolean; completion?: boolean; response?: string };
  context?: { registration?: string };
}

interface Inspection {
  statements: Statement[];
  rejected: { at: string; status: number; answer: string; statements: Statement[] }[];
  resumeData: number | null;
  resumeLimit: number;
  offline: Offline;
}

let frame: HTMLIFrameElement | null = null;
let lms: ScormLms | null = null;
let unsubscribe: () => void = () => undefined;
/** Index in lms.calls where the current launch's calls begin. */
let launchStart = 0;
/** The xAPI/cmi5 launch: what the preview server answered. */
let lrsLaunch: { kind: 'xapi' | 'cmi5'; registration: string; query: string; launchData?: unknown } | null = null;
let inspection: Inspection | null = null;
let inspectionError = '';
let launching = 0;

function info(): ModeInfo {
  return MODES[settings.mode];
}

function createLms(mode: ModeId, previous: ScormLms | null): ScormLms {
  const score = settings.mastery;
  let next: ScormLms;
  if (mode === 'scorm2004') {
    next = new PreviewLms2004({ storage, scaledPassingScore: score === undefined ? undefined : score / 100, mode: settings.launchMode, refuseCommits: settings.refuse });
  } else if (mode === 'moodle') {
    next = new PreviewLms({ storage, moodle: { masteryScore: score ?? null }, refuseCommits: settings.refuse });
  } else {
    next = new PreviewLms({ storage, masteryScore: score, mode: settings.launchMode, refuseCommits: settings.refuse });
  }
  // The same LMS across launches keeps its log: violations and calls carry over.
  if (previous && previous.constructor === next.constructor) {
    next.violations.push(...previous.violations);
    next.calls.push(...previous.calls);
  }
  return next;
}

/** Closes the course the way a learner does: the iframe goes, the course finishes on pagehide. */
function close(): string {
  if (!frame) return '';
  frame.remove(); // pagehide runs in the course now, synchronously
  frame = null;
  if (!lms) return '';
  const session = lms.calls.slice(launchStart);
  const init = lms instanceof PreviewLms2004 ? 'Initialize' : 'LMSInitialize';
  const finish = lms instanceof PreviewLms2004 ? 'Terminate' : 'LMSFinish';
  const initialized = session.some((c) => c.fn === init && c.result === 'true');
  const finished = session.some((c) => c.fn === finish);
  if (!initialized) return `The course was closed before it called ${init}. `;
  if (!finished) return `Warning: the course did not call ${finish} when it was closed, so the LMS kept the previous record. `;
  return '';
}

function showFrame(src: string): void {
  frame = document.createElement('iframe');
  frame.className = 'course-frame';
  frame.title = 'Course';
  frame.src = src;
  ui.player.replaceChildren(frame);
}

function registrationKey(kind: string): string {
  return `slep-preview-registration:${kind}`;
}

/** Opens the course in the current mode. `fresh`: a new xAPI/cmi5 registration (a new attempt). */
async function open(note: string, fresh = false): Promise<void> {
  const mode = settings.mode;
  const modeInfo = MODES[mode];
  const ticket = ++launching;
  ui.status.classList.toggle('warning', note.startsWith('Warning'));
  if (modeInfo.kind === 'xapi' || modeInfo.kind === 'cmi5') {
    watchLms(null);
    const kind = modeInfo.kind;
    const previous = fresh ? undefined : (storage?.getItem(registrationKey(kind)) ?? undefined);
    const cmi5Mode = ({ normal: 'Normal', browse: 'Browse', review: 'Review' } as const)[settings.launchMode];
    ui.status.textContent = `${note}Starting the test LRS and making the ${modeInfo.label} launch…`;
    ui.player.replaceChildren();
    let answer: { query: string; registration: string; launchData?: unknown };
    try {
      const response = await fetch('/__preview/launch', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind, registration: previous, launchMode: kind === 'cmi5' ? cmi5Mode : undefined, masteryScore: kind === 'cmi5' && settings.mastery !== undefined ? settings.mastery / 100 : undefined }),
      });
      const body = (await response.json()) as { query: string; registration: string; launchData?: unknown; error?: string };
      if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
      answer = body;
    } catch (error) {
      if (ticket !== launching) return;
      ui.status.classList.add('warning');
      ui.status.textContent = `Warning: the ${modeInfo.label} launch failed: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    if (ticket !== launching || settings.mode !== mode) return;
    storage?.setItem(registrationKey(kind), answer.registration);
    lrsLaunch = { kind, registration: answer.registration, query: answer.query, launchData: answer.launchData };
    inspection = null;
    showFrame(`/course/${kind}/index.html?${answer.query}`);
    const mastery = kind === 'cmi5' ? (settings.mastery === undefined ? ', no mastery score' : `, mastery score ${settings.mastery / 100}`) : '';
    const launchMode = kind === 'cmi5' ? `, launch mode ${cmi5Mode}` : '';
    ui.status.textContent = `${note}Launched ${modeInfo.label}: registration ${answer.registration}${launchMode}${mastery}.`;
    void poll();
    render();
    return;
  }

  lrsLaunch = null;
  if (modeInfo.kind === 'web') {
    watchLms(null);
    showFrame('/course/web/index.html');
    ui.status.textContent = `${note}Launched the web package.`;
    render();
    return;
  }

  const next = createLms(mode, lms);
  watchLms(next);
  const before = next.stored.sessions;
  if (next instanceof PreviewLms && mode === 'moodle') {
    next.launch(window, { newAttempt: ui.newAttempt.checked, mode: settings.launchMode === 'browse' ? 'browse' : 'normal' }); // window.API first …
  } else {
    next.launch(window);
  }
  ui.newAttempt.checked = false;
  launchStart = next.calls.length;
  showFrame(`/course/${modeInfo.kind}/index.html`); // … then the course, which looks for it in its parent
  const cmi = next.cmi() as { cmi?: { core?: { entry?: string }; entry?: string } };
  const entry = cmi.cmi?.core?.entry ?? cmi.cmi?.entry ?? '';
  const mastery = settings.mastery === undefined ? 'no mastery score' : `mastery score ${settings.mastery}%`;
  const moodle = next instanceof PreviewLms && mode === 'moodle' ? ` Moodle-like: attempt ${next.launched.attempt} in ${next.launched.mode} mode; grade ${next.grade ?? '–'} / ${next.gradeMax}.` : '';
  const launchMode = mode === 'moodle' ? '' : `, ${settings.launchMode} mode`;
  ui.status.textContent = `${note}Launched ${modeInfo.label} session ${before + 1}: entry ${entry || '(blank)'}${launchMode}, ${mastery}.${moodle}`;
  render();
}

function watchLms(next: ScormLms | null): void {
  unsubscribe();
  unsubscribe = () => undefined;
  lms = next;
  if (next) unsubscribe = next.onChange(scheduleRender);
}

/** Reads the mastery field and says what is wrong with it; false when it is not a score. */
function readSettings(): boolean {
  const parsed = parseMastery(ui.mastery.value, ui.mastery.validity.badInput);
  ui.mastery.setAttribute('aria-invalid', String(!parsed.ok));
  ui.masteryError.hidden = parsed.ok;
  ui.masteryError.textContent = parsed.ok ? '' : parsed.message;
  if (!parsed.ok) {
    ui.mastery.focus();
    return false;
  }
  settings.mastery = parsed.score;
  settings.launchMode = ui.launchMode.value as LaunchMode;
  settings.refuse = ui.refuse.checked;
  saveSettingsToUrl();
  return true;
}

function relaunch(): void {
  if (!readSettings()) return;
  void open(close());
}

function resetAttempt(): void {
  if (!readSettings()) return;
  // Close first: the course finishes on pagehide, and that record must not outlive the reset.
  close();
  const kind = info().kind;
  if (lms && kind !== 'xapi' && kind !== 'cmi5') lms.reset();
  forgetCourseKeys(kind);
  void open('Attempt reset. ', true);
}

/** The course's own keys for one package kind (backups, outbox, cmi5 token, the web record). */
function forgetCourseKeys(kind: Kind): void {
  const driverKind = kind === 'web' ? 'local' : kind;
  for (const store of [storage, sessionStore()]) {
    if (!store) continue;
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(COURSE_KEY_PREFIX) && (key.startsWith(`slep:${driverKind}:`) || key.includes(`:${driverKind}:`) || key.endsWith(`:${driverKind}`))) keys.push(key);
    }
    for (const key of keys) store.removeItem(key);
  }
}

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function switchTo(mode: ModeId): void {
  if (mode === settings.mode) return;
  if (!readSettings()) {
    checkSwitcher();
    return;
  }
  const note = close();
  settings.mode = mode;
  // A launch mode the new standard lacks falls back to normal.
  if (!MODES[mode].launchModes.includes(settings.launchMode)) settings.launchMode = 'normal';
  saveSettingsToUrl();
  applyMode();
  void open(note);
}

function checkSwitcher(): void {
  for (const input of ui.switcher.querySelectorAll<HTMLInputElement>('input[name="mode"]')) input.checked = input.value === settings.mode;
}

/** Shows the controls and inspector parts the current standard has. */
function applyMode(): void {
  const m = info();
  checkSwitcher();
  ui.modeTag.textContent = m.label;
  ui.modeNote.textContent = m.note;
  document.title = `Course preview (${m.label})`;
  ui.mastery.value = settings.mastery === undefined ? '' : String(settings.mastery);
  ui.masteryField.hidden = m.mastery === null;
  ui.masteryHelp.textContent = `0–100. ${m.mastery ?? ''} Blank sends none. Used from the next launch.`;
  for (const option of ui.launchMode.options) option.disabled = !m.launchModes.includes(option.value as LaunchMode);
  ui.launchMode.value = settings.launchMode;
  ui.launchModeField.hidden = m.launchModes.length < 2;
  ui.newAttemptField.hidden = settings.mode !== 'moodle';
  ui.refuse.checked = settings.refuse;
  ui.refuseField.hidden = !m.refuse;
  ui.offlineField.hidden = !m.offline;
  ui.offline.value = settings.offline;
  const scorm = m.kind === 'scorm12' || m.kind === 'scorm2004';
  ui.violationsSection.hidden = !scorm;
  ui.callsSection.hidden = !scorm;
  ui.statementsSection.hidden = !m.offline;
  ui.storedSection.hidden = !scorm;
  ui.cmiHeading.textContent = scorm ? 'Live data model' : m.kind === 'web' ? "The course's records in this browser" : 'Launch';
  ui.storedSub.textContent = m.kind === 'scorm2004' ? '(after the last Terminate)' : '(after the last LMSFinish)';
  ui.outboxNote.textContent = m.offline
    ? 'Statements the course stored in this browser that the LRS has not accepted yet (the outbox), and any it refused.'
    : 'SCORM and web packages have no outbox: the LMS answers each call at once.';
  ui.resumeMeter.max = m.resumeLimit ?? 1;
  inspection = null;
  render();
}

// --- the LRS, polled while an xAPI or cmi5 course runs ------------------------------

let polling = false;

async function poll(): Promise<void> {
  const launch = lrsLaunch;
  if (!launch || polling) return;
  polling = true;
  try {
    const response = await fetch(`/__preview/lrs?registration=${encodeURIComponent(launch.registration)}`);
    const body = (await response.json()) as Inspection & { error?: string };
    if (lrsLaunch !== launch) return;
    if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
    inspection = body;
    inspectionError = '';
    if (body.offline !== settings.offline) {
      settings.offline = body.offline;
      ui.offline.value = body.offline;
    }
  } catch (error) {
    inspectionError = `The preview could not read the LRS: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    polling = false;
  }
  render();
}

async function setOffline(mode: Offline): Promise<void> {
  settings.offline = mode;
  const response = await fetch('/__preview/offline', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mode }) });
  ui.status.classList.toggle('warning', !response.ok || mode !== 'none');
  ui.status.textContent = !response.ok
    ? `Warning: the LRS switch failed (HTTP ${response.status}).`
    : mode === 'none'
      ? 'The LRS is back: the course sends what waited in its outbox on its next try.'
      : `Warning: the LRS is offline (${mode === '503' ? 'every request answers 503' : 'every connection drops'}). The course keeps statements in its outbox.`;
  void poll();
}

// --- rendering ----------------------------------------------------------------------

let renderQueued = false;

function scheduleRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    render();
  });
}

function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text; // keeps scroll and selection when nothing changed
}

function describeCall(call: LmsCall): string {
  const args = call.args.length === 1 && call.args[0] === '' ? '""' : call.args.map((a) => JSON.stringify(a.length > 120 ? `${a.slice(0, 120)}…` : a)).join(', ');
  return `${call.fn}(${args}) → ${JSON.stringify(call.result)}${call.error !== '0' ? ` (error ${call.error})` : ''}`;
}

function describeStatement(s: Statement): string {
  const verb = s.verb?.display?.['en-US'] ?? s.verb?.display?.en ?? s.verb?.id?.split('/').pop() ?? '?';
  const name = s.object?.definition?.name?.['en-US'] ?? s.object?.definition?.name?.en ?? '';
  const object = name || (s.object?.id ?? '').split('/').slice(-2).join('/');
  const r = s.result;
  const result = [
    r?.score?.scaled !== undefined ? `score ${r.score.scaled}` : '',
    r?.success !== undefined ? (r.success ? 'success' : 'no success') : '',
    r?.completion ? 'complete' : '',
    r?.response !== undefined ? `response "${r.response.slice(0, 40)}"` : '',
  ].filter(Boolean);
  const time = s.timestamp ? new Date(s.timestamp).toLocaleTimeString() : '';
  return `${time} ${verb} ${object}${result.length ? ` (${result.join(', ')})` : ''}`.trim();
}

function listItems<T>(list: HTMLOListElement | HTMLUListElement, items: readonly T[], text: (item: T) => string, className?: (item: T) => string): void {
  const texts = items.map(text);
  const key = texts.join('\n');
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren(
    ...items.map((item, i) => {
      const li = document.createElement('li');
      li.textContent = texts[i] ?? '';
      const name = className?.(item);
      if (name) li.className = name;
      return li;
    }),
  );
}

interface OutboxEntry {
  statement: Statement;
  queued?: number;
}

/** The course's outbox for this kind, read from localStorage (src/tracking/outbox.ts: `slep:<kind>:…:outbox`). */
function readOutbox(kind: Kind): { waiting: OutboxEntry[]; rejected: OutboxEntry[] } {
  const waiting: OutboxEntry[] = [];
  const rejected: OutboxEntry[] = [];
  if (!storage || (kind !== 'xapi' && kind !== 'cmi5')) return { waiting, rejected };
  const read = (key: string): OutboxEntry[] => {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? (parsed as OutboxEntry[]).filter((e) => e && typeof e === 'object' && 'statement' in e) : [];
    } catch {
      return [];
    }
  };
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(`slep:${kind}:`)) continue;
    if (key.endsWith(':outbox')) waiting.push(...read(key));
    else if (key.endsWith(':outbox:rejected')) rejected.push(...read(key));
  }
  const registration = lrsLaunch?.registration;
  const ours = (e: OutboxEntry) => !registration || e.statement.context?.registration === registration;
  return { waiting: waiting.filter(ours), rejected: rejected.filter(ours) };
}

/** The resume data's length: live from the LMS (SCORM) or the State API document (xAPI, cmi5). */
function resumeLength(): number | null {
  if (lms) {
    const cmi = lms.cmi() as { cmi?: { suspend_data?: unknown } };
    const live = cmi.cmi?.suspend_data;
    if (typeof live === 'string') return live.length;
    return lms.stored.suspend_data.length;
  }
  return inspection?.resumeData ?? null;
}

function courseRecords(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!storage) return out;
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith('slep:') || !key.includes(':local')) continue;
    const raw = storage.getItem(key) ?? '';
    try {
      out[key] = JSON.parse(raw);
    } catch {
      out[key] = raw;
    }
  }
  return out;
}

let shownViolations = -1;
let shownCalls = -1;
let shownLms: ScormLms | null = null;

function render(): void {
  const m = info();
  // Resume data against the standard's limit.
  const length = resumeLength();
  if (m.resumeLimit === null) {
    setText(ui.resumeSize, 'The web package keeps its resume data in this browser; no LMS limit applies.');
    ui.resumeMeter.value = 0;
  } else {
    ui.resumeMeter.max = m.resumeLimit;
    ui.resumeMeter.value = Math.min(length ?? 0, m.resumeLimit);
    const over = (length ?? 0) > m.resumeLimit;
    setText(ui.resumeSize, length === null ? `none stored yet (limit ${m.resumeLimit} characters)` : `${length} of ${m.resumeLimit} characters${over ? ' — over the limit' : ''}`);
    ui.resumeSize.classList.toggle('error', over);
  }

  // The outbox (xAPI, cmi5).
  const outbox = readOutbox(m.kind);
  setText(ui.outboxCount, `(${outbox.waiting.length} waiting${outbox.rejected.length ? `, ${outbox.rejected.length} refused` : ''})`);
  ui.outbox.hidden = outbox.waiting.length + outbox.rejected.length === 0;
  listItems(ui.outbox, [...outbox.rejected.map((e) => ({ e, bad: true })), ...outbox.waiting.map((e) => ({ e, bad: false }))], ({ e, bad }) => `${bad ? 'Refused by the LRS, kept aside: ' : ''}${describeStatement(e.statement)}`, ({ bad }) => (bad ? 'failed' : ''));

  if (lrsLaunch) {
    const statements = inspection?.statements ?? [];
    setText(ui.statementsCount, `(${statements.length})`);
    listItems(ui.statements, statements.slice(0, STATEMENTS_SHOWN), describeStatement);
    const rejected = inspection?.rejected ?? [];
    ui.rejected.hidden = rejected.length === 0;
    ui.rejectedNote.hidden = rejected.length === 0 && !inspectionError;
    setText(ui.rejectedNote, inspectionError || (rejected.length ? `The LRS rejected ${rejected.length} statement post(s):` : ''));
    listItems(
      ui.rejected,
      rejected,
      (r) => `HTTP ${r.status} at ${new Date(r.at).toLocaleTimeString()}: ${r.statements.map(describeStatement).join('; ')} — ${r.answer.slice(0, 200)}`,
      () => 'failed',
    );
    const launchParams = Object.fromEntries(new URLSearchParams(lrsLaunch.query));
    setText(ui.cmi, JSON.stringify({ launchUrlParameters: launchParams, ...(lrsLaunch.launchData ? { 'LMS.LaunchData': lrsLaunch.launchData } : {}) }, null, 2));
  } else if (m.kind === 'web') {
    setText(ui.cmi, JSON.stringify(courseRecords(), null, 2));
  }

  if (!lms) return;
  setText(ui.cmi, JSON.stringify(lms.cmi(), null, 2));
  setText(ui.stored, JSON.stringify(lms.stored, null, 2));
  if (shownLms !== lms) {
    shownLms = lms;
    shownViolations = shownCalls = -1;
  }
  const violations = lms.violations;
  if (violations.length !== shownViolations) {
    shownViolations = violations.length;
    ui.violationsCount.textContent = `(${violations.length})`;
    ui.noViolations.hidden = violations.length > 0;
    ui.violations.hidden = violations.length === 0;
    listItems(ui.violations, violations, (v) => v);
    document.body.classList.toggle('has-violations', violations.length > 0);
  }
  const calls = lms.calls;
  if (calls.length !== shownCalls) {
    shownCalls = calls.length;
    ui.callsCount.textContent = `(${calls.length})`;
    const first = Math.max(0, calls.length - CALLS_SHOWN);
    ui.calls.start = first + 1;
    listItems(ui.calls, calls.slice(first), describeCall, (call) => (call.error !== '0' ? 'failed' : ''));
  }
}

// --- rebuilds: the server says when, the page relaunches ------------------------------

function listenForBuilds(): void {
  if (typeof EventSource === 'undefined') return;
  const events = new EventSource('/__preview/events');
  events.addEventListener('building', (event) => {
    const data = JSON.parse((event as MessageEvent<string>).data) as { files: string[] };
    ui.build.className = 'build busy';
    ui.build.textContent = `Rebuilding after a change to ${data.files.slice(0, 3).join(', ')}${data.files.length > 3 ? ` and ${data.files.length - 3} more` : ''}…`;
  });
  events.addEventListener('built', (event) => {
    const data = JSON.parse((event as MessageEvent<string>).data) as { ok: boolean; output: string; ms: number };
    if (!data.ok) {
      ui.build.className = 'build error';
      ui.build.textContent = `The build failed; the course shown is the last good build.\n${data.output.trim().split('\n').slice(-15).join('\n')}`;
      return;
    }
    ui.build.className = 'build';
    ui.build.textContent = `Rebuilt in ${(data.ms / 1000).toFixed(1)} s at ${new Date().toLocaleTimeString()}; the course was relaunched.`;
    relaunch();
  });
}

// --- wiring -------------------------------------------------------------------------

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  relaunch();
});
ui.reset.addEventListener('click', resetAttempt);
ui.switcher.addEventListener('change', (event) => {
  const target = event.target;
  if (target instanceof HTMLInputElement && target.name === 'mode' && isMode(target.value)) switchTo(target.value);
});
ui.refuse.addEventListener('change', () => {
  settings.refuse = ui.refuse.checked;
  saveSettingsToUrl();
  if (lms) lms.refuseCommits = settings.refuse; // at once: the running session's next call is refused
  ui.status.classList.toggle('warning', settings.refuse);
  ui.status.textContent = settings.refuse ? 'Warning: the LMS now refuses Commit and SetValue.' : 'The LMS accepts Commit and SetValue again.';
});
ui.offline.addEventListener('change', () => void setOffline(ui.offline.value as Offline));
ui.mastery.addEventListener('input', () => {
  if (ui.mastery.getAttribute('aria-invalid') === 'true' && parseMastery(ui.mastery.value, ui.mastery.validity.badInput).ok) {
    ui.mastery.setAttribute('aria-invalid', 'false');
    ui.masteryError.hidden = true;
  }
});
window.addEventListener('storage', scheduleRender); // the course frame wrote its outbox or backup
setInterval(() => {
  if (lrsLaunch) void poll();
  else scheduleRender();
}, POLL_MS);

applyMode();
saveSettingsToUrl();
listenForBuilds();
void open(storage ? '' : 'This browser blocks storage: records last only while this page is open. ');
