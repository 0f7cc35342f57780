import type { CourseModel, Item, Objective } from '../model/course.js';
import { hashString, shuffled } from './random.js';

/**
 * The assessment blueprint: every attempt draws each lesson objective's `draw`
 * count of bank items tagged with that objective, so no attempt can miss a
 * lesson, a key takeaway or an outcome. Pure and seeded, so an attempt's draw
 * is rebuilt from the seed in the resume data.
 */

/** The bank items that measure an objective, in bank order. */
export function itemsFor(course: CourseModel, objective: Objective): Item[] {
  return course.bank.filter((item) => item.objective === objective.id);
}

/** One seeded draw, objective by objective, in blueprint (lesson) order. */
export function drawByBlueprint(course: CourseModel, seed: number): Item[] {
  // Each objective gets its own stream (seed mixed with the objective id), so adding an
  // item to one objective does not change which items another objective draws.
  return course.objectives.flatMap((o) => shuffled(itemsFor(course, o), (seed ^ hashString(o.id)) >>> 0).slice(0, o.draw));
}

/** Items each objective gets in one draw, by objective id. */
export function coverage(course: CourseModel, items: readonly string[]): Map<string, number> {
  const byId = new Map(course.bank.map((i) => [i.id, i]));
  const counts = new Map(course.objectives.map((o) => [o.id, 0]));
  for (const id of items) {
    const objective = byId.get(id)?.objective;
    if (objective !== undefined && counts.has(objective)) counts.set(objective, (counts.get(objective) ?? 0) + 1);
  }
  return counts;
}
