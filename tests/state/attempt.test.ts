import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { correctResponse } from '../../src/model/response.js';
import { reportOf } from '../../src/tracking/records.js';
import { attemptsLeft, canStartAttempt, checkOrder, drawItems, isLessonDone, initialState, isComplete, isFinished, optionOrder, progress, reduce, scoreAttempt } from '../../src/state/attempt.js';
import type { Action, AttemptState } from '../../src/state/attempt.js';
import { coverage } from '../../src/state/blueprint.js';
import { courseModel } from '../fixtures/course-model.js';

const course = courseModel();
const run = (actions: Action[], state: AttemptState = initialState()) => actions.reduce((s, a) => reduce(course, s, a), state);
const answerAll = (state: AttemptState, correct: (i: number) => boolean): Action[] =>
  state.assessment.items.map((id, i) => {
    const item = course.bank.find((x) => x.id === id);
    if (!item) throw new Error(id);
    return { type: 'answer', itemId: id, response: correct(i) ? correctResponse(item) : ['zz'], latency: 5, now: 2000 + i };
  });

describe('attempt state', () => {
  it('records each lesson visited once and moves the location', () => {
    const s = run([{ type: 'go', page: 'lesson-one', now: 1 }, { type: 'go', page: 'lesson-two', now: 2 }, { type: 'go', page: 'lesson-one', now: 3 }]);
    assert.equal(s.location, 'lesson-one');
    assert.deepEqual(s.visited, ['lesson-one', 'lesson-two']);
    assert.equal(progress(course, s), 0, 'opening a lesson does not make it done');
  });

  it('ignores navigation to a page that does not exist', () => {
    const s = initialState();
    assert.equal(reduce(course, s, { type: 'go', page: 'nowhere', now: 1 }), s);
  });

  it('keeps knowledge-check answers and ignores unknown items', () => {
    const s = run([{ type: 'check', itemId: 'kc-one', response: ['b'] }, { type: 'check', itemId: 'nope', response: ['a'] }]);
    assert.deepEqual(s.checks, { 'kc-one': ['b'] });
  });

  it('draws each objective\'s blueprint count, the same for the same seed', () => {
    const a = drawItems(course, 42);
    assert.deepEqual(drawItems(course, 42), a);
    assert.equal(a.length, course.assessment.itemsPerAttempt);
    for (const o of course.objectives) assert.equal(a.filter((id) => course.bank.find((i) => i.id === id)?.objective === o.id).length, o.draw);
    assert.notDeepEqual(drawItems(course, 43), a, 'another seed draws differently');
  });

  it('covers every objective with its required count in every attempt (500 seeds), with no item twice', () => {
    for (let seed = 0; seed < 500; seed++) {
      const drawn = drawItems(course, Math.imul(seed, 2654435761) >>> 0);
      assert.equal(new Set(drawn).size, drawn.length);
      for (const [id, n] of coverage(course, drawn)) assert.equal(n, course.objectives.find((o) => o.id === id)?.draw, `seed ${seed}, ${id}`);
    }
  });

  it('always shows an ordering item out of order, and the same way for a seed', () => {
    const item = course.bank.find((i) => i.type === 'ordering');
    assert.ok(item);
    for (let seed = 1; seed < 50; seed++) {
      const order = optionOrder(course, item, seed);
      assert.notDeepEqual(order, ['a', 'b', 'c', 'd']);
      assert.deepEqual(optionOrder(course, item, seed), order);
    }
  });

  it('scores the attempt and passes at the mastery score', () => {
    let s = run([{ type: 'start-assessment', seed: 7, now: 1000 }]);
    s = run([...answerAll(s, (i) => i < 5), { type: 'submit', masteryScore: 0.8, now: 3000 }], s);
    assert.equal(s.assessment.lastScore, 5 / 6);
    assert.equal(s.assessment.passed, true);
    assert.equal(s.assessment.submittedAt, 3000);
  });

  it('fails below the mastery score, and the LMS mastery score given at submit decides', () => {
    let s = run([{ type: 'start-assessment', seed: 7, now: 1000 }]);
    s = run(answerAll(s, (i) => i < 5), s);
    assert.equal(run([{ type: 'submit', masteryScore: 0.9, now: 3000 }], s).assessment.passed, false);
    assert.equal(run([{ type: 'submit', masteryScore: 0.5, now: 3000 }], s).assessment.passed, true);
  });

  it('reports a score per outcome', () => {
    let s = run([{ type: 'start-assessment', seed: 3, now: 1 }]);
    s = run(answerAll(s, () => true), s);
    const result = scoreAttempt(course, s.assessment);
    assert.equal(result.score, 1);
    assert.deepEqual(result.outcomes.map((o) => [o.outcome, o.correct, o.total]), [['types', 2, 2], ['roles', 2, 2], ['sharing', 2, 2]]);
  });

  it('limits attempts, draws again for a new attempt, and never lowers the best score', () => {
    let s = run([{ type: 'start-assessment', seed: 1, now: 1 }]);
    const first = s.assessment.items;
    s = run([...answerAll(s, (i) => i < 3), { type: 'submit', masteryScore: 0.8, now: 2 }], s);
    assert.equal(s.assessment.bestScore, 0.5);
    s = run([{ type: 'start-assessment', seed: 99, now: 3 }], s);
    assert.equal(s.assessment.attempt, 2);
    assert.notDeepEqual(s.assessment.items, first);
    assert.deepEqual(s.assessment.answers, {});
    s = run([...answerAll(s, () => false), { type: 'submit', masteryScore: 0.8, now: 4 }], s);
    assert.equal(s.assessment.lastScore, 0);
    assert.equal(s.assessment.bestScore, 0.5, 'best score kept');
    s = run([{ type: 'start-assessment', seed: 5, now: 5 }], s);
    s = run([...answerAll(s, () => false), { type: 'submit', masteryScore: 0.8, now: 6 }], s);
    assert.equal(attemptsLeft(course, s), 0);
    assert.equal(canStartAttempt(course, s), false);
    assert.equal(run([{ type: 'start-assessment', seed: 8, now: 7 }], s), s, 'no fourth attempt');
  });

  it('treats a pass as final: no new attempt can lower it', () => {
    let s = run([{ type: 'start-assessment', seed: 1, now: 1 }]);
    s = run([...answerAll(s, () => true), { type: 'submit', masteryScore: 0.8, now: 2 }], s);
    assert.equal(canStartAttempt(course, s), false);
    assert.equal(run([{ type: 'start-assessment', seed: 2, now: 3 }], s), s);
    assert.equal(s.assessment.passed, true);
  });

  it('ignores answers after submission and answers to items not drawn', () => {
    let s = run([{ type: 'start-assessment', seed: 1, now: 1 }]);
    const notDrawn = course.bank.find((i) => !s.assessment.items.includes(i.id));
    assert.ok(notDrawn);
    assert.equal(run([{ type: 'answer', itemId: notDrawn.id, response: ['a'], latency: 1, now: 2 }], s), s);
    s = run([{ type: 'submit', masteryScore: 0.8, now: 2 }], s);
    assert.equal(run([{ type: 'answer', itemId: s.assessment.items[0] ?? '', response: ['a'], latency: 1, now: 3 }], s), s);
  });

  it('is complete when every lesson is visited and the assessment submitted, and records when', () => {
    let s = run(course.lessons.map((l, i) => ({ type: 'go', page: l.id, now: i + 1 }) as Action));
    assert.equal(isComplete(course, s), false, 'assessment still required');
    s = run([{ type: 'start-assessment', seed: 1, now: 10 }], s);
    s = run([...answerAll(s, () => false), { type: 'submit', masteryScore: 0.8, now: 20 }], s);
    assert.equal(isComplete(course, s), true);
    assert.equal(s.completedAt, 20);
    assert.equal(isFinished(course, s), false, 'failed with attempts left: not finished');
    assert.equal(progress(course, s), 0, 'no lesson finished, and a failed assessment is not done');
  });
});

