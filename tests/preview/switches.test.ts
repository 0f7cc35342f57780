/**
 * The preview's LMS switches on the stand-in LMSs, driven by plain API calls:
 * "LMS refuses commits" (the standard's error codes, no violation blamed on the course,
 * switchable during a session) and the SCORM 1.2 browse/review launch.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PreviewLms } from '../../preview/lms.js';
import { PreviewLms2004 } from '../../preview/lms2004.js';
import { memoryStorage } from '../integration/harness.js';

type Api = Record<string, (...args: string[]) => string>;

function open12(lms: PreviewLms): Api {
  const win = {} as Window;
  lms.launch(win);
  const api = (win as unknown as { API: Api }).API;
  assert.equal(api.LMSInitialize?.(''), 'true');
  return api;
}

function open2004(lms: PreviewLms2004): Api {
  const win = {} as Window;
  lms.launch(win);
  const api = (win as unknown as { API_1484_11: Api }).API_1484_11;
  assert.equal(api.Initialize?.(''), 'true');
  return api;
}

describe('"LMS refuses commits"', () => {
  it('SCORM 1.2: LMSCommit and LMSSetValue return "false" with error 101, and it can be switched off mid-session', () => {
    const lms = new PreviewLms({ storage: memoryStorage(), refuseCommits: true });
    const api = open12(lms);
    assert.equal(api.LMSSetValue?.('cmi.core.lesson_location', 'lesson-1'), 'false');
    assert.equal(api.LMSGetLastError?.(''), '101');
    assert.equal(api.LMSCommit?.(''), 'false');
    assert.equal(api.LMSGetLastError?.(''), '101');
    assert.equal(api.LMSGetValue?.('cmi.core.lesson_location'), '', 'the refused value was not kept');
    assert.equal(api.LMSGetLastError?.(''), '0', 'a later call clears the error');
    assert.deepEqual(lms.violations, [], 'the LMS refusing is not the course breaking a rule');
    assert.ok(lms.calls.some((c) => c.fn === 'LMSCommit' && c.result === 'false' && c.error === '101'));
    lms.refuseCommits = false;
    assert.equal(api.LMSSetValue?.('cmi.core.lesson_location', 'lesson-1'), 'true');
    assert.equal(api.LMSCommit?.(''), 'true');
    assert.equal(api.LMSGetLastError?.(''), '0');
  });

  it('SCORM 2004: Commit fails with 391 (Commit Failed) and SetValue with 351 (General Set Failure)', () => {
    const lms = new PreviewLms2004({ storage: memoryStorage(), refuseCommits: true });
    const api = open2004(lms);
    assert.equal(api.SetValue?.('cmi.location', 'lesson-1'), 'false');
    assert.equal(api.GetLastError?.(), '351');
    assert.equal(api.Commit?.(''), 'false');
    assert.equal(api.GetLastError?.(), '391');
    assert.deepEqual(lms.violations, []);
    lms.refuseCommits = false;
    assert.equal(api.SetValue?.('cmi.location', 'lesson-1'), 'true');
    assert.equal(api.Commit?.(''), 'true');
    assert.equal(api.GetLastError?.(), '0');
  });
});

describe('SCORM 1.2 launch mode', () => {
  for (const mode of ['browse', 'review'] as const) {
    it(`${mode}: lesson_mode ${mode}, no credit, and the stored record keeps only the session count`, () => {
      const lms = new PreviewLms({ storage: memoryStorage() });
      let api = open12(lms);
      assert.equal(api.LMSSetValue?.('cmi.core.lesson_status', 'incomplete'), 'true');
      assert.equal(api.LMSSetValue?.('cmi.suspend_data', 'normal-session'), 'true');
      assert.equal(api.LMSFinish?.(''), 'true');
      lms.mode = mode;
      api = open12(lms);
      assert.equal(api.LMSGetValue?.('cmi.core.lesson_mode'), mode);
      assert.equal(api.LMSGetValue?.('cmi.core.credit'), 'no-credit');
      api.LMSSetValue?.('cmi.suspend_data', `${mode}-session`);
      assert.equal(api.LMSFinish?.(''), 'true');
      assert.equal(lms.stored.suspend_data, 'normal-session');
      assert.equal(lms.stored.lesson_status, 'incomplete');
      assert.equal(lms.stored.sessions, 2);
    });
  }
});
