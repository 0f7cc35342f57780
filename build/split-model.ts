/**
 * Splits the compiled course model for loading as needed (see src/model/skeleton.ts):
 * a compact skeleton for the entry script and one content part per chunk.
 */
import type { CourseModel, Item } from '../src/model/course.js';
import type { CompactBlueprint, CompactCourse, ContentPart } from '../src/model/skeleton.js';

const COLLECTIONS = new Set(['objectives', 'lessons', 'checks', 'bank', 'workbook', 'resources']);

/** `id outcome type answer [objective]`, decoded by `decodeItem` in src/model/skeleton.ts. */
export function encodeItem(item: Item): string {
  const answer =
    item.type === 'matching'
      ? item.pairs.map((p) => `${p.id}.${p.targetId}`)
      : item.type === 'ordering'
        ? item.steps.map((s) => s.id)
        : item.choices.map((c) => `${c.id}${c.correct ? '*' : ''}`);
  const ids = item.type === 'matching' ? item.pairs.flatMap((p) => [p.id, p.targetId]) : item.type === 'ordering' ? item.steps.map((s) => s.id) : item.choices.map((c) => c.id);
  if ([item.id, item.outcome, item.type, ...(item.objective !== undefined ? [item.objective] : [])].some((s) => !s || /\s/.test(s)) || ids.some((s) => !s || /[\s,.*]/.test(s))) {
    throw new Error(`Item ${item.id}: an id cannot be written into the course skeleton (no spaces, commas, dots or asterisks).`);
  }
  const objective = item.objective ? ` ${item.objective}` : '';
  return `${item.id} ${item.outcome} ${item.type} ${answer.join(',')}${objective}`;
}

/** The skeleton for the entry script; the assessment's half is {@link compactBlueprint}. */
export function compactCourse(model: CourseModel): CompactCourse {
  return {
    base: Object.fromEntries(Object.entries(model).filter(([key]) => !COLLECTIONS.has(key))),
    lessons: model.lessons.map((l) => [l.id, l.title, l.minutes, l.outcomes] as const),
    checks: model.checks.map(encodeItem),
    workbook: model.workbook.questions.map((q) => [q.id, q.lesson] as const),
  };
}

/**
 * The assessment's skeleton (objectives and bank items): not needed to show the
 * welcome page, so it ships with the tracker's chunk (src/start.ts), which applies it
 * before the tracker reads the saved attempt.
 */
export function compactBlueprint(model: CourseModel): CompactBlueprint {
  return {
    objectives: model.objectives.map((o) => [o.id, o.lesson, o.outcome, o.draw] as const),
    bank: model.bank.map(encodeItem),
  };
}

/**
 * The content parts, by name: `lesson:<id>` (the lesson, its knowledge checks and
 * the workbook questions it discusses), `bank` (plus any check no lesson shows, and
 * the assessment objectives' text), `workbook`, `resources`.
 */
export function contentParts(model: CourseModel): Record<string, ContentPart> {
  const parts: Record<string, ContentPart> = {};
  const shown = new Set<string>();
  for (const lesson of model.lessons) {
    const checkIds = lesson.blocks.flatMap((b) => (b.kind === 'check' ? [b.itemId] : []));
    const questionIds = lesson.blocks.flatMap((b) => (b.kind === 'discussion' ? [b.questionId] : []));
    checkIds.forEach((id) => shown.add(id));
    parts[`lesson:${lesson.id}`] = {
      lessons: [lesson],
      checks: model.checks.filter((i) => checkIds.includes(i.id)),
      workbookQuestions: model.workbook.questions.filter((q) => questionIds.includes(q.id)),
    };
  }
  parts.bank = { bank: model.bank, checks: model.checks.filter((i) => !shown.has(i.id)), objectives: model.objectives };
  parts.workbook = { workbook: model.workbook };
  parts.resources = { resources: model.resources };
  return parts;
}
