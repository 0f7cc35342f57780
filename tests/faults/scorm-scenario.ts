import { correctResponse } from '../../src/model/response.js';
import type { CourseModel } from '../../src/model/course.js';
import { attemptsLeft, canStartAttempt, lessonChecks } from '../../src/state/attempt.js';
import type { AttemptState } from '../../src/state/attempt.js';
import { decodeResume, encodeState } from '../../src/state/codec.js';
import { interactionId, interactionRecord } from '../../src/tracking/records.js';
import { responsePattern as responsePattern12 } from '../../src/tracking/scorm12.js';
import { responsePattern as responsePattern2004 } from '../../src/tracking/scorm2004.js';
import { fingerprint, MESSAGES } from '../../src/tracking/tracker.js';
import { until } from '../integration/harness.js';
import { clearCourseStorage, CourseTab, LmsDatabase, LmsSession, NO_FAULTS } from './lms.js';
import type { CourseShell, FaultPlan, ScormVersion } from './lms.js';
import type { Random, ScenarioResult } from './random.js';
import { pick } from './random.js';
import { wrongResponse } from '../integration/walk.js';

/** Submitted attempts' answers (item id → response), by their interaction ids' prefix (`a2-`, `a1-x7k2-`). */
export type AnswerLog = Map<string | number, Map<string, readonly string[]>>;

/**
 * One SCORM fault scenario: a learner works through the course over several launches
 * while the LMS misbehaves (refusals with the standard's codes, throws, slowness, an API
 * that vanishes), resume data is damaged, a second tab opens, an old backup from another
 * device turns up, and the window closes at random points. What the learner did (the
 * state their last window showed) is the truth; after each relaunch and at the end, the
 * LMS record is checked against it.
 */
