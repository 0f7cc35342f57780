import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CourseModel } from '../../src/model/course.js';
import { drawItems } from '../../src/state/attempt.js';
import { coverage, drawByBlueprint } from '../../src/state/blueprint.js';

const MODEL = new URL('../../.generated/course.json', import.meta.url);
const skip = !existsSync(MODEL) && 'run npm run build first';

describe('assessment blueprint for the real course', () => {
  it('draws every lesson objective its required count in every attempt, for 500 seeds', { skip }, () => {
    const course = JSON.parse(readFileSync(MODEL, 'utf8')) as CourseModel;
    const lessonsWithItems = new Set<string>();
    for (let seed = 0; seed < 500; seed++) {
      const drawn = drawItems(course, (seed * 7919 + 13) >>> 0);
      assert.equal(drawn.length, course.assessment.itemsPerAttempt);
      assert.equal(new Set(drawn).size, drawn.length, 'no item twice');
      const counts = coverage(course, drawn);
      for (const o of course.objectives) assert.equal(counts.get(o.id), o.draw, `seed ${seed}: ${o.id}`);
      for (const id of drawn) lessonsWithItems.add(course.objectives.find((o) => o.id === course.bank.find((i) => i.id === id)?.objective)?.lesson ?? '');
    }
    assert.deepEqual([...lessonsWithItems].sort(), course.lessons.map((l) => l.id).sort(), 'every lesson is measured');
    for (const outcome of course.outcomes) {
      assert.ok(course.objectives.some((o) => o.outcome === outcome.id), `outcome ${outcome.id} has an objective`);
      assert.ok(course.bank.filter((i) => i.outcome === outcome.id).length >= 12, `outcome ${outcome.id} has 12 items`);
    }
    for (const o of course.objectives) assert.ok(course.bank.filter((i) => i.objective === o.id).length >= 3, `${o.id} has 3 items`);
  });

  it('keeps statistics items out of "identify the types of partnership"', { skip }, () => {
    const course = JSON.parse(readFileSync(MODEL, 'utf8')) as CourseModel;
    const types = course.bank.filter((i) => i.outcome === 'types');
    assert.ok(types.every((i) => !/NCES|National Center for Education Statistics|Bureau of Justice Statistics/.test(i.source)), types.filter((i) => /NCES|Statistics/.test(i.source)).map((i) => i.id).join());
  });

  it('changes one objective\'s draw only when that objective\'s items change', { skip }, () => {
    const course = JSON.parse(readFileSync(MODEL, 'utf8')) as CourseModel;
    const before = drawByBlueprint(course, 99).map((i) => i.id);
    const first = course.objectives[0];
    assert.ok(first);
    const extra = { ...course.bank.find((i) => i.objective === first.id)!, id: 'extra-item' };
    const after = drawByBlueprint({ ...course, bank: [...course.bank, extra] }, 99).map((i) => i.id);
    const others = (ids: string[]) => ids.filter((id) => course.bank.find((i) => i.id === id)?.objective !== first.id);
    assert.deepEqual(others(after), others(before));
  });
});
