import { expect } from '@open-wc/testing';
import { PackagePlayer } from './harness.js';
import { answerAssessment, visitEveryLesson } from './walk.js';

/**
 * The built SCORM 1.2 package in the Moodle-like stand-in LMS with Moodle 4.5's
 * default SCORM activity settings (mastery score overrides status: yes; force new
 * attempt: no; unlimited attempts; highest grade), over several launches.
 */

/** Every interaction id Moodle stored, over all its attempts. */
function storedInteractionIds(player: PackagePlayer): string[] {
  return player.lms.attemptsRecorded.flatMap((a) => Object.entries(a.tracks).filter(([k]) => /^cmi\.interactions\.\d+\.id$/.test(k)).map(([, v]) => v));
}

describe('the SCORM 1.2 package in a Moodle-like LMS (default settings)', () => {
  let player: PackagePlayer;

  beforeEach(() => {
    player = new PackagePlayer({ learner: { id: 'officer-7', name: 'Rivera, Ana' }, moodle: {} });
  });

  afterEach(() => {
    player.close();
    expect(player.lms.violations, player.lms.violations.join('\n')).to.deep.equal([]);
  });

  it('lets a learner who fails and leaves pass in a later session, and records the pass and the best score', async () => {
    await player.open();
    await visitEveryLesson(player);
    await answerAssessment(player, (i) => i === 0);
    player.close();
    expect(player.lms.stored.lesson_status).to.equal('incomplete', 'a failed attempt with attempts left keeps Moodle\'s attempt open');
    expect(player.lms.stored.score_raw).to.equal('');

    await player.open();
    expect(player.lms.launched.mode).to.equal('normal', 'not review: the learner can try again');
    await answerAssessment(player, () => true);
    player.close();
    expect(player.lms.stored.lesson_status).to.equal('passed');
    expect(player.lms.stored.score_raw).to.equal('100');
    expect(player.lms.grade).to.equal(100);
    expect(player.lms.attemptsRecorded.length).to.equal(1, 'one Moodle attempt for the whole course attempt');
  });

  it('records failed with the best score once every attempt is used, across three sessions', async () => {
    const right = [3, 1, 2];
    for (const [session, n] of right.entries()) {
      await player.open();
      if (session === 0) await visitEveryLesson(player);
      await answerAssessment(player, (i) => i < n);
      player.close();
    }
    expect(player.lms.stored.lesson_status).to.equal('failed');
    const count = player.lms.stored.interactions.length / 3;
    expect(Number(player.lms.stored.score_raw)).to.equal(Math.round((3 / count) * 100), 'the best of the three attempts');
    await player.open();
    expect(player.lms.launched.mode).to.equal('review', 'Moodle ends its attempt on failed');
  });

  it('does not record passed or complete when the assessment is passed before every lesson is opened', async () => {
    await player.open();
    await visitEveryLesson(player, 1);
    await answerAssessment(player, () => true);
    expect(player.shell.store.state.assessment.passed).to.equal(true);
    player.close();
    expect(player.lms.stored.lesson_status).to.equal('incomplete', 'mastery override found no score to turn into passed');
    expect(player.lms.stored.score_raw).to.equal('');
    expect(player.lms.grade ?? 0).to.equal(0);

    await player.open();
    expect(player.lms.launched.mode).to.equal('normal');
    await visitEveryLesson(player);
    player.close();
    expect(player.lms.stored.lesson_status).to.equal('passed', 'recorded once the last lesson is opened');
    expect(player.lms.stored.score_raw).to.equal('100');
  });

  it('writes nothing in a review launch and says so on screen', async () => {
    await player.open();
    await visitEveryLesson(player);
    await answerAssessment(player, () => true);
    player.close();
    const before = JSON.stringify(player.lms.attemptsRecorded);

    const first = player.lms.calls.length;
    await player.open();
    expect(player.lms.launched.mode).to.equal('review');
    expect(player.text()).to.contain('Review: nothing you do now is recorded');
    await player.fire('slep-course', 'slep-navigate', { page: player.course.lessons[2]?.id ?? '' });
    await player.fire('slep-course', 'slep-navigate', { page: 'assessment' });
    await player.fire('slep-assessment', 'slep-assessment', { command: 'start' });
    player.close();
    const sets = player.lms.calls.slice(first).filter((c) => c.fn === 'LMSSetValue' || c.fn === 'LMSCommit');
    expect(sets.map((c) => c.args[0])).to.deep.equal([]);
    expect(JSON.stringify(player.lms.attemptsRecorded)).to.equal(before);
  });

  it('offers no attempt in a Preview (browse) launch and leaves Moodle\'s attempt open for the real one', async () => {
    await player.open({ mode: 'browse' });
    expect(player.lms.launched.mode).to.equal('browse');
    expect(player.text()).to.contain('Review: nothing you do now is recorded');
    await player.fire('slep-course', 'slep-navigate', { page: 'assessment' });
    expect(player.text()).not.to.match(/Start attempt/);
    await player.fire('slep-assessment', 'slep-assessment', { command: 'start' });
    expect(player.shell.store.state.assessment.attempt).to.equal(0);
    player.close();
    // Moodle turns "not attempted" into "completed" at LMSFinish; "browsed" is the one value written.
    const writes = player.lms.calls.filter((c) => c.fn === 'LMSSetValue').map((c) => `${c.args[0]}=${c.args[1]}`);
    expect(writes).to.deep.equal(['cmi.core.lesson_status=browsed']);
    await player.open();
    expect(player.lms.launched.mode).to.equal('normal', 'the learner\'s real attempt is still open');
  });

  it('never writes an interaction id twice, over several launches', async () => {
    await player.open();
    await visitEveryLesson(player);
    await answerAssessment(player, () => false);
    player.close();
    for (let i = 0; i < 3; i++) {
      await player.open();
      await player.fire('slep-course', 'slep-navigate', { page: 'workbook' });
      player.close();
    }
    await player.open();
    await answerAssessment(player, () => true);
    player.close();
    await player.open();
    player.close();
    const ids = storedInteractionIds(player);
    expect(ids.length).to.be.greaterThan(0);
    expect(new Set(ids).size).to.equal(ids.length, ids.join(', '));
    expect(ids.some((id) => id.startsWith('a1-'))).to.equal(true);
    expect(ids.some((id) => id.startsWith('a2-'))).to.equal(true);
  });
});
