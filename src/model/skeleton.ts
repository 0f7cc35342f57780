import type { Choice, CourseModel, Item, Lesson, MatchPair, Objective, Resource, Step, Workbook, WorkbookQuestion } from './course.js';

/**
 * The course model split for loading as needed.
 *
 * The SKELETON ships in the entry script: every id, title, outcome, item type and
 * correct answer, and each assessment objective's id, lesson, outcome and draw count,
 * i.e. everything the state machine, the resume codec, scoring, the draw and the
 * tracker read. Its text fields (`*Html`, `stemText`, `source`, workbook prompts,
 * lesson objectives and blocks, resources, the assessment objectives' text, condition
 * and standard) are empty.
 *
 * CONTENT PARTS carry the full objects and are separate chunks, fetched when a page
 * needs them (src/model/loader.ts). `hydrateCourse` copies a part into the
 * skeleton in place, so after loading, `course` is the full model again and code
 * that reads it needs no change. The build writes both (build/split-model.ts).
 */

/** The skeleton as it is written into the entry script: compact, expanded at start-up by {@link expandCourse}. */
export interface CompactCourse {
  /** Every top-level field of the model except the collections below. */
  readonly base: Readonly<Record<string, unknown>>;
  /** `[id, title, minutes, outcomes]` per lesson. */
  readonly lessons: ReadonlyArray<readonly [string, string, number, readonly string[]]>;
  /** Knowledge checks, each encoded by `encodeItem` (build/split-model.ts). */
  readonly checks: readonly string[];
  /** `[id, lesson]` per workbook question. */
  readonly workbook: ReadonlyArray<readonly [string, string]>;
}

/**
 * The assessment's half of the skeleton, applied by {@link expandBlueprint}. It ships
 * in the tracker's chunk, not the entry: the welcome page does not need it, and the
 * tracker (resume, scoring) and the assessment page load only after it is applied.
 */
export interface CompactBlueprint {
  /** `[id, lesson, outcome, draw]` per assessment objective. */
  readonly objectives: ReadonlyArray<readonly [string, string, string, number]>;
  /** Bank items, each encoded by `encodeItem`. */
  readonly bank: readonly string[];
}

/** One content chunk: full objects, matched to the skeleton's by id. */
export interface ContentPart {
  readonly objectives?: readonly Objective[];
  readonly lessons?: readonly Lesson[];
  readonly checks?: readonly Item[];
  readonly bank?: readonly Item[];
  readonly workbookQuestions?: readonly WorkbookQuestion[];
  readonly workbook?: Workbook;
  readonly resources?: readonly Resource[];
}

/**
 * An item as `id outcome type answer [objective]` (the lesson objective the blueprint draws by): `answer` lists the choice ids with `*` after
 * the correct ones (`a,b*,c`), the matching pairs (`1.a,2.c`) or the steps in the
 * correct order (`a,b,c`).
 */
export function decodeItem(text: string): Item {
  const [id = '', outcome = '', type = '', answer = '', objective] = text.split(' ');
  const base = { id, outcome, stemHtml: '', stemText: '', source: '', ...(objective ? { objective } : {}) };
  const list = answer ? answer.split(',') : [];
  if (type === 'matching') {
    const pairs: MatchPair[] = list.map((p) => {
      const [pid = '', targetId = ''] = p.split('.');
      return { id: pid, promptHtml: '', targetId, targetHtml: '' };
    });
    return { ...base, type, pairs, feedback: { correctHtml: '', incorrectHtml: '' } };
  }
  if (type === 'ordering') {
    const steps: Step[] = list.map((s) => ({ id: s, html: '' }));
    return { ...base, type, steps, feedback: { correctHtml: '', incorrectHtml: '' } };
  }
  const choices: Choice[] = list.map((c) => ({ id: c.replace('*', ''), html: '', correct: c.endsWith('*'), feedbackHtml: '' }));
  return { ...base, type: type as 'single' | 'multiple' | 'true-false', choices };
}

/** The skeleton model from its compact form (without the assessment's half: {@link expandBlueprint}). */
export function expandCourse(compact: CompactCourse): CourseModel {
  return {
    ...(compact.base as unknown as CourseModel),
    objectives: [],
    lessons: compact.lessons.map(([id, title, minutes, outcomes]) => ({ id, title, minutes, outcomes, objectives: [], blocks: [] })),
    checks: compact.checks.map(decodeItem),
    bank: [],
    workbook: {
      introHtml: '',
      questions: compact.workbook.map(([id, lesson]) => ({ id, lesson, questionHtml: '', prompts: [] })),
      checklist: { title: '', introHtml: '', items: [] },
    },
    resources: [],
  };
}

/** Adds the assessment's skeleton to a skeleton model, in place (once; never over loaded content). */
export function expandBlueprint(course: CourseModel, compact: CompactBlueprint): void {
  if (course.objectives.length === 0) {
    (course.objectives as Objective[]).push(...compact.objectives.map(([id, lesson, outcome, draw]) => ({ id, lesson, outcome, text: '', condition: '', standard: '', draw })));
  }
  if (course.bank.length === 0) (course.bank as Item[]).push(...compact.bank.map(decodeItem));
}

/** Copies a content part into the (skeleton) model in place. */
export function hydrateCourse(course: CourseModel, part: ContentPart): void {
  fill(course.objectives, part.objectives);
  fill(course.lessons, part.lessons);
  fill(course.checks, part.checks);
  fill(course.bank, part.bank);
  fill(course.workbook.questions, part.workbookQuestions);
  if (part.workbook) {
    const { questions, ...rest } = part.workbook;
    Object.assign(course.workbook, rest);
    fill(course.workbook.questions, questions);
  }
  if (part.resources) (course.resources as Resource[]).splice(0, course.resources.length, ...part.resources);
}

function fill<T extends { readonly id: string }>(target: readonly T[], source: readonly T[] | undefined): void {
  for (const full of source ?? []) {
    const existing = target.find((x) => x.id === full.id);
    if (existing) Object.assign(existing, full);
    else (target as T[]).push(full);
  }
}
