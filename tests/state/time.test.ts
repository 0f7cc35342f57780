import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScorm12Timespan, scorm12Time, scorm12Timespan } from '../../src/tracking/time.js';

describe('SCORM 1.2 time formats', () => {
  it('writes CMITimespan as HHHH:MM:SS.SS', () => {
    assert.equal(scorm12Timespan(0), '0000:00:00.00');
    assert.equal(scorm12Timespan(3723.456), '0001:02:03.46');
    assert.equal(scorm12Timespan(59.999), '0000:01:00.00');
    assert.match(scorm12Timespan(45 * 60 + 0.5), /^\d{4}:\d{2}:\d{2}\.\d{2}$/);
  });

  it('caps at 9999:59:59.99 and treats negatives as zero', () => {
    assert.equal(scorm12Timespan(1e9), '9999:59:59.99');
    assert.equal(scorm12Timespan(-5), '0000:00:00.00');
  });

  it('writes CMITime as HH:MM:SS', () => {
    assert.equal(scorm12Time(new Date(2026, 0, 2, 3, 4, 5)), '03:04:05');
  });

  it('reads LMS timespans back', () => {
    assert.equal(parseScorm12Timespan('0001:02:03.50'), 3723.5);
    assert.equal(parseScorm12Timespan('00:00:10'), 10);
    assert.equal(parseScorm12Timespan('garbage'), 0);
  });
});
