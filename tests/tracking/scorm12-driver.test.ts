import { expect } from '@open-wc/testing';
import { Scorm12API } from 'scorm-again';
import { findApi } from '../../src/tracking/find-api.js';
import type { InteractionRecord, Report, Save, TrackingEvent } from '../../src/tracking/driver.js';
import { Scorm12Driver } from '../../src/tracking/scorm12.js';
import { failingReads } from './failing-reads.js';
import type { Scorm12Api } from '../../src/tracking/scorm12.js';

const report = (patch: Partial<Report> = {}): Report => ({
  completion: 'incomplete',
  success: 'unknown',
  score: null,
  lastResult: 'none',
  progress: 0.25,
  finished: false,
  ...patch,
});

const save = (patch: Partial<Report> = {}, extra: Partial<Save> = {}): Save => ({ revision: 1, location: 'lesson-one', resumeData: '2|l=lesson-one', report: report(patch), ...extra });

const record = (patch: Partial<InteractionRecord> = {}): InteractionRecord => ({
  id: 'a1-types-q1',
  itemId: 'types-q1',
  kind: 'assessment',
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
  lessonId: '',
  options: {},
  ...patch,
});

let seq = 0;
const submitted = (interactions: InteractionRecord[], objectives: Extract<TrackingEvent, { type: 'submitted' }>['objectives'] = []): TrackingEvent => ({
  id: `e${++seq}`,
  at: 0,
  type: 'submitted',
  attempt: 1,
  score: 0.5,
  passed: false,
  interactions,
  objectives,
});

function lms(data: Record<string, unknown> = {}) {
  const api = new Scorm12API({ logLevel: 5, autocommit: false });
  api.loadFromJSON({ core: { student_name: 'Rivera, Ana', student_id: 'u1', entry: 'ab-initio', lesson_status: 'not attempted' }, ...data });
  return api;
}

async function started(api: Scorm12Api, options?: ConstructorParameters<typeof Scorm12Driver>[1]) {
  const driver = new Scorm12Driver(api, options);
  const launch = await driver.initialize();
  return { driver, launch };
}

const core = (api: Scorm12API) => (api.renderCMIToJSONObject() as { cmi: { core: Record<string, string> } }).cmi.core;

