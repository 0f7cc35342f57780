/**
 * The stand-in LMS in Moodle mode, driven by plain SCORM 1.2 calls. Each test names
 * the Moodle 4.5 source (moodle/moodle, mod/scorm/…) whose behaviour it pins down.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PreviewLms } from '../../preview/lms.js';
import type { MoodleLaunchRequest, PreviewLmsOptions } from '../../preview/lms.js';
import { memoryStorage } from '../integration/harness.js';

type Api = Record<'LMSInitialize' | 'LMSFinish' | 'LMSCommit' | 'LMSGetLastError', (arg?: string) => string> & {
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
};

function moodleLms(moodle: PreviewLmsOptions['moodle'] = {}, extra: PreviewLmsOptions = {}): PreviewLms {
  return new PreviewLms({ storage: memoryStorage(), moodle, ...extra });
}

/** One launch of the SCO: LMSInitialize on the API the LMS installs. */
function open(lms: PreviewLms, request: MoodleLaunchRequest = {}): Api {
  const win = {} as Window;
  lms.launch(win, request);
  const api = (win as unknown as { API: Api }).API;
  assert.equal(api.LMSInitialize(''), 'true');
  return api;
}

function set(api: Api, values: Record<string, string>): void {
  for (const [element, value] of Object.entries(values)) assert.equal(api.LMSSetValue(element, value), 'true', `${element} = ${value}: error ${api.LMSGetLastError()}`);
}

/** A session that reports an assessment result and leaves. */
function session(lms: PreviewLms, values: Record<string, string>, request: MoodleLaunchRequest = {}): Api {
  const api = open(lms, request);
  set(api, values);
  assert.equal(api.LMSFinish(''), 'true');
  return api;
}

const status = (lms: PreviewLms, attempt: number): string | undefined => lms.attemptsRecorded.find((a) => a.attempt === attempt)?.tracks['cmi.core.lesson_status'];

