/**
 * The preview page in real headless Chromium (puppeteer-core), against the preview server
 * serving the BUILT packages in dist/ (npm test builds first): the switcher launches every
 * standard to the course's welcome page; in xAPI mode statements from the real test LRS
 * arrive in the inspector, and with the LRS offline they wait in the course's outbox and
 * arrive once it is back; "LMS refuses commits" makes the course show its save-problem
 * banner. A Node test (not @web/test-runner) because the page is the dev server's.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import type { Browser, Page } from 'puppeteer-core';
import { DEFAULT_DIST_DIR, PREVIEW_KINDS, startPreviewServer } from '../../preview/serve.js';
import type { PreviewServer } from '../../preview/serve.js';

/** Generous: the machine is shared and the LRS starts a process (a hang guard, not a time assertion). */
const WAIT = { timeout: 90000, polling: 100 };

let server: PreviewServer;
let browser: Browser;
let page: Page;
/** Console messages about the Content-Security-Policy, from the page or the course frame. */
const cspReports: string[] = [];

before(async () => {
  for (const kind of PREVIEW_KINDS) {
    assert.ok(existsSync(join(DEFAULT_DIST_DIR, kind, 'index.html')), `dist/${kind}/index.html is missing: run npm run build first`);
  }
  server = await startPreviewServer({ port: 0 });
  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  // tsx compiles this file keeping function names (`__name(fn, "walk")`); the page needs the helper too.
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) cspReports.push(message.text());
  });
  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits until the course frame shows `/course/<kind>/` and its shell renders the welcome page. */
async function welcome(kind: string): Promise<void> {
  await page.waitForFunction(
    (k: string) => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe.course-frame');
      if (!frame?.src.includes(`/course/${k}/index.html`)) return false;
      const shell = frame.contentDocument?.querySelector('slep-course');
      return !!shell?.shadowRoot?.querySelector('slep-welcome');
    },
    WAIT,
    kind,
  );
}

/** The course's text, shadow roots included. */
function courseText(): Promise<string> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walk = (root: Document | ShadowRoot | Element): void => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
      }
      for (const el of root.querySelectorAll('[role="alert"], [role="status"], .banner')) texts.push(el.textContent ?? '');
    };
    const doc = document.querySelector<HTMLIFrameElement>('iframe.course-frame')?.contentDocument;
    if (doc) walk(doc);
    return texts.join(' ');
  });
}

/** Clicks a button of the course (in any shadow root) by its text. */
async function clickInCourse(text: string): Promise<void> {
  await page.waitForFunction(
    (t: string) => {
      const find = (root: Document | ShadowRoot): HTMLElement | null => {
        for (const el of root.querySelectorAll<HTMLElement>('button, a')) if (el.textContent?.trim() === t) return el;
        for (const el of root.querySelectorAll('*')) {
          const found = el.shadowRoot ? find(el.shadowRoot) : null;
          if (found) return found;
        }
        return null;
      };
      const doc = document.querySelector<HTMLIFrameElement>('iframe.course-frame')?.contentDocument;
      const button = doc ? find(doc) : null;
      button?.click();
      return !!button;
    },
    WAIT,
    text,
  );
}

async function choose(mode: string): Promise<void> {
  await page.click(`input[name="mode"][value="${mode}"]`);
}

const listText = (selector: string): Promise<string> => page.$eval(selector, (el) => el.textContent ?? '');

