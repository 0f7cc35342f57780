import { expect } from '@open-wc/testing';
import { correctResponse } from '../../src/model/response.js';
import { deepQueryAll, PackagePlayer, until } from './harness.js';

/**
 * The built package loads the course as the learner needs it: the first screen is
 * the shell and the welcome page; lessons, the question bank, the workbook,
 * resources and their pages are chunks fetched on navigation (and the next page
 * ahead of time). Each test plays the package under a fresh address, so nothing
 * comes from the browser's cache, and web-test-runner.config.mjs answers 404 for
 * files named in the `slep-fail-chunk` cookie, to play a dropped connection.
 */

function setFailing(text: string | null): void {
  document.cookie = text ? `slep-fail-chunk=${encodeURIComponent(text)}; path=/` : 'slep-fail-chunk=; path=/; max-age=0';
}

/** File names the course frame has requested so far. */
function requested(player: PackagePlayer): string[] {
  const win = player.frame?.contentWindow;
  return win ? win.performance.getEntriesByType('resource').map((e) => e.name.split('/').pop() ?? '') : [];
}

/** The page element on screen (in the shell's main), once it has rendered its heading. */
async function pageHeading(player: PackagePlayer, tag: string): Promise<string> {
  const heading = await until(() => player.shell.shadowRoot?.querySelector(tag)?.shadowRoot?.querySelector('h1'), `the ${tag} heading`);
  return heading.textContent?.trim() ?? '';
}