export async function scormScenario(kind: ScormVersion, random: Random): Promise<ScenarioResult> {
  clearCourseStorage();
  const db = new LmsDatabase(kind);
  const result: ScenarioResult = { faults: 0, lost: 0, duplicates: 0, passesLost: 0, problems: [] };
  const lost = (what: string, n = 1) => {
    result.lost += n;
    result.problems.push(what);
  };
  let truth: AttemptState | null = null;
  let course: CourseModel | null = null;
  /** Every submitted attempt's items and responses, as the learner gave them, by interaction id prefix (`a2-`). */
  const submittedLog: AnswerLog = new Map();
  /** LMS resume strings at the end of earlier sessions (a device's stale copy). */
  const history: string[] = [];
  let everPassed = false;
  const sessions = 2 + Math.floor(random() * 3);
  /** What happened, for the failure message. */
  const trail: string[] = [];
  const note = (text: string) => trail.push(text);

  for (let s = 0; s < sessions; s++) {
    const last = s === sessions - 1;
    const plan = last ? NO_FAULTS : randomPlan(random);
    let expectFresh = false;
    let future: string | null = null;
    note(`S${s + 1} plan ${JSON.stringify(plan)}`);

    // Damaged resume data, at any point: the course starts over, under tagged interaction ids.
    const data = db.get('cmi.suspend_data');
    if (!last && data && truth && random() < 0.15) {
      const how = pick(random, ['corrupt', 'truncated', 'future'] as const);
      result.faults += 1;
      note(`resume data ${how}`);
      if (how === 'future') {
        future = `9|${data.slice(2)}`;
        db.values.set('cmi.suspend_data', future);
      } else {
        db.values.set('cmi.suspend_data', how === 'corrupt' ? `${data.slice(0, 10)}\u0000#garbage` : data.slice(0, Math.floor(data.length * (0.75 + random() * 0.15))));
        expectFresh = true;
      }
    }
    // Two devices: this browser holds an old backup from an earlier LMS copy; the LMS holds newer data.
    const backupKey = `slep:${course?.id ?? ''}:${kind}:${db.learner.id}:backup`;
    if (!last && course && !future && !expectFresh && history.length > 1 && localStorage.getItem(backupKey) === null && random() < 0.2) {
      const old = history[Math.floor(random() * (history.length - 1))] ?? '';
      if (old && old !== data) {
        result.faults += 1;
        note('stale backup from another device');
        const { state, meta } = decodeResume(course, old);
        const stale = encodeState(state, { revision: meta.revision + 40, reported: meta.reported });
        localStorage.setItem(backupKey, JSON.stringify({ revision: meta.revision + 40, resumeData: stale, at: Date.now() - 86400000, lineage: [fingerprint(old)] }));
      }
    }

    // (No launch read faults over damaged resume data: each case is checked on its own.)
    const session = new LmsSession(db, future || expectFresh ? { ...plan, launchGetFault: 0 } : plan, random);
    const tab = new CourseTab(session, kind);
    const shell = await tab.open();
    course = shell.store.course;

    // GetValue faults at launch: a course that could not read the LMS says so, writes nothing and
    // leaves the LMS record as it was; one that could (after retries) restored what the learner last saw.
    if (shell.saveStatus?.message === MESSAGES.lmsUnreadable) {
      note('LMS unreadable at launch: read-only');
      if (!shell.saveStatus.readOnly) lost(`session ${s + 1}: the LMS could not be read, but the course is not read-only`);
      go(shell, pick(random, course.lessons).id);
      await pause(shell);
      tab.close();
      result.faults += session.faults;
      if (session.writes.length) lost(`session ${s + 1}: wrote ${session.writes.length} values although the LMS could not be read`);
      if (JSON.stringify([...db.values]) !== session.recordAtLaunch) lost(`session ${s + 1}: the LMS record changed although the LMS could not be read`);
      continue;
    }

    // What the course restored must be what the learner last saw (or a fresh start they are told about).
    if (truth && !expectFresh && !future) {
      for (const gap of differences(truth, shell.store.state)) lost(`session ${s + 1}: restored ${gap}`);
    }
    if (expectFresh) await until(() => shell.saveStatus?.message, 'the unreadable-data message');

    if (future) {
      await until(() => shell.saveStatus?.readOnly, 'read-only for future data');
      go(shell, course.lessons[0]?.id ?? 'welcome');
      tab.close();
      if (session.writes.length) lost(`session ${s + 1}: wrote over newer-version data (${session.writes.length} writes)`);
      if (db.get('cmi.suspend_data') !== future) lost(`session ${s + 1}: newer-version resume data overwritten`);
      // The administrator relaunches the current version: the original data comes back.
      db.values.set('cmi.suspend_data', data);
      continue;
    }

    // A second tab of the same attempt: read-only, writes nothing.
    let second: CourseTab | null = null;
    if (!last && random() < 0.15) {
      result.faults += 1;
      note('second tab');
      second = new CourseTab(new LmsSession(db), kind);
      const b = await second.open();
      await until(() => b.saveStatus?.readOnly, 'the second tab to turn read-only');
      go(b, 'welcome');
    }

    if (last) await finishCourse(shell, random, submittedLog);
    else {
      const actions = 1 + Math.floor(random() * 8);
      for (let i = 0; i < actions; i++) {
        await act(shell, random, submittedLog);
        if (random() < 0.5) await pause(shell);
      }
    }
    truth = shell.store.state;
    everPassed ||= truth.assessment.passed;
    // Close at a random point: mid-save, mid-batch or settled; the second tab before or after.
    if (random() < 0.5) await pause(shell);
    if (second && random() < 0.5) second.close();
    tab.close();
    if (second) {
      second.close();
      // The one write a launch may make before the course knows of the other tab: "incomplete" over
      // "not attempted" (the driver's start-of-attempt mark, committed by nobody but the LMS's finish).
      const writes = second.session.writes.filter((c) => !(c.fn.endsWith('SetValue') && /^cmi\.(core\.lesson_status|completion_status)$/.test(c.element ?? '') && second?.session.calls.indexOf(c) === second?.session.calls.findIndex((x) => x.fn.endsWith('SetValue'))));
      if (writes.length) lost(`session ${s + 1}: the second tab wrote ${writes.map((w) => `${w.fn}(${w.element ?? ''})`).join(', ')}`);
    }
    result.faults += session.faults;
    history.push(db.get('cmi.suspend_data'));
    note(`closed at ${truth.location} (attempt ${truth.assessment.attempt}${truth.assessment.submitted ? ' submitted' : ''}); writes ${session.calls.filter((c) => !c.fn.includes('GetValue') && !/\.(type|objectives|timestamp|time|correct_responses|learner_response|student_response|latency|description)/.test(c.element ?? '')).map((c) => `${c.fn.replace(/^LMS/, '')}${c.element ? `(${c.element.replace('cmi.', '').replace('interactions.', 'i.')})` : ''}=${c.result}`).join(' ')}; LMS now ${db.get('cmi.suspend_data').slice(0, 60)}…, backup ${localStorage.getItem(backupKeyOf(course, kind, db)) ? 'kept' : 'none'}`);
  }

  if (!course || !truth) throw new Error('no session ran');
  // The final LMS record.
  try {
    const stored = decodeResume(course, db.get('cmi.suspend_data')).state;
    for (const gap of differences(truth, stored)) lost(`final record: ${gap}`);
  } catch (error) {
    lost(`final record: unreadable resume data (${String(error)})`);
  }
  const held = db.interactions();
  const ids = held.map((x) => x.id ?? '');
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      result.duplicates += 1;
      result.problems.push(`interaction ${id} recorded twice`);
    }
    seen.add(id);
  }
  for (const [prefix, answers] of submittedLog) {
    for (const [itemId, response] of answers) {
      const row = held.find((x) => x.id === `${prefix}${itemId}`);
      const item = course.bank.find((x) => x.id === itemId);
      // The response the learner gave in that attempt, in the standard's format (not another attempt's).
      const type = item ? interactionRecord({ item, id: '', kind: 'assessment', response, latency: 0, at: 0, attempt: 0, lessonId: '' }).type : 'choice';
      const expected = kind === 'scorm12' ? responsePattern12({ type }, response) : responsePattern2004({ type }, response);
      if (!row) lost(`answer ${prefix}${itemId} missing`);
      else if (response.length && (row.student_response ?? row.learner_response) !== expected) lost(`answer ${prefix}${itemId}: the LMS holds ${row.student_response ?? row.learner_response ?? 'no response'}, the learner answered ${expected}`);
    }
  }
  const status = kind === 'scorm12' ? db.get('cmi.core.lesson_status') : db.get('cmi.success_status');
  const passedInLms = kind === 'scorm12' ? status === 'passed' || (course.completion.scorm12Status === 'completed' && status === 'completed') : status === 'passed';
  if (everPassed && !passedInLms) {
    result.passesLost += 1;
    result.problems.push(`a pass was lost: the LMS says ${status}`);
  }
  const expected = expectedStatus(kind, course, truth);
  if (status !== expected) lost(`status ${status}, expected ${expected}`);
  if (kind === 'scorm2004' && truth.assessment.passed && db.get('cmi.completion_status') !== 'completed') lost(`completion ${db.get('cmi.completion_status')}`);
  const location = db.get(kind === 'scorm12' ? 'cmi.core.lesson_location' : 'cmi.location');
  if (location !== truth.location) lost(`location ${location}, expected ${truth.location}`);
  clearCourseStorage();
  if (result.problems.length) result.problems.push(`TRAIL: ${trail.join('\n')}`);
  return result;
}

