import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MESSAGES } from '../../src/tracking/tracker.js';
import { clearCourseStorage, CourseTab, LmsDatabase, LmsSession } from '../faults/lms.js';
import type { CourseShell } from '../faults/lms.js';
import { deepQueryAll, until } from './harness.js';

/**
 * An LMS API that throws, pressed through the screen: the defect was "the screen stays on one
 * page while the state moves on; Next, Contents and Save and exit do nothing; no message". Here
 * the built package runs on an LMS (scorm-again) whose API starts throwing after launch, and the
 * learner uses the real buttons and keyboard of the course (in its shadow roots).
 */

const WRITES = { scorm12: ['LMSSetValue', 'LMSCommit'], scorm2004: ['SetValue', 'Commit'] } as const;

for (const kind of ['scorm12', 'scorm2004'] as const) {
  for (const broken of ['writes', 'every call'] as const) {
    describe(`an LMS API that throws on ${broken} (${kind})`, function () {
      this.timeout(60000);
      beforeEach(clearCourseStorage);
      afterEach(clearCourseStorage);

      it('Next, Contents and Save and exit still work, and the learner is told their progress was not saved', async () => {
        const session = new LmsSession(new LmsDatabase(kind));
        const tab = new CourseTab(session, kind);
        const shell = await tab.open();
        // Narrow, as on a phone or a small LMS frame: the contents are behind the "Contents" button.
        (tab.frame as HTMLIFrameElement).style.width = '600px';
        const commit = WRITES[kind][1];
        await until(() => session.calls.some((c) => c.fn === commit || c.fn === 'Commit'), 'the launch save');
        await until(() => !shell.saveStatus?.saving, 'the launch save to end');

        // From now on the API throws: its writes, or every method (the API "vanished").
        let thrown = 0;
        const names = broken === 'writes' ? WRITES[kind] : Object.keys(session.api);
        for (const name of names) {
          session.api[name] = () => {
            thrown += 1;
            throw new TypeError(`The LMS API is gone (${name})`);
          };
        }

        const root = shell.shadowRoot as ShadowRoot;
        const { course } = shell.store;
        const [first, second, , fourth] = course.lessons;
        if (!first || !second || !fourth) throw new Error('the course needs four lessons');

        // Next: the next page shows, heading and all.
        expect(heading(shell)).to.not.equal(first.title);
        await press(shell, button(root, /^Next/));
        await until(() => heading(shell) === first.title, `the heading "${first.title}" after Next`);
        await press(shell, button(root, /^Next/));
        await until(() => heading(shell) === second.title, `the heading "${second.title}" after the second Next`);
        expect(thrown, 'the API threw').to.be.greaterThan(0);

        // The learner is told, on screen, while the session goes on.
        const banner = await until(() => visible(root, MESSAGES.saveFailed), 'the "could not be saved" message');
        expect(banner.getAttribute('role')).to.equal('alert');

        // Contents, then a lesson picked with the keyboard.
        await press(shell, button(root, /^Contents$/));
        const link = await until(() => deepQueryAll<HTMLAnchorElement>(root, `nav a[href="#${fourth.id}"]`).find((a) => a.getClientRects().length > 0), 'the lesson in the contents');
        link.focus();
        await sendKeys({ press: 'Enter' });
        await until(() => heading(shell) === fourth.title, `the heading "${fourth.title}" after picking it in the contents`);
        expect(shell.store.state.location).to.equal(fourth.id);
        expect(visible(root, MESSAGES.saveFailed), 'the message stays while nothing is saved').to.not.equal(null);

        // Save and exit: the session ends, and the learner is told the latest progress was not confirmed.
        await press(shell, button(root, /^Save and exit$/));
        const ended = await until(() => root.querySelector<HTMLElement>('#exit-message'), 'the closing message');
        expect(ended.textContent).to.contain('Your session has ended.');
        await until(() => visible(root, MESSAGES.endedUnsaved), 'the "not confirmed" message');
        expect(button(root, /^Save and exit$/).disabled).to.equal(true);
        // What was not confirmed stays in this browser for the next launch.
        expect(Object.keys(localStorage).some((k) => k.startsWith('slep:') && k.endsWith(':backup'))).to.equal(true);
        tab.close();
      });
    });
  }
}

/** The current page's heading (the h1 of the page in `main`). */
function heading(shell: CourseShell): string {
  const main = shell.shadowRoot?.querySelector('main');
  return main ? (deepQueryAll(main, 'h1')[0]?.textContent?.trim() ?? '') : '';
}

/** A button of the shell by its text (the pager, the header, the contents toggle). */
function button(root: ShadowRoot, text: RegExp): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => text.test((b.textContent ?? '').trim()));
  if (!found) throw new Error(`no button ${text}`);
  return found;
}

/** Presses a button as a learner does: it must be on screen and enabled, then it is clicked. */
async function press(shell: CourseShell, target: HTMLButtonElement): Promise<void> {
  expect(target.getClientRects().length, `"${target.textContent?.trim()}" is on screen`).to.be.greaterThan(0);
  expect(target.disabled, `"${target.textContent?.trim()}" is enabled`).to.equal(false);
  target.click();
  await shell.updateComplete;
  await new Promise((r) => setTimeout(r, 30));
}

/** The shell's banner showing `message`, if it is on screen. */
function visible(root: ShadowRoot, message: string): HTMLElement | null {
  return [...root.querySelectorAll<HTMLElement>('.banner')].find((b) => b.textContent?.includes(message) && b.getClientRects().length > 0) ?? null;
}
