import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { registerContent } from '../../src/model/loader.js';
import { correctResponse } from '../../src/model/response.js';
import { decodeResume } from '../../src/state/codec.js';
import { AttemptStore } from '../../src/state/store.js';
import type { Launch, Save, TrackingDriver, TrackingEvent } from '../../src/tracking/driver.js';
import { ANSWER_COMMIT_DELAY_MS, MESSAGES, RETRY_DELAYS_MS, Tracker } from '../../src/tracking/tracker.js';
import { courseModel } from '../fixtures/course-model.js';
import { memoryStorage } from './memory-storage.js';

/**
 * The tracker with a scripted driver and fake timers: when it saves, what it
 * sends, how it retries, what it keeps in the browser, and when it ends.
 */

interface Call {
  readonly kind: 'report' | 'terminate';
  readonly events: readonly TrackingEvent[];
  readonly save: Save | null;
  readonly commit: boolean;
}

class ScriptedDriver implements TrackingDriver {
  readonly kind = 'scorm12';
  readonly pending = 0;
  lastError = '';
  limits = { resumeData: 4096, location: 255 };
  readonly calls: Call[] = [];
  /** What report() answers next: true (confirmed), false (refused) or 'throw'. */
  answer: boolean | 'throw' = true;
  terminateAnswer = true;

  constructor(private readonly launch: Partial<Launch> = {}) {}

  async initialize(): Promise<Launch> {
    return {
      learner: { id: 'officer-7', name: 'Rivera, Ana' },
      entry: '',
      mode: 'normal',
      credit: true,
      masteryScore: null,
      resumeData: '',
      location: '',
      priorSeconds: 0,
      returnUrl: null,
      recorded: { completion: 'unknown', success: 'unknown', score: null },
      registration: '',
      ...this.launch,
    };
  }

  async report(options: { events: readonly TrackingEvent[]; save: Save; commit: boolean }): Promise<boolean> {
    this.calls.push({ kind: 'report', ...options });
    if (this.answer === 'throw') throw new Error('LMS API threw');
    return this.answer;
  }

  terminateNow(options: { events: readonly TrackingEvent[]; save: Save | null; sessionSeconds: number }): boolean {
    this.calls.push({ kind: 'terminate', events: options.events, save: options.save, commit: true });
    return this.terminateAnswer;
  }

  get reports(): Call[] {
    return this.calls.filter((c) => c.kind === 'report');
  }

  get terminations(): Call[] {
    return this.calls.filter((c) => c.kind === 'terminate');
  }

  /** The resume data of the last save the driver was given. */
  get lastResume(): string {
    const last = [...this.calls].reverse().find((c) => c.save?.resumeData);
    return last?.save?.resumeData ?? '';
  }
}

const course = courseModel();
const flushPromises = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

async function launch(options: { driver?: ScriptedDriver; storage?: ReturnType<typeof memoryStorage> } = {}) {
  const driver = options.driver ?? new ScriptedDriver();
  const storage = options.storage ?? memoryStorage();
  const store = new AttemptStore(course);
  const tracker = new Tracker({ course, store, driver, storage });
  await tracker.start();
  await flushPromises();
  return { driver, storage, store, tracker };
}

/** Every lesson, then an assessment attempt answered right or wrong, submitted. */
function takeAttempt(store: AttemptStore, right: boolean): void {
  for (const l of course.lessons) store.dispatch({ type: 'go', page: l.id, now: Date.now() });
  store.dispatch({ type: 'go', page: 'assessment', now: Date.now() });
  store.dispatch({ type: 'start-assessment', seed: 1234 + store.state.assessment.attempt, now: Date.now() });
  for (const id of store.state.assessment.items) {
    const item = course.bank.find((i) => i.id === id);
    if (!item) throw new Error(id);
    store.dispatch({ type: 'answer', itemId: id, response: right ? correctResponse(item) : ['zz'], latency: 1.25, now: Date.now() });
  }
  store.dispatch({ type: 'submit', masteryScore: 0.8, now: Date.now() });
}

