import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { READ_BACKOFF_MS, readUntilAnswered } from '../../src/tracking/lrs.js';
import type { LrsResponse } from '../../src/tracking/lrs.js';

/** A read that answers from a script: a status, or 'throw'. */
function scripted(answers: Array<number | 'throw'>) {
  let calls = 0;
  const read = async (): Promise<LrsResponse<{ ok: true }>> => {
    const next = answers[Math.min(calls, answers.length - 1)];
    calls += 1;
    if (next === 'throw') throw new Error('network');
    return { status: next ?? 0, data: next === 200 ? { ok: true } : null };
  };
  return { read, calls: () => calls };
}

/** Lets the pending promise callbacks run, then moves the fake clock on. */
async function advance(ms: number): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  mock.timers.tick(ms);
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('reading a launch document until the LRS answers', () => {
  it('reads again after every failure, however many, with growing waits, until the document comes', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      // 500, no answer, 503, a thrown error, 401, 502, 500, 500, 500: nine failures, more than any fixed count.
      const lrs = scripted([500, 0, 503, 'throw', 401, 502, 500, 500, 500, 200]);
      const failures: Array<[number, number]> = [];
      let result: LrsResponse<{ ok: true }> | null = null;
      void readUntilAnswered(lrs.read, 'a document', (status, tries) => failures.push([status, tries])).then((r) => (result = r));
      const waits = [...READ_BACKOFF_MS, 30000, 30000];
      for (const [i, wait] of waits.slice(0, 9).entries()) {
        await advance(0);
        assert.equal(lrs.calls(), i + 1, `read ${i + 1} made`);
        assert.equal(result, null, 'still waiting');
        // One millisecond short of the wait, nothing is read again.
        await advance(wait - 1);
        assert.equal(lrs.calls(), i + 1);
        await advance(1);
      }
      await advance(0);
      assert.deepEqual(result, { status: 200, data: { ok: true } });
      assert.equal(lrs.calls(), 10);
      assert.deepEqual(failures.map(([status]) => status), [500, 0, 503, 0, 401, 502, 500, 500, 500]);
      assert.deepEqual(failures.map(([, tries]) => tries), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    } finally {
      mock.timers.reset();
    }
  });

  it('takes a 404 as an answer (there is no document) and does not read again', async () => {
    const lrs = scripted([404, 200]);
    const result = await readUntilAnswered(lrs.read, 'a document');
    assert.equal(result.status, 404);
    assert.equal(lrs.calls(), 1);
  });
});