describe('honest progress', () => {
  const openAll = course.lessons.map((l, i) => ({ type: 'go', page: l.id, now: i + 1 }) as Action);

  it('counts a lesson done only once its end is reached and its checks answered', () => {
    let s = run(openAll);
    s = run([{ type: 'end-lesson', lessonId: 'lesson-one' }], s);
    assert.equal(isLessonDone(course, s, 'lesson-one'), false, 'its check is not answered');
    s = run([{ type: 'check', itemId: 'kc-one', response: ['a'] }], s);
    assert.equal(isLessonDone(course, s, 'lesson-one'), true);
    assert.equal(progress(course, s), 1 / 4);
    s = run([{ type: 'check', itemId: 'kc-two', response: ['a'] }], s);
    assert.equal(isLessonDone(course, s, 'lesson-two'), false, 'checks answered but the end not reached');
    assert.equal(run([{ type: 'end-lesson', lessonId: 'lesson-one' }], s), s, 'reaching an end twice changes nothing');
    assert.equal(run([{ type: 'end-lesson', lessonId: 'nowhere' }], s), s);
  });

  it('counts the assessment only when passed, and the report uses the same rule', () => {
    let s = run([...openAll, ...course.lessons.flatMap((l, i) => [{ type: 'end-lesson', lessonId: l.id }, { type: 'check', itemId: `kc-${['one', 'two', 'three'][i]}`, response: ['a'] }] as Action[])]);
    assert.equal(progress(course, s), 3 / 4);
    s = run([{ type: 'start-assessment', seed: 1, now: 10 }], s);
    s = run([...answerAll(s, () => false), { type: 'submit', masteryScore: 0.8, now: 20 }], s);
    assert.equal(progress(course, s), 3 / 4, 'a failed attempt is not complete');
    assert.equal(reportOf(course, s).progress, 3 / 4);
    s = run([{ type: 'start-assessment', seed: 2, now: 30 }], s);
    s = run([...answerAll(s, () => true), { type: 'submit', masteryScore: 0.8, now: 40 }], s);
    assert.equal(progress(course, s), 1);
    assert.equal(reportOf(course, s).progress, 1);
  });
});

