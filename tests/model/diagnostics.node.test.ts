import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskLaunchParameters } from '../../src/model/diagnostics.js';

describe('diagnostics launch parameters', () => {
  it('masks xAPI Basic credentials, keeping the scheme and length', () => {
    const auth = `Basic ${Buffer.from('key:secret').toString('base64')}`;
    const rows = maskLaunchParameters(`?endpoint=https%3A%2F%2Flrs.example%2Fxapi%2F&auth=${encodeURIComponent(auth)}`);
    assert.deepEqual(rows, [
      ['endpoint', 'https://lrs.example/xapi/'],
      ['auth', `Basic •••• (masked, ${auth.length} characters)`],
    ]);
  });

  it("keeps only the origin of cmi5's one-time fetch URL, and masks anything named like a token", () => {
    const rows = new Map(maskLaunchParameters('?fetch=https%3A%2F%2Flms.example%2Fcmi5%2Ffetch%3Ft%3Dabc123&access_token=xyz&registration=r1'));
    assert.equal(rows.get('fetch'), 'https://lms.example/… •••• (masked, 39 characters)');
    assert.equal(rows.get('access_token'), '•••• (masked, 3 characters)');
    assert.equal(rows.get('registration'), 'r1');
    assert.ok(![...rows.values()].some((v) => v.includes('abc123') || v.includes('xyz')));
  });
});