describe('Moodle mode: mastery score overrides status (datamodels/scorm_12.js StoreData)', () => {
  it('turns "incomplete" with a score at or above the mastery score into "passed" at LMSFinish, not at LMSCommit', () => {
    const lms = moodleLms();
    const api = open(lms);
    set(api, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.score.raw': '85', 'cmi.core.exit': 'suspend' });
    assert.equal(api.LMSCommit(''), 'true');
    assert.equal(status(lms, 1), 'incomplete', 'LMSCommit stores what the SCO set');
    assert.equal(api.LMSFinish(''), 'true');
    assert.equal(status(lms, 1), 'passed');
    assert.equal(lms.stored.lesson_status, 'passed');
    assert.deepEqual(lms.violations, []);
  });

  it('turns "incomplete" with a score below the mastery score into "failed"', () => {
    const lms = moodleLms();
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.score.raw': '50' });
    assert.equal(status(lms, 1), 'failed');
  });

  it('overrides even a "passed" the SCO wrote when the score is below the mastery score', () => {
    const lms = moodleLms();
    session(lms, { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '79' });
    assert.equal(status(lms, 1), 'failed');
  });

  it('leaves the status alone with "Mastery score overrides status" off', () => {
    const lms = moodleLms({ masteryOverride: false });
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.score.raw': '85' });
    assert.equal(status(lms, 1), 'incomplete');
  });

  it('leaves the status alone without a score', () => {
    const lms = moodleLms();
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.exit': 'suspend' });
    assert.equal(status(lms, 1), 'incomplete');
  });

  it('sends the manifest mastery score (80) by default and none for a package without one (scorm_12lib.php get_scorm_default)', () => {
    assert.equal(open(moodleLms()).LMSGetValue('cmi.student_data.mastery_score'), '80');
    const none = moodleLms({ masteryScore: null });
    assert.equal(open(none).LMSGetValue('cmi.student_data.mastery_score'), '');
    const lms = moodleLms({ masteryScore: null });
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.score.raw': '95' });
    assert.equal(status(lms, 1), 'incomplete', 'no mastery score, no override');
  });

  it('stores "completed" for a SCO that leaves the status "not attempted" at LMSFinish', () => {
    const lms = moodleLms();
    session(lms, {});
    assert.equal(status(lms, 1), 'completed');
  });

  it('refuses a masteryScore option next to Moodle mode, so the pass mark has one source', () => {
    assert.throws(() => new PreviewLms({ moodle: {}, masteryScore: 70 }), /moodle\.masteryScore/);
  });
});

describe('Moodle mode: attempts and review mode (locallib.php scorm_check_mode, scorm_12lib.php get_scorm_default)', () => {
  it('reopens an attempt whose status is failed in review mode, same attempt, no credit', () => {
    const lms = moodleLms();
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.score.raw': '50', 'cmi.core.exit': 'suspend', 'cmi.suspend_data': 'v1' });
    const api = open(lms);
    assert.equal(api.LMSGetValue('cmi.core.lesson_mode'), 'review');
    assert.equal(api.LMSGetValue('cmi.core.credit'), 'no-credit');
    assert.equal(api.LMSGetValue('cmi.core.entry'), 'resume', 'entry follows the stored exit');
    assert.equal(api.LMSGetValue('cmi.core.lesson_status'), 'failed');
    assert.equal(api.LMSGetValue('cmi.suspend_data'), 'v1');
    assert.deepEqual(lms.launched, { mode: 'review', attempt: 1 });
    assert.equal(lms.attemptsRecorded.length, 1);
  });

  it('reopens an incomplete attempt in normal mode with entry "resume"', () => {
    const lms = moodleLms({ masteryOverride: false });
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.exit': 'suspend' });
    const api = open(lms);
    assert.equal(api.LMSGetValue('cmi.core.lesson_mode'), 'normal');
    assert.equal(api.LMSGetValue('cmi.core.credit'), 'credit');
    assert.equal(api.LMSGetValue('cmi.core.entry'), 'resume');
  });

  it('stores what a review session writes into the finished attempt, and reports every write as a violation', () => {
    const lms = moodleLms();
    session(lms, { 'cmi.core.lesson_status': 'failed', 'cmi.core.score.raw': '50', 'cmi.suspend_data': 'v1' });
    session(lms, { 'cmi.suspend_data': 'v2', 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '90' });
    // datamodel.php saves every posted element whatever the mode, and no override runs in review mode.
    assert.equal(status(lms, 1), 'passed');
    assert.equal(lms.attemptsRecorded[0]?.tracks['cmi.suspend_data'], 'v2');
    assert.equal(lms.violations.length, 3);
    assert.match(lms.violations[0] ?? '', /LMSSetValue\(cmi\.suspend_data, "v2"\) in review mode/);
  });

  it('records no violation for a review session that only reads and finishes', () => {
    const lms = moodleLms();
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.score.raw': '50' });
    const api = open(lms);
    api.LMSGetValue('cmi.suspend_data');
    assert.equal(api.LMSCommit(''), 'true');
    assert.equal(api.LMSFinish(''), 'true');
    assert.deepEqual(lms.violations, []);
    assert.equal(status(lms, 1), 'failed');
  });

  it('opens attempt 2 in normal mode from "Start a new attempt" once attempt 1 is over', () => {
    const lms = moodleLms();
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.score.raw': '50', 'cmi.suspend_data': 'v1' });
    const api = open(lms, { newAttempt: true });
    assert.deepEqual(lms.launched, { mode: 'normal', attempt: 2 });
    assert.equal(api.LMSGetValue('cmi.core.entry'), 'ab-initio');
    assert.equal(api.LMSGetValue('cmi.core.lesson_status'), 'not attempted');
    assert.equal(api.LMSGetValue('cmi.suspend_data'), '', 'a new attempt starts empty');
  });

  it('ignores "Start a new attempt" while the attempt is incomplete', () => {
    const lms = moodleLms({ masteryOverride: false });
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.exit': 'suspend' });
    open(lms, { newAttempt: true });
    assert.deepEqual(lms.launched, { mode: 'normal', attempt: 1 });
  });

  it('opens review mode instead of a new attempt when the number of attempts is used up', () => {
    const lms = moodleLms({ maxAttempts: 1 });
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.score.raw': '50' });
    open(lms, { newAttempt: true });
    assert.deepEqual(lms.launched, { mode: 'review', attempt: 1 });
  });

  it('starts a new attempt by itself after a finished one with "Force new attempt: When previous attempt completed, passed or failed"', () => {
    const lms = moodleLms({ forceNewAttempt: true });
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.exit': 'suspend' });
    open(lms).LMSFinish('');
    assert.deepEqual(lms.launched, { mode: 'normal', attempt: 1 }, 'an incomplete attempt continues');
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.score.raw': '50' });
    open(lms);
    assert.deepEqual(lms.launched, { mode: 'normal', attempt: 2 });
  });

  it('starts a new attempt at every launch after the first with "Force new attempt: Always"', () => {
    const lms = moodleLms({ forceNewAttempt: 'always' });
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.exit': 'suspend' });
    assert.deepEqual(lms.launched, { mode: 'normal', attempt: 1 });
    open(lms);
    assert.deepEqual(lms.launched, { mode: 'normal', attempt: 2 });
  });

  it('keeps the attempts in the storage it was given, for the next page load of the preview', () => {
    const storage = memoryStorage();
    session(new PreviewLms({ storage, moodle: {} }), { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.score.raw': '50' });
    const again = new PreviewLms({ storage, moodle: {} });
    open(again);
    assert.deepEqual(again.launched, { mode: 'review', attempt: 1 });
  });
});

describe('Moodle mode: preview (browse) launches', () => {
  it('turns a preview launch that writes nothing into a "completed" attempt, so the next Enter opens review mode', () => {
    // scorm_12.js StoreData: "not attempted" → "completed" runs before the browse → "browsed" rule, which never fires.
    const lms = moodleLms();
    session(lms, {}, { mode: 'browse' });
    assert.equal(status(lms, 1), 'completed');
    open(lms);
    assert.deepEqual(lms.launched, { mode: 'review', attempt: 1 });
  });

  it('lets the SCO set "browsed" in preview mode without a violation, which keeps the attempt open', () => {
    const lms = moodleLms();
    const api = session(lms, { 'cmi.core.lesson_status': 'browsed' }, { mode: 'browse' });
    assert.equal(api.LMSGetLastError(), '0');
    assert.deepEqual(lms.violations, []);
    open(lms);
    assert.deepEqual(lms.launched, { mode: 'normal', attempt: 1 });
  });

  it('reports any other write in preview mode as a violation', () => {
    const lms = moodleLms();
    session(lms, { 'cmi.suspend_data': 'x' }, { mode: 'browse' });
    assert.match(lms.violations.join('\n'), /in browse mode/);
  });
});

describe('Moodle mode: interactions (locallib.php scorm_reconstitute_array_element, datamodel.php)', () => {
  const answer = (api: Api, index: number, id: string): void =>
    set(api, { [`cmi.interactions.${index}.id`]: id, [`cmi.interactions.${index}.type`]: 'choice', [`cmi.interactions.${index}.student_response`]: 'a', [`cmi.interactions.${index}.result`]: 'correct' });

  it('counts the stored interactions at a relaunch and appends new ones by index, never merging equal ids', () => {
    const lms = moodleLms({ masteryOverride: false });
    let api = open(lms);
    answer(api, 0, 'a1-q1');
    answer(api, 1, 'a1-q2');
    set(api, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.exit': 'suspend' });
    api.LMSFinish('');
    api = open(lms);
    assert.equal(api.LMSGetValue('cmi.interactions._count'), '2');
    answer(api, 2, 'a1-q1');
    answer(api, 3, 'a1-q2');
    api.LMSFinish('');
    assert.deepEqual(
      lms.stored.interactions.map((x) => x.id),
      ['a1-q1', 'a1-q2', 'a1-q1', 'a1-q2'],
    );
    assert.equal(open(lms).LMSGetValue('cmi.interactions._count'), '4');
  });

  it('overwrites a stored interaction written again at its own index', () => {
    const lms = moodleLms({ masteryOverride: false });
    let api = open(lms);
    answer(api, 0, 'a1-q1');
    set(api, { 'cmi.core.lesson_status': 'incomplete' });
    api.LMSFinish('');
    api = open(lms);
    answer(api, 0, 'a2-q1');
    api.LMSFinish('');
    assert.deepEqual(lms.stored.interactions.map((x) => x.id), ['a2-q1']);
  });

  it('rejects an index past cmi.interactions._count with error 201', () => {
    const api = open(moodleLms());
    assert.equal(api.LMSSetValue('cmi.interactions.1.id', 'q'), 'false');
    assert.equal(api.LMSGetLastError(), '201');
  });
});

describe('Moodle mode: commits (datamodels/scorm_12.js CollectData)', () => {
  it('stores on every LMSCommit, so a session that never finishes keeps what it committed', () => {
    const lms = moodleLms();
    const api = open(lms);
    set(api, { 'cmi.core.lesson_location': 'lesson-2', 'cmi.core.lesson_status': 'incomplete' });
    api.LMSCommit('');
    set(api, { 'cmi.core.lesson_location': 'lesson-3' });
    open(lms); // the window closed without LMSFinish
    assert.equal(lms.stored.lesson_location, 'lesson-2');
  });

  it('loses the values of a failed commit: they are marked as sent before the request', () => {
    const lms = moodleLms({}, { failCommits: true });
    const api = open(lms);
    set(api, { 'cmi.core.lesson_location': 'lesson-2', 'cmi.core.lesson_status': 'incomplete' });
    assert.equal(api.LMSCommit(''), 'false');
    lms.failCommits = false;
    assert.equal(api.LMSCommit(''), 'true');
    assert.equal(lms.stored.lesson_location, '', 'the retry posts nothing');
  });

  it('adds the session time to total_time at LMSFinish', () => {
    const lms = moodleLms();
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.exit': 'suspend', 'cmi.core.session_time': '0000:01:30.50' });
    session(lms, { 'cmi.core.session_time': '0000:00:10.00' });
    assert.equal(lms.attemptsRecorded[0]?.tracks['cmi.core.total_time'], '00:01:40.50');
    assert.equal(lms.stored.total_seconds, 100.5);
  });
});

describe('Moodle mode: "Force completed" (locallib.php scorm_insert_track)', () => {
  it('stores "completed" for "incomplete" once a score is stored', () => {
    const lms = moodleLms({ forceCompleted: true, masteryOverride: false });
    const api = open(lms);
    set(api, { 'cmi.core.lesson_status': 'incomplete' });
    api.LMSCommit('');
    set(api, { 'cmi.core.score.raw': '40' });
    api.LMSCommit('');
    assert.equal(status(lms, 1), 'completed');
  });
});

describe('Moodle mode: the grade (locallib.php scorm_grade_user, scorm_grade_user_attempt)', () => {
  /** Attempt 1 failed with 50, attempt 2 passed with 90, attempt 3 failed with 60. */
  function threeAttempts(moodle: PreviewLmsOptions['moodle']): PreviewLms {
    const lms = moodleLms(moodle);
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.score.raw': '50' });
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.score.raw': '90' }, { newAttempt: true });
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.score.raw': '60' }, { newAttempt: true });
    assert.deepEqual(lms.attemptsRecorded.map((a) => a.tracks['cmi.core.lesson_status']), ['failed', 'passed', 'failed']);
    return lms;
  }

  it('shows nothing before the first attempt', () => {
    assert.equal(moodleLms().grade, null);
  });

  it('grades the highest attempt by the highest score by default', () => {
    const lms = threeAttempts({});
    assert.equal(lms.grade, 90);
    assert.equal(lms.gradeMax, 100);
  });

  it('grades the first, the last completed, or the average attempt as "Attempts grading" says', () => {
    assert.equal(threeAttempts({ attemptsGrading: 'first' }).grade, 50);
    assert.equal(threeAttempts({ attemptsGrading: 'last-completed' }).grade, 90, 'a failed attempt is not "completed"');
    assert.equal(threeAttempts({ attemptsGrading: 'average' }).grade, 67);
  });

  it('grades "Learning objects" as 1 of 1 once an attempt is passed or completed', () => {
    const lms = threeAttempts({ grading: 'learning-objects' });
    assert.equal(lms.grade, 1);
    assert.equal(lms.gradeMax, 1);
  });

  it('caps the raw score at "Maximum grade" instead of rescaling it', () => {
    assert.equal(threeAttempts({ maxGrade: 10 }).grade, 10);
  });
});

describe('the default (non-Moodle) stand-in', () => {
  it('has no Moodle attempts: a finished record relaunches in normal mode', () => {
    const lms = new PreviewLms({ storage: memoryStorage(), masteryScore: 80 });
    session(lms, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.score.raw': '95', 'cmi.core.exit': 'suspend' });
    assert.equal(lms.stored.lesson_status, 'passed', "scorm-again's own mastery override");
    const api = open(lms, { newAttempt: true });
    assert.equal(api.LMSGetValue('cmi.core.lesson_mode'), 'normal');
    assert.equal(api.LMSGetValue('cmi.core.entry'), 'resume');
    assert.deepEqual(lms.attemptsRecorded, []);
    assert.equal(lms.grade, null);
  });
});