/**
 * A session whose every save and finish the LMS refused: `work` is what the learner did before the
 * window closed. Returns the session, and the resume data the LMS held from before it.
 */
async function refusedSession(storage: ReturnType<typeof memoryStorage>, work: (store: AttemptStore) => void) {
  const first = await launch({ storage });
  const held = first.driver.lastResume;
  first.driver.answer = false;
  first.driver.terminateAnswer = false;
  work(first.store);
  await flushPromises();
  first.tracker.finish();
  return { ...first, held };
}

const submittedAttempts = (driver: ScriptedDriver) =>
  driver.calls.flatMap((c) => c.events).filter((e): e is Extract<TrackingEvent, { type: 'submitted' }> => e.type === 'submitted');

describe('tracker', () => {
  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_750_000_000_000 });
  });
  afterEach(() => {
    mock.timers.reset();
  });

  it('commits at launch so the LMS knows the attempt started', async () => {
    const { driver } = await launch();
    assert.equal(driver.reports.length, 1);
    assert.equal(driver.reports[0]?.commit, true);
    assert.equal(driver.reports[0]?.events[0]?.type, 'launched');
  });

  it('batches answer changes into one commit after a quiet period', async () => {
    const { driver, store } = await launch();
    store.dispatch({ type: 'go', page: 'assessment', now: Date.now() });
    store.dispatch({ type: 'start-assessment', seed: 5, now: Date.now() });
    await flushPromises();
    const before = driver.reports.length;
    const [first, second] = store.state.assessment.items;
    store.dispatch({ type: 'answer', itemId: first ?? '', response: ['a'], latency: 1, now: Date.now() });
    mock.timers.tick(ANSWER_COMMIT_DELAY_MS - 100);
    store.dispatch({ type: 'answer', itemId: second ?? '', response: ['b'], latency: 1, now: Date.now() });
    mock.timers.tick(ANSWER_COMMIT_DELAY_MS - 100);
    await flushPromises();
    assert.equal(driver.reports.length, before, 'no save while the learner is still answering');
    mock.timers.tick(100);
    await flushPromises();
    assert.equal(driver.reports.length, before + 1, 'one save for both answers');
    assert.equal(driver.reports.at(-1)?.commit, true);
    assert.match(driver.lastResume, new RegExp(`${first}:a`));
  });

  it('commits at once on navigation and on submission', async () => {
    const { driver, store } = await launch();
    store.dispatch({ type: 'go', page: course.lessons[0]?.id ?? '', now: Date.now() });
    await flushPromises();
    assert.equal(driver.reports.length, 2);
    assert.equal(driver.reports[1]?.save?.location, course.lessons[0]?.id);
    takeAttempt(store, true);
    await flushPromises();
    const last = driver.reports.at(-1);
    assert.equal(last?.commit, true);
    assert.equal(last?.save?.report.success, 'passed');
  });

  it('writes the latest state after a save that was under way, without overlapping calls', async () => {
    const { driver, store } = await launch();
    let release: (ok: boolean) => void = () => undefined;
    driver.report = async (options) => {
      driver.calls.push({ kind: 'report', ...options });
      return new Promise<boolean>((r) => (release = r));
    };
    store.dispatch({ type: 'go', page: course.lessons[0]?.id ?? '', now: Date.now() });
    store.dispatch({ type: 'go', page: course.lessons[1]?.id ?? '', now: Date.now() });
    await flushPromises();
    assert.equal(driver.reports.length, 2, 'the second change waits for the first save');
    release(true);
    await flushPromises();
    assert.equal(driver.reports.length, 3);
    assert.equal(driver.reports[2]?.save?.location, course.lessons[1]?.id);
    release(true);
  });

  it('retries a refused save with growing delays, tells the learner, and clears the message once it works', async () => {
    const { driver, store, tracker } = await launch();
    driver.answer = false;
    store.dispatch({ type: 'go', page: course.lessons[0]?.id ?? '', now: Date.now() });
    await flushPromises();
    assert.equal(tracker.status.message, MESSAGES.saveFailed);
    const count = () => driver.reports.length;
    const start = count();
    mock.timers.tick((RETRY_DELAYS_MS[0] ?? 0) - 1);
    await flushPromises();
    assert.equal(count(), start, 'not before the first delay');
    mock.timers.tick(1);
    await flushPromises();
    assert.equal(count(), start + 1, 'first retry');
    mock.timers.tick((RETRY_DELAYS_MS[1] ?? 0) - 1);
    await flushPromises();
    assert.equal(count(), start + 1, 'the second delay is longer');
    mock.timers.tick(1);
    await flushPromises();
    assert.equal(count(), start + 2, 'second retry');
    driver.answer = true;
    mock.timers.tick(RETRY_DELAYS_MS[2] ?? 0);
    await flushPromises();
    assert.equal(tracker.status.message, '');
    assert.equal(tracker.status.level, 'ok');
    mock.timers.tick(60_000);
    await flushPromises();
    assert.equal(count(), start + 3, 'no more retries once saved');
  });

  it('treats an exception from the driver like a refusal', async () => {
    const { driver, store, tracker } = await launch();
    driver.answer = 'throw';
    store.dispatch({ type: 'go', page: course.lessons[0]?.id ?? '', now: Date.now() });
    await flushPromises();
    assert.equal(tracker.status.level, 'error');
    assert.equal(tracker.status.saving, false);
  });

  it('re-sends events the LMS did not confirm, with the next save', async () => {
    const { driver, store } = await launch();
    driver.answer = false;
    store.dispatch({ type: 'go', page: course.lessons[0]?.id ?? '', now: Date.now() });
    await flushPromises();
    const experienced = driver.reports.at(-1)?.events.find((e) => e.type === 'experienced');
    assert.ok(experienced);
    driver.answer = true;
    mock.timers.tick(RETRY_DELAYS_MS[0] ?? 0);
    await flushPromises();
    assert.ok(driver.reports.at(-1)?.events.some((e) => e.id === experienced.id), 'same event, same id');
    store.dispatch({ type: 'go', page: course.lessons[1]?.id ?? '', now: Date.now() });
    await flushPromises();
    assert.ok(!driver.reports.at(-1)?.events.some((e) => e.id === experienced.id), 'confirmed events are not sent again');
  });

  it('keeps a per-learner backup until the LMS confirms that revision, and restores it on the next launch', async () => {
    const storage = memoryStorage();
    const first = await launch({ storage });
    first.driver.answer = false;
    first.store.dispatch({ type: 'go', page: course.lessons[1]?.id ?? '', now: Date.now() });
    await flushPromises();
    const key = [...storage.keys()].find((k) => k.includes('officer-7') && k.endsWith(':backup'));
    assert.ok(key, 'backup kept under the learner id');
    first.driver.terminateAnswer = false;
    first.tracker.finish();
    assert.ok(storage.getItem(key), 'a finish the LMS did not confirm keeps the backup');
    assert.equal(first.tracker.status.message, MESSAGES.endedUnsaved);

    // The LMS still holds the launch-time data (revision 1).
    const lms = new ScriptedDriver({ resumeData: first.driver.reports[0]?.save?.resumeData ?? '' });
    const second = await launch({ driver: lms, storage });
    assert.equal(second.store.state.location, course.lessons[1]?.id, 'the newer backup wins');
    assert.equal(storage.getItem(key) === null, true, 'and is dropped once the LMS confirms it');
  });

  it('drops the backup once a finish is confirmed', async () => {
    const storage = memoryStorage();
    const first = await launch({ storage });
    first.driver.answer = false;
    first.store.dispatch({ type: 'go', page: course.lessons[1]?.id ?? '', now: Date.now() });
    await flushPromises();
    assert.ok([...storage.keys()].some((k) => k.endsWith(':backup')));
    first.tracker.finish();
    assert.equal([...storage.keys()].some((k) => k.endsWith(':backup')), false);
  });

  it('never lets an older backup beat newer LMS data', async () => {
    const storage = memoryStorage();
    const first = await launch({ storage });
    first.driver.answer = false;
    first.store.dispatch({ type: 'go', page: course.lessons[0]?.id ?? '', now: Date.now() });
    await flushPromises();
    // Meanwhile, on another device, the learner got further: the LMS holds a later revision.
    const elsewhere = await launch({ storage: memoryStorage() });
    for (let i = 0; i < 5; i++) elsewhere.store.dispatch({ type: 'go', page: course.lessons[i % 3]?.id ?? '', now: Date.now() });
    elsewhere.store.dispatch({ type: 'go', page: 'workbook', now: Date.now() });
    await flushPromises();
    const newer = elsewhere.driver.lastResume;
    const again = await launch({ driver: new ScriptedDriver({ resumeData: newer }), storage });
    assert.equal(again.store.state.location, 'workbook');
  });

  it('never lets a backup from device 1 beat what device 2 saved since, even when it counted more saves', async () => {
    // Both devices start from the same LMS copy.
    const start = await launch({ storage: memoryStorage() });
    start.store.dispatch({ type: 'go', page: course.lessons[0]?.id ?? '', now: Date.now() });
    await flushPromises();
    const shared = start.driver.lastResume;
    // Device 1: the LMS refuses every save; its backup counts many revisions.
    const device1 = memoryStorage();
    const first = await launch({ driver: new ScriptedDriver({ resumeData: shared }), storage: device1 });
    first.driver.answer = false;
    for (let i = 0; i < 12; i++) first.store.dispatch({ type: 'go', page: course.lessons[i % 2]?.id ?? '', now: Date.now() });
    await flushPromises();
    // Device 2: fewer saves, all confirmed, further on.
    const second = await launch({ driver: new ScriptedDriver({ resumeData: shared }), storage: memoryStorage() });
    second.store.dispatch({ type: 'go', page: 'workbook', now: Date.now() });
    await flushPromises();
    const newer = second.driver.lastResume;
    const backup = JSON.parse([...device1.keys()].filter((k) => k.endsWith(':backup')).map((k) => device1.getItem(k) ?? '')[0] ?? '{}') as { revision: number };
    assert.ok(backup.revision > (decodeResume(course, newer).meta.revision), 'the stale backup has the higher revision number');
    const again = await launch({ driver: new ScriptedDriver({ resumeData: newer }), storage: device1 });
    assert.equal(again.store.state.location, 'workbook', 'device 2\'s newer progress is kept');
    assert.ok(again.driver.lastResume.includes('l=workbook'));
  });

  it('restores the backup over an LMS copy this browser wrote, even one the LMS never confirmed', async () => {
    const storage = memoryStorage();
    const first = await launch({ storage });
    first.driver.answer = false;
    first.store.dispatch({ type: 'go', page: course.lessons[0]?.id ?? '', now: Date.now() });
    await flushPromises();
    // The LMS stored this write although the save was not confirmed (a later value was refused).
    const storedAnyway = first.driver.lastResume;
    first.store.dispatch({ type: 'go', page: course.lessons[1]?.id ?? '', now: Date.now() });
    await flushPromises();
    first.driver.terminateAnswer = false;
    first.tracker.finish();
    const again = await launch({ driver: new ScriptedDriver({ resumeData: storedAnyway }), storage });
    assert.equal(again.store.state.location, course.lessons[1]?.id, 'the backup holds the newest progress');
  });

  it('restores a newer backup over a failed attempt the LMS still holds open (SCORM 2004: failed but incomplete)', async () => {
    const storage = memoryStorage();
    const { held } = await refusedSession(storage, (store) => store.dispatch({ type: 'go', page: course.lessons[2]?.id ?? '', now: Date.now() }));
    const driver = new ScriptedDriver({ resumeData: held, recorded: { completion: 'incomplete', success: 'failed', score: 0.4 } });
    const again = await launch({ driver, storage });
    assert.equal(again.store.state.location, course.lessons[2]?.id);
  });

  it('restores a newer backup over a finished LMS record when the LMS copy is one this browser wrote (its status went in, its resume data was refused)', async () => {
    const storage = memoryStorage();
    const { held } = await refusedSession(storage, (store) => store.dispatch({ type: 'go', page: course.lessons[2]?.id ?? '', now: Date.now() }));
    const driver = new ScriptedDriver({ resumeData: held, recorded: { completion: 'completed', success: 'failed', score: 0.4 } });
    const again = await launch({ driver, storage });
    assert.equal(again.store.state.location, course.lessons[2]?.id);
  });

  it('lets the LMS win for a finished attempt, whatever the backup says', async () => {
    const storage = memoryStorage();
    const first = await launch({ storage });
    first.driver.answer = false;
    takeAttempt(first.store, true);
    await flushPromises();
    const driver = new ScriptedDriver({ resumeData: '', recorded: { completion: 'completed', success: 'failed', score: 0.4 } });
    const again = await launch({ driver, storage });
    assert.equal(again.store.state.assessment.passed, false, 'the backup\'s pass is not taken over the LMS record');
  });

  it('still reports status and score when the resume data is over the limit', async () => {
    const driver = new ScriptedDriver();
    driver.limits = { resumeData: 40, location: 255 };
    const { store, tracker } = await launch({ driver });
    takeAttempt(store, true);
    await flushPromises();
    const last = driver.reports.at(-1);
    assert.equal(last?.save?.resumeData, null, 'resume data withheld');
    assert.equal(last?.save?.report.success, 'passed', 'the pass still goes');
    assert.equal(last?.save?.report.score, 1);
    assert.equal(tracker.status.message, MESSAGES.tooLarge);
  });

  it('flushes a pending answer at once when the page is hidden', async () => {
    const { driver, store, tracker } = await launch();
    store.dispatch({ type: 'start-assessment', seed: 9, now: Date.now() });
    await flushPromises();
    const before = driver.reports.length;
    store.dispatch({ type: 'answer', itemId: store.state.assessment.items[0] ?? '', response: ['a'], latency: 1, now: Date.now() });
    tracker.flush();
    await flushPromises();
    assert.equal(driver.reports.length, before + 1);
    mock.timers.tick(ANSWER_COMMIT_DELAY_MS * 2);
    await flushPromises();
    assert.equal(driver.reports.length, before + 1, 'the timer was cancelled: no second save');
  });

  it('terminates exactly once, whichever path comes first', async () => {
    const { driver, tracker } = await launch();
    tracker.finish();
    tracker.finish();
    tracker.flush();
    assert.equal(driver.terminations.length, 1);
    const events = driver.terminations[0]?.events.map((e) => e.type) ?? [];
    assert.deepEqual(events.slice(-2), ['suspended', 'terminated']);
    assert.equal(tracker.status.ended, true);
  });

  it('writes nothing in a review launch: no save, no events, and an empty terminate', async () => {
    const driver = new ScriptedDriver({ mode: 'review', resumeData: '' });
    const { store, tracker } = await launch({ driver });
    store.dispatch({ type: 'go', page: course.lessons[0]?.id ?? '', now: Date.now() });
    takeAttempt(store, true);
    tracker.flush();
    await flushPromises();
    tracker.finish();
    assert.equal(driver.reports.length, 0);
    assert.equal(driver.terminations.length, 1);
    assert.equal(driver.terminations[0]?.save, null);
    assert.deepEqual(driver.terminations[0]?.events, []);
    assert.equal(tracker.status.message, MESSAGES.review);
    assert.equal(tracker.launchInfo.mode, 'review');
  });

  it('reports an attempt\'s answers once across sessions', async () => {
    const first = await launch();
    takeAttempt(first.store, false);
    await flushPromises();
    first.tracker.finish();
    assert.equal(submittedAttempts(first.driver).length, 1);
    const held = first.driver.terminations[0]?.save?.resumeData ?? '';
    const second = await launch({ driver: new ScriptedDriver({ resumeData: held }) });
    second.store.dispatch({ type: 'go', page: 'workbook', now: Date.now() });
    await flushPromises();
    second.tracker.finish();
    assert.equal(submittedAttempts(second.driver).length, 0, 'a relaunch does not report attempt 1 again');
  });

  it('reports an attempt whose answers never reached the LMS on the next launch, once', async () => {
    const storage = memoryStorage();
    const first = await refusedSession(storage, (store) => takeAttempt(store, false));
    const lms = new ScriptedDriver({ resumeData: first.driver.reports[0]?.save?.resumeData ?? '' });
    await launch({ driver: lms, storage });
    const sent = submittedAttempts(lms);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.attempt, 1);
  });

  it('loads the question texts before it reports an attempt again at launch (the bank is loaded as needed)', async () => {
    const first = await refusedSession(memoryStorage(), (store) => takeAttempt(store, false));
    // The next launch starts from a skeleton: the bank's texts empty until its chunk loads.
    const skeleton = courseModel();
    const full = courseModel();
    for (const item of skeleton.bank) Object.assign(item, { stemText: '', stemHtml: '' });
    let loads = 0;
    registerContent(skeleton, { bank: async () => (loads++, { default: { bank: full.bank } }) });
    // Another browser: the LMS copy says attempt 1 was submitted but its answers did not all go in.
    const held = first.driver.terminations[0]?.save?.resumeDataUnreported ?? '';
    assert.equal(decodeResume(course, held).meta.reported, 0);
    const lms = new ScriptedDriver({ resumeData: held });
    const tracker = new Tracker({ course: skeleton, store: new AttemptStore(skeleton), driver: lms, storage: memoryStorage() });
    await tracker.start();
    await flushPromises();
    const sent = submittedAttempts(lms)[0];
    assert.equal(loads, 1);
    assert.ok(sent && sent.interactions.length > 0);
    for (const r of sent?.interactions ?? []) assert.notEqual(r.description, '', `${r.id} has its question text`);
  });

  it('keeps a pass the LMS holds, even when the resume data says otherwise', async () => {
    const driver = new ScriptedDriver({ resumeData: 'not readable', recorded: { completion: 'completed', success: 'passed', score: 0.9 } });
    const { tracker } = await launch({ driver });
    assert.equal(tracker.status.message, MESSAGES.unreadable);
    const first = driver.reports[0]?.save?.report;
    assert.equal(first?.success, 'passed');
    assert.equal(first?.completion, 'completed');
    assert.equal(first?.score, 0.9);
  });

  it('tags the interaction ids of a course started over unreadable resume data, so they never meet the answers the LMS holds', async () => {
    const driver = new ScriptedDriver({ resumeData: '2|l=lesson-one|cut sho', heldInteractions: 12 });
    const { store, tracker } = await launch({ driver });
    assert.equal(tracker.status.message, MESSAGES.unreadable);
    assert.match(store.state.idTag, /^[a-z0-9]{4}$/);
    takeAttempt(store, true);
    await flushPromises();
    const ids = submittedAttempts(driver)[0]?.interactions.map((r) => r.id) ?? [];
    assert.ok(ids.length > 0);
    for (const id of ids) assert.ok(id.startsWith(`a1-${store.state.idTag}-`), id);
    // The tag travels in the resume data: a relaunch reports under the same ids.
    const held = decodeResume(course, driver.lastResume).state;
    assert.equal(held.idTag, store.state.idTag);
  });

  it('continues from this browser\'s copy when the LMS resume data is unreadable, and sends the answers that never arrived', async () => {
    const storage = memoryStorage();
    await refusedSession(storage, (store) => takeAttempt(store, false));
    const lms = new ScriptedDriver({ resumeData: '2|l=assessment|v=cut sho', heldInteractions: 4 });
    const second = await launch({ driver: lms, storage });
    assert.equal(second.tracker.status.message, MESSAGES.unreadableBackup);
    assert.equal(second.store.state.assessment.attempt, 1);
    assert.equal(second.store.state.assessment.submitted, true);
    assert.equal(second.store.state.idTag, '', 'the copy keeps its own ids');
    const sent = submittedAttempts(lms);
    assert.equal(sent.length, 1, 'attempt 1, never confirmed, is reported');
    assert.equal(sent[0]?.attempt, 1);
  });

  it('tags the ids when the LMS holds answers but no resume data, and not on a first launch', async () => {
    const held = await launch({ driver: new ScriptedDriver({ heldInteractions: 3 }) });
    assert.match(held.store.state.idTag, /^[a-z0-9]{4}$/);
    const other = await launch({ driver: new ScriptedDriver({ heldInteractions: 3 }) });
    assert.notEqual(other.store.state.idTag, held.store.state.idTag, 'each start over gets its own tag');
    const first = await launch({ driver: new ScriptedDriver({ heldInteractions: 0 }) });
    assert.equal(first.store.state.idTag, '');
    takeAttempt(first.store, true);
    await flushPromises();
    assert.ok(submittedAttempts(first.driver)[0]?.interactions.every((r) => /^a1-[a-z]/.test(r.id) && !r.id.includes(`-${held.store.state.idTag}-`)));
  });

  it('keeps a restored attempt\'s ids as they were (no new tag over readable resume data)', async () => {
    const first = await launch();
    takeAttempt(first.store, false);
    await flushPromises();
    first.tracker.finish();
    const resume = first.driver.terminations[0]?.save?.resumeData ?? '';
    const second = await launch({ driver: new ScriptedDriver({ resumeData: resume, heldInteractions: 10 }) });
    assert.equal(second.store.state.idTag, '');
  });

  it('never overwrites resume data written by a newer version of the course', async () => {
    const storage = memoryStorage();
    const driver = new ScriptedDriver({ resumeData: '9|l=lesson-one|x=new' });
    const { store, tracker } = await launch({ driver, storage });
    store.dispatch({ type: 'go', page: course.lessons[0]?.id ?? '', now: Date.now() });
    await flushPromises();
    tracker.finish();
    assert.equal(driver.reports.length, 0);
    assert.equal(driver.terminations[0]?.save, null);
    assert.equal(tracker.status.message, MESSAGES.future);
    assert.ok([...storage.keys()].some((k) => k.endsWith(':unreadable') && storage.getItem(k) === '9|l=lesson-one|x=new'), 'and keeps a copy');
  });

  it('writes nothing when the LMS could not answer its launch reads (unreadable launch), says so, and leaves the browser copy as it was', async () => {
    const storage = memoryStorage();
    // An earlier session whose saves failed left a browser copy.
    await refusedSession(storage, (store) => store.dispatch({ type: 'go', page: course.lessons[0]?.id ?? '', now: Date.now() }));
    const kept = new Map([...storage.keys()].map((k) => [k, storage.getItem(k)]));
    assert.ok(kept.size > 0);

    const driver = new ScriptedDriver({ unreadable: true, resumeData: '' });
    const { store, tracker } = await launch({ driver, storage });
    assert.equal(tracker.status.message, MESSAGES.lmsUnreadable);
    assert.equal(tracker.status.readOnly, true);
    takeAttempt(store, true);
    store.dispatch({ type: 'go', page: 'workbook', now: Date.now() });
    tracker.flush();
    await flushPromises();
    mock.timers.tick(60_000);
    await flushPromises();
    tracker.finish();
    assert.equal(driver.reports.length, 0, 'no save, no status, no location');
    assert.equal(driver.terminations.length, 1);
    assert.equal(driver.terminations[0]?.save, null);
    assert.deepEqual(driver.terminations[0]?.events, []);
    assert.equal(tracker.status.message, MESSAGES.lmsUnreadable, 'the reason stays on screen after the end');
    assert.deepEqual(new Map([...storage.keys()].map((k) => [k, storage.getItem(k)])), kept);
  });
});
