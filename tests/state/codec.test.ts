import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { correctResponse } from '../../src/model/response.js';
import { initialState, reduce } from '../../src/state/attempt.js';
import type { Action, AttemptState } from '../../src/state/attempt.js';
import { decodeResume, decodeState, encodeState, ResumeDataError } from '../../src/state/codec.js';
import { courseModel } from '../fixtures/course-model.js';

const course = courseModel();
const run = (actions: Action[], state: AttemptState = initialState()) => actions.reduce((s, a) => reduce(course, s, a), state);

describe('resume codec', () => {
  it('round-trips a state mid-assessment exactly (to the second)', () => {
    let s = run([
      { type: 'go', page: 'lesson-one', now: 1000 },
      { type: 'go', page: 'lesson-two', now: 2000 },
      { type: 'check', itemId: 'kc-one', response: ['b'] },
      { type: 'start-assessment', seed: 123456789, now: 3000 },
    ]);
    const [first, second] = s.assessment.items;
    const item = course.bank.find((i) => i.id === second);
    assert.ok(first && second && item);
    s = run([
      { type: 'answer', itemId: first, response: ['c'], latency: 12, now: 1_700_000_000_000 },
      { type: 'answer', itemId: second, response: correctResponse(item), latency: 30, now: 1_700_000_100_000 },
    ], s);
    const text = encodeState(s);
    assert.deepEqual(decodeState(course, text), s);
  });

  it('round-trips matching and multiple responses', () => {
    const s: AttemptState = {
      ...initialState(),
      assessment: {
        ...initialState().assessment,
        attempt: 2,
        seed: 5,
        items: ['sharing-match', 'types-multi', 'roles-order'],
        answers: {
          'sharing-match': { response: ['1.b', '2.a', '3.c'], latency: 3, at: 1_000_000 },
          'types-multi': { response: ['a', 'c'], latency: 4, at: 2_000_000 },
        },
        submitted: true,
        lastScore: 1 / 3,
        bestScore: 0.5,
        passed: false,
        submittedAt: 3_000_000,
      },
    };
    const back = decodeState(course, encodeState(s));
    assert.deepEqual(back.assessment.answers, s.assessment.answers);
    assert.deepEqual(back.assessment.items, s.assessment.items);
    assert.equal(back.assessment.bestScore, 0.5);
    assert.ok(Math.abs((back.assessment.lastScore ?? 0) - 1 / 3) < 0.0001);
  });

  it('is compact: starts with its version and is not JSON', () => {
    const text = encodeState(run([{ type: 'go', page: 'lesson-one', now: 1 }]));
    assert.match(text, /^2\|/);
    assert.throws(() => JSON.parse(text));
  });

  it('rejects data it does not understand', () => {
    assert.throws(() => decodeState(course, '{"a":1}'), ResumeDataError);
    assert.throws(() => decodeState(course, '9|l=x'), ResumeDataError);
  });

  it('drops ids the course no longer has instead of failing', () => {
    const s = decodeState(course, '1|l=gone|v=lesson-one,removed|c=kc-one:a,old:b|a=0.0.0....|r=|d=');
    assert.equal(s.location, 'welcome');
    assert.deepEqual(s.visited, ['lesson-one']);
    assert.deepEqual(s.checks, { 'kc-one': ['a'] });
  });

  it('keeps the revision and the last reported attempt with the state', () => {
    const text = encodeState(run([{ type: 'go', page: 'lesson-one', now: 1 }]), { revision: 41, reported: 2 });
    assert.deepEqual(decodeResume(course, text).meta, { revision: 41, reported: 2 });
  });

  it('keeps answer latencies to the hundredth of a second', () => {
    let s = run([{ type: 'start-assessment', seed: 7, now: 1 }]);
    const first = s.assessment.items[0] ?? '';
    s = run([{ type: 'answer', itemId: first, response: ['a'], latency: 0.37, now: 2000 }], s);
    assert.equal(decodeState(course, encodeState(s)).assessment.answers[first]?.latency, 0.37);
  });

  it('still reads version 1 data (latencies in whole seconds)', () => {
    const s = decodeState(course, '1|l=lesson-one|v=lesson-one|c=|a=1.5.0....|r=types-multi:a:c:1|d=');
    assert.equal(s.assessment.answers['types-multi']?.latency, 12);
  });

  it('rejects data cut short, rather than accepting a shortened attempt', () => {
    let s = run([{ type: 'go', page: 'lesson-one', now: 1 }, { type: 'check', itemId: 'kc-one', response: ['b'] }, { type: 'start-assessment', seed: 3, now: 5 }]);
    s = run([{ type: 'answer', itemId: s.assessment.items[0] ?? '', response: ['a'], latency: 1, now: 9000 }], s);
    const text = encodeState(s, { revision: 3, reported: 0 });
    for (const share of [0.5, 0.75, 0.8, 0.9, 0.99]) {
      assert.throws(() => decodeState(course, text.slice(0, -1)), ResumeDataError, 'one character short');
      assert.throws(() => decodeState(course, text.slice(0, Math.floor(text.length * share))), ResumeDataError, `cut to ${share}`);
    }
  });

  it('marks data from a newer version of the course as "future", so it is kept, not overwritten', () => {
    assert.throws(() => decodeState(course, '3|l=x|z=new'), (e: unknown) => e instanceof ResumeDataError && e.reason === 'future');
    assert.throws(() => decodeState(course, 'garbage'), (e: unknown) => e instanceof ResumeDataError && e.reason !== 'future');
  });

  it('keeps the learner seed, attempt id, lesson ends and evaluation, and still reads version 2 data without them', () => {
    const s = run([
      { type: 'begin', seed: 0xfeedbeef, attemptId: 'k3x9q2' },
      { type: 'go', page: 'lesson-one', now: 1000 },
      { type: 'end-lesson', lessonId: 'lesson-one' },
      { type: 'evaluate', evaluation: { relevance: 4, clarity: 2, recommend: 'yes', comments: 'Good. Clear | useful, 100% = "yes": café ✓' }, now: 1_700_000_000_000 },
    ]);
    const text = encodeState(s, { revision: 3, reported: 0 });
    // The comments are reported when sent and not kept in the resume data (they would cost up to ~1,800 characters).
    assert.ok(s.evaluation?.comments);
    assert.ok(!text.includes('Good'), text);
    assert.deepEqual(decodeState(course, text), { ...s, evaluation: s.evaluation && { ...s.evaluation, comments: '' } });
    // A version-2 string from a build that kept the comments still reads, comments included.
    const withComments = `${text.slice(0, text.lastIndexOf('|n='))}.Good%2E%20caf%C3%A9`;
    assert.deepEqual(decodeState(course, `${withComments}|n=3.0.${withComments.length.toString(36)}`).evaluation, { ...s.evaluation, comments: 'Good. café' });
    // A version-2 string written before these fields existed: the same state with the defaults.
    const old = '2|l=lesson-one|v=lesson-one|c=|a=0.0.0....|r=|d=';
    const decoded = decodeState(course, `${old}|n=1.0.${old.length.toString(36)}`);
    assert.deepEqual(decoded, { ...initialState(), location: 'lesson-one', visited: ['lesson-one'] });
    // The length check still closes the string: a cut inside the new fields is refused.
    const cut = text.replace('|e=lesson-one', '|e=lesson-on');
    assert.throws(() => decodeState(course, cut), ResumeDataError);
  });

  it('keeps where a partly reported attempt\'s answers sit in the LMS (SCORM 1.2), and only when given', () => {
    const s = run([{ type: 'begin', seed: 77, attemptId: 'k3x9q2' }]);
    assert.equal(decodeResume(course, encodeState(s, { revision: 2, reported: 0, base: 40 })).meta.base, 40);
    assert.equal(decodeResume(course, encodeState(s, { revision: 2, reported: 0, base: 0 })).meta.base, 0);
    assert.equal(decodeResume(course, encodeState(s, { revision: 2, reported: 0 })).meta.base, undefined);
  });

  it('keeps the interaction-id tag of a course attempt started over held answers, with or without a learner seed', () => {
    const tagged = { ...run([{ type: 'begin', seed: 77, attemptId: 'k3x9q2' }]), idTag: 'x7k2' };
    assert.equal(decodeState(course, encodeState(tagged, { revision: 1, reported: 0 })).idTag, 'x7k2');
    const early = { ...initialState(), idTag: 'q1w2' };
    assert.equal(decodeState(course, encodeState(early, { revision: 1, reported: 0 })).idTag, 'q1w2');
    assert.equal(decodeState(course, encodeState(run([{ type: 'begin', seed: 77, attemptId: 'k3x9q2' }]), { revision: 1, reported: 0 })).idTag, '');
  });
});
