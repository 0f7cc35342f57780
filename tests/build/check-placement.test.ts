import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CourseModel } from '../../src/model/course.js';

const MODEL = new URL('../../.generated/course.json', import.meta.url);

const words = (html: string) => new Set(html.replace(/<[^>]+>/g, ' ').toLowerCase().match(/[a-z]{5,}/g) ?? []);

describe('knowledge checks in the real course', () => {
  it('never sit right under a list that gives their ordering answer in order', { skip: !existsSync(MODEL) && 'run npm run build first' }, () => {
    const course = JSON.parse(readFileSync(MODEL, 'utf8')) as CourseModel;
    for (const lesson of course.lessons) {
      lesson.blocks.forEach((block, i) => {
        if (block.kind !== 'check') return;
        const item = course.checks.find((c) => c.id === block.itemId);
        const above = lesson.blocks[i - 1];
        if (item?.type !== 'ordering' || above?.kind !== 'prose') return;
        // The section the check closes (from the last heading above it).
        const section = above.html.slice(Math.max(0, above.html.lastIndexOf('<h2')));
        // Each ordered list in it: does item n share most of its words with step n?
        for (const list of section.match(/<ol>[\s\S]*?<\/ol>/g) ?? []) {
          const entries = list.match(/<li>[\s\S]*?<\/li>/g) ?? [];
          const matching = item.steps.filter((step, n) => {
            const stepWords = words(step.html);
            const entry = words(entries[n] ?? '');
            return [...stepWords].filter((w) => entry.has(w)).length >= Math.min(2, stepWords.size);
          });
          assert.ok(matching.length < item.steps.length - 1, `${lesson.id}: the list right above ${item.id} gives its answer in order`);
        }
      });
    }
  });
});
