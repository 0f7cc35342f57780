import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { compactBlueprint, compactCourse, contentParts, encodeItem } from '../../build/split-model.js';
import type { CourseModel, Item } from '../../src/model/course.js';
import { decodeItem, expandBlueprint, expandCourse, hydrateCourse } from '../../src/model/skeleton.js';
import { drawItems, initialState, reduce, scoreAttempt } from '../../src/state/attempt.js';
import { decodeState, encodeState } from '../../src/state/codec.js';
import { courseModel } from '../fixtures/course-model.js';

const MODEL = new URL('../../.generated/course.json', import.meta.url);
const TEXT_KEYS = /^(html|.*Html|stemText|source)$/;
const LIST_KEYS = new Set(['prompts', 'objectives', 'blocks', 'resources', 'items']);

/** The model with every text field emptied: what the skeleton must be, field for field. */
function textless(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return LIST_KEYS.has(key) ? [] : value.map((v) => textless(v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, textless(v, k)]));
  return typeof value === 'string' && TEXT_KEYS.test(key) ? '' : value;
}

/** The skeleton as the player has it once the tracker's chunk (with the assessment's half) has loaded. */
function skeletonOf(model: CourseModel): CourseModel {
  // Through JSON, as in the bundle.
  const course = expandCourse(JSON.parse(JSON.stringify(compactCourse(model))));
  expandBlueprint(course, JSON.parse(JSON.stringify(compactBlueprint(model))));
  return course;
}

function models(): Array<[string, CourseModel]> {
  const list: Array<[string, CourseModel]> = [['the test fixture', courseModel()]];
  if (existsSync(MODEL)) list.push(['the real course', JSON.parse(readFileSync(MODEL, 'utf8')) as CourseModel]);
  return list;
}

describe('the course model split for loading as needed', () => {
  for (const [name, model] of models()) {
    it(`${name}: the skeleton keeps every field but the lessons', items', objectives', workbook's and resources' text (a new model field must be placed here deliberately)`, () => {
      const { lessons, checks, bank, workbook, resources } = model;
      // The welcome page's fields (title, description, notice…) stay whole.
      const expected = { ...model, ...(textless({ lessons, checks, bank, workbook, resources }) as object) } as CourseModel;
      // The blueprint (ids, lessons, outcomes, draw counts) stays; the objectives' wording comes with the bank.
      Object.assign(expected, { objectives: model.objectives.map((o) => ({ ...o, text: '', condition: '', standard: '' })) });
      const skeleton = skeletonOf(model);
      assert.deepEqual(skeleton, { ...expected, workbook: { ...expected.workbook, checklist: { ...expected.workbook.checklist, title: '' } } });
    });

    it(`${name}: loading every content part gives back the whole model`, () => {
      const skeleton = skeletonOf(model);
      for (const part of Object.values(contentParts(model))) hydrateCourse(skeleton, JSON.parse(JSON.stringify(part)));
      assert.deepEqual(skeleton, model);
    });

    it(`${name}: a lesson's part holds its knowledge checks and the workbook questions it discusses`, () => {
      const parts = contentParts(model);
      for (const lesson of model.lessons) {
        const part = parts[`lesson:${lesson.id}`];
        const checks = lesson.blocks.flatMap((b) => (b.kind === 'check' ? [b.itemId] : []));
        const questions = lesson.blocks.flatMap((b) => (b.kind === 'discussion' ? [b.questionId] : []));
        assert.deepEqual(part?.checks?.map((i) => i.id).sort(), [...checks].sort());
        assert.deepEqual(part?.workbookQuestions?.map((q) => q.id).sort(), [...questions].sort());
      }
    });

    it(`${name}: resume, the draw and scoring work on the skeleton alone (before any content loads)`, () => {
      const skeleton = skeletonOf(model);
      let state = reduce(model, initialState(), { type: 'go', page: model.lessons[1]?.id ?? '', now: 1 });
      const check = model.checks[0];
      if (check) state = reduce(model, state, { type: 'check', itemId: check.id, response: ['a'] });
      state = reduce(model, state, { type: 'start-assessment', seed: 7, now: 2 });
      for (const id of state.assessment.items.slice(0, 3)) state = reduce(model, state, { type: 'answer', itemId: id, response: ['a'], latency: 3, now: 3 });
      assert.deepEqual(decodeState(skeleton, encodeState(state)), decodeState(model, encodeState(state)));
      assert.deepEqual(drawItems(skeleton, 12345), drawItems(model, 12345));
      assert.deepEqual(scoreAttempt(skeleton, state.assessment), scoreAttempt(model, state.assessment));
    });
  }

  it('the entry\'s skeleton has no bank and no objectives: they come with the tracker\'s chunk, and never replace loaded content', () => {
    const model = courseModel();
    const entry = expandCourse(JSON.parse(JSON.stringify(compactCourse(model))));
    assert.deepEqual([entry.bank, entry.objectives], [[], []]);
    const full = skeletonOf(model);
    hydrateCourse(full, contentParts(model).bank ?? {});
    expandBlueprint(full, compactBlueprint(model));
    assert.deepEqual(full.bank, model.bank);
  });

  it('round-trips every item type through the compact encoding', () => {
    for (const item of courseModel().bank) assert.deepEqual(decodeItem(encodeItem(item)), textless(item) as Item);
  });

  it('refuses an id the encoding cannot carry, rather than corrupting the skeleton', () => {
    const item = courseModel().bank[0];
    assert.ok(item && item.type === 'single');
    assert.throws(() => encodeItem({ ...item, id: 'has space' }), /cannot be written/);
    assert.throws(() => encodeItem({ ...item, choices: [{ ...item.choices[0]!, id: 'a,b' }] }), /cannot be written/);
  });
});
