import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { correctResponse } from '../../src/model/response.js';
import { AttemptStore } from '../../src/state/store.js';
import { Scorm12Driver } from '../../src/tracking/scorm12.js';
import type { Scorm12Api } from '../../src/tracking/scorm12.js';
import { Tracker } from '../../src/tracking/tracker.js';
import { courseModel } from '../fixtures/course-model.js';
import { memoryStorage } from './memory-storage.js';

/**
 * One learner on two devices against one SCORM 1.2 LMS, with the real tracker and driver: an
 * attempt whose answers only partly went in on device 1 is finished from device 2, which has
 * none of device 1's browser notes. 1.2 interactions are write-only, so device 2 can only know
 * where the held answers sit from the resume data.
 */

/** A 1.2 LMS as the standard describes it: values kept on commit, interactions write-only, in order. */
class Lms {
  readonly held = new Map<string, string>();
  session(refuse: (element: string) => boolean = () => false): Scorm12Api {
    const pending = new Map<string, string>();
    let error = '0';
    const value = (e: string) => pending.get(e) ?? this.held.get(e);
    const count = () => {
      let n = 0;
      while (value(`cmi.interactions.${n}.id`) !== undefined) n++;
      return n;
    };
    const commit = () => {
      for (const [k, v] of pending) this.held.set(k, v);
      pending.clear();
      return 'true';
    };
    return {
      LMSInitialize: () => 'true',
      LMSFinish: () => commit(),
      LMSCommit: () => commit(),
      LMSGetValue: (e) => {
        error = '0';
        if (e === 'cmi.interactions._count') return String(count());
        if (/^cmi\.interactions\.\d+\./.test(e)) {
          error = '404';
          return '';
        }
        if (e === 'cmi.core.student_id') return 'officer-7';
        return value(e) ?? '';
      },
      LMSSetValue: (e, v) => {
        const m = /^cmi\.interactions\.(\d+)\./.exec(e);
        if (refuse(e) || (m && Number(m[1]) > count())) {
          error = '351';
          return 'false';
        }
        error = '0';
        pending.set(e, v);
        return 'true';
      },
      LMSGetLastError: () => error,
      LMSGetErrorString: () => 'error',
    };
  }
  interactionIds(): string[] {
    return [...this.held].filter(([k]) => /^cmi\.interactions\.\d+\.id$/.test(k)).map(([, v]) => v);
  }
}

const course = courseModel();
const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

async function device(api: Scorm12Api, storage = memoryStorage()) {
  const store = new AttemptStore(course);
  const tracker = new Tracker({ course, store, driver: new Scorm12Driver(api), storage });
  await tracker.start();
  await flush();
  return { store, tracker };
}

/** Every lesson, then one assessment attempt answered and submitted; returns its items. */
async function takeAttempt(store: AttemptStore): Promise<readonly string[]> {
  store.dispatch({ type: 'begin', seed: 7, attemptId: 'dev1' });
  for (const l of course.lessons) store.dispatch({ type: 'go', page: l.id, now: Date.now() });
  store.dispatch({ type: 'go', page: 'assessment', now: Date.now() });
  store.dispatch({ type: 'start-assessment', seed: 99, now: Date.now() });
  const items = store.state.assessment.items;
  assert.ok(items.length > 4, 'the fixture attempt has more than four items');
  for (const id of items) {
    const item = course.bank.find((i) => i.id === id);
    if (item) store.dispatch({ type: 'answer', itemId: id, response: correctResponse(item), latency: 2, now: Date.now() });
  }
  store.dispatch({ type: 'submit', masteryScore: 0.8, now: Date.now() });
  await flush();
  return items;
}

describe('one learner, two devices, SCORM 1.2', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_750_000_000_000 }));
  afterEach(() => mock.timers.reset());

  it('finishes on device 2 the answers that only partly went in on device 1, each entry once', async () => {
    const lms = new Lms();
    // Device 1: the LMS refuses the fourth answer of the attempt; the first three go in and are committed.
    const one = await device(lms.session((e) => e === 'cmi.interactions.3.id'));
    const items = await takeAttempt(one.store);
    one.tracker.finish();
    assert.equal(lms.interactionIds().length, 3, 'device 1 got three answers in');

    // Device 2: a fresh browser, the LMS copy only.
    const two = await device(lms.session());
    assert.equal(two.store.state.assessment.submitted, true);
    await flush();
    two.tracker.finish();
    const ids = lms.interactionIds();
    assert.deepEqual([...new Set(ids)], ids, `no answer held twice: ${ids.join(' ')}`);
    assert.deepEqual(new Set(ids), new Set(items.map((id) => `a1-${id}`)), 'every answer of the attempt held');
  });

  it('still restores this browser\'s newer copy over the partly-reported resume data the LMS took', async () => {
    const lms = new Lms();
    const storage = memoryStorage();
    let refuseAll = false;
    const one = await device(lms.session((e) => refuseAll || e === 'cmi.interactions.3.id'), storage);
    await takeAttempt(one.store);
    assert.match(lms.held.get('cmi.suspend_data') ?? '', /\|b=/, 'the LMS holds the resume data with the index of the held answers');
    // Then every write is refused: the workbook visit lives only in this browser's copy.
    refuseAll = true;
    one.store.dispatch({ type: 'go', page: 'workbook', now: Date.now() });
    await flush();
    one.tracker.finish();
    const again = await device(lms.session(), storage);
    assert.equal(again.store.state.location, 'workbook', 'the copy descends from what the LMS holds, so it wins');
  });
});
