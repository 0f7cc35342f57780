/**
 * The preview page: plays dist/scorm12 in an iframe under a stand-in SCORM 1.2
 * LMS (PreviewLms) and shows what the course tells it. Bundled by serve.ts.
 *
 * Order matters: the LMS installs `window.API` before the iframe exists, so the
 * course finds it in its parent on its first look; and a running course is
 * closed (iframe removed → `pagehide` → LMSFinish) before the LMS launches again.
 */
import { PreviewLms } from './lms.js';
import type { LmsCall } from './lms.js';

const COURSE_URL = '/course/index.html';
const CALLS_SHOWN = 50;
/** Keys the course itself keeps on this origin (resume backups, the no-LMS fallback). */
const COURSE_KEY_PREFIX = 'slep:';

function byId<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`The preview page has no #${id}.`);
  return found;
}

const ui = {
  player: byId('player', HTMLDivElement),
  form: byId('launch-form', HTMLFormElement),
  mastery: byId('mastery', HTMLInputElement),
  masteryError: byId('mastery-error', HTMLParagraphElement),
  moodle: byId('moodle', HTMLInputElement),
  newAttempt: byId('new-attempt', HTMLInputElement),
  reset: byId('reset', HTMLButtonElement),
  status: byId('status', HTMLParagraphElement),
  violationsCount: byId('violations-count', HTMLSpanElement),
  noViolations: byId('no-violations', HTMLParagraphElement),
  violations: byId('violations', HTMLUListElement),
  cmi: byId('cmi', HTMLPreElement),
  stored: byId('stored', HTMLPreElement),
  callsCount: byId('calls-count', HTMLSpanElement),
  calls: byId('calls', HTMLOListElement),
};

type MasteryInput = { ok: true; score: number | undefined } | { ok: false; message: string };

function parseMastery(text: string, badInput = false): MasteryInput {
  const value = text.trim();
  if (badInput) return { ok: false, message: 'Enter a whole number from 0 to 100, or leave it blank.' };
  if (value === '') return { ok: true, score: undefined };
  const score = Number(value);
  if (!Number.isInteger(score) || score < 0 || score > 100) return { ok: false, message: 'Enter a whole number from 0 to 100, or leave it blank.' };
  return { ok: true, score };
}

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked: the record lasts only while this page is open
  }
}

const storage = browserStorage();

/** The stand-in with the page's settings. Moodle-like: Moodle's defaults, the field's score as the manifest's. */
function createLms(score: number | undefined, moodle: boolean): PreviewLms {
  return moodle ? new PreviewLms({ storage, moodle: { masteryScore: score ?? null } }) : new PreviewLms({ storage, masteryScore: score });
}

// --- state -----------------------------------------------------------------

const fromUrl = parseMastery(new URLSearchParams(location.search).get('mastery') ?? '');
let masteryScore = fromUrl.ok ? fromUrl.score : undefined;
ui.mastery.value = masteryScore === undefined ? '' : String(masteryScore);
let moodleLike = new URLSearchParams(location.search).get('moodle') === '1';
ui.moodle.checked = moodleLike;

let lms = createLms(masteryScore, moodleLike);
let unsubscribe: () => void = () => undefined;
let frame: HTMLIFrameElement | null = null;
/** Index in lms.calls where the current launch's calls begin. */
let launchStart = 0;

function watch(next: PreviewLms): void {
  unsubscribe();
  lms = next;
  unsubscribe = lms.onChange(scheduleRender);
}

/** Closes the course the way a learner does: the iframe goes, the course finishes on pagehide. */
function close(): string {
  if (!frame) return '';
  frame.remove(); // pagehide runs in the course now, synchronously
  frame = null;
  const session = lms.calls.slice(launchStart);
  const initialized = session.some((c) => c.fn === 'LMSInitialize' && c.result === 'true');
  const finished = session.some((c) => c.fn === 'LMSFinish');
  if (!initialized) return 'The course was closed before it called LMSInitialize. ';
  if (!finished) return 'Warning: the course did not call LMSFinish when it was closed, so the LMS kept the previous record. ';
  return '';
}

