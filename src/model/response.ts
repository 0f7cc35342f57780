import type { Item } from './course.js';

/**
 * A learner's response to an item, in one shape for every type:
 * - single / true-false: `[choiceId]`
 * - multiple: the chosen choice ids, in any order
 * - matching: `promptId.targetId` pairs, e.g. `['1.b', '2.a']`
 * - ordering: step ids in the learner's order
 * An empty array means "not answered".
 */
export type LearnerResponse = readonly string[];

/** The correct response, in the same shape as {@link LearnerResponse}. */
export function correctResponse(item: Item): string[] {
  switch (item.type) {
    case 'single':
    case 'multiple':
    case 'true-false':
      return item.choices.filter((c) => c.correct).map((c) => c.id);
    case 'matching':
      return item.pairs.map((p) => `${p.id}.${p.targetId}`);
    case 'ordering':
      return item.steps.map((s) => s.id);
  }
}

/** Whether a response is complete enough to be scored. */
export function isAnswered(item: Item, response: LearnerResponse | undefined): boolean {
  if (!response || response.length === 0) return false;
  if (item.type === 'matching') return response.length === item.pairs.length;
  if (item.type === 'ordering') return response.length === item.steps.length;
  return true;
}

/** Scores a response: all or nothing. Order matters only for ordering items. */
export function isCorrect(item: Item, response: LearnerResponse | undefined): boolean {
  if (!isAnswered(item, response) || !response) return false;
  const expected = correctResponse(item);
  if (item.type === 'ordering') {
    return expected.length === response.length && expected.every((id, i) => response[i] === id);
  }
  const given = new Set(response);
  return given.size === expected.length && expected.every((id) => given.has(id));
}