describe('learner seed, attempt id and evaluation', () => {
  it('makes the seed and attempt id once: a later begin changes nothing', () => {
    const s = run([{ type: 'begin', seed: 77, attemptId: 'Abc-123' }]);
    assert.equal(s.seed, 77);
    assert.equal(s.attemptId, 'abc123');
    assert.equal(run([{ type: 'begin', seed: 5, attemptId: 'zzz' }], s), s);
  });

  it('shuffles knowledge checks by the seed, the same every time, and never starts an ordering check in order', () => {
    const ordering = course.bank.find((i) => i.type === 'ordering');
    const matching = course.bank.find((i) => i.type === 'matching');
    const single = course.bank.find((i) => i.type === 'single');
    assert.ok(ordering && matching && single);
    for (let seed = 1; seed < 200; seed++) {
      const order = checkOrder(ordering, seed);
      assert.notDeepEqual(order, correctResponse(ordering), `seed ${seed}`);
      assert.deepEqual(checkOrder(ordering, seed), order);
    }
    const orders = (item: typeof single) => new Set(Array.from({ length: 30 }, (_, seed) => checkOrder(item, seed + 1).join()));
    assert.ok(orders(single).size > 1, 'choices are shuffled');
    assert.ok(orders(matching).size > 1, 'matching targets are shuffled');
  });

  it('keeps one evaluation, with valid ratings and comments cut to 500 characters', () => {
    const bad = run([{ type: 'evaluate', evaluation: { relevance: 6, clarity: 3, recommend: 'yes', comments: '' }, now: 1 }]);
    assert.equal(bad.evaluation, null);
    const s = run([{ type: 'evaluate', evaluation: { relevance: 4, clarity: 5, recommend: 'no', comments: `  ${'x'.repeat(600)}` }, now: 9 }]);
    assert.deepEqual({ ...s.evaluation, comments: s.evaluation?.comments.length }, { relevance: 4, clarity: 5, recommend: 'no', comments: 500, at: 9 });
    assert.equal(run([{ type: 'evaluate', evaluation: { relevance: 1, clarity: 1, recommend: 'yes', comments: '' }, now: 10 }], s), s);
  });
});
