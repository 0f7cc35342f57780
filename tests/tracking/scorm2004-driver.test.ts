import { expect } from '@open-wc/testing';
import { Scorm2004API } from 'scorm-again';
import type { InteractionRecord, Report, Save, TrackingEvent } from '../../src/tracking/driver.js';
import { isIsoDuration, isIsoTimestamp, isoDuration, isoTimestamp, parseIsoDuration } from '../../src/tracking/iso8601.js';
import { failingReads } from './failing-reads.js';
import { Scorm2004Driver, scorm2004Status } from '../../src/tracking/scorm2004.js';
import type { Scorm2004Api } from '../../src/tracking/scorm2004.js';

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
  timestamp: new Date(2026, 10, 28, 9, 5, 7, 250),
  description: 'Which agencies sign the MOU?',
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

type Json = Record<string, unknown>;

function lms(data: Json = {}) {
  const api = new Scorm2004API({ logLevel: 5, autocommit: false });
  api.loadFromJSON({ learner_id: 'u1', learner_name: 'Rivera, Ana', entry: 'ab-initio', completion_status: 'unknown', ...data });
  return api;
}

/** The API with every SetValue recorded in order, as the LMS received it. */
function recorded(api: Scorm2004API) {
  const sets: Array<[string, string]> = [];
  const calls: string[] = [];
  const spy: Scorm2004Api = {
    Initialize: () => (calls.push('Initialize'), api.Initialize()),
    Terminate: () => (calls.push('Terminate'), api.Terminate()),
    Commit: () => (calls.push('Commit'), api.Commit()),
    GetErrorString: (c) => api.GetErrorString(c),
    GetLastError: () => api.GetLastError(),
    GetValue: (e) => api.GetValue(e),
    SetValue: (e, v) => (sets.push([e, v]), api.SetValue(e, v)),
  };
  return { spy, sets, calls, sent: (e: string) => sets.filter(([k]) => k === e).at(-1)?.[1] };
}

async function started(api: Scorm2004Api) {
  const driver = new Scorm2004Driver(api);
  const launch = await driver.initialize();
  return { driver, launch };
}

const cmi = (api: Scorm2004API) => (api.renderCMIToJSONObject() as { cmi: Json }).cmi;
const quiet = async <T>(fn: () => Promise<T> | T): Promise<T> => {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return await fn();
  } finally {
    console.warn = warn;
  }
};

