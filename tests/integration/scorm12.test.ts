import { expect } from '@open-wc/testing';
import { correctResponse } from '../../src/model/response.js';
import { deepQueryAll, PackagePlayer, until } from './harness.js';
import { answerAssessment, visitEveryLesson } from './walk.js';

const TIMESPAN = /^\d{4}:\d{2}:\d{2}\.\d{2}$/;
const CMI_TIME = /^\d{2}:\d{2}:\d{2}$/;

type Cmi = {
  cmi: {
    suspend_data: string;
    core: { lesson_status: string; lesson_location: string; exit: string; session_time: string; score: { raw: string; min: string; max: string }; entry: string };
    interactions: Record<string, Record<string, unknown>>;
    objectives: Record<string, { id: string; status: string; score: { raw: string } }>;
  };
};

describe('the built SCORM 1.2 package under scorm-again', () => {
  let player: PackagePlayer;

  beforeEach(() => {
    player = new PackagePlayer({ learner: { id: 'u-42', name: 'Rivera, Ana' } });
  });

  afterEach(() => {
    player.close();
    // The SCORM 1.2 rules scorm-again does not enforce: limits, call order, time format.
    expect(player.lms.violations, player.lms.violations.join('\n')).to.deep.equal([]);
  });

  it('starts, reads the learner and sets the status to incomplete', async () => {
    await player.open();
    const cmi = player.lms.cmi() as Cmi;
    expect(cmi.cmi.core.lesson_status).to.equal('incomplete');
    expect(player.lms.calls[0]?.fn).to.equal('LMSInitialize');
    expect(player.text()).to.contain(player.course.title);
  });

  it('reports completed lessons, location and a valid session time, and finishes exactly once', async () => {
    await player.open();
    await visitEveryLesson(player);
    const last = player.course.lessons.at(-1)?.id ?? '';
    let cmi = player.lms.cmi() as Cmi;
    expect(cmi.cmi.core.lesson_location).to.equal(last);
    expect(cmi.cmi.core.lesson_status).to.equal('incomplete', 'the assessment is still required');
    expect(cmi.cmi.suspend_data.length).to.be.within(1, 4096);
    const commits = player.lms.calls.filter((c) => c.fn === 'LMSCommit').length;
    expect(commits).to.be.at.least(player.course.lessons.length, 'a commit per lesson reached');
    await player.click(/Save and exit/);
    player.close();
    const finishes = player.lms.calls.filter((c) => c.fn === 'LMSFinish');
    expect(finishes.length).to.equal(1);
    const sessionTime = player.lms.calls.find((c) => c.fn === 'LMSSetValue' && c.args[0] === 'cmi.core.session_time');
    expect(sessionTime?.args[1]).to.match(TIMESPAN);
    expect(player.lms.stored.exit).to.equal('suspend');
    expect(player.lms.stored.lesson_location).to.equal(last);
    cmi = player.lms.cmi() as Cmi;
    expect(cmi.cmi.core.lesson_status).to.equal('incomplete');
  });

  it('resumes on the same lesson with the same answers after the window is closed', async () => {
    let shell = await player.open();
    const [first, second, third] = player.course.lessons;
    await player.fire('slep-course', 'slep-navigate', { page: first?.id ?? '' });
    await player.fire('slep-course', 'slep-navigate', { page: second?.id ?? '' });
    const check = player.course.checks[0];
    if (!check) throw new Error('no checks');
    await player.fire('slep-course', 'slep-answer', { itemId: check.id, response: correctResponse(check) });
    await player.fire('slep-course', 'slep-navigate', { page: third?.id ?? '' });
    const before = shell.store.state;
    player.close(); // pagehide → LMSFinish with exit=suspend

    shell = await player.open();
    expect((player.lms.cmi() as Cmi).cmi.core.entry).to.equal('resume');
    expect(shell.store.state.location).to.equal(third?.id);
    expect(shell.store.state.visited).to.deep.equal(before.visited);
    expect(shell.store.state.checks).to.deep.equal(before.checks);
    expect(player.text()).to.contain('Welcome back');
  });

  it('resumes mid-assessment with the same items in the same order and the answers given', async () => {
    let shell = await player.open();
    await player.fire('slep-course', 'slep-navigate', { page: 'assessment' });
    await player.fire('slep-assessment', 'slep-assessment', { command: 'start' });
    const { items } = shell.store.state.assessment;
    const item = player.course.bank.find((x) => x.id === items[0]);
    if (!item) throw new Error('no item');
    await player.fire('slep-assessment', 'slep-assessment-answer', { itemId: item.id, response: correctResponse(item), latency: 12 });
    await player.click(/Save and exit/); // commits the pending answer at once
    player.close();

    shell = await player.open();
    expect(shell.store.state.assessment.items).to.deep.equal(items);
    expect(shell.store.state.assessment.answers[item.id]?.response).to.deep.equal(correctResponse(item));
    expect(shell.store.state.assessment.attempt).to.equal(1);
  });

  it('passes: every answer is an interaction, every outcome an objective, score before status', async () => {
    await player.open();
    await visitEveryLesson(player);
    await answerAssessment(player, () => true);
    const cmi = player.lms.cmi() as Cmi;
    expect(cmi.cmi.core.lesson_status).to.equal('passed');
    expect(cmi.cmi.core.score.raw).to.equal('100');
    expect(cmi.cmi.core.score.min).to.equal('0');
    expect(cmi.cmi.core.score.max).to.equal('100');
    const sets = player.lms.calls.filter((c) => c.fn === 'LMSSetValue').map((c) => c.args[0]);
    expect(sets.lastIndexOf('cmi.core.score.raw')).to.be.below(sets.lastIndexOf('cmi.core.lesson_status'));

    const interactions = Object.values(cmi.cmi.interactions);
    const { items, attempt } = player.shell.store.state.assessment;
    expect(interactions.length).to.equal(items.length);
    const ids = new Set<string>();
    for (const [i, x] of interactions.entries()) {
      const item = player.course.bank.find((b) => b.id === items[i]);
      if (!item) throw new Error('interaction order');
      expect(x.id).to.equal(`a${attempt}-${item.id}`);
      expect(String(x.id)).to.match(/^[A-Za-z0-9_-]{1,255}$/);
      ids.add(String(x.id));
      expect(x.type).to.equal({ single: 'choice', multiple: 'choice', 'true-false': 'true-false', matching: 'matching', ordering: 'sequencing' }[item.type]);
      expect(x.result).to.equal('correct');
      expect(x.time).to.match(CMI_TIME);
      expect(x.latency).to.match(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
      const pattern = (x.correct_responses as Record<string, { pattern: string }>)['0']?.pattern;
      expect(x.student_response).to.equal(pattern);
      const expected = correctResponse(item);
      expect(pattern).to.equal(item.type === 'multiple' ? [...expected].sort().join(',') : expected.join(','));
      expect((x.objectives as Record<string, { id: string }>)['0']?.id).to.equal(item.outcome);
    }
    expect(ids.size).to.equal(items.length);
    const objectives = Object.values(cmi.cmi.objectives);
    expect(objectives.map((o) => o.id).sort()).to.deep.equal(player.course.outcomes.map((o) => o.id).sort());
    for (const o of objectives) {
      expect(o.status).to.equal('passed');
      expect(o.score.raw).to.equal('100');
    }
    player.close();
    expect(player.lms.stored.exit).to.equal('', 'finished: the attempt ends normally');
    expect(player.lms.stored.lesson_status).to.equal('passed');
  });

  it('review mode: after passing, a relaunch can revisit lessons, the assessment review, the workbook and the certificate, and the record stays the same', async () => {
    await player.open();
    await visitEveryLesson(player);
    await answerAssessment(player, () => true);
    player.close();
    const before = player.lms.stored;
    expect(before.lesson_status).to.equal('passed');
    await player.open();
    const { assessment } = player.shell.store.state;
    for (const page of [player.course.lessons[0]?.id ?? '', 'assessment', 'workbook', 'certificate']) {
      await player.fire('slep-course', 'slep-navigate', { page });
      expect(player.shell.store.state.location).to.equal(page);
      if (page === 'assessment') {
        expect(player.text()).not.to.match(/Start attempt|Try again/);
        await player.click(/See the result of attempt/);
        expect(player.text()).to.contain('Review your answers');
      }
      if (page === 'certificate') expect(player.text()).to.contain('Certificate of completion');
    }
    expect(player.shell.store.state.assessment, 'no new attempt').to.deep.equal(assessment);
    player.close();
    const after = player.lms.stored;
    expect(after.lesson_status).to.equal(before.lesson_status);
    expect(after.score_raw).to.equal(before.score_raw);
    expect(after.interactions).to.deep.equal(before.interactions);
    expect(after.objectives).to.deep.equal(before.objectives);
    expect(after.exit).to.equal('');
  });

  it('reports the course evaluation once as eval-* interactions with a neutral result', async () => {
    await player.open();
    await player.fire('slep-course', 'slep-navigate', { page: 'evaluation' });
    await player.fire('slep-evaluation', 'slep-evaluation', { evaluation: { relevance: 4, clarity: 5, recommend: 'yes', comments: 'Clear, useful.' } });
    await player.click(/Save and exit/);
    player.close();
    const evals = player.lms.stored.interactions.filter((x) => String(x.id).startsWith('eval-'));
    expect(evals.map((x) => [x.id, x.type, x.student_response, x.result])).to.deep.equal([
      ['eval-relevance', 'likert', '4', 'neutral'],
      ['eval-clarity', 'likert', '5', 'neutral'],
      ['eval-recommend', 'fill-in', 'yes', 'neutral'],
      ['eval-comments', 'fill-in', 'Clear, useful.', 'neutral'],
    ]);
    // Kept with the attempt: it comes back, and is not reported again.
    await player.open();
    expect(player.shell.store.state.evaluation?.relevance).to.equal(4);
    await player.click(/Save and exit/);
    player.close();
    expect(player.lms.stored.interactions.filter((x) => String(x.id).startsWith('eval-'))).to.have.length(4);
  });

  it('keeps a failed attempt open while attempts remain, allows a retry, and a later pass is final', async () => {
    await player.open();
    await visitEveryLesson(player);
    await answerAssessment(player, () => false);
    let cmi = player.lms.cmi() as Cmi;
    // Attempts remain: "failed" (or any score) would end a Moodle attempt, so the record stays open.
    expect(cmi.cmi.core.lesson_status).to.equal('incomplete');
    expect(cmi.cmi.core.score.raw).to.equal('');
    expect(Object.values(cmi.cmi.objectives).every((o) => o.status === 'failed')).to.equal(true);
    const firstCount = Object.keys(cmi.cmi.interactions).length;

    const firstItems = player.shell.store.state.assessment.items;
    await answerAssessment(player, () => true);
    expect(player.shell.store.state.assessment.attempt).to.equal(2);
    expect(player.shell.store.state.assessment.items).not.to.deep.equal(firstItems, 'a new attempt draws again');
    cmi = player.lms.cmi() as Cmi;
    expect(cmi.cmi.core.lesson_status).to.equal('passed');
    expect(Object.keys(cmi.cmi.interactions).length).to.equal(firstCount * 2, 'both attempts reported');
    expect(Object.values(cmi.cmi.interactions).some((x) => String(x.id).startsWith('a2-'))).to.equal(true);
    // Passing is final: no third attempt can start.
    await player.fire('slep-assessment', 'slep-assessment', { command: 'start' });
    expect(player.shell.store.state.assessment.attempt).to.equal(2);
  });

  it('uses the LMS mastery score over the course default', async () => {
    player = new PackagePlayer({ masteryScore: 50 });
    await player.open();
    await visitEveryLesson(player);
    const total = player.course.assessment.itemsPerAttempt;
    const half = Math.ceil(total / 2);
    await answerAssessment(player, (i) => i < half);
    const cmi = player.lms.cmi() as Cmi;
    expect(Number(cmi.cmi.core.score.raw)).to.be.below(80);
    expect(cmi.cmi.core.lesson_status).to.equal('passed');
  });

  it('tells the learner plainly when the LMS cannot save, and keeps the data to retry', async () => {
    player = new PackagePlayer({ failCommits: true });
    await player.open();
    await player.fire('slep-course', 'slep-navigate', { page: player.course.lessons[0]?.id ?? '' });
    expect(player.text()).to.match(/could not be saved/);
    player.lms.failCommits = false;
    await player.fire('slep-course', 'slep-navigate', { page: player.course.lessons[1]?.id ?? '' });
    expect(player.text()).not.to.match(/could not be saved/);
  });
});

describe('a learner taking the built SCORM 1.2 package with clicks only', () => {
  it('goes through every lesson, answers every question in the interface, passes and gets a certificate', async () => {
    const player = new PackagePlayer({ learner: { id: 'u-7', name: 'Okafor, Chidi' } });
    try {
      await player.open();
      const doc = () => player.frame?.contentDocument as Document;
      await player.click(/^Start the course$/);
      for (let i = 1; i < player.course.lessons.length; i++) await player.click(/^Next: /);
      await player.click(/^Next: Assessment/);
      await player.click(/^Start attempt 1$/);
      const { items } = player.shell.store.state.assessment;
      for (const [n, id] of items.entries()) {
        const item = player.course.bank.find((b) => b.id === id);
        if (!item) throw new Error(id);
        const assessment = deepQueryAll(doc(), 'slep-assessment')[0] as HTMLElement;
        const root = assessment.shadowRoot as ShadowRoot;
        await until(() => root.textContent?.includes(`Question ${n + 1} of ${items.length}`), `question ${n + 1}`);
        const right = correctResponse(item);
        if (item.type === 'matching') {
          for (const pair of right) {
            const [prompt, target] = pair.split('.');
            const select = deepQueryAll<HTMLSelectElement>(root, `select[data-prompt="${prompt}"]`)[0];
            if (!select) throw new Error('no select');
            select.value = target ?? '';
            select.dispatchEvent(new Event('change', { bubbles: true }));
          }
        } else if (item.type === 'ordering') {
          // Move each step up into place with the "Move up" buttons, as a learner would.
          const upButtons = () => deepQueryAll<HTMLButtonElement>(root, 'button[data-direction="up"]');
          for (const [i, step] of right.entries()) {
            for (let moves = 0; ; moves++) {
              const j = upButtons().findIndex((b) => b.dataset.step === step);
              if (j === -1) throw new Error(`no step ${step} in ${item.id}`);
              if (j <= i) break;
              if (moves > item.steps.length) throw new Error(`step ${step} of ${item.id} does not move up`);
              upButtons()[j]?.click();
              await player.settle();
            }
          }
        } else {
          for (const choice of right) deepQueryAll<HTMLInputElement>(root, `input[value="${choice}"]`)[0]?.click();
        }
        await player.settle();
        const buttons = deepQueryAll<HTMLButtonElement>(root, 'button');
        (buttons.find((b) => b.textContent?.trim() === 'Next question') ?? buttons.find((b) => b.textContent?.trim() === 'Review and submit'))?.click();
        await player.settle();
      }
      await player.click(/^Submit answers$/);
      expect(player.shell.store.state.assessment.lastScore).to.equal(1);
      expect(player.text()).to.match(/You passed/);
      await player.click(/Go to your certificate/);
      expect(player.text()).to.contain('Chidi Okafor');
      const cmi = player.lms.cmi() as Cmi;
      expect(cmi.cmi.core.lesson_status).to.equal('passed');
      expect(cmi.cmi.core.score.raw).to.equal('100');
      expect(Object.values(cmi.cmi.interactions).every((x) => x.result === 'correct')).to.equal(true);
      expect(Object.values(cmi.cmi.interactions).every((x) => /^\d{4}:\d{2}:\d{2}\.\d{2}$|^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/.test(String(x.latency)))).to.equal(true);
    } finally {
      player.close();
      expect(player.lms.violations, player.lms.violations.join('\n')).to.deep.equal([]);
    }
  });
});
