import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('architecture', () => {
  it('keeps components away from tracking: no file under src/components imports src/tracking', () => {
    const offenders = files(join(root, 'src', 'components')).filter((f) => /from\s+['"][^'"]*\/tracking\//.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('has one registry of package kinds: every kind has a player entry and a build entry', async () => {
    const { PACKAGE_KINDS, PLAYER } = await import('../../src/packages.js');
    const { BUILD } = await import('../../build/registry.js');
    assert.deepEqual(Object.keys(PLAYER).sort(), [...PACKAGE_KINDS].sort());
    assert.deepEqual(Object.keys(BUILD).sort(), [...PACKAGE_KINDS].sort());
  });
});