describe('SCORM 2004 driver', () => {
  it('reads the launch data: learner, entry, mode, credit, location, suspend data, scaled passing score, total time, the LMS record', async () => {
    const api = lms({ entry: 'resume', credit: 'no-credit', location: 'mou', suspend_data: '1|l=x', scaled_passing_score: '0.7', total_time: 'PT1H2M3.5S', completion_status: 'incomplete', success_status: 'failed', score: { scaled: '0.5' } });
    const { launch } = await started(api as unknown as Scorm2004Api);
    expect(launch).to.deep.include({ learner: { id: 'u1', name: 'Rivera, Ana' }, entry: 'resume', mode: 'normal', credit: false, location: 'mou', resumeData: '1|l=x', masteryScore: 0.7, priorSeconds: 3723.5, returnUrl: null });
    expect(launch?.recorded).to.deep.equal({ completion: 'incomplete', success: 'failed', score: 0.5 });
  });

  it('sends no mastery score when the LMS has none, and marks a new attempt incomplete', async () => {
    const api = lms();
    const { launch } = await started(api as unknown as Scorm2004Api);
    expect(launch?.masteryScore).to.equal(null);
    expect(launch?.entry).to.equal('ab-initio');
    expect(api.GetValue('cmi.completion_status')).to.equal('incomplete');
  });

  it('maps cmi.mode browse and review to the launch mode', async () => {
    for (const mode of ['browse', 'review'] as const) {
      const { launch } = await started(lms({ mode }) as unknown as Scorm2004Api);
      expect(launch?.mode).to.equal(mode);
    }
  });

  it('writes nothing at all in a browse or review launch: not status, location, suspend data, interactions or exit', async () => {
    for (const mode of ['browse', 'review']) {
      const api = lms({ mode, entry: 'resume', completion_status: 'completed', success_status: 'failed', location: 'mou', suspend_data: 'old' });
      const { spy, sets, calls } = recorded(api);
      const { driver } = await started(spy);
      await driver.report({ events: [submitted([record()], [{ id: 'types', description: '', score: 1, status: 'passed' }])], save: save({ completion: 'completed', success: 'passed', lastResult: 'passed', score: 1 }), commit: true });
      expect(driver.terminateNow({ events: [], save: save(), sessionSeconds: 10 })).to.equal(true);
      expect(sets, mode).to.deep.equal([]);
      expect(calls.filter((c) => c === 'Terminate')).to.have.length(1);
    }
  });

  it('writes incomplete, unknown and no score before the completion rule is met, even after a pass', async () => {
    const api = lms();
    const { spy, sent } = recorded(api);
    const { driver } = await started(spy);
    await driver.report({ events: [], save: save({ completion: 'incomplete', success: 'passed', lastResult: 'passed', score: 0.9, progress: 0.5 }), commit: true });
    expect(api.GetValue('cmi.completion_status')).to.equal('incomplete');
    expect(api.GetValue('cmi.success_status')).to.equal('unknown');
    expect(sent('cmi.score.scaled')).to.equal(undefined, 'a score before completion could become a pass in the LMS');
    expect(sent('cmi.score.raw')).to.equal(undefined);
    expect(sent('cmi.progress_measure')).to.equal('0.5');
  });

  it('reports a failed attempt with attempts left as failed with its score, but keeps the LMS attempt open (incomplete)', async () => {
    const api = lms();
    const { spy, sets } = recorded(api);
    const { driver } = await started(spy);
    await driver.report({ events: [], save: save({ completion: 'completed', success: 'unknown', lastResult: 'failed', score: 0.5, progress: 1 }), commit: true });
    expect(api.GetValue('cmi.completion_status')).to.equal('incomplete');
    expect(api.GetValue('cmi.success_status')).to.equal('failed');
    expect(api.GetValue('cmi.score.scaled')).to.equal('0.5');
    expect(api.GetValue('cmi.score.raw')).to.equal('50');
    expect(api.GetValue('cmi.score.min')).to.equal('0');
    expect(api.GetValue('cmi.score.max')).to.equal('100');
    expect(api.GetValue('cmi.progress_measure')).to.equal('0.99', 'progress 1 would say completed');
    const order = sets.map(([e]) => e);
    for (const score of ['cmi.score.min', 'cmi.score.max', 'cmi.score.raw', 'cmi.score.scaled']) {
      expect(order.indexOf(score)).to.be.below(order.lastIndexOf('cmi.success_status'), `${score} before the status`);
    }
    expect(order.filter((e) => e === 'cmi.completion_status')).to.have.length(1, 'incomplete was set at launch and not sent again');
  });

  it('writes the score, then completed and passed, once passed', async () => {
    const api = lms();
    const { spy, sets } = recorded(api);
    const { driver } = await started(spy);
    await driver.report({ events: [], save: save({ completion: 'completed', success: 'passed', lastResult: 'passed', score: 0.9, progress: 1, finished: true }), commit: true });
    const order = sets.map(([e]) => e);
    expect(order.indexOf('cmi.score.scaled')).to.be.below(order.lastIndexOf('cmi.success_status'));
    expect(order.indexOf('cmi.score.scaled')).to.be.below(order.lastIndexOf('cmi.completion_status'));
    expect(api.GetValue('cmi.completion_status')).to.equal('completed');
    expect(api.GetValue('cmi.success_status')).to.equal('passed');
    expect(api.GetValue('cmi.score.scaled')).to.equal('0.9');
    expect(api.GetValue('cmi.score.raw')).to.equal('90');
    expect(api.GetValue('cmi.progress_measure')).to.equal('1');
  });

  it('writes completed and failed when no attempt is left', async () => {
    const api = lms();
    const { driver } = await started(api as unknown as Scorm2004Api);
    await driver.report({ events: [], save: save({ completion: 'completed', success: 'failed', lastResult: 'failed', score: 0.6, progress: 1, finished: true }), commit: true });
    expect(api.GetValue('cmi.completion_status')).to.equal('completed');
    expect(api.GetValue('cmi.success_status')).to.equal('failed');
    expect(api.GetValue('cmi.score.scaled')).to.equal('0.6');
  });

  it('keeps completed when the LMS already held it', async () => {
    const api = lms({ completion_status: 'completed', entry: 'resume' });
    const { driver } = await started(api as unknown as Scorm2004Api);
    await driver.report({ events: [], save: save({ completion: 'completed', success: 'unknown', lastResult: 'failed', score: 0.5 }), commit: true });
    expect(api.GetValue('cmi.completion_status')).to.equal('completed');
  });

  it('decides the status table in one place', () => {
    expect(scorm2004Status(report({ completion: 'completed', lastResult: 'none', progress: 1 }))).to.deep.equal({ completion: 'completed', success: 'unknown', score: null, progress: 1 });
    expect(scorm2004Status(report({ completion: 'incomplete', lastResult: 'failed', score: 0.4, progress: 0.8 }))).to.deep.equal({ completion: 'incomplete', success: 'unknown', score: null, progress: 0.8 });
  });

  it('writes location up to 1000 characters and suspend data up to 64000, and skips suspend data the tracker held back', async () => {
    const api = lms();
    const { spy, sent } = recorded(api);
    const { driver } = await started(spy);
    expect(driver.limits).to.deep.equal({ resumeData: 64000, location: 1000 });
    const big = 'x'.repeat(64000);
    expect(await driver.report({ events: [], save: save({}, { location: 'l'.repeat(1200), resumeData: big }), commit: true })).to.equal(true);
    expect(sent('cmi.location')).to.have.length(1000);
    expect(api.GetValue('cmi.suspend_data')).to.equal(big);
    expect(await driver.report({ events: [], save: save({ progress: 0.5 }, { resumeData: null }), commit: true })).to.equal(true);
    expect(api.GetValue('cmi.suspend_data')).to.equal(big, 'null resume data is not written');
    expect(api.GetValue('cmi.progress_measure')).to.equal('0.5', 'status still goes');
  });

  it('writes interactions in the 2004 formats: choice, true-false, matching, sequencing', async () => {
    const api = lms();
    const { spy, sent, sets } = recorded(api);
    const { driver } = await started(spy);
    const records = [
      record(),
      record({ id: 'a1-roles-tf', type: 'true-false', multiple: false, response: ['f'], correctResponse: ['t'], result: 'incorrect', latency: 0.07 }),
      record({ id: 'a1-m', type: 'matching', multiple: false, response: ['1.b', '2.a'], correctResponse: ['1.a', '2.b'], result: 'incorrect', latency: 3723.4 }),
      record({ id: 'a1-s', type: 'sequencing', multiple: false, response: ['c', 'a', 'b'], correctResponse: ['a', 'b', 'c'], result: 'incorrect', description: 'd'.repeat(300) }),
      record({ id: 'a1-unanswered', type: 'choice', multiple: false, response: [], correctResponse: ['b'], result: 'incorrect' }),
      record({ id: 'check-x', kind: 'check' }),
    ];
    expect(await driver.report({ events: [submitted(records)], save: save(), commit: true })).to.equal(true);
    expect(api.GetValue('cmi.interactions._count')).to.equal('5', 'knowledge checks are not SCORM interactions');
    expect(sent('cmi.interactions.0.id')).to.equal('a1-types-q1');
    expect(sent('cmi.interactions.0.type')).to.equal('choice');
    expect(sent('cmi.interactions.0.objectives.0.id')).to.equal('types');
    expect(sent('cmi.interactions.0.correct_responses.0.pattern')).to.equal('a[,]c');
    expect(sent('cmi.interactions.0.learner_response')).to.equal('a[,]c');
    expect(sent('cmi.interactions.0.result')).to.equal('correct');
    expect(sent('cmi.interactions.0.latency')).to.equal('PT1M15.5S');
    expect(sent('cmi.interactions.0.description')).to.equal('Which agencies sign the MOU?');
    const timestamp = sent('cmi.interactions.0.timestamp') ?? '';
    expect(isIsoTimestamp(timestamp), timestamp).to.equal(true);
    expect(timestamp.startsWith('2026-11-28T09:05:07.25')).to.equal(true, timestamp);
    expect(new Date(timestamp.replace(/(\.\d\d)/, '$10')).getTime()).to.equal(records[0]?.timestamp.getTime(), 'the zone makes it the same instant');
    expect(sent('cmi.interactions.1.type')).to.equal('true-false');
    expect(sent('cmi.interactions.1.correct_responses.0.pattern')).to.equal('true');
    expect(sent('cmi.interactions.1.learner_response')).to.equal('false');
    expect(sent('cmi.interactions.1.result')).to.equal('incorrect');
    expect(sent('cmi.interactions.1.latency')).to.equal('PT0.07S');
    expect(sent('cmi.interactions.2.correct_responses.0.pattern')).to.equal('1[.]a[,]2[.]b');
    expect(sent('cmi.interactions.2.learner_response')).to.equal('1[.]b[,]2[.]a');
    expect(sent('cmi.interactions.2.latency')).to.equal('PT1H2M3.4S');
    expect(sent('cmi.interactions.3.type')).to.equal('sequencing');
    expect(sent('cmi.interactions.3.correct_responses.0.pattern')).to.equal('a[,]b[,]c');
    expect(sent('cmi.interactions.3.learner_response')).to.equal('c[,]a[,]b');
    expect(sent('cmi.interactions.3.description')).to.have.length(250);
    expect(sent('cmi.interactions.4.learner_response')).to.equal(undefined, 'no response to write');
    expect(api.GetValue('cmi.interactions.4.result')).to.equal('incorrect');
    // The order within an interaction: id, then type, before the responses whose format depends on it.
    const order = sets.map(([e]) => e).filter((e) => e.startsWith('cmi.interactions.2.'));
    expect(order.slice(0, 2)).to.deep.equal(['cmi.interactions.2.id', 'cmi.interactions.2.type']);
  });

  it('never writes an interaction twice: not on a retry, not in a later session that finds it in the LMS', async () => {
    const api = lms();
    const { spy, sets } = recorded(api);
    const { driver } = await started(spy);
    const event = submitted([record(), record({ id: 'a1-b' })]);
    await driver.report({ events: [event], save: save(), commit: true });
    await driver.report({ events: [event, submitted([record()])], save: save(), commit: true });
    expect(api.GetValue('cmi.interactions._count')).to.equal('2');
    expect(sets.filter(([e]) => /^cmi\.interactions\.\d+\.id$/.test(e))).to.have.length(2);
    driver.terminateNow({ events: [event], save: save(), sessionSeconds: 5 });

    // A later session: the LMS loads what it holds; the same attempt's records come again.
    const held = (cmi(api) as { interactions: unknown }).interactions;
    const next = lms({ entry: 'resume', interactions: held });
    const second = recorded(next);
    const { driver: again } = await started(second.spy);
    await again.report({ events: [submitted([record(), record({ id: 'a1-b' }), record({ id: 'a2-new' })])], save: save(), commit: true });
    expect(next.GetValue('cmi.interactions._count')).to.equal('3');
    expect(next.GetValue('cmi.interactions.2.id')).to.equal('a2-new');
    expect(second.sets.filter(([e]) => e.startsWith('cmi.interactions.0') || e.startsWith('cmi.interactions.1'))).to.deep.equal([]);
  });

  it('re-sends an interaction the LMS refused, at the same index, once it accepts it', async () => {
    const api = lms();
    // The LMS starts refusing after launch (a constant error code at launch would make the launch reads fail).
    let refuse = false;
    const flaky: Scorm2004Api = {
      Initialize: () => api.Initialize(),
      Terminate: () => api.Terminate(),
      Commit: () => api.Commit(),
      GetErrorString: (c) => api.GetErrorString(c),
      GetLastError: () => (refuse ? '351' : api.GetLastError()),
      GetValue: (e) => api.GetValue(e),
      SetValue: (e, v) => (refuse && e.endsWith('.result') ? 'false' : api.SetValue(e, v)),
    };
    const { driver } = await started(flaky);
    refuse = true;
    const event = submitted([record()]);
    expect(await quiet(() => driver.report({ events: [event], save: save(), commit: true }))).to.equal(false);
    expect(driver.lastError).to.match(/SetValue\(cmi\.interactions\.0\.result\) failed: SCORM error 351/);
    refuse = false;
    expect(await driver.report({ events: [event], save: save(), commit: true })).to.equal(true);
    expect(api.GetValue('cmi.interactions._count')).to.equal('1');
    expect(api.GetValue('cmi.interactions.0.result')).to.equal('correct');
  });

  it('after a refused commit, sends everything again (interactions at the same index), so an LMS that dropped that commit gets it all', async () => {
    // Like Moodle's player: the values a commit carried are gone when the commit fails.
    const api = lms();
    const stored = new Map<string, string>();
    const pending = new Map<string, string>();
    let refuseCommit = false;
    const dropping: Scorm2004Api = {
      Initialize: () => api.Initialize(),
      Terminate: () => api.Terminate(),
      Commit: () => {
        if (refuseCommit) {
          pending.clear();
          return 'false';
        }
        for (const [k, v] of pending) stored.set(k, v);
        pending.clear();
        return api.Commit();
      },
      GetErrorString: (c) => api.GetErrorString(c),
      GetLastError: () => (refuseCommit ? '391' : api.GetLastError()),
      GetValue: (e) => api.GetValue(e),
      SetValue: (e, v) => {
        pending.set(e, v);
        return api.SetValue(e, v);
      },
    };
    const { driver } = await started(dropping);
    refuseCommit = true;
    const event = submitted([record(), record({ id: 'a1-b' })]);
    const first = save({}, { resumeData: '2|l=assessment' });
    expect(await quiet(() => driver.report({ events: [event], save: first, commit: true }))).to.equal(false);
    expect(stored.size).to.equal(0);
    refuseCommit = false;
    // The tracker hands the same events again with the next save; nothing changed in between.
    expect(await driver.report({ events: [event], save: first, commit: true })).to.equal(true);
    expect(stored.get('cmi.suspend_data')).to.equal('2|l=assessment');
    expect(stored.get('cmi.location')).to.equal('lesson-one');
    expect(stored.get('cmi.interactions.0.id')).to.equal('a1-types-q1');
    expect(stored.get('cmi.interactions.0.result')).to.equal('correct');
    expect(stored.get('cmi.interactions.1.id')).to.equal('a1-b');
    expect(api.GetValue('cmi.interactions._count')).to.equal('2', 'the same index, no second copy');
  });

  it('writes each outcome as an objective and updates it in place', async () => {
    const api = lms();
    const { driver } = await started(api as unknown as Scorm2004Api);
    await driver.report({ events: [submitted([], [{ id: 'types', description: 'T', score: 0.5, status: 'failed' }])], save: save(), commit: true });
    expect(api.GetValue('cmi.objectives.0.id')).to.equal('types');
    expect(api.GetValue('cmi.objectives.0.score.scaled')).to.equal('0.5');
    expect(api.GetValue('cmi.objectives.0.success_status')).to.equal('failed');
    expect(api.GetValue('cmi.objectives.0.completion_status')).to.equal('completed');
    await driver.report({ events: [submitted([], [{ id: 'types', description: 'T', score: 1, status: 'passed' }])], save: save(), commit: true });
    expect(api.GetValue('cmi.objectives._count')).to.equal('1');
    expect(api.GetValue('cmi.objectives.0.success_status')).to.equal('passed');
    expect(api.GetValue('cmi.objectives.0.score.scaled')).to.equal('1');
  });

  it('reports the LMS error code and text when a value is rejected, and resolves false', async () => {
    const api = lms();
    const { driver } = await started(api as unknown as Scorm2004Api);
    const ok = await quiet(() => driver.report({ events: [submitted([], [{ id: 'types', description: '', score: 1, status: 'bogus' as 'passed' }])], save: save(), commit: true }));
    expect(ok).to.equal(false);
    expect(driver.lastError).to.match(/cmi\.objectives\.0\.success_status\) failed: SCORM error 406/);
  });

  it('treats an exception thrown by the LMS API as a refusal', async () => {
    const api = lms();
    const throwing: Scorm2004Api = {
      Initialize: () => api.Initialize(),
      Terminate: () => api.Terminate(),
      Commit: () => {
        throw new Error('LMS exploded');
      },
      GetErrorString: (c) => api.GetErrorString(c),
      GetLastError: () => api.GetLastError(),
      GetValue: (e) => api.GetValue(e),
      SetValue: (e, v) => api.SetValue(e, v),
    };
    const { driver } = await started(throwing);
    expect(await quiet(() => driver.report({ events: [], save: save(), commit: true }))).to.equal(false);
    expect(driver.lastError).to.contain('LMS exploded');
  });

  it('terminates once: session time as an ISO duration, exit suspend while unfinished, then nothing more', async () => {
    const api = lms();
    const { spy, sent, calls } = recorded(api);
    const { driver } = await started(spy);
    expect(driver.terminateNow({ events: [], save: save(), sessionSeconds: 3723.4 })).to.equal(true);
    expect(sent('cmi.session_time')).to.equal('PT1H2M3.4S');
    expect(sent('cmi.exit')).to.equal('suspend');
    expect(driver.terminateNow({ events: [], save: save(), sessionSeconds: 1 })).to.equal(false);
    expect(await driver.report({ events: [], save: save(), commit: true })).to.equal(false);
    expect(calls.filter((c) => c === 'Terminate')).to.have.length(1);
  });

  it('ends normally (exit "normal") once the learner is finished', async () => {
    const api = lms();
    const { spy, sent } = recorded(api);
    const { driver } = await started(spy);
    driver.terminateNow({ events: [], save: save({ finished: true, completion: 'completed', success: 'passed', lastResult: 'passed', score: 1 }), sessionSeconds: 10 });
    expect(sent('cmi.exit')).to.equal('normal');
    expect(sent('cmi.completion_status')).to.equal('completed');
    expect(sent('cmi.success_status')).to.equal('passed');
  });

  it('does not call a terminate confirmed when writes before it were refused', async () => {
    const api = lms();
    const refusing: Scorm2004Api = {
      Initialize: () => api.Initialize(),
      Terminate: () => api.Terminate(),
      Commit: () => api.Commit(),
      GetErrorString: (c) => api.GetErrorString(c),
      GetLastError: () => code,
      GetValue: (e) => api.GetValue(e),
      SetValue: (e) => (e === 'cmi.suspend_data' ? 'false' : 'true'),
    };
    let code = '0';
    const { driver } = await started(refusing);
    code = '405';
    expect(await quiet(() => driver.terminateNow({ events: [], save: save(), sessionSeconds: 1 }))).to.equal(false);
  });

  describe('GetValue faults at launch', () => {
    /** The recorded API with GetValue failing by `fail(element, call number for that element)`: 'throw', an error code, or null to answer. */
    function failing(api: Scorm2004API, fail: (element: string, n: number) => 'throw' | string | null) {
      const rec = recorded(api);
      const reads = failingReads({ getValue: (e) => api.GetValue(e), getLastError: () => api.GetLastError() }, fail);
      const spy: Scorm2004Api = { ...rec.spy, GetLastError: reads.getLastError, GetValue: reads.getValue };
      return { ...rec, spy, reads: reads.reads };
    }
    const saved = { entry: 'resume', completion_status: 'incomplete', success_status: 'unknown', location: 'mou', suspend_data: '2|l=mou' };

    it('asks again at once when a launch read throws or reports an error, and resumes with what the LMS holds', async () => {
      for (const how of ['throw', '301', '101']) {
        const { spy, reads } = failing(lms(saved), (e, n) => (e === 'cmi.suspend_data' && n === 1 ? how : e === 'cmi.location' && n < 3 ? how : null));
        const { launch } = await quiet(() => started(spy));
        expect(launch?.resumeData, how).to.equal('2|l=mou');
        expect(launch?.location, how).to.equal('mou');
        expect(launch?.unreadable, how).to.equal(undefined);
        expect(reads('cmi.suspend_data'), how).to.equal(2);
        expect(reads('cmi.location'), how).to.equal(3);
      }
    });

    it('calls the launch unreadable when an essential element fails every try, and then writes nothing but Terminate', async () => {
      for (const element of ['cmi.suspend_data', 'cmi.entry', 'cmi.completion_status', 'cmi.success_status', 'cmi.location', 'cmi.mode', 'cmi.score.scaled', 'cmi.learner_id']) {
        const api = lms({ ...saved, completion_status: 'unknown' });
        const { spy, sets, calls } = failing(api, (e) => (e === element ? '301' : null));
        const { driver, launch } = await quiet(() => started(spy));
        expect(launch?.unreadable, element).to.equal(true);
        await driver.report({ events: [submitted([record()])], save: save({ completion: 'completed', success: 'passed', lastResult: 'passed', score: 1 }), commit: true });
        expect(driver.terminateNow({ events: [], save: save(), sessionSeconds: 10 })).to.equal(true);
        expect(sets, element).to.deep.equal([]);
        expect(calls.filter((c) => c !== 'Initialize'), element).to.deep.equal(['Terminate']);
        expect(driver.lastError, element).to.contain(element);
      }
    });

    it('a first launch is not a failure: 403 "not initialized" for suspend data, location, passing score and score is empty', async () => {
      const api = lms();
      const codes: Array<[string, string]> = [];
      const { spy } = recorded(api);
      const watching: Scorm2004Api = { ...spy, GetValue: (e) => { const v = api.GetValue(e); codes.push([e, String(api.GetLastError())]); return v; } };
      const { launch } = await started(watching);
      // scorm-again answers as the book says (RTE 3.1.7.6): 403 for an element with no default that was never set.
      for (const e of ['cmi.suspend_data', 'cmi.location', 'cmi.scaled_passing_score', 'cmi.score.scaled']) expect(codes.find(([k]) => k === e)?.[1], e).to.equal('403');
      expect(launch?.unreadable).to.equal(undefined);
      expect(launch?.resumeData).to.equal('');
      expect(codes.filter(([k]) => k === 'cmi.suspend_data')).to.have.length(1);
      expect(api.GetValue('cmi.completion_status')).to.equal('incomplete');
    });

    it('a value is a value even when the LMS still reports an earlier call\'s error code; an empty answer with one is not', async () => {
      const sticky = (api: Scorm2004API): Scorm2004Api => ({ ...recorded(api).spy, GetLastError: () => '301' });
      const full = await quiet(() => started(sticky(lms({ ...saved, score: { scaled: '0.5' } }))));
      expect(full.launch?.unreadable).to.equal(undefined);
      expect(full.launch?.resumeData).to.equal('2|l=mou');
      const { location: _, ...withoutLocation } = saved;
      const empty = await quiet(() => started(sticky(lms(withoutLocation))));
      expect(empty.launch?.unreadable).to.equal(true);
    });
  });

  it('resolves null when the LMS refuses to initialize', async () => {
    const api = lms();
    api.Initialize();
    const driver = new Scorm2004Driver(api as unknown as Scorm2004Api);
    expect(await quiet(() => driver.initialize())).to.equal(null);
    expect(driver.lastError).to.match(/Initialize failed: SCORM error 103/);
  });
});

