import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CourseModel } from '../../src/model/course.js';
import { decodeState } from '../../src/state/codec.js';
import { worstCaseResumeData, worstCaseState } from '../../src/state/worst-case.js';
import { SCORM12 } from '../../src/tracking/scorm12.js';

const MODEL = new URL('../../.generated/course.json', import.meta.url);

describe('resume data for the real course', () => {
  it('fits SCORM 1.2 suspend_data (4096) in the worst case: every check answered, last attempt, longest ids', { skip: !existsSync(MODEL) && 'run npm run build first' }, () => {
    const course = JSON.parse(readFileSync(MODEL, 'utf8')) as CourseModel;
    const state = worstCaseState(course);
    const text = worstCaseResumeData(course);
    console.log(`worst-case suspend_data: ${text.length} of ${SCORM12.limits.suspendData} characters`);
    assert.ok(text.length <= SCORM12.limits.suspendData, `${text.length} characters`);
    const decoded = decodeState(course, text);
    // Evaluation comments are not kept (they were reported when sent); everything else comes back as it was.
    assert.deepEqual(decoded, { ...state, evaluation: state.evaluation && { ...state.evaluation, comments: '' } });
  });
});
