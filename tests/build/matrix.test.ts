import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { compileCourse } from '../../build/compile/course.js';
import { matrixMarkdown, withMatrix } from '../../build/matrix.js';

const root = new URL('../../', import.meta.url).pathname;

describe('objective-to-item matrix in docs/training-boards.md', () => {
  it('matches the bank as the build compiles it (run npm run matrix after changing items or objectives)', () => {
    const { model, report } = compileCourse({ courseDir: `${root}course`, rootDir: root });
    const doc = readFileSync(`${root}docs/training-boards.md`, 'utf8');
    assert.equal(withMatrix(doc, matrixMarkdown(model, report)), doc);
    for (const item of model.bank) assert.ok(doc.includes(`\`${item.id}\``), `${item.id} is in the matrix`);
  });
});