describe('SCORM 2004 time formats', () => {
  it('writes durations as PT…H…M…S to the hundredth and reads them back', () => {
    expect(isoDuration(0)).to.equal('PT0S');
    expect(isoDuration(0.004)).to.equal('PT0S');
    expect(isoDuration(59.999)).to.equal('PT1M');
    expect(isoDuration(3600)).to.equal('PT1H');
    expect(isoDuration(90061.25)).to.equal('PT25H1M1.25S');
    for (const s of [0, 0.07, 75.5, 3723.4, 90061.25]) {
      expect(isIsoDuration(isoDuration(s)), isoDuration(s)).to.equal(true);
      expect(parseIsoDuration(isoDuration(s))).to.be.closeTo(s, 0.001);
    }
    expect(parseIsoDuration('P1DT1H')).to.equal(90000);
    expect(parseIsoDuration('0000:10:00')).to.equal(0, 'a 1.2 timespan is not a 2004 duration');
    expect(isIsoDuration('PT')).to.equal(false);
    expect(isIsoDuration('PT1.234S')).to.equal(false);
  });

  it('writes timestamps with hundredths and the zone, which the book allows only after the fraction', () => {
    const text = isoTimestamp(new Date(2026, 0, 2, 3, 4, 5, 60));
    expect(text).to.match(/^2026-01-02T03:04:05\.06(Z|[+-]\d\d:\d\d)$/);
    expect(isIsoTimestamp(text)).to.equal(true);
    expect(isIsoTimestamp('2026-01-02T03:04:05+01:00')).to.equal(false);
  });
});
