import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CourseModel, Item } from '../../src/model/course.js';
import { initialState } from '../../src/state/attempt.js';
import type { AttemptState } from '../../src/state/attempt.js';
import { decodeState, encodeState } from '../../src/state/codec.js';
import { SCORM12 } from '../../src/tracking/scorm12.js';

const MODEL = new URL('../../.generated/course.json', import.meta.url);

/** The longest response an item can have, in the codec's terms. */
function longestResponse(item: Item): string[] {
  if (item.type === 'matching') return item.pairs.map((p) => `${p.id}.${p.targetId}`);
  if (item.type === 'ordering') return item.steps.map((s) => s.id);
  return item.choices.map((c) => c.id);
}

describe('resume data for the real course', () => {
  it('fits SCORM 1.2 suspend_data (4096) in the worst case: every check answered, last attempt, longest ids', { skip: !existsSync(MODEL) && 'run npm run build first' }, () => {
    const course = JSON.parse(readFileSync(MODEL, 'utf8')) as CourseModel;
    // The draw that makes the longest string: for each objective, its items with the longest ids and responses.
    const size = (i: Item) => i.id.length + longestResponse(i).join('+').length;
    const items = course.objectives.flatMap((o) => course.bank.filter((i) => i.objective === o.id).sort((a, b) => size(b) - size(a)).slice(0, o.draw));
    const far = Date.UTC(2099, 11, 31);
    const state: AttemptState = {
      location: [...course.lessons].sort((a, b) => b.id.length - a.id.length)[0]?.id ?? 'welcome',
      visited: course.lessons.map((l) => l.id),
      checks: Object.fromEntries(course.checks.map((i) => [i.id, longestResponse(i)])),
      assessment: {
        ...initialState().assessment,
        attempt: Math.max(course.assessment.attempts, 99),
        seed: 0xffffffff,
        items: items.map((i) => i.id),
        answers: Object.fromEntries(items.map((i) => [i.id, { response: longestResponse(i), latency: 99999, at: far }])),
        submitted: true,
        lastScore: 0.3333,
        bestScore: 0.6667,
        submittedAt: far,
      },
      completedAt: far,
      seed: 0xffffffff,
      attemptId: 'z'.repeat(16),
      ended: course.lessons.map((l) => l.id),
      // The longest comments: characters that encode to the most bytes.
      evaluation: { relevance: 5, clarity: 5, recommend: 'yes', comments: '😀'.repeat(250), at: far },
    };
    const text = encodeState(state);
    console.log(`worst-case suspend_data: ${text.length} of ${SCORM12.limits.suspendData} characters`);
    assert.ok(text.length <= SCORM12.limits.suspendData, `${text.length} characters`);
    const decoded = decodeState(course, text);
    // Comments over the budget are cut (they were reported when sent); everything else comes back as it was.
    assert.deepEqual({ ...decoded, evaluation: null }, { ...state, evaluation: null });
    assert.ok(decoded.evaluation && state.evaluation?.comments.startsWith(decoded.evaluation.comments) && decoded.evaluation.comments.length > 0);
  });
});
