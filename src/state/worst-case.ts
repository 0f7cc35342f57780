import type { CourseModel, Item } from '../model/course.js';
import { ID_TAG_LENGTH, initialState } from './attempt.js';
import type { AttemptState } from './attempt.js';
import { encodeState } from './codec.js';

/**
 * The largest resume data this course can produce: every lesson visited and ended,
 * every check answered with its longest response, the last attempt's draw made of
 * the items with the longest ids and responses, all answered, the evaluation sent
 * with comments at their limit, and the largest bookkeeping numbers. The build fails
 * when this exceeds the smallest target's limit (SCORM 1.2: 4096 characters);
 * `npm run bench` holds it to half that (2,048).
 */
export function worstCaseState(course: CourseModel): AttemptState {
  const size = (i: Item) => i.id.length + longestResponse(i).join('+').length;
  const items = course.objectives.flatMap((o) =>
    course.bank
      .filter((i) => i.objective === o.id)
      .sort((a, b) => size(b) - size(a))
      .slice(0, o.draw),
  );
  const far = Date.UTC(2099, 11, 31);
  return {
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
    idTag: 'z'.repeat(ID_TAG_LENGTH),
    ended: course.lessons.map((l) => l.id),
    // The longest comments, characters that encode to the most bytes (the codec does not write comments; if it ever did, this would show it).
    evaluation: { relevance: 5, clarity: 5, recommend: 'yes', comments: '😀'.repeat(250), at: far },
  };
}

/** The worst-case resume string, with the largest bookkeeping numbers. */
export function worstCaseResumeData(course: CourseModel): string {
  return encodeState(worstCaseState(course), { revision: 36 ** 5, reported: 99, base: 36 ** 3 });
}

/** The longest response an item can have, in the codec's terms. */
export function longestResponse(item: Item): string[] {
  if (item.type === 'matching') return item.pairs.map((p) => `${p.id}.${p.targetId}`);
  if (item.type === 'ordering') return item.steps.map((s) => s.id);
  return item.choices.map((c) => c.id);
}