describe('loading the course as it is needed (built SCORM 1.2 package)', () => {
  let player: PackagePlayer;

  beforeEach(() => {
    // Each test is a new learner: no resume backup left in this origin's storage by an earlier one.
    for (const key of Object.keys(localStorage)) if (key.startsWith('slep:')) localStorage.removeItem(key);
    player = new PackagePlayer({}, `/fresh/${Date.now()}-${Math.random().toString(36).slice(2)}/index.html`);
  });

  afterEach(() => {
    setFailing(null);
    player.close();
    expect(player.lms.violations, player.lms.violations.join('\n')).to.deep.equal([]);
  });

  it('shows the welcome page without any lesson, bank, workbook or page chunk, then fetches only the next page ahead', async () => {
    // Block every content and page chunk: the first screen must not need one.
    setFailing('app/content-');
    await player.open();
    const welcome = await pageHeading(player, 'slep-welcome');
    expect(welcome).to.equal(player.course.title);
    const [first, second] = player.course.lessons;
    if (!first || !second) throw new Error('the course needs two lessons');
    // Prefetch of the next page (lesson 1) when idle; nothing further ahead.
    await until(() => requested(player).some((f) => f.startsWith(`content-lesson-${first.id}-`)), 'the first lesson prefetched');
    const names = requested(player);
    // (A blocked prefetch may be retried, `?retry=1`, while the test waits: still only the next page.)
    expect([...new Set(names.filter((f) => f.startsWith('content-')).map((f) => f.replace(/\?.*$/, '').replace(/-[^-]+\.js$/, '')))]).to.deep.equal([`content-lesson-${first.id}`]);
    expect(names.some((f) => /^(assessment|pages)-/.test(f))).to.equal(false, names.join(', '));
    expect(first.blocks, 'the prefetch failed (blocked), and was not shown').to.deep.equal([]);
    expect(second.blocks, 'lesson 2 is not loaded').to.deep.equal([]);
    expect(player.course.bank.every((i) => i.stemHtml === ''), 'the bank text is not loaded yet').to.equal(true);
  });

  it('loads a lesson when the learner opens it', async () => {
    await player.open();
    const third = player.course.lessons[2];
    if (!third) throw new Error('the course needs three lessons');
    expect(requested(player).some((f) => f.startsWith(`content-lesson-${third.id}-`))).to.equal(false);
    await player.fire('slep-course', 'slep-navigate', { page: third.id });
    expect(await pageHeading(player, 'slep-lesson')).to.equal(third.title);
    const lesson = player.shell.shadowRoot?.querySelector('slep-lesson')?.shadowRoot;
    await until(() => lesson?.querySelector('.prose')?.textContent?.trim(), 'the lesson text');
    expect(requested(player).some((f) => f.startsWith(`content-lesson-${third.id}-`))).to.equal(true);
    expect(third.blocks.length).to.be.greaterThan(0);
  });

  it('resumes straight into the middle of a lesson: its text, and the check answered before', async () => {
    await player.open();
    const lesson = player.course.lessons[3];
    if (!lesson) throw new Error('the course needs four lessons');
    await player.fire('slep-course', 'slep-navigate', { page: lesson.id });
    await pageHeading(player, 'slep-lesson');
    const checkId = lesson.blocks.flatMap((b) => (b.kind === 'check' ? [b.itemId] : []))[0];
    const check = player.course.checks.find((i) => i.id === checkId);
    if (!check) throw new Error('the lesson needs a knowledge check');
    await player.fire('slep-course', 'slep-answer', { itemId: check.id, response: correctResponse(check) });
    await player.click(/Save and exit/);
    player.close();

    const shell = await player.open();
    expect(shell.store.state.location).to.equal(lesson.id);
    expect(shell.store.state.checks[check.id]).to.deep.equal(correctResponse(check));
    expect(await pageHeading(player, 'slep-lesson')).to.equal(lesson.title);
    const question = await until(
      () => deepQueryAll<HTMLElement & { item: { id: string; stemHtml: string }; response: readonly string[] }>(shell.shadowRoot ?? document, 'slep-question')[0],
      'the knowledge check',
    );
    expect(question.item.id).to.equal(check.id);
    expect(question.response).to.deep.equal(correctResponse(check));
    expect(question.item.stemHtml, 'the check text is loaded').to.not.equal('');
  });

  it('resumes straight into the assessment: the same question, its text loaded', async () => {
    let shell = await player.open();
    await player.fire('slep-course', 'slep-navigate', { page: 'assessment' });
    await player.fire('slep-assessment', 'slep-assessment', { command: 'start' });
    const { items } = shell.store.state.assessment;
    const first = player.course.bank.find((x) => x.id === items[0]);
    if (!first) throw new Error('no item');
    await player.fire('slep-assessment', 'slep-assessment-answer', { itemId: first.id, response: correctResponse(first), latency: 5 });
    await player.click(/Save and exit/);
    player.close();

    shell = await player.open();
    expect(shell.store.state.location).to.equal('assessment');
    expect(shell.store.state.assessment.items).to.deep.equal(items);
    const assessment = await until(() => shell.shadowRoot?.querySelector('slep-assessment')?.shadowRoot, 'the assessment page');
    const heading = await until(() => assessment.querySelector('#question-heading'), 'the question on screen');
    expect(heading.textContent).to.contain(`Question 2 of ${items.length}`);
    const question = await until(() => assessment.querySelector<HTMLElement & { item: { id: string; stemHtml: string } }>('slep-question'), 'the question');
    expect(question.item.id).to.equal(items[1]);
    expect(question.item.stemHtml).to.not.equal('');
  });

  it('a chunk that cannot be fetched shows a plain message and a retry, never a blank page', async () => {
    const shell = await player.open();
    const lesson = shell.store.course.lessons[4];
    if (!lesson) throw new Error('the course needs five lessons');
    player.close();
    // Offline for this lesson from the start (so no prefetch can have fetched it).
    setFailing(`app/content-lesson-${lesson.id}-`);
    await player.open();
    await player.fire('slep-course', 'slep-navigate', { page: lesson.id });
    const alert = await until(() => player.shell.shadowRoot?.querySelector('[role="alert"]'), 'the message');
    expect(alert.textContent).to.contain('could not be loaded');
    // The rest of the course is still there: contents, pager.
    expect(player.shell.shadowRoot?.querySelector('nav a[aria-current="page"]')?.textContent).to.contain(lesson.title);

    setFailing(null);
    await player.click(/Try again/);
    expect(await pageHeading(player, 'slep-lesson')).to.equal(lesson.title);
    expect(player.shell.shadowRoot?.querySelector('[role="alert"]')).to.equal(null);
  });

  it('a page whose code cannot be fetched shows the message too, and retry loads it', async () => {
    setFailing('app/assessment-');
    await player.open();
    await player.fire('slep-course', 'slep-navigate', { page: 'assessment' });
    const alert = await until(() => player.shell.shadowRoot?.querySelector('[role="alert"]'), 'the message');
    expect(alert.textContent).to.contain('could not be loaded');
    setFailing(null);
    await player.click(/Try again/);
    expect(await pageHeading(player, 'slep-assessment')).to.equal('Assessment');
  });
});
