import { expect } from '@open-wc/testing';
import { PreviewLms2004 } from '../../preview/lms2004.js';
import type { PreviewLms2004Options } from '../../preview/lms2004.js';
import { correctResponse } from '../../src/model/response.js';
import { isIsoDuration, isIsoTimestamp } from '../../src/tracking/iso8601.js';
import { memoryStorage, PackagePlayer } from './harness.js';
import { answerAssessment, visitEveryLesson } from './walk.js';

type Interaction = { id: string; type: string; result: string; latency: string; timestamp: string; learner_response: string; description: string; correct_responses: Record<string, { pattern: string }>; objectives: Record<string, { id: string }> };
type Cmi = {
  cmi: {
    suspend_data: string;
    location: string;
    completion_status: string;
    success_status: string;
    progress_measure: string;
    entry: string;
    mode: string;
    score: { scaled: string; raw: string; min: string; max: string };
    interactions: Record<string, Interaction>;
    objectives: Record<string, { id: string; success_status: string; completion_status: string; score: { scaled: string } }>;
  };
};

function player2004(options: PreviewLms2004Options = {}): PackagePlayer<PreviewLms2004> {
  return new PackagePlayer({ kind: 'scorm2004', lms: new PreviewLms2004({ storage: memoryStorage(), learner: { id: 'u-42', name: 'Rivera, Ana' }, ...options }) });
}

const live = (player: PackagePlayer<PreviewLms2004>) => player.lms.cmi() as Cmi;
const interactionsOf = (cmi: Cmi) => Object.entries(cmi.cmi.interactions ?? {}).filter(([k]) => /^\d+$/.test(k)).map(([, v]) => v);
const objectivesOf = (cmi: Cmi) => Object.entries(cmi.cmi.objectives ?? {}).filter(([k]) => /^\d+$/.test(k)).map(([, v]) => v);
const setsOf = (player: PackagePlayer<PreviewLms2004>) => player.lms.calls.filter((c) => c.fn === 'SetValue');

