import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { base32, sha256, verificationCode } from '../../src/model/verification.js';

describe('certificate verification code', () => {
  it('is the first 10 base32 characters of SHA-256 over course id, version and attempt id', async () => {
    const input = { courseId: 'https://w3id.org/slep/course/school-law-enforcement-partnerships', version: '1.0.0', attemptId: 'k3x9q2abcd' };
    const digest = createHash('sha256').update(`${input.courseId}|${input.version}|${input.attemptId}`).digest();
    const code = await verificationCode(input);
    assert.match(code, /^[A-Z2-7]{10}$/);
    assert.equal(code, base32(new Uint8Array(digest)).slice(0, 10));
    assert.notEqual(await verificationCode({ ...input, attemptId: 'other' }), code, 'another attempt, another code');
  });

  it('computes SHA-256 without crypto.subtle (insecure contexts), matching Node for every padding case', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const data = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 255);
      assert.equal(Buffer.from(sha256(data)).toString('hex'), createHash('sha256').update(data).digest('hex'), `${n} bytes`);
    }
  });

  it('encodes base32 as RFC 4648 does', () => {
    // RFC 4648 §10 test vectors (without padding).
    const enc = (s: string) => base32(new TextEncoder().encode(s));
    assert.deepEqual(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc), ['', 'MY', 'MZXQ', 'MZXW6', 'MZXW6YQ', 'MZXW6YTB', 'MZXW6YTBOI']);
  });
});
