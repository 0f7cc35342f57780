import { expect } from '@open-wc/testing';
import { Scorm12API } from 'scorm-again';
import { findApi } from '../../src/tracking/find-api.js';
import type { InteractionRecord, TrackingSnapshot } from '../../src/tracking/driver.js';
import { Scorm12Driver } from '../../src/tracking/scorm12.js';
import type { Scorm12Api } from '../../src/tracking/scorm12.js';

const snapshot = (patch: Partial<TrackingSnapshot> = {}): TrackingSnapshot => ({
  location: 'lesson-one',
  suspendData: '1|l=lesson-one',
  status: { completion: 'incomplete', success: 'unknown' },
  score: null,
  progress: 0.25,
  finished: false,
  ...patch,
});

const record = (patch: Partial<InteractionRecord> = {}): InteractionRecord => ({
  id: 'a1-types-q1',
  itemId: 'types-q1',
  type: 'choice',
  multiple: true,
  response: ['c', 'a'],
  correctResponse: ['a', 'c'],
  result: 'correct',
  latency: 75.5,
  timestamp: new Date(2026, 10, 28, 9, 5, 7),
  description: 'A question',
  objective: 'types',
  attempt: 1,
  ...patch,
});

function lms(data: Record<string, unknown> = {}) {
  const api = new Scorm12API({ logLevel: 5, autocommit: false });
  api.loadFromJSON({ core: { student_name: 'Rivera, Ana', student_id: 'u1', entry: 'ab-initio', lesson_status: 'not attempted' }, ...data });
  return api;
}