describe('the built SCORM 2004 package under scorm-again', () => {
  let player: PackagePlayer<PreviewLms2004>;

  beforeEach(() => {
    player = player2004();
  });

  afterEach(() => {
    player.close();
    // The 2004 rules scorm-again does not enforce: limits, call order, ISO formats, review writes.
    expect(player.lms.violations, player.lms.violations.join('\n')).to.deep.equal([]);
  });

  it('finds API_1484_11, reads the learner and marks the attempt incomplete', async () => {
    await player.open();
    expect(player.lms.calls[0]?.fn).to.equal('Initialize');
    const reads = player.lms.calls.filter((c) => c.fn === 'GetValue').map((c) => c.args[0]);
    for (const element of ['cmi.learner_id', 'cmi.learner_name', 'cmi.entry', 'cmi.mode', 'cmi.credit', 'cmi.location', 'cmi.suspend_data', 'cmi.scaled_passing_score', 'cmi.total_time']) expect(reads).to.include(element);
    expect(live(player).cmi.completion_status).to.equal('incomplete');
    expect(live(player).cmi.success_status).to.equal('unknown');
  });

  it('completes the course and passes: interactions in 2004 formats, objectives, score before status, one Terminate with exit normal', async () => {
    await player.open();
    await visitEveryLesson(player);
    await answerAssessment(player, () => true);
    const cmi = live(player);
    expect(cmi.cmi.completion_status).to.equal('completed');
    expect(cmi.cmi.success_status).to.equal('passed');
    expect(cmi.cmi.score).to.deep.include({ scaled: '1', raw: '100', min: '0', max: '100' });
    expect(cmi.cmi.progress_measure).to.equal('1');
    const order = setsOf(player).map((c) => c.args[0]);
    expect(order.indexOf('cmi.score.scaled')).to.be.below(order.lastIndexOf('cmi.success_status'));
    expect(order.indexOf('cmi.score.scaled')).to.be.below(order.lastIndexOf('cmi.completion_status'));

    const { items, attempt } = player.shell.store.state.assessment;
    const interactions = interactionsOf(cmi);
    expect(interactions.length).to.equal(items.length);
    for (const [i, x] of interactions.entries()) {
      const item = player.course.bank.find((b) => b.id === items[i]);
      if (!item) throw new Error('interaction order');
      expect(x.id).to.equal(`a${attempt}-${item.id}`);
      expect(x.type).to.equal({ single: 'choice', multiple: 'choice', 'true-false': 'true-false', matching: 'matching', ordering: 'sequencing' }[item.type]);
      expect(x.result).to.equal('correct');
      expect(isIsoTimestamp(x.timestamp), x.timestamp).to.equal(true);
      expect(isIsoDuration(x.latency), x.latency).to.equal(true);
      expect(x.description.length).to.be.within(1, 250);
      const expected = correctResponse(item);
      const pattern = x.correct_responses['0']?.pattern;
      const format = {
        single: expected.join('[,]'),
        multiple: [...expected].sort().join('[,]'),
        'true-false': expected[0] === 't' ? 'true' : 'false',
        matching: expected.map((p) => p.replace('.', '[.]')).join('[,]'),
        ordering: expected.join('[,]'),
      }[item.type];
      expect(pattern).to.equal(format);
      expect(x.learner_response).to.equal(pattern);
      expect(x.objectives['0']?.id).to.equal(item.outcome);
    }
    const objectives = objectivesOf(cmi);
    expect(objectives.map((o) => o.id).sort()).to.deep.equal(player.course.outcomes.map((o) => o.id).sort());
    for (const o of objectives) expect(o).to.deep.include({ success_status: 'passed', completion_status: 'completed' });

    player.close();
    expect(player.lms.calls.filter((c) => c.fn === 'Terminate')).to.have.length(1);
    expect(player.lms.stored).to.deep.include({ exit: 'normal', completion_status: 'completed', success_status: 'passed' });
    const sessionTime = setsOf(player).find((c) => c.args[0] === 'cmi.session_time')?.args[1] ?? '';
    expect(isIsoDuration(sessionTime), sessionTime).to.equal(true);
  });

  it('never records passed or a score before every lesson is done', async () => {
    await player.open();
    await answerAssessment(player, () => true);
    const cmi = live(player);
    expect(cmi.cmi.completion_status).to.equal('incomplete');
    expect(cmi.cmi.success_status).to.equal('unknown');
    expect(setsOf(player).some((c) => c.args[0]?.startsWith('cmi.score.'))).to.equal(false);
    expect(Number(cmi.cmi.progress_measure)).to.be.below(1);
  });

  it('fails, leaves, and passes on a later launch: the LMS attempt stays open, the pass and best score are recorded, no interaction twice', async () => {
    await player.open();
    await visitEveryLesson(player);
    await answerAssessment(player, () => false);
    let cmi = live(player);
    expect(cmi.cmi.success_status).to.equal('failed');
    expect(cmi.cmi.completion_status).to.equal('incomplete', 'attempts remain: Moodle ends its 2004 attempt on completed only');
    expect(Number(cmi.cmi.score.scaled)).to.be.below(0.8);
    const firstCount = interactionsOf(cmi).length;
    player.close();
    expect(player.lms.stored.exit).to.equal('suspend');

    // A plain relaunch writes no interaction again.
    await player.open();
    expect(live(player).cmi.entry).to.equal('resume');
    expect(live(player).cmi.mode).to.equal('normal');
    player.close();
    expect(player.lms.stored.interactions.length).to.equal(firstCount);

    await player.open();
    await answerAssessment(player, () => true);
    expect(player.shell.store.state.assessment.attempt).to.equal(2);
    cmi = live(player);
    expect(cmi.cmi.success_status).to.equal('passed');
    expect(cmi.cmi.completion_status).to.equal('completed');
    expect(cmi.cmi.score.scaled).to.equal('1');
    player.close();
    const ids = player.lms.stored.interactions.map((x) => String(x.id));
    expect(ids.length).to.equal(firstCount * 2);
    expect(new Set(ids).size).to.equal(ids.length, 'every interaction id once');
    expect(player.lms.stored).to.deep.include({ exit: 'normal', success_status: 'passed', completion_status: 'completed' });
    expect(player.lms.stored.sessions).to.equal(3);
    expect(player.lms.calls.filter((c) => c.fn === 'Terminate')).to.have.length(3, 'one Terminate per session');
    expect(player.lms.calls.filter((c) => c.fn === 'Initialize')).to.have.length(3);
  });

  it('resumes on the same page with the same answers after the window is closed', async () => {
    let shell = await player.open();
    const [first, second] = player.course.lessons;
    await player.fire('slep-course', 'slep-navigate', { page: first?.id ?? '' });
    await player.fire('slep-course', 'slep-navigate', { page: second?.id ?? '' });
    const check = player.course.checks[0];
    if (!check) throw new Error('no checks');
    await player.fire('slep-course', 'slep-answer', { itemId: check.id, response: correctResponse(check) });
    const before = shell.store.state;
    await player.click(/Save and exit/);
    player.close();
    expect(player.lms.stored.location).to.equal(second?.id);
    expect(player.lms.stored.suspend_data.length).to.be.within(1, 64000);

    shell = await player.open();
    expect(live(player).cmi.entry).to.equal('resume');
    expect(shell.store.state.location).to.equal(second?.id);
    expect(shell.store.state.visited).to.deep.equal(before.visited);
    expect(shell.store.state.checks).to.deep.equal(before.checks);
  });

  it('writes nothing in a review or browse launch, and says so', async () => {
    await player.open();
    await visitEveryLesson(player);
    await answerAssessment(player, () => false);
    player.close();
    const held = JSON.stringify(player.lms.stored);
    for (const mode of ['review', 'browse'] as const) {
      player.lms.mode = mode;
      player.lms.calls.length = 0;
      await player.open();
      expect(player.text()).to.match(/nothing you do now is recorded/i);
      await player.fire('slep-course', 'slep-navigate', { page: player.course.lessons[0]?.id ?? '' });
      await player.fire('slep-course', 'slep-navigate', { page: 'assessment' });
      player.close();
      expect(setsOf(player)).to.deep.equal([], `${mode}: no SetValue at all`);
      expect(player.lms.calls.filter((c) => c.fn === 'Terminate')).to.have.length(1);
      expect({ ...JSON.parse(JSON.stringify(player.lms.stored)), sessions: 0 }).to.deep.equal({ ...JSON.parse(held), sessions: 0 });
    }
  });

  it('uses the LMS scaled passing score over the course default', async () => {
    player = player2004({ scaledPassingScore: 0.5 });
    await player.open();
    await visitEveryLesson(player);
    const total = player.course.assessment.itemsPerAttempt;
    await answerAssessment(player, (i) => i < Math.ceil(total * 0.6));
    const cmi = live(player);
    expect(Number(cmi.cmi.score.scaled)).to.be.below(0.8);
    expect(cmi.cmi.success_status).to.equal('passed');
  });
});
