import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialState, reduce } from '../../src/state/attempt.js';
import type { AttemptState } from '../../src/state/attempt.js';
import { AttemptStore } from '../../src/state/store.js';
import { StateStore } from '../../src/state/store-core.js';
import { courseModel } from '../fixtures/course-model.js';

const course = courseModel();
const lesson = course.lessons[0]?.id ?? '';

describe('attempt store', () => {
  it('the entry script\'s store (without the state machine) changes nothing before the course has started, but takes a resume', () => {
    const store = new StateStore(course);
    const heard: Array<AttemptState> = [];
    store.subscribe((s) => heard.push(s));
    assert.throws(() => store.dispatch({ type: 'go', page: lesson, now: 1 }), /before the course has started/);
    assert.equal(store.state.location, 'welcome');
    assert.equal(heard.length, 0);
    const saved: AttemptState = { ...initialState(), location: lesson, visited: [lesson] };
    store.restore(saved);
    assert.equal(store.state, saved);
    assert.equal(heard.length, 1);
  });

  it('works like AttemptStore once the tracker\'s chunk has given it the state machine', () => {
    const store = new StateStore(course);
    store.reducer = reduce;
    const full = new AttemptStore(course);
    for (const s of [store, full]) {
      let heard = 0;
      s.subscribe(() => heard++);
      s.dispatch({ type: 'go', page: lesson, now: 1 });
      assert.equal(s.state.location, lesson);
      assert.deepEqual(s.state.visited, [lesson]);
      assert.equal(heard, 1);
      s.dispatch({ type: 'go', page: 'nowhere', now: 2 });
      assert.equal(heard, 1, 'an action that changes nothing is not announced');
    }
  });
});