describe('the preview page', () => {
  it('launches each standard from the switcher to the welcome page', async () => {
    await welcome('scorm12'); // the default
    assert.match(await listText('#cmi'), /"lesson_status": "incomplete"/, 'the live SCORM 1.2 data model');
    for (const [mode, kind] of [
      ['moodle', 'scorm12'],
      ['scorm2004', 'scorm2004'],
      ['web', 'web'],
      ['cmi5', 'cmi5'],
      ['xapi', 'xapi'],
      ['scorm12', 'scorm12'],
    ] as const) {
      await choose(mode);
      await welcome(kind);
      assert.equal(new URL(page.url()).searchParams.get('mode'), mode);
      assert.equal(await listText('#mode-tag'), { scorm12: 'SCORM 1.2', moodle: 'SCORM 1.2, Moodle-like', scorm2004: 'SCORM 2004', web: 'Web', cmi5: 'cmi5', xapi: 'xAPI' }[mode]);
      const text = await courseText();
      if (kind !== 'web') assert.doesNotMatch(text, /could not connect/, `${mode}: the course found its LMS or LRS`);
      if (mode === 'scorm2004') assert.match(await listText('#cmi'), /"completion_status": "incomplete"/);
      if (mode === 'cmi5') {
        await page.waitForFunction(() => /initialized/.test(document.querySelector('#statements')?.textContent ?? ''), WAIT);
        assert.match(await listText('#cmi'), /"LMS\.LaunchData"/);
      }
    }
    assert.deepEqual(cspReports, [], 'the preview page and every package run without CSP violations');
  });

  it('shows xAPI statements from the real LRS in the inspector, newest first; with the LRS offline they wait in the outbox, then arrive', async () => {
    await choose('xapi');
    await welcome('xapi');
    await page.waitForFunction(() => /initialized/.test(document.querySelector('#statements')?.textContent ?? ''), WAIT);
    assert.match(await listText('#resume-size'), /of 64000 characters/);

    await page.select('#offline', '503');
    await page.waitForFunction(() => /offline/.test(document.querySelector('#status')?.textContent ?? ''), WAIT);
    await clickInCourse('Start the course');
    // The lesson's statement is made, refused (503) and kept in the course's outbox.
    await page.waitForFunction(() => /^\([1-9]\d* waiting/.test(document.querySelector('#outbox-count')?.textContent ?? ''), WAIT);
    assert.match(await listText('#outbox'), /experienced|progressed/);
    const before = await listText('#statements');
    assert.doesNotMatch(before.split('\n')[0] ?? '', /experienced/);

    await page.select('#offline', 'none');
    await page.waitForFunction(() => document.querySelector('#outbox-count')?.textContent === '(0 waiting)', WAIT);
    await page.waitForFunction(() => /experienced/.test(document.querySelector('#statements')?.textContent ?? ''), WAIT);
    const items = await page.$$eval('#statements li', (lis) => lis.map((li) => li.textContent ?? ''));
    assert.ok(items.findIndex((t) => /experienced/.test(t)) < items.findIndex((t) => /initialized/.test(t)), `newest first: ${items.join(' | ')}`);
  });

  it('"LMS refuses commits" makes the course show its save-problem banner, and the calls show error 101', async () => {
    await choose('scorm12');
    await welcome('scorm12');
    await page.click('#refuse-commits');
    await clickInCourse('Start the course');
    await page.waitForFunction(
      () => {
        const doc = document.querySelector<HTMLIFrameElement>('iframe.course-frame')?.contentDocument;
        const banner = doc?.querySelector('slep-course')?.shadowRoot?.querySelector('.banner.error');
        return /could not be saved/.test(banner?.textContent ?? '');
      },
      WAIT,
    );
    assert.match(await courseText(), /Your progress could not be saved to the learning system just now/);
    assert.match(await page.$eval('#calls', (el) => el.textContent ?? ''), /→ "false" \(error 101\)/);
    assert.equal(await page.$eval('#violations', (el) => el.children.length), 0, 'the LMS refusing is not the course breaking a rule');
    // Switched off, the course's retry goes through and the banner goes away.
    await page.click('#refuse-commits');
    await page.waitForFunction(() => /"lesson_location": "[^"]+"/.test(document.querySelector('#cmi')?.textContent ?? ''), WAIT);
    await page.waitForFunction(
      () => {
        const doc = document.querySelector<HTMLIFrameElement>('iframe.course-frame')?.contentDocument;
        return !/could not be saved/.test(doc?.querySelector('slep-course')?.shadowRoot?.textContent ?? 'could not be saved');
      },
      WAIT,
    );
  });
});