describe('SCORM 1.2 driver', () => {
  it('reads the launch data, including the LMS mastery score as a fraction and the mode', async () => {
    const api = lms({ student_data: { mastery_score: '70' }, suspend_data: '1|l=x', core: { student_name: 'Rivera, Ana', student_id: 'u1', entry: 'resume', lesson_location: 'mou', lesson_status: 'incomplete' } });
    const { launch } = await started(api as unknown as Scorm12Api);
    expect(launch).to.deep.include({ learner: { id: 'u1', name: 'Rivera, Ana' }, entry: 'resume', location: 'mou', resumeData: '1|l=x', masteryScore: 0.7, mode: 'normal' });
    expect(launch?.recorded).to.deep.equal({ completion: 'incomplete', success: 'unknown', score: null });
  });

  it('sends no mastery score when the LMS has none', async () => {
    const { launch } = await started(lms() as unknown as Scorm12Api);
    expect(launch?.masteryScore).to.equal(null);
  });

  it('writes incomplete and no score while attempts remain, so Moodle neither ends its attempt nor overrides the status', async () => {
    const api = lms();
    const { driver } = await started(api as unknown as Scorm12Api);
    expect(api.LMSGetValue('cmi.core.lesson_status')).to.equal('incomplete');
    await driver.report({ events: [], save: save({ completion: 'completed', success: 'unknown', lastResult: 'failed', score: 0.5 }), commit: true });
    expect(api.LMSGetValue('cmi.core.lesson_status')).to.equal('incomplete');
    expect(api.LMSGetValue('cmi.core.score.raw')).to.equal('');
    await driver.report({ events: [], save: save({ completion: 'incomplete', success: 'passed', lastResult: 'passed', score: 0.9 }), commit: true });
    expect(api.LMSGetValue('cmi.core.lesson_status')).to.equal('incomplete', 'not every lesson opened yet');
    expect(api.LMSGetValue('cmi.core.score.raw')).to.equal('', 'a score before completion would let Moodle mark it passed');
  });

  it('writes the score, then passed or failed, once the result is settled', async () => {
    const api = lms();
    const { driver } = await started(api as unknown as Scorm12Api);
    await driver.report({ events: [], save: save({ completion: 'completed', success: 'failed', lastResult: 'failed', score: 0.5 }), commit: true });
    expect(api.LMSGetValue('cmi.core.lesson_status')).to.equal('failed');
    expect(api.LMSGetValue('cmi.core.score.raw')).to.equal('50');
    const api2 = lms();
    const second = await started(api2 as unknown as Scorm12Api);
    await second.driver.report({ events: [], save: save({ completion: 'completed', success: 'passed', lastResult: 'passed', score: 0.9 }), commit: true });
    expect(api2.LMSGetValue('cmi.core.lesson_status')).to.equal('passed');
    expect(api2.LMSGetValue('cmi.core.score.raw')).to.equal('90');
  });

  it('reports "completed" when lessons are done and no assessment was taken', async () => {
    const api = lms();
    const { driver } = await started(api as unknown as Scorm12Api);
    await driver.report({ events: [], save: save({ completion: 'completed' }), commit: true });
    expect(api.LMSGetValue('cmi.core.lesson_status')).to.equal('completed');
  });

  it('reports "completed" with the score when the course is configured for it', async () => {
    const api = lms();
    const { driver } = await started(api as unknown as Scorm12Api, { statusStyle: 'completed' });
    await driver.report({ events: [], save: save({ completion: 'incomplete', success: 'failed', score: 0.5 }), commit: true });
    expect(api.LMSGetValue('cmi.core.lesson_status')).to.equal('incomplete');
    await driver.report({ events: [], save: save({ completion: 'completed', success: 'passed', lastResult: 'passed', score: 0.9 }), commit: true });
    expect(api.LMSGetValue('cmi.core.lesson_status')).to.equal('completed');
    expect(api.LMSGetValue('cmi.core.score.raw')).to.equal('90');
  });

  it('writes nothing at all in a review launch (lesson_mode review): not status, location or suspend data', async () => {
    const api = lms({ suspend_data: 'old', core: { student_name: 'A', student_id: 'u1', entry: 'resume', lesson_status: 'failed', lesson_mode: 'review', lesson_location: 'mou' } });
    const sets: string[] = [];
    const spy = new Proxy(api, { get: (t, k) => (k === 'LMSSetValue' ? (e: string, v: string) => (sets.push(e), t.LMSSetValue(e, v)) : (t as unknown as Record<string | symbol, unknown>)[k] instanceof Function ? ((t as unknown as Record<string | symbol, (...a: unknown[]) => unknown>)[k] as (...a: unknown[]) => unknown).bind(t) : (t as unknown as Record<string | symbol, unknown>)[k]) });
    const { driver, launch } = await started(spy as unknown as Scorm12Api);
    expect(launch?.mode).to.equal('review');
    await driver.report({ events: [submitted([record()])], save: save({ completion: 'completed', success: 'passed', score: 1 }), commit: true });
    driver.terminateNow({ events: [], save: save(), sessionSeconds: 10 });
    expect(sets).to.deep.equal([]);
  });

  it('writes interactions in the 1.2 formats, once each, with latency in hundredths', async () => {
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
    const { driver } = await started(spy);
    const records = [record(), record({ id: 'a1-roles-tf', type: 'true-false', multiple: false, response: ['f'], correctResponse: ['t'], result: 'incorrect' }), record({ id: 'a1-m', type: 'matching', multiple: false, response: ['1.b', '2.a'], correctResponse: ['1.a', '2.b'], result: 'incorrect' }), record({ id: 'check-x', kind: 'check' })];
    const event = submitted(records);
    await driver.report({ events: [event], save: save(), commit: true });
    await driver.report({ events: [event, submitted([record()])], save: save(), commit: true });
    const cmi = (api.renderCMIToJSONObject() as { cmi: { interactions: Record<string, Record<string, unknown>> } }).cmi.interactions;
    expect(Object.keys(cmi)).to.have.length(3, 'knowledge checks are not SCORM interactions; nothing twice');
    expect(cmi['0']).to.deep.include({ id: 'a1-types-q1', type: 'choice', student_response: 'a,c', result: 'correct', time: '09:05:07' });
    expect(sent.get('cmi.interactions.0.latency')).to.equal('0000:01:15.50');
    expect(sent.get('cmi.interactions.0.correct_responses.0.pattern')).to.equal('a,c');
    expect(sent.get('cmi.interactions.0.objectives.0.id')).to.equal('types');
    expect(cmi['1']).to.deep.include({ type: 'true-false', student_response: 'f', result: 'wrong' });
    expect(cmi['2']).to.deep.include({ type: 'matching', student_response: '1.b,2.a' });
  });

  it('re-sends an interaction the LMS refused, at the same index, once it accepts it', async () => {
    const api = lms();
    // The LMS starts refusing after launch (a constant error code at launch would make the launch reads fail).
    let refuse = false;
    const flaky: Scorm12Api = {
      LMSInitialize: () => api.LMSInitialize(),
      LMSFinish: () => api.LMSFinish(),
      LMSCommit: () => api.LMSCommit(),
      LMSGetErrorString: (c) => api.LMSGetErrorString(c),
      LMSGetLastError: () => (refuse ? '351' : api.LMSGetLastError()),
      LMSGetValue: (e) => api.LMSGetValue(e),
      LMSSetValue: (e, v) => (refuse && e.endsWith('.result') ? 'false' : api.LMSSetValue(e, v)),
    };
    const { driver } = await started(flaky);
    refuse = true;
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const event = submitted([record()]);
      expect(await driver.report({ events: [event], save: save(), commit: true })).to.equal(false);
      refuse = false;
      expect(await driver.report({ events: [event], save: save(), commit: true })).to.equal(true);
    } finally {
      console.warn = warn;
    }
    const cmi = (api.renderCMIToJSONObject() as { cmi: { interactions: Record<string, Record<string, unknown>> } }).cmi.interactions;
    expect(Object.keys(cmi)).to.have.length(1);
    expect(cmi['0']).to.deep.include({ id: 'a1-types-q1', result: 'correct' });
  });

  it('updates an objective in place rather than adding a duplicate', async () => {
    const api = lms();
    const { driver } = await started(api as unknown as Scorm12Api);
    await driver.report({ events: [submitted([], [{ id: 'types', description: 'T', score: 0.5, status: 'failed' }])], save: save(), commit: true });
    await driver.report({ events: [submitted([], [{ id: 'types', description: 'T', score: 1, status: 'passed' }])], save: save(), commit: true });
    expect(api.LMSGetValue('cmi.objectives._count')).to.equal('1');
    expect(api.LMSGetValue('cmi.objectives.0.status')).to.equal('passed');
    expect(api.LMSGetValue('cmi.objectives.0.score.raw')).to.equal('100');
  });

  it('skips interactions and objectives without error where the LMS does not implement them (401)', async () => {
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
    const { driver } = await started(limited);
    const ok = await driver.report({ events: [submitted([record()], [{ id: 'types', description: 'T', score: 1, status: 'passed' }])], save: save(), commit: true });
    expect(ok).to.equal(true);
    expect(calls.some((c) => c.startsWith('cmi.interactions') || c.startsWith('cmi.objectives'))).to.equal(false);
  });

  it('reports the LMS error code and text when a value is rejected, and resolves false', async () => {
    const api = lms();
    const { driver } = await started(api as unknown as Scorm12Api);
    const original = console.warn;
    const warned: string[] = [];
    console.warn = (...args: unknown[]) => void warned.push(args.join(' '));
    try {
      const ok = await driver.report({ events: [submitted([], [{ id: 'types', description: '', score: 1, status: 'bogus' as 'passed' }])], save: save(), commit: true });
      expect(ok).to.equal(false);
    } finally {
      console.warn = original;
    }
    expect(driver.lastError).to.match(/SCORM error \d+/);
    expect(warned.join()).to.contain('cmi.objectives.0.status');
  });

  it('treats an exception thrown by the LMS API as a refusal', async () => {
    const api = lms();
    const throwing: Scorm12Api = {
      LMSInitialize: () => api.LMSInitialize(),
      LMSFinish: () => api.LMSFinish(),
      LMSCommit: () => {
        throw new Error('LMS exploded');
      },
      LMSGetErrorString: (c) => api.LMSGetErrorString(c),
      LMSGetLastError: () => api.LMSGetLastError(),
      LMSGetValue: (e) => api.LMSGetValue(e),
      LMSSetValue: (e, v) => api.LMSSetValue(e, v),
    };
    const { driver } = await started(throwing);
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      expect(await driver.report({ events: [], save: save(), commit: true })).to.equal(false);
    } finally {
      console.warn = warn;
    }
    expect(driver.lastError).to.contain('LMS exploded');
  });

  it('terminates once: session time, exit suspend while unfinished, then nothing more', async () => {
    const api = lms();
    const { driver } = await started(api as unknown as Scorm12Api);
    expect(driver.terminateNow({ events: [], save: save(), sessionSeconds: 3723.4 })).to.equal(true);
    expect(core(api).exit).to.equal('suspend');
    expect(core(api).session_time).to.match(/^0*1:02:03\.4/);
    expect(driver.terminateNow({ events: [], save: save(), sessionSeconds: 1 })).to.equal(false);
    expect(await driver.report({ events: [], save: save(), commit: true })).to.equal(false);
  });

  it('does not call a finish confirmed when writes before it were refused', async () => {
    const api = lms();
    const refusing: Scorm12Api = {
      LMSInitialize: () => api.LMSInitialize(),
      LMSFinish: () => api.LMSFinish(),
      LMSCommit: () => api.LMSCommit(),
      LMSGetErrorString: (c) => api.LMSGetErrorString(c),
      LMSGetLastError: () => code,
      LMSGetValue: (e) => api.LMSGetValue(e),
      LMSSetValue: (e) => (e === 'cmi.suspend_data' ? 'false' : 'true'),
    };
    // The refusals start after launch (a constant error code at launch would make the launch reads fail).
    let code = '0';
    const { driver } = await started(refusing);
    code = '405';
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      expect(driver.terminateNow({ events: [], save: save(), sessionSeconds: 1 })).to.equal(false);
    } finally {
      console.warn = warn;
    }
  });

  describe('GetValue faults at launch', () => {
    const quiet = async <T>(fn: () => Promise<T> | T): Promise<T> => {
      const warn = console.warn;
      console.warn = () => undefined;
      try {
        return await fn();
      } finally {
        console.warn = warn;
      }
    };
    /** The API with GetValue failing by `fail(element, call number for that element)`: 'throw', an error code, or null to answer. */
    function failing(api: Scorm12API, fail: (element: string, n: number) => string | null) {
      const reads = failingReads({ getValue: (e) => api.LMSGetValue(e), getLastError: () => api.LMSGetLastError() }, fail);
      const sets: string[] = [];
      const calls: string[] = [];
      const spy: Scorm12Api = {
        LMSInitialize: () => (calls.push('LMSInitialize'), api.LMSInitialize()),
        LMSFinish: () => (calls.push('LMSFinish'), api.LMSFinish()),
        LMSCommit: () => (calls.push('LMSCommit'), api.LMSCommit()),
        LMSGetErrorString: (c) => api.LMSGetErrorString(c),
        LMSGetLastError: reads.getLastError,
        LMSGetValue: reads.getValue,
        LMSSetValue: (e, v) => (sets.push(e), calls.push('LMSSetValue'), api.LMSSetValue(e, v)),
      };
      return { spy, sets, calls, reads: reads.reads };
    }
    const saved = { suspend_data: '2|l=mou', core: { student_name: 'Rivera, Ana', student_id: 'u1', entry: 'resume', lesson_location: 'mou', lesson_status: 'incomplete' } };

    it('asks again at once when a launch read throws or reports an error, and resumes with what the LMS holds', async () => {
      for (const how of ['throw', '101', '301']) {
        const { spy, reads } = failing(lms(saved), (e, n) => (e === 'cmi.suspend_data' && n === 1 ? how : e === 'cmi.core.lesson_status' && n < 3 ? how : null));
        const { launch } = await quiet(() => started(spy));
        expect(launch?.resumeData, how).to.equal('2|l=mou');
        expect(launch?.recorded.completion, how).to.equal('incomplete');
        expect(launch?.unreadable, how).to.equal(undefined);
        expect(reads('cmi.suspend_data'), how).to.equal(2);
        expect(reads('cmi.core.lesson_status'), how).to.equal(3);
      }
    });

    it('calls the launch unreadable when an essential element fails every try, and then writes nothing but LMSFinish', async () => {
      for (const element of ['cmi.suspend_data', 'cmi.core.entry', 'cmi.core.lesson_status', 'cmi.core.lesson_location', 'cmi.core.lesson_mode', 'cmi.core.score.raw', 'cmi.core.student_id']) {
        // "not attempted": a readable launch would mark it incomplete at once.
        const api = lms({ ...saved, core: { ...saved.core, lesson_status: 'not attempted' } });
        const { spy, sets, calls } = failing(api, (e) => (e === element ? (element.endsWith('status') ? 'throw' : '101') : null));
        const { driver, launch } = await quiet(() => started(spy));
        expect(launch?.unreadable, element).to.equal(true);
        await driver.report({ events: [submitted([record()])], save: save({ completion: 'completed', success: 'passed', lastResult: 'passed', score: 1 }), commit: true });
        expect(driver.terminateNow({ events: [], save: save(), sessionSeconds: 10 })).to.equal(true);
        expect(sets, element).to.deep.equal([]);
        expect(calls, element).to.deep.equal(['LMSInitialize', 'LMSFinish']);
        expect(driver.lastError, element).to.contain(element);
      }
    });

    it('an optional element the LMS does not implement (401) is not a failure', async () => {
      const { spy, reads } = failing(lms(saved), (e) => (e === 'cmi.student_data.mastery_score' ? '401' : null));
      const { launch } = await started(spy);
      expect(launch?.unreadable).to.equal(undefined);
      expect(launch?.masteryScore).to.equal(null);
      expect(reads('cmi.student_data.mastery_score')).to.equal(1);
    });
  });

  it('ends normally (exit "") once the learner is finished', async () => {
    const api = lms();
    const { driver } = await started(api as unknown as Scorm12Api);
    driver.terminateNow({ events: [], save: save({ finished: true, completion: 'completed', success: 'passed', lastResult: 'passed', score: 1 }), sessionSeconds: 10 });
    expect(core(api).exit).to.equal('');
    expect(core(api).lesson_status).to.equal('passed');
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
