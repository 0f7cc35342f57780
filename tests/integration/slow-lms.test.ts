import { expect } from '@open-wc/testing';
import { correctResponse } from '../../src/model/response.js';
import { clearCourseStorage, CourseTab, LmsDatabase, LmsSession, NO_FAULTS } from '../faults/lms.js';
import { until } from './harness.js';
import type { CourseShell } from '../faults/lms.js';

/**
 * A slow LMS (every SCORM call takes a while, and the page is frozen while it does): the
 * course must cost at most one freeze per save — one batch of SetValue calls and one
 * Commit — not one per answer, and "Saving…" must be on screen before the freeze starts.
 */

for (const kind of ['scorm12', 'scorm2004'] as const) {
  describe(`a slow LMS (${kind})`, () => {
    beforeEach(clearCourseStorage);
    afterEach(clearCourseStorage);

    it('answers are batched: one commit for the assessment\'s answers and one for the submission, each after one run of writes, with "Saving…" shown first', async () => {
      const session = new LmsSession(new LmsDatabase(kind), { ...NO_FAULTS, slowMs: 5 });
      const commit = kind === 'scorm12' ? 'LMSCommit' : 'Commit';
      const tab = new CourseTab(session, kind);
      // Whether "Saving…" was in the course's page when each Commit began.
      const shownAtCommit: boolean[] = [];
      const original = session.api[commit] as (...a: string[]) => string;
      session.api[commit] = (...args: string[]) => {
        const root = tab.frame?.contentDocument?.querySelector('slep-course')?.shadowRoot;
        shownAtCommit.push(Boolean(root?.querySelector('.saving')?.textContent?.includes('Saving')));
        return original(...args);
      };
      const shell = await tab.open();
      await until(() => session.calls.some((c) => c.fn === commit), 'the launch commit');
      const start = session.calls.length;
      const store = shell.store;
      store.dispatch({ type: 'go', page: 'assessment', now: Date.now() });
      store.dispatch({ type: 'start-assessment', seed: 42, now: Date.now() });
      await settle(shell);
      const items = store.state.assessment.items;
      expect(items.length).to.be.greaterThan(3);
      for (const id of items) {
        const item = store.course.bank.find((i) => i.id === id);
        if (!item) throw new Error(id);
        store.dispatch({ type: 'answer', itemId: id, response: correctResponse(item), latency: 3, now: Date.now() });
      }
      store.dispatch({ type: 'submit', masteryScore: 0.8, now: Date.now() });
      await settle(shell);

      const calls = session.calls.slice(start).filter((c) => /SetValue|Commit/.test(c.fn));
      const commits = calls.filter((c) => c.fn === commit);
      // The navigation and the start may share a save or not; the answers add none of their own.
      expect(commits.length, 'commits for the navigation, the start and the submission').to.be.at.most(3);
      expect(commits.length).to.be.lessThan(items.length);
      // Every save is one run: SetValues, then its Commit, never a Commit in between.
      const lastCommit = calls.map((c) => c.fn).lastIndexOf(commit);
      expect(lastCommit).to.equal(calls.length - 1, 'the submission ends with its one commit');
      const interactionWrites = calls.filter((c) => c.element?.startsWith('cmi.interactions.'));
      expect(interactionWrites.length).to.be.greaterThan(items.length);
      const firstInteraction = calls.indexOf(interactionWrites[0] as (typeof calls)[number]);
      expect(calls.slice(firstInteraction).filter((c) => c.fn === commit)).to.have.length(1, 'all answers go in one batch with one commit');
      expect(shownAtCommit.every(Boolean), `"Saving…" on screen at every commit: ${JSON.stringify(shownAtCommit)}`).to.equal(true);
      tab.close();
    });
  });
}

async function settle(shell: CourseShell): Promise<void> {
  await until(() => !shell.saveStatus?.saving, 'the save');
  await new Promise((r) => setTimeout(r, 50));
  await until(() => !shell.saveStatus?.saving, 'the save');
}
