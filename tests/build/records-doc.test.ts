import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(import.meta.dirname, '..', '..');

describe('docs/records.md', () => {
  it('shows exactly what a real run of the course records (npx tsx scripts/example-records.ts)', async () => {
    const { renderRecordsDoc } = await import('../../scripts/example-records.js');
    const expected = await renderRecordsDoc();
    assert.equal(readFileSync(join(root, 'docs', 'records.md'), 'utf8'), expected, 'docs/records.md is out of date: run npx tsx scripts/example-records.ts');
  });
});