const backupKeyOf = (course: CourseModel, kind: ScormVersion, db: LmsDatabase) => `slep:${course.id}:${kind}:${db.learner.id}:backup`;

function randomPlan(random: Random): FaultPlan {
  const plan = { ...NO_FAULTS };
  const roll = random();
  if (roll < 0.15) return plan;
  return {
    refuseSet: random() < 0.5 ? random() * 0.3 : 0,
    refuseCommit: random() < 0.6 ? random() * 0.6 : 0,
    throwRate: random() < 0.3 ? random() * 0.2 : 0,
    slowMs: random() < 0.2 ? 2 : 0,
    vanishAfter: random() < 0.2 ? Math.floor(random() * 40) : null,
    dropOnFailedCommit: random() < 0.7,
    // GetValue faults at launch: now and then a read fails (retried by the course), sometimes for the whole session.
    launchGetFault: random() < 0.3 ? 0.05 + random() * 0.3 : 0,
    launchGetPersistent: random() < 0.4,
  };
}

const go = (shell: CourseShell, page: string) => shell.store.dispatch({ type: 'go', page, now: Date.now() });

/** One thing a learner does: open a lesson, answer a check, work on the assessment, wander. */
export async function act(shell: CourseShell, random: Random, log: AnswerLog): Promise<void> {
  const { store } = shell;
  const course = store.course;
  const state = store.state;
  const a = state.assessment;
  const roll = random();
  if (a.attempt > 0 && !a.submitted) {
    // In an attempt: answer some items, maybe submit.
    for (const id of a.items) {
      if (a.answers[id] || random() < 0.3) continue;
      const item = course.bank.find((x) => x.id === id);
      if (item) store.dispatch({ type: 'answer', itemId: id, response: random() < 0.75 ? correctResponse(item) : wrongResponse(item), latency: 4, now: Date.now() });
    }
    if (random() < 0.6) submit(shell, log);
    return;
  }
  if (roll < 0.5) {
    const next = course.lessons.find((l) => !state.visited.includes(l.id)) ?? pick(random, course.lessons);
    go(shell, next.id);
    store.dispatch({ type: 'end-lesson', lessonId: next.id });
  } else if (roll < 0.65) {
    const lesson = pick(random, course.lessons);
    const checks = lessonChecks(course, lesson.id);
    const id = checks.length ? pick(random, checks) : null;
    const item = id ? course.bank.find((x) => x.id === id) : null;
    if (item && id) store.dispatch({ type: 'check', itemId: id, response: correctResponse(item) });
  } else if (roll < 0.85 && canStartAttempt(course, state)) {
    go(shell, 'assessment');
    store.dispatch({ type: 'start-assessment', seed: Math.floor(random() * 1e9), now: Date.now() });
  } else {
    go(shell, pick(random, ['welcome', 'resources', 'workbook']));
  }
}