function open(note: string): void {
  const before = lms.stored;
  lms.launch(window, { newAttempt: moodleLike && ui.newAttempt.checked }); // window.API first …
  ui.newAttempt.checked = false;
  launchStart = lms.calls.length;
  frame = document.createElement('iframe'); // … then the course, which looks for it in its parent
  frame.className = 'course-frame';
  frame.title = 'Course';
  frame.src = COURSE_URL;
  ui.player.replaceChildren(frame);
  const entry = (lms.cmi() as { cmi?: { core?: { entry?: string } } }).cmi?.core?.entry || '(blank)';
  const mastery = masteryScore === undefined ? 'no mastery score' : `mastery score ${masteryScore}`;
  const moodle = moodleLike ? ` Moodle-like: attempt ${lms.launched.attempt} in ${lms.launched.mode} mode; grade ${lms.grade ?? '–'} / ${lms.gradeMax}.` : '';
  ui.status.classList.toggle('warning', note.startsWith('Warning'));
  ui.status.textContent = `${note}Launched session ${before.sessions + 1}: entry ${entry}, ${mastery}.${moodle}`;
  render();
}

/** Reads the mastery field and says what is wrong with it; null when it is not a score. */
function readMastery(): { score: number | undefined } | null {
  const parsed = parseMastery(ui.mastery.value, ui.mastery.validity.badInput);
  ui.mastery.setAttribute('aria-invalid', String(!parsed.ok));
  ui.masteryError.hidden = parsed.ok;
  ui.masteryError.textContent = parsed.ok ? '' : parsed.message;
  if (!parsed.ok) {
    ui.mastery.focus();
    return null;
  }
  return { score: parsed.score };
}

/**
 * The mastery score and the mode are fixed per PreviewLms, so new settings need a new
 * one. Call it after close(): the new LMS loads the record the old one stored.
 */
function useSettings(score: number | undefined, moodle: boolean): void {
  if (score === masteryScore && moodle === moodleLike) return;
  masteryScore = score;
  moodleLike = moodle;
  const previous = lms;
  const next = createLms(score, moodle);
  next.violations.push(...previous.violations);
  next.calls.push(...previous.calls);
  watch(next);
  const url = new URL(location.href);
  if (score === undefined) url.searchParams.delete('mastery');
  else url.searchParams.set('mastery', String(score));
  if (moodle) url.searchParams.set('moodle', '1');
  else url.searchParams.delete('moodle');
  history.replaceState(null, '', url);
}

function relaunch(): void {
  const mastery = readMastery();
  if (!mastery) return;
  const note = close();
  useSettings(mastery.score, ui.moodle.checked);
  open(note);
}

function resetAttempt(): void {
  const mastery = readMastery();
  if (!mastery) return;
  // Close first: the course finishes on pagehide, and that record must not outlive the reset.
  close();
  useSettings(mastery.score, ui.moodle.checked);
  lms.reset();
  forgetCourseKeys();
  open('Attempt reset. ');
}

function forgetCourseKeys(): void {
  if (!storage) return;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(COURSE_KEY_PREFIX)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
}

// --- rendering ---------------------------------------------------------------

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

let shownViolations = -1;
let shownCalls = -1;
let shownLms: PreviewLms | null = null;

function render(): void {
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
    ui.violations.replaceChildren(
      ...violations.map((v) => {
        const li = document.createElement('li');
        li.textContent = v;
        return li;
      }),
    );
    document.body.classList.toggle('has-violations', violations.length > 0);
  }

  const calls = lms.calls;
  if (calls.length !== shownCalls) {
    shownCalls = calls.length;
    ui.callsCount.textContent = `(${calls.length})`;
    const first = Math.max(0, calls.length - CALLS_SHOWN);
    ui.calls.start = first + 1;
    ui.calls.replaceChildren(
      ...calls.slice(first).map((call) => {
        const li = document.createElement('li');
        li.textContent = describeCall(call);
        if (call.error !== '0') li.className = 'failed';
        return li;
      }),
    );
  }
}

// --- wiring ------------------------------------------------------------------

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  relaunch();
});
ui.reset.addEventListener('click', resetAttempt);
ui.mastery.addEventListener('input', () => {
  if (ui.mastery.getAttribute('aria-invalid') === 'true' && parseMastery(ui.mastery.value, ui.mastery.validity.badInput).ok) {
    ui.mastery.setAttribute('aria-invalid', 'false');
    ui.masteryError.hidden = true;
  }
});

watch(lms);
open(storage ? '' : 'This browser blocks storage: the record lasts only while this page is open. ');