describe('SCORM 1.2 driver', () => {
  it('reads the launch data, including the LMS mastery score as a fraction', () => {
    const api = lms({ student_data: { mastery_score: '70' }, suspend_data: '1|l=x', core: { student_name: 'Rivera, Ana', student_id: 'u1', entry: 'resume', lesson_location: 'mou' } });
    const launch = new Scorm12Driver(api as unknown as Scorm12Api).initialize();
    expect(launch).to.deep.include({ learnerName: 'Rivera, Ana', learnerId: 'u1', entry: 'resume', location: 'mou', suspendData: '1|l=x', masteryScore: 0.7 });
  });

  it('sends no mastery score when the LMS has none', () => {
    const launch = new Scorm12Driver(lms() as unknown as Scorm12Api).initialize();
    expect(launch?.masteryScore).to.equal(null);
  });

  it('maps completion and success to one 1.2 status and writes the score first', () => {
    const api = lms();
    const driver = new Scorm12Driver(api as unknown as Scorm12Api);
    driver.initialize();
    expect(api.LMSGetValue('cmi.core.lesson_status')).to.equal('incomplete');
    driver.write(snapshot({ status: { completion: 'completed', success: 'failed' }, score: 0.5 }));
    expect(api.LMSGetValue('cmi.core.lesson_status')).to.equal('failed');
    expect(api.LMSGetValue('cmi.core.score.raw')).to.equal('50');
    driver.write(snapshot({ status: { completion: 'incomplete', success: 'passed' }, score: 0.9 }));
    expect(api.LMSGetValue('cmi.core.lesson_status')).to.equal('incomplete', 'not every lesson opened yet');
    driver.write(snapshot({ status: { completion: 'completed', success: 'unknown' } }));
    expect(api.LMSGetValue('cmi.core.lesson_status')).to.equal('completed');
  });

  it('reports "completed" with the score when the course is configured for it', () => {
    const api = lms();
    const driver = new Scorm12Driver(api as unknown as Scorm12Api, { statusStyle: 'completed' });
    driver.initialize();
    driver.write(snapshot({ status: { completion: 'incomplete', success: 'failed' }, score: 0.5 }));
    expect(api.LMSGetValue('cmi.core.lesson_status')).to.equal('incomplete');
    driver.write(snapshot({ status: { completion: 'completed', success: 'failed' }, score: 0.5 }));
    expect(api.LMSGetValue('cmi.core.lesson_status')).to.equal('completed');
    expect(api.LMSGetValue('cmi.core.score.raw')).to.equal('50');
    driver.write(snapshot({ status: { completion: 'completed', success: 'passed' }, score: 0.9 }));
    expect(api.LMSGetValue('cmi.core.lesson_status')).to.equal('completed');
    expect(api.LMSGetValue('cmi.core.score.raw')).to.equal('90');
  });

  it('changes no status or score in a review launch (lesson_mode review)', () => {
    const api = lms({ core: { student_name: 'A', student_id: 'u1', entry: 'resume', lesson_status: 'passed', lesson_mode: 'review' } });
    const driver = new Scorm12Driver(api as unknown as Scorm12Api);
    driver.initialize();
    driver.write(snapshot({ status: { completion: 'incomplete', success: 'unknown' } }));
    expect(api.LMSGetValue('cmi.core.lesson_status')).to.equal('passed');
    expect(api.LMSGetValue('cmi.core.lesson_location')).to.equal('lesson-one');
  });

  it('writes interactions in the 1.2 formats, once each', () => {
    const api = lms();
    const sent = new Map<string, string>();
    const spy: Scorm12Api = {
      LMSInitialize: () => api.LMSInitialize(),
      LMSFinish: () => api.LMSFinish(),
      LMSCommit: () => api.LMSCommit(),
      LMSGetErrorString: (c) => api.LMSGetErrorString(c),
      LMSGetLastError: () => api.LMSGetLastError(),
      LMSGetValue: (e) => api.LMSGetValue(e),
      LMSSetValue: (e, v) => (sent.set(e, v), api.LMSSetValue(e, v)),
    };
    const driver = new Scorm12Driver(spy);
    driver.initialize();
    driver.recordInteractions([record(), record({ id: 'a1-roles-tf', type: 'true-false', multiple: false, response: ['f'], correctResponse: ['t'], result: 'incorrect' }), record({ id: 'a1-m', type: 'matching', multiple: false, response: ['1.b', '2.a'], correctResponse: ['1.a', '2.b'], result: 'incorrect' })]);
    driver.recordInteractions([record()]);
    const cmi = (api.renderCMIToJSONObject() as { cmi: { interactions: Record<string, Record<string, unknown>> } }).cmi.interactions;
    expect(Object.keys(cmi)).to.have.length(3);
    expect(cmi['0']).to.deep.include({ id: 'a1-types-q1', type: 'choice', student_response: 'a,c', result: 'correct', time: '09:05:07' });
    expect(sent.get('cmi.interactions.0.latency')).to.equal('0000:01:15.50');
    expect(sent.get('cmi.interactions.0.correct_responses.0.pattern')).to.equal('a,c');
    expect(sent.get('cmi.interactions.0.objectives.0.id')).to.equal('types');
    expect(cmi['1']).to.deep.include({ type: 'true-false', student_response: 'f', result: 'wrong' });
    expect(cmi['2']).to.deep.include({ type: 'matching', student_response: '1.b,2.a' });
  });

  it('updates an objective in place rather than adding a duplicate', () => {
    const api = lms();
    const driver = new Scorm12Driver(api as unknown as Scorm12Api);
    driver.initialize();
    driver.recordObjectives([{ id: 'types', description: 'T', score: 0.5, status: 'failed' }]);
    driver.recordObjectives([{ id: 'types', description: 'T', score: 1, status: 'passed' }]);
    expect(api.LMSGetValue('cmi.objectives._count')).to.equal('1');
    expect(api.LMSGetValue('cmi.objectives.0.status')).to.equal('passed');
    expect(api.LMSGetValue('cmi.objectives.0.score.raw')).to.equal('100');
  });

  it('skips interactions and objectives without error where the LMS does not implement them (401)', () => {
    const api = lms();
    const calls: string[] = [];
    let lastError = '0';
    const limited: Scorm12Api = {
      LMSInitialize: () => api.LMSInitialize(),
      LMSFinish: () => api.LMSFinish(),
      LMSCommit: () => api.LMSCommit(),
      LMSGetErrorString: (c) => api.LMSGetErrorString(c),
      LMSGetLastError: () => lastError,
      LMSGetValue: (e) => {
        lastError = /^cmi\.(interactions|objectives)/.test(e) ? '401' : '0';
        return lastError === '401' ? '' : api.LMSGetValue(e);
      },
      LMSSetValue: (e, v) => {
        calls.push(e);
        lastError = '0';
        return api.LMSSetValue(e, v);
      },
    };
    const driver = new Scorm12Driver(limited);
    driver.initialize();
    expect(driver.recordInteractions([record()])).to.equal(true);
    expect(driver.recordObjectives([{ id: 'types', description: 'T', score: 1, status: 'passed' }])).to.equal(true);
    expect(calls.some((c) => c.startsWith('cmi.interactions') || c.startsWith('cmi.objectives'))).to.equal(false);
  });

  it('reports the LMS error code and text when a value is rejected, and returns false', () => {
    const api = lms();
    const driver = new Scorm12Driver(api as unknown as Scorm12Api);
    driver.initialize();
    const original = console.warn;
    const warned: string[] = [];
    console.warn = (...args: unknown[]) => void warned.push(args.join(' '));
    try {
      expect(driver.recordObjectives([{ id: 'types', description: '', score: 1, status: 'bogus' as 'passed' }])).to.equal(false);
    } finally {
      console.warn = original;
    }
    expect(driver.lastError).to.match(/SCORM error \d+/);
    expect(warned.join()).to.contain('cmi.objectives.0.status');
  });

  it('finishes once: session time, exit suspend while unfinished, then nothing more', () => {
    const api = lms();
    const driver = new Scorm12Driver(api as unknown as Scorm12Api);
    driver.initialize();
    expect(driver.finish({ sessionSeconds: 3723.4, snapshot: snapshot() })).to.equal(true);
    const cmi = (api.renderCMIToJSONObject() as { cmi: { core: Record<string, string> } }).cmi.core;
    expect(cmi.exit).to.equal('suspend');
    expect(cmi.session_time).to.match(/^0*1:02:03\.4/);
    expect(driver.finish({ sessionSeconds: 1, snapshot: snapshot() })).to.equal(false);
    expect(driver.commit()).to.equal(false);
  });

  it('ends normally (exit "") once the learner is finished', () => {
    const api = lms();
    const driver = new Scorm12Driver(api as unknown as Scorm12Api);
    driver.initialize();
    driver.finish({ sessionSeconds: 10, snapshot: snapshot({ finished: true, status: { completion: 'completed', success: 'passed' }, score: 1 }) });
    const core = (api.renderCMIToJSONObject() as { cmi: { core: Record<string, string> } }).cmi.core;
    expect(core.exit).to.equal('');
    expect(core.lesson_status).to.equal('passed');
  });
});

describe('finding the SCORM API', () => {
  it('walks up the parent chain from a nested frame', async () => {
    const outer = document.createElement('iframe');
    document.body.append(outer);
    const inner = outer.contentDocument?.createElement('iframe');
    if (!inner || !outer.contentDocument) throw new Error('frames');
    outer.contentDocument.body.append(inner);
    const api = { LMSInitialize: () => 'true' };
    (window as unknown as { API: unknown }).API = api;
    try {
      expect(findApi({ name: 'API', from: inner.contentWindow as Window })).to.equal(api);
    } finally {
      delete (window as unknown as { API?: unknown }).API;
      outer.remove();
    }
  });

  it('returns null when no LMS is there', () => {
    expect(findApi({ name: 'API_NOT_HERE' })).to.equal(null);
  });
});
