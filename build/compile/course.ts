import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import readability from 'text-readability';
import type { CourseModel, Item, Objective, Resource, Workbook } from '../../src/model/course.js';
import { drawItems } from '../../src/state/attempt.js';
import { coverage } from '../../src/state/blueprint.js';
import { worstCaseResumeData } from '../../src/state/worst-case.js';
import { checkAssets } from './assets.js';
import { compileItems } from './items.js';
import { compileLesson } from './lesson.js';
import type { CompiledLesson } from './lesson.js';
import { htmlToText, MarkdownCompiler } from './markdown.js';
import { ContentError, Problems } from './problems.js';
import { checkQuality } from './quality.js';
import type { QualityReport } from './quality.js';
import { CONTENT_LIMITS, formatBytes, readCourseText } from './sources.js';
import { YamlReader } from './yaml-reader.js';

/** Content rules the build enforces (issue: the course content quality bar). */
export const CONTENT_RULES = {
  /** Bank items each outcome needs, so every attempt can draw fresh questions. */
  minItemsPerOutcome: 12,
  /** Bank items each lesson objective needs (and at least its `draw` count). */
  minItemsPerObjective: 3,
  /** Seeds the build draws to prove that no attempt misses an objective. */
  blueprintSeeds: 500,
  /** Highest Flesch-Kincaid grade allowed for a lesson's prose. */
  maxReadingGrade: 11,
} as const;

/**
 * Identifier limits. Ids are written to the LMS with prefixes — `a<attempt>-<item>`
 * and `check-<item>` as SCORM `cmi.interactions.n.id`, outcome ids as
 * `cmi.objectives.n.id`, lesson ids as the location — so they are checked as
 * written against the smallest target: SCORM 1.2 CMIIdentifier and
 * `cmi.core.lesson_location`, 255 characters (SCORM 2004 allows 4000). The course's
 * own limit is lower, so ids stay readable in LMS reports and xAPI activity IRIs.
 */
export const ID_LIMITS = {
  /** Any id an author writes (lessons, items, objectives, outcomes, questions, resources). */
  maxLength: 64,
  /** SCORM 1.2 CMIIdentifier (cmi.interactions.n.id, cmi.objectives.n.id) and cmi.core.lesson_location. */
  scorm12Identifier: 255,
  /** Attempt number assumed in `a<attempt>-` when attempts are unlimited. */
  unlimitedAttempt: 9999,
} as const;

/** SCORM 1.2 cmi.suspend_data: the smallest resume-data limit of every package kind. */
export const RESUME_BUDGET = 4096;

export interface CompileReport {
  readonly readingGrade: readonly { lesson: string; file: string; grade: number; words: number }[];
  readonly itemsPerOutcome: readonly { outcome: string; count: number; drawn: number }[];
  /** The blueprint: each objective × items available × items drawn per attempt. */
  readonly blueprint: readonly { objective: string; lesson: string; outcome: string; available: number; drawn: number }[];
  readonly quality: QualityReport;
  readonly minutes: { readonly lessons: number; readonly assessment: number; readonly total: number };
  /** The worst-case resume data of this course against the smallest target's limit. */
  readonly resume: { readonly worst: number; readonly budget: number };
  /** Bytes of the compiled course model (all course text, inlined diagrams) and of course/assets. */
  readonly size: { readonly model: number; readonly modelLimit: number; readonly assets: number };
}

export interface CompileResult {
  readonly model: CourseModel;
  readonly report: CompileReport;
}

/**
 * Compiles `courseDir` into the course model. Throws {@link ContentError}
 * listing every problem (file, line, fix) when the content is not valid.
 */
