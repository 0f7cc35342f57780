import { expect } from '@open-wc/testing';
import { MESSAGES } from '../../src/tracking/tracker.js';
import { storageChannel, TabGuard } from '../../src/tracking/tabs.js';
import { clearCourseStorage, CourseTab, LmsDatabase, LmsSession } from '../faults/lms.js';
import { until } from './harness.js';
import type { CourseShell } from '../faults/lms.js';

/**
 * Two tabs of one attempt, in real Chromium with the built packages: each tab has its own
 * LMS session over one LMS database (as two LMS windows have), and the course frames share
 * this browser's storage and BroadcastChannel.
 */

const go = (shell: CourseShell, page: string) => shell.store.dispatch({ type: 'go', page, now: Date.now() });
const lessons = (shell: CourseShell) => shell.store.course.lessons.map((l) => l.id);
const settled = (tab: CourseTab) => until(() => !tab.shell.saveStatus?.saving && tab.session.calls.some((c) => /Commit/.test(c.fn) && c.result === 'true'), 'a confirmed save');

for (const kind of ['scorm12', 'scorm2004'] as const) {
  describe(`two tabs of one attempt (${kind})`, () => {
    beforeEach(clearCourseStorage);
    afterEach(clearCourseStorage);

    it('makes the newer tab read-only with a plain message; it writes nothing, and the older tab\'s progress is what the LMS keeps', async () => {
      const db = new LmsDatabase(kind);
      const first = new CourseTab(new LmsSession(db), kind);
      const a = await first.open();
      const ids = lessons(a);
      go(a, ids[0] ?? '');
      go(a, ids[1] ?? '');
      await settled(first);

      // The learner opens the course again from the LMS in a second tab.
      const second = new CourseTab(new LmsSession(db), kind);
      const b = await second.open();
      await until(() => b.saveStatus?.readOnly, 'the second tab to turn read-only');
      expect(b.saveStatus?.message).to.equal(MESSAGES.secondTab);
      await until(() => second.frame?.contentDocument?.querySelector('slep-course')?.shadowRoot?.textContent?.includes('already open in another window'), 'the message on screen');
      // It goes back to the start; the first tab goes further.
      go(b, 'welcome');
      go(a, ids[2] ?? '');
      await until(() => first.session.calls.filter((c) => /Commit/.test(c.fn)).length >= 3, 'the first tab\'s next save');
      expect(a.saveStatus?.readOnly).to.equal(false);
      expect(a.saveStatus?.message).to.equal('');

      // The first tab closes first; the second (stale) one last: the last to close must not win.
      first.close();
      await until(() => first.session.ended, 'the first tab to finish');
      second.close();
      await until(() => second.session.ended, 'the second tab to finish');

      expect(second.session.writes, 'the second tab wrote to the LMS').to.deep.equal([]);
      const location = db.get(kind === 'scorm12' ? 'cmi.core.lesson_location' : 'cmi.location');
      expect(location).to.equal(ids[2]);
      expect(db.get('cmi.suspend_data')).to.contain(`l=${ids[2]}`);
    });

    it('lets a tab opened after the first one closed write as usual', async () => {
      const db = new LmsDatabase(kind);
      const first = new CourseTab(new LmsSession(db), kind);
      const a = await first.open();
      go(a, lessons(a)[0] ?? '');
      await settled(first);
      first.close();
      await until(() => first.session.ended, 'the first tab to finish');
      const again = new CourseTab(new LmsSession(db), kind);
      const b = await again.open();
      go(b, lessons(b)[1] ?? '');
      await settled(again);
      expect(b.saveStatus?.readOnly).to.equal(false);
      again.close();
      await until(() => again.session.ended, 'the tab to finish');
      expect(db.get('cmi.suspend_data')).to.contain(`l=${lessons(b)[1]}`);
    });
  });
}

describe('tab detection without BroadcastChannel (storage events)', () => {
  it('finds the second tab over localStorage events between two documents', async () => {
    const frames = [document.createElement('iframe'), document.createElement('iframe')];
    for (const f of frames) document.body.append(f);
    try {
      const [w1, w2] = frames.map((f) => f.contentWindow as Window);
      const name = `slep:test:${Math.random().toString(36).slice(2)}`;
      const older = new TabGuard(storageChannel(name, w1 as Window) ?? fail(), { now: 1000, id: 'a' });
      expect(await older.claim(50)).to.equal('writer');
      const newer = new TabGuard(storageChannel(name, w2 as Window) ?? fail(), { now: 2000, id: 'b' });
      let told = false;
      newer.onSecond(() => (told = true));
      expect(await newer.claim(2000)).to.equal('second');
      expect(told).to.equal(true);
      expect(older.current).to.equal('writer');
      older.release();
    } finally {
      for (const f of frames) f.remove();
    }
  });
});

function fail(): never {
  throw new Error('no storage channel');
}
