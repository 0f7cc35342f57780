import { expect } from '@open-wc/testing';
import { correctResponse } from '../../src/model/response.js';
import type { Item } from '../../src/model/course.js';
import type { PackagePlayer, StandInLms } from './harness.js';

/** Opens every lesson in order, as a learner pressing Next would. */
export async function visitEveryLesson<L extends StandInLms>(player: PackagePlayer<L>, count = Number.POSITIVE_INFINITY): Promise<void> {
  for (const lesson of player.course.lessons.slice(0, count)) {
    await player.fire('slep-course', 'slep-navigate', { page: lesson.id });
    expect(player.shell.store.state.location).to.equal(lesson.id);
  }
}

/** A response to `item` that is certainly wrong. */
export function wrongResponse(item: Item): string[] {
  const right = correctResponse(item);
  if (item.type === 'ordering') return [...right].reverse();
  if (item.type === 'matching') return right.map((p, j) => `${p.split('.')[0]}.${right[(j + 1) % right.length]?.split('.')[1]}`);
  if (item.type === 'multiple') return right.slice(0, 1);
  if (item.type === 'true-false') return [right[0] === 't' ? 'f' : 't'];
  return [item.choices.find((c) => !c.correct)?.id ?? 'a'];
}

/** Starts an attempt and answers every drawn item, those where `correct(index)` correctly; then submits. */
export async function answerAssessment<L extends StandInLms>(player: PackagePlayer<L>, correct: (index: number) => boolean): Promise<void> {
  await player.fire('slep-course', 'slep-navigate', { page: 'assessment' });
  await player.fire('slep-assessment', 'slep-assessment', { command: 'start' });
  const { items } = player.shell.store.state.assessment;
  for (const [i, id] of items.entries()) {
    const item = player.course.bank.find((x) => x.id === id);
    if (!item) throw new Error(`unknown item ${id}`);
    await player.fire('slep-assessment', 'slep-assessment-answer', { itemId: id, response: correct(i) ? correctResponse(item) : wrongResponse(item), latency: 10 + i / 100 });
  }
  await player.fire('slep-assessment', 'slep-assessment', { command: 'submit' });
}