export function compileCourse(options: { courseDir: string; rootDir?: string }): CompileResult {
  const courseDir = options.courseDir;
  const root = options.rootDir ?? process.cwd();
  const problems = new Problems();
  const rel = (path: string) => relative(root, path).split('\\').join('/');
  const markdown = new MarkdownCompiler({ assetsDir: join(courseDir, 'assets'), problems });
  const read = (name: string): YamlReader => {
    const path = join(courseDir, name);
    if (!existsSync(path)) {
      problems.add({ file: rel(path), line: 0, message: `The file ${name} is missing.`, fix: 'Create it (see docs/authoring.md).' });
      return YamlReader.parse({ file: rel(path), source: '', problems });
    }
    const source = readCourseText({ path, file: rel(path), problems });
    return source === undefined ? YamlReader.unreadable({ file: rel(path), problems }) : YamlReader.parse({ file: rel(path), source, problems });
  };
  const md = (r: YamlReader, required = true) =>
    markdown.render({ file: r.file, line: r.line + (isBlockScalar(r) ? 1 : 0), text: r.string({ required }) }).html;
  const inline = (r: YamlReader) => markdown.renderInline({ file: r.file, line: r.line, text: r.string() }).html;

  // course.yaml
  const c = read('course.yaml');
  c.onlyKeys(['id', 'title', 'version', 'language', 'publisher', 'issuer', 'description', 'notice', 'revision', 'reviewCycle', 'scope', 'attribution', 'minutes', 'creditHours', 'masteryScore', 'credit', 'completion', 'outcomes', 'lessons', 'assessment']);
  const id = c.get('id').string({ pattern: /^[a-z][a-z0-9+.-]*:\S+$/i, patternHint: 'Give an IRI such as https://example.org/courses/my-course (it must never change once published).' });
  const outcomeLines = new Map<number, number>();
  const outcomeList = c.get('outcomes').list().map((o, i) => {
    o.onlyKeys(['id', 'text']);
    outcomeLines.set(i, o.get('id').line);
    return { id: o.get('id').string({ pattern: /^[a-z0-9][a-z0-9-]*$/, patternHint: 'Use lowercase letters, digits and hyphens, e.g. "info-sharing".' }), text: o.get('text').string() };
  });
  const outcomes = new Set(outcomeList.map((o) => o.id));
  const completion = c.get('completion');
  completion.onlyKeys(['requireAssessment', 'scorm12Status', 'cmi5MoveOn']);
  const assessment = c.get('assessment');
  assessment.onlyKeys(['minutes', 'attempts', 'shuffle']);
  const settings = {
    minutes: assessment.get('minutes').number({ min: 1, max: 240, integer: true, fallback: 1 }),
    attempts: assessment.get('attempts').number({ min: 0, max: 99, integer: true, fallback: 0 }),
    shuffle: assessment.get('shuffle').boolean({ fallback: true, required: false }),
  };

  // Lessons, in the order course.yaml gives.
  const compiled: CompiledLesson[] = [];
  /** Each compiled lesson's file, in the same order (two lessons may share an id by mistake). */
  const lessonPaths: string[] = [];
  for (const entry of c.get('lessons').list()) {
    const name = entry.string({ pattern: /^[\w-]+$/, patternHint: 'Give the file name in course/lessons/ without ".md".' });
    const path = join(courseDir, 'lessons', `${name}.md`);
    if (!name) continue;
    if (!existsSync(path)) {
      entry.problem(`The lesson file lessons/${name}.md does not exist.`, `Create course/lessons/${name}.md or fix the name (files: ${listNames(join(courseDir, 'lessons'), '.md').join(', ') || 'none'}).`);
      continue;
    }
    const source = readCourseText({ path, file: rel(path), problems });
    if (source === undefined) continue;
    const lesson = compileLesson({
      file: rel(path),
      source,
      markdown,
      problems,
      outcomes,
      diagrams: { dir: join(courseDir, 'assets', 'diagrams'), file: rel },
    });
    if (lesson) {
      compiled.push(lesson);
      lessonPaths.push(rel(path));
    }
  }
  for (const name of listNames(join(courseDir, 'lessons'), '.md')) {
    if (!c.get('lessons').list({ required: false }).some((l) => l.string({ required: false }) === name)) {
      problems.add({ file: rel(join(courseDir, 'lessons', `${name}.md`)), line: 0, message: 'This lesson is not listed in course.yaml, so learners would never see it.', fix: `Add "- ${name}" under "lessons:" in course/course.yaml, or delete the file.` });
    }
  }

  // Knowledge checks (one file per lesson) and the scored bank.
  const locations = new Map<string, { file: string; line: number }>();
  const placed: { id: string; file: string; line: number }[] = [];
  const checks: Item[] = [];
  for (const name of listNames(join(courseDir, 'checks'), '.yaml')) {
    checks.push(...compileItems({ root: read(join('checks', `${name}.yaml`)), markdown, outcomes, objectives: objectiveOutcomesOf(compiled), requireObjective: false, locations, placed }));
  }
  const objectiveEntries = compiled.flatMap((l, i) => l.objectives.map((o) => ({ ...o, file: lessonPaths[i] ?? '' })));
  const objectiveList: Objective[] = objectiveEntries.map((o) => o.objective);
  const objectiveOutcomes = new Map(objectiveList.filter((o) => o.id).map((o) => [o.id, o.outcome]));
  const bank = compileItems({ root: read('assessment.yaml'), markdown, outcomes, objectives: objectiveOutcomes, requireObjective: true, locations, placed });

  // Workbook and resources.
  const w = read('workbook.yaml');
  w.onlyKeys(['intro', 'questions', 'checklist']);
  const lessonIds = new Set(compiled.map((l) => l.lesson.id));
  const questionLines: number[] = [];
  const questions = w.get('questions').list().map((q) => {
    q.onlyKeys(['id', 'lesson', 'question', 'prompts']);
    questionLines.push(q.get('id').line);
    const lesson = q.get('lesson').string();
    if (lesson && !lessonIds.has(lesson)) q.get('lesson').problem(`Unknown lesson "${lesson}".`, `Use a lesson id: ${[...lessonIds].join(', ')}.`);
    return { id: q.get('id').string({ pattern: /^[a-z0-9][a-z0-9-]*$/ }), lesson, questionHtml: inline(q.get('question')), prompts: q.get('prompts').list().map((p) => p.string()) };
  });
  const checklist = w.get('checklist');
  checklist.onlyKeys(['title', 'intro', 'items']);
  const workbook: Workbook = {
    introHtml: md(w.get('intro')),
    questions,
    checklist: {
      title: checklist.get('title').string(),
      introHtml: md(checklist.get('intro')),
      items: checklist.get('items').list().map((i) => {
        i.onlyKeys(['text', 'source']);
        return { html: inline(i.get('text')), sourceHtml: inline(i.get('source')) };
      }),
    },
  };
  const r = read('resources.yaml');
  r.onlyKeys(['resources']);
  const resourceLines: number[] = [];
  const resources: Resource[] = r.get('resources').list().map((x) => {
    x.onlyKeys(['id', 'title', 'publisher', 'url', 'group', 'description']);
    resourceLines.push(x.get('id').line);
    const group = x.get('group').string({ pattern: /^(original|source)$/, patternHint: 'Write "original" or "source".' });
    return {
      id: x.get('id').string({ pattern: /^[a-z0-9][a-z0-9-]*$/ }),
      title: x.get('title').string(),
      publisher: x.get('publisher').string(),
      url: x.get('url').string({ pattern: /^https:\/\/[^\s/]+\.[^\s]+$/, patternHint: 'Give the official https:// address.' }),
      group: group === 'source' ? 'source' : 'original',
      descriptionHtml: inline(x.get('description')),
    };
  });

  // Cross-file rules: unique ids (naming both places), ids within the standards' limits, references resolve.
  const outcomeIds = outcomeList.map((o, i) => ({ id: o.id, file: c.file, line: outcomeLines.get(i) ?? 0 }));
  const lessonIdList = compiled.map((l, i) => ({ id: l.lesson.id, file: lessonPaths[i] ?? '', line: l.line }));
  const objectiveIds = compiled.flatMap((l, i) => l.objectives.map((o) => ({ id: o.objective.id, file: lessonPaths[i] ?? '', line: o.line })));
  const questionIdList = questions.map((q, i) => ({ id: q.id, file: w.file, line: questionLines[i] ?? 0 }));
  const resourceIds = resources.map((x, i) => ({ id: x.id, file: r.file, line: resourceLines[i] ?? 0 }));
  unique(problems, 'outcome', outcomeIds);
  unique(problems, 'lesson', lessonIdList);
  unique(problems, 'objective', objectiveIds);
  unique(problems, 'question (knowledge check or bank item)', placed);
  unique(problems, 'workbook question', questionIdList);
  unique(problems, 'resource', resourceIds);
  const checkIdSet = new Set(checks.map((i) => i.id));
  const attempt = settings.attempts > 0 ? settings.attempts : ID_LIMITS.unlimitedAttempt;
  checkIds(problems, [
    ...outcomeIds.map((e) => ({ ...e, what: 'outcome', written: [{ as: e.id, where: 'cmi.objectives.n.id' }] })),
    ...lessonIdList.map((e) => ({ ...e, what: 'lesson', written: [{ as: e.id, where: 'cmi.core.lesson_location' }] })),
    ...objectiveIds.map((e) => ({ ...e, what: 'objective', written: [] })),
    ...placed.map((e) => ({
      ...e,
      what: checkIdSet.has(e.id) ? 'knowledge check' : 'bank item',
      written: [{ as: checkIdSet.has(e.id) ? `check-${e.id}` : `a${attempt}-${e.id}`, where: 'cmi.interactions.n.id' }],
    })),
    ...questionIdList.map((e) => ({ ...e, what: 'workbook question', written: [] })),
    ...resourceIds.map((e) => ({ ...e, what: 'resource', written: [] })),
  ]);
  const questionIds = new Set(questions.map((q) => q.id));
  for (const [i, l] of compiled.entries()) {
    const file = lessonPaths[i] ?? '';
    for (const ref of l.references) {
      const known = ref.kind === 'check' ? checkIdSet : questionIds;
      if (!known.has(ref.id)) {
        problems.add({ file, line: ref.line, message: `":::${ref.kind} ${ref.id}" names no ${ref.kind === 'check' ? 'knowledge check' : 'workbook question'}.`, fix: ref.kind === 'check' ? `Add an item with id "${ref.id}" to course/checks/${basename(file, '.md')}.yaml, or fix the id.` : `Add a question with id "${ref.id}" to course/workbook.yaml, or fix the id.` });
      }
    }
  }
  const itemsPerOutcome = outcomeList.map((o) => ({
    outcome: o.id,
    count: bank.filter((i) => i.outcome === o.id).length,
    drawn: objectiveList.filter((x) => x.outcome === o.id).reduce((n, x) => n + x.draw, 0),
  }));
  const bankFile = rel(join(courseDir, 'assessment.yaml'));
  for (const { outcome, count } of itemsPerOutcome) {
    if (count < CONTENT_RULES.minItemsPerOutcome) {
      problems.add({ file: bankFile, line: 0, message: `The outcome "${outcome}" has ${count} bank items; at least ${CONTENT_RULES.minItemsPerOutcome} are needed.`, fix: `Write ${CONTENT_RULES.minItemsPerOutcome - count} more item(s) tagged with an objective of outcome "${outcome}".` });
    }
  }

  // The blueprint: every objective has enough items, every lesson is measured, and no draw misses an objective.
  const blueprint = objectiveEntries.map(({ objective: o }) => ({ objective: o.id, lesson: o.lesson, outcome: o.outcome, available: bank.filter((i) => i.objective === o.id).length, drawn: o.draw }));
  for (const [i, row] of blueprint.entries()) {
    const entry = objectiveEntries[i];
    if (!entry || !row.objective) continue;
    const needed = Math.max(CONTENT_RULES.minItemsPerObjective, row.drawn);
    if (row.available < needed) {
      problems.add({ file: entry.file, line: entry.line, message: `The objective "${row.objective}" has ${row.available} bank item(s); it needs at least ${needed} (${row.drawn} drawn per attempt, ${CONTENT_RULES.minItemsPerObjective} minimum so attempts differ).`, fix: `Write ${needed - row.available} more item(s) with "objective: ${row.objective}" in course/assessment.yaml, or lower its "draw".` });
    }
  }
  for (const [i, l] of compiled.entries()) {
    if (!l.objectives.length) {
      problems.add({ file: lessonPaths[i] ?? '', line: 2, message: 'The lesson has no objectives, so the assessment would not measure it.', fix: 'Add "objectives:" to the front matter, each with id, outcome, condition, text and standard (see docs/authoring.md).' });
    }
  }
  const itemsPerAttempt = objectiveList.reduce((n, o) => n + o.draw, 0);

  const masteryScore = c.get('masteryScore').number({ min: 0, max: 1, fallback: 0.8 });
  const minutes = { lessons: compiled.reduce((n, l) => n + l.lesson.minutes, 0), assessment: settings.minutes, total: c.get('minutes').number({ min: 1, max: 600, fallback: 60 }) };
  if (minutes.lessons + minutes.assessment !== minutes.total) {
    c.get('minutes').problem(`The course says ${minutes.total} minutes, but the lessons (${minutes.lessons}) and the assessment (${minutes.assessment}) add up to ${minutes.lessons + minutes.assessment}.`, 'Make the lessons\' "minutes" plus assessment.minutes equal the course "minutes" (training boards check the total).');
  }
  const readingGrade = compiled.map((l, i) => ({
    lesson: l.lesson.id,
    file: lessonPaths[i] ?? '',
    grade: Math.round(readability.fleschKincaidGrade(l.plainText) * 10) / 10,
    words: readability.lexiconCount(l.plainText),
  }));
  for (const g of readingGrade) {
    if (g.grade > CONTENT_RULES.maxReadingGrade) {
      problems.add({ file: g.file, line: 0, message: `The lesson reads at grade ${g.grade} (Flesch-Kincaid); the limit is ${CONTENT_RULES.maxReadingGrade}.`, fix: 'Use shorter sentences and plainer words.' });
    }
  }

  const model: CourseModel = {
    id,
    slug: slugOf(id),
    title: c.get('title').string(),
    version: c.get('version').string({ pattern: /^\d+\.\d+(\.\d+)?$/, patternHint: 'Write a version such as 1.0.0.' }),
    language: c.get('language').string({ pattern: /^[a-z]{2,3}(-[A-Z]{2})?$/, patternHint: 'Write a language tag such as en-US.' }),
    description: htmlToText(md(c.get('description'))),
    publisher: c.get('publisher').string(),
    // The organization named on the certificate as issuing it; the publisher where not set.
    issuer: c.has('issuer') ? c.get('issuer').string() : c.get('publisher').string(),
    minutes: minutes.total,
    creditHours: c.get('creditHours').number({ min: 0, max: 40, fallback: 1 }),
    masteryScore,
    credit: compileCredit(c, minutes.total, masteryScore),
    noticeHtml: md(c.get('notice')),
    revision: c.get('revision').string({ pattern: /^\d{4}-\d{2}-\d{2}$/, patternHint: 'Write the date of the last content review as YYYY-MM-DD.' }),
    reviewCycle: c.get('reviewCycle').string(),
    scopeHtml: md(c.get('scope')),
    attributionHtml: md(c.get('attribution')),
    outcomes: outcomeList,
    objectives: objectiveList,
    completion: {
      allLessons: true,
      requireAssessment: completion.get('requireAssessment').boolean({ fallback: true, required: false }),
      scorm12Status: completion.has('scorm12Status')
        ? (completion.get('scorm12Status').string({ pattern: /^(passed-failed|completed)$/, patternHint: 'Write passed-failed (the default) or completed.' }) as 'passed-failed' | 'completed')
        : 'passed-failed',
      cmi5MoveOn: completion.has('cmi5MoveOn')
        ? (completion.get('cmi5MoveOn').string({ pattern: /^(NotApplicable|Passed|Completed|CompletedAndPassed|CompletedOrPassed)$/, patternHint: 'Write CompletedAndPassed (the default), CompletedOrPassed, Passed, Completed or NotApplicable.' }) as CourseModel['completion']['cmi5MoveOn'])
        : 'CompletedAndPassed',
    },
    assessment: { ...settings, itemsPerAttempt },
    lessons: compiled.map((l) => l.lesson),
    checks,
    bank,
    workbook,
    resources,
  };
  // Prove the blueprint on the real draw function: no seed may miss an objective.
  if (!problems.count) {
    for (let seed = 0; seed < CONTENT_RULES.blueprintSeeds; seed++) {
      const drawn = drawItems(model, Math.imul(seed, 0x9e3779b1) >>> 0);
      const counts = coverage(model, drawn);
      const short = objectiveEntries.find((o) => (counts.get(o.objective.id) ?? 0) < o.objective.draw);
      if (short) {
        problems.add({ file: short.file, line: short.line, message: `An attempt (seed ${seed}) draws ${counts.get(short.objective.id) ?? 0} item(s) for the objective "${short.objective.id}", which requires ${short.objective.draw}.`, fix: 'Check the objective\'s items and draw count; the draw in src/state/blueprint.ts must cover every objective.' });
        break;
      }
    }
  }
  const quality = checkQuality({ bank, checks, problems, locate: (itemId) => locations.get(itemId) ?? { file: bankFile, line: 0 } });

  // The worst case of this course's resume data must fit the smallest target (SCORM 1.2).
  const worst = worstCaseResumeData(model).length;
  if (worst > RESUME_BUDGET) {
    const withoutChecks = worstCaseResumeData({ ...model, checks: [] }).length;
    const perFile = new Map<string, number>();
    for (const item of checks) {
      const file = locations.get(item.id)?.file ?? '';
      perFile.set(file, (perFile.get(file) ?? 0) + 1);
    }
    const [busiest, most] = [...perFile.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    problems.add({
      file: busiest || rel(courseDir),
      line: 0,
      message:
        `The course's worst-case resume data is ${worst} characters, over SCORM 1.2's ${RESUME_BUDGET} (cmi.suspend_data): ` +
        `knowledge checks take ${worst - withoutChecks} (${checks.length} checks; this file has ${most}), the rest ${withoutChecks}. ` +
        'A learner who answers everything could not be resumed.',
      fix: `Cut ${Math.ceil((worst - RESUME_BUDGET) / Math.max(1, (worst - withoutChecks) / Math.max(1, checks.length)))} or more knowledge checks (or split their lesson), draw fewer assessment items per attempt, or shorten item ids.`,
    });
  }

  // Size: the compiled text every package carries, and the assets copied beside it.
  const assets = checkAssets({ dir: join(courseDir, 'assets'), file: rel, problems });
  const modelBytes = Buffer.byteLength(JSON.stringify(model));
  if (modelBytes > CONTENT_LIMITS.maxModelBytes) {
    problems.add({
      file: rel(courseDir),
      line: 0,
      message: `The compiled course is ${formatBytes(modelBytes)}, over the ${formatBytes(CONTENT_LIMITS.maxModelBytes)} of text a package may carry (with the player, a package must stay under ${formatBytes(CONTENT_LIMITS.maxPackageBytes)} without media).`,
      fix: 'Shorten or split the largest lessons and item files, or move long reference material to resources.yaml as links.',
    });
  }
  if (problems.count) throw new ContentError(problems);

  return {
    model,
    report: { readingGrade, itemsPerOutcome, blueprint, quality, minutes, resume: { worst, budget: RESUME_BUDGET }, size: { model: modelBytes, modelLimit: CONTENT_LIMITS.maxModelBytes, assets } },
  };
}

function objectiveOutcomesOf(lessons: readonly CompiledLesson[]): Map<string, string> {
  return new Map(lessons.flatMap((l) => l.objectives.map((o) => [o.objective.id, o.objective.outcome] as const)).filter(([id]) => id));
}

/** The last path segment of the IRI, as a file-name-safe slug. */
function slugOf(iri: string): string {
  const last = iri.replace(/[#/]+$/, '').split(/[/#:]/).pop() ?? 'course';
  return last.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'course';
}

/** Reports every repeat of an id, naming the place of its first use too. */
function unique(problems: Problems, what: string, entries: readonly { id: string; file: string; line: number }[]): void {
  const first = new Map<string, { file: string; line: number }>();
  for (const e of entries) {
    if (!e.id) continue;
    const seen = first.get(e.id);
    if (!seen) {
      first.set(e.id, e);
      continue;
    }
    const there = `${seen.file}${seen.line ? `:${seen.line}` : ''}`;
    problems.add({ file: e.file, line: e.line, message: `The ${what} id "${e.id}" is used twice: here and at ${there}.`, fix: `Give every ${what} a unique id: rename this one or the one at ${there}.` });
  }
}

/** Checks each id against the course limit, and each form it is written to the LMS in against SCORM 1.2's. */
function checkIds(problems: Problems, entries: readonly { id: string; file: string; line: number; what: string; written: readonly { as: string; where: string }[] }[]): void {
  for (const e of entries) {
    if (e.id.length > ID_LIMITS.maxLength) {
      problems.add({ file: e.file, line: e.line, message: `The ${e.what} id "${e.id.slice(0, 24)}…" is ${e.id.length} characters; ids may have at most ${ID_LIMITS.maxLength}.`, fix: 'Shorten it to a few words joined by hyphens (ids appear in LMS reports and must never change once published).' });
    }
    for (const w of e.written) {
      if (w.as.length > ID_LIMITS.scorm12Identifier) {
        problems.add({ file: e.file, line: e.line, message: `The ${e.what} id is written to the LMS as "${w.as.slice(0, 24)}…" (${w.where}), ${w.as.length} characters; SCORM 1.2 allows ${ID_LIMITS.scorm12Identifier}.`, fix: `Shorten the id to at most ${ID_LIMITS.maxLength} characters.` });
      }
    }
  }
}

function listNames(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(ext)).map((f) => f.slice(0, -ext.length)).sort();
}

function isBlockScalar(r: YamlReader): boolean {
  const type = (r.node as { type?: string } | null)?.type;
  return type === 'BLOCK_FOLDED' || type === 'BLOCK_LITERAL';
}

/**
 * course.yaml `credit` (the training-board roster applies it, scripts/roster/): the best score
 * (0–1) and the minutes in the course a completion needs to earn `creditHours`. The score
 * defaults to `masteryScore`, the minutes to 0 (no minimum).
 */
function compileCredit(c: YamlReader, courseMinutes: number, mastery: number): NonNullable<CourseModel['credit']> {
  const credit = c.get('credit');
  if (c.has('credit') && !credit.isMap()) credit.problem('"credit" must be a map.', 'Write "credit:" followed by indented "minimumScore:" and/or "minimumMinutes:".');
  credit.onlyKeys(['minimumScore', 'minimumMinutes']);
  const score = credit.get('minimumScore');
  const minimumScore = credit.has('minimumScore') ? score.number({ min: 0, max: 1, fallback: mastery }) : mastery;
  if (credit.has('minimumScore') && minimumScore < mastery) {
    score.problem(`"credit.minimumScore" is ${minimumScore}, below the pass mark (masteryScore ${mastery}): a learner who has not passed never earns credit, so it would change nothing.`, `Give a score from ${mastery} to 1, or remove it (the pass mark then applies).`);
  }
  const time = credit.get('minimumMinutes');
  const minimumMinutes = credit.has('minimumMinutes') ? time.number({ min: 0, max: 600, integer: true, fallback: 0 }) : 0;
  if (minimumMinutes > courseMinutes) {
    time.problem(`"credit.minimumMinutes" is ${minimumMinutes}, more than the course's ${courseMinutes} minutes: most learners would earn no credit.`, `Give at most ${courseMinutes} minutes (the sum of the lessons' and the assessment's minutes), or remove it.`);
  }
  return { minimumScore, minimumMinutes };
}
