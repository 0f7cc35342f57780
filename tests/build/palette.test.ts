import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { contrastRatio } from '../../build/compile/contrast.js';

/**
 * The course's own colours (the defaults in src/components/styles/shared.ts) against the
 * surfaces they are drawn on: 4.5:1 for text (WCAG 1.4.3), 3:1 for the parts of a control a
 * learner must see, such as a field's border or the focus ring (WCAG 1.4.11).
 */
const source = readFileSync(new URL('../../src/components/styles/shared.ts', import.meta.url), 'utf8');
const palette = new Map([...source.matchAll(/--slep-color-([a-z-]+), (#[0-9a-f]{6})\)/gi)].map((m) => [m[1] ?? '', m[2] ?? '']));
const color = (name: string) => {
  const value = palette.get(name);
  assert.ok(value, `--slep-color-${name} has a default in shared.ts`);
  return value;
};

describe('the course palette', () => {
  const surfaces = ['surface', 'subtle', 'accent-tint'];

  it('draws text at 4.5:1 or more on every surface', () => {
    for (const fg of ['ink', 'muted', 'accent', 'accent-strong', 'ok', 'warn', 'error', 'callout', 'scenario']) {
      for (const bg of surfaces) {
        const ratio = contrastRatio(color(fg), color(bg));
        assert.ok(ratio >= 4.5, `${fg} ${color(fg)} on ${bg} ${color(bg)}: ${ratio.toFixed(2)}:1`);
      }
    }
  });

  it('draws field borders and the focus ring at 3:1 or more on every surface', () => {
    for (const fg of ['border', 'focus']) {
      for (const bg of surfaces) {
        const ratio = contrastRatio(color(fg), color(bg));
        assert.ok(ratio >= 3, `${fg} ${color(fg)} on ${bg} ${color(bg)}: ${ratio.toFixed(2)}:1`);
      }
    }
  });
});