function submit(shell: CourseShell, log: AnswerLog): void {
  const { store } = shell;
  store.dispatch({ type: 'submit', masteryScore: shell.store.course.masteryScore, now: Date.now() });
  const a = store.state.assessment;
  if (a.submitted) log.set(interactionId(store.state, ''), new Map(a.items.map((id) => [id, a.answers[id]?.response ?? []])));
}

/** The last, fault-free launch: every lesson, then a passing attempt if one is left. */
export async function finishCourse(shell: CourseShell, random: Random, log: AnswerLog): Promise<void> {
  const { store } = shell;
  const course = store.course;
  for (const l of course.lessons) {
    if (!store.state.visited.includes(l.id)) go(shell, l.id);
  }
  let a = store.state.assessment;
  if (a.attempt > 0 && !a.submitted) submit(shell, log);
  a = store.state.assessment;
  if (canStartAttempt(course, store.state)) {
    go(shell, 'assessment');
    store.dispatch({ type: 'start-assessment', seed: Math.floor(random() * 1e9), now: Date.now() });
    for (const id of store.state.assessment.items) {
      const item = course.bank.find((x) => x.id === id);
      if (item) store.dispatch({ type: 'answer', itemId: id, response: correctResponse(item), latency: 2, now: Date.now() });
    }
    submit(shell, log);
  }
  go(shell, pick(random, [...course.lessons.map((l) => l.id), 'certificate']));
  await pause(shell);
}

/** Lets the course save (not always to the end: a slow or failing LMS may still be at it). */
export async function pause(shell: CourseShell): Promise<void> {
  await new Promise((r) => setTimeout(r, 20));
  await until(() => !shell.saveStatus?.saving, 'the save', 20000);
}

/** What `actual` lost of `expected`, in words (empty when nothing). */
export function differences(expected: AttemptState, actual: AttemptState): string[] {
  const gaps: string[] = [];
  for (const id of expected.visited) if (!actual.visited.includes(id)) gaps.push(`lesson ${id} not visited`);
  if (actual.location !== expected.location) gaps.push(`location ${actual.location}, not ${expected.location}`);
  for (const [id, response] of Object.entries(expected.checks)) {
    if ((actual.checks[id] ?? []).join() !== response.join()) gaps.push(`check ${id} answer`);
  }
  const e = expected.assessment;
  const a = actual.assessment;
  if (a.attempt !== e.attempt) gaps.push(`assessment attempt ${a.attempt}, not ${e.attempt}`);
  if (a.submitted !== e.submitted) gaps.push(`attempt submitted ${a.submitted}, not ${e.submitted}`);
  if (e.passed && !a.passed) gaps.push('the pass');
  for (const [id, answer] of Object.entries(e.answers)) {
    if ((a.answers[id]?.response ?? []).join() !== answer.response.join()) gaps.push(`assessment answer ${id}`);
  }
  return gaps;
}

function expectedStatus(kind: ScormVersion, course: CourseModel, state: AttemptState): string {
  const visitedAll = course.lessons.every((l) => state.visited.includes(l.id));
  const a = state.assessment;
  const settled = a.passed || (a.submittedAt !== null && attemptsLeft(course, state) === 0);
  if (kind === 'scorm2004') return a.passed ? 'passed' : visitedAll && a.submittedAt !== null ? 'failed' : 'unknown';
  if (!visitedAll || a.submittedAt === null || !settled) return 'incomplete';
  return course.completion.scorm12Status === 'completed' ? 'completed' : a.passed ? 'passed' : 'failed';
}
