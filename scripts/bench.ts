/**
 * `npm run bench`: builds every package, then prints one line per figure with its
 * budget and exits non-zero when a budget is exceeded. Not part of `npm test`
 * (figures vary with the machine); it runs in well under a minute.
 *
 * Browser figures play the built SCORM 1.2 package (dist/scorm12) in an iframe under
 * a bare LMS-like parent page whose `window.API` is the stand-in LMS (scorm-again,
 * preview/lms.ts), served by a local server WITHOUT compression, as many LMSs do.
 * Each cold load uses a fresh browser context (empty cache). The "school" profile
 * is a district laptop on a busy school network: CPU 4x slower, 1.6 Mbit/s down,
 * 150 ms round trips (Chrome DevTools Protocol: Emulation.setCPUThrottlingRate and
 * Network.emulateNetworkConditions). Times are measured inside the course frame,
 * from the start of its navigation.
 *
 * CHROME_PATH picks the browser (default /usr/bin/chromium).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { CSP } from '../build/html.js';
import { BUILD } from '../build/registry.js';
import { isPackageKind } from '../src/packages.js';
import type { CourseModel } from '../src/model/course.js';
import type { AttemptState } from '../src/state/attempt.js';
import { worstCaseResumeData } from '../src/state/worst-case.js';

const KB = 1024;
export const BUDGETS = {
  /** Welcome heading visible, school profile, median of 5 cold loads (ms). */
  firstContentSchoolMs: 1000,
  /** "Next" on the welcome page → the first lesson's heading and text, school profile (ms). */
  nextLessonSchoolMs: 300,
  /** Everything downloaded before the welcome heading shows (uncompressed bytes) and how many requests. */
  firstContentBytes: 64 * KB,
  firstContentRequests: 4,
  /** JavaScript loaded at start-up (the entry, then the tracker's and the driver's chunks), minified + gzipped, per package. */
  startupJsGzip: { scorm12: 35 * KB, web: 35 * KB, xapi: 55 * KB, cmi5: 55 * KB } as Record<string, number>,
  /** Each unzipped package, media excluded. */
  packageBytes: 1.5 * KB * KB,
  /** Worst-case cmi.suspend_data (half the SCORM 1.2 limit of 4096). */
  suspendDataChars: 2048,
  /** `npm run build` of every package. */
  buildSeconds: 15,
  /** JS heap after completing the course (course frame + stand-in LMS page, after GC). */
  heapBytes: 10 * KB * KB,
} as const;

const SCHOOL = { cpu: 4, downKbps: 1600, upKbps: 750, rttMs: 150 };
const COLD_LOADS = 5;
const MEDIA = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.svg', '.mp4', '.webm', '.mp3', '.m4a', '.ogg', '.wav', '.vtt']);

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const rows: Array<{ name: string; value: string; budget: string; ok: boolean | null }> = [];
const row = (name: string, value: string, budget: string | null, ok: boolean | null): void => void rows.push({ name, value, budget: budget ?? 'reference', ok });
const kb = (n: number): string => `${(n / KB).toFixed(1)} KB`;
const ms = (n: number): string => `${Math.round(n)} ms`;
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

// ---------------------------------------------------------------- build and files

const started = performance.now();
if (!process.env.BENCH_NO_BUILD) {
  execFileSync(process.execPath, ['--import', 'tsx', 'build/cli.ts'], { cwd: root, stdio: 'ignore' });
  const buildSeconds = (performance.now() - started) / 1000;
  row('full build, every package', `${buildSeconds.toFixed(1)} s`, `${BUDGETS.buildSeconds} s`, buildSeconds <= BUDGETS.buildSeconds);
}

function filesIn(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesIn(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}


/**
 * The JavaScript a package loads before the learner can act: what index.html loads
 * (the entry and any modulepreload), then what src/main.ts fetches once the welcome
 * page shows (the tracker's chunk, start-*.js, and this package's driver chunk), each
 * with the chunks it imports statically.
 */
function startupFiles(dir: string, pkg: string): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const found = new Set<string>();
  const add = (file: string): void => {
    if (found.has(file) || !existsSync(join(dir, file))) return;
    found.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const m of code.matchAll(/(?:^|[;}])\s*import\s*(?:[\w{}\s,*$]+from\s*)?"(\.\/[^"]+)"/g)) add(join(file, '..', m[1] ?? ''));
  };
  for (const m of html.matchAll(/<script type="module" src="([^"]+)"|<link rel="modulepreload" href="([^"]+)"/g)) add(m[1] ?? m[2] ?? '');
  const app = readdirSync(join(dir, 'app'));
  const driver = isPackageKind(pkg) ? BUILD[pkg].driverModule : pkg;
  for (const prefix of ['start-', `${driver}-`]) {
    const file = app.find((f) => f.startsWith(prefix) && f.endsWith('.js'));
    if (!file) throw new Error(`${pkg}: no app/${prefix}*.js`);
    add(`app/${file}`);
  }
  return [...found];
}

const packages = readdirSync(dist).filter((d) => existsSync(join(dist, d, 'index.html')));
for (const pkg of packages) {
  const dir = join(dist, pkg);
  const startup = startupFiles(dir, pkg);
  const gz = startup.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
  const budget = BUDGETS.startupJsGzip[pkg] ?? 35 * KB;
  row(`${pkg}: JavaScript at start-up, min+gzip (${startup.length} files: entry, tracker, driver)`, kb(gz), kb(budget), gz <= budget);
  const files = filesIn(dir).filter((f) => !MEDIA.has(extname(f).toLowerCase()));
  const total = files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  row(`${pkg}: package size, unzipped, without media (${files.length} files)`, kb(total), kb(BUDGETS.packageBytes), total <= BUDGETS.packageBytes);
  const chunks = files.filter((f) => f.endsWith('.js')).map((f) => ({ f, size: statSync(join(dir, f)).size })).sort((a, b) => b.size - a.size);
  if (chunks[0]) row(`${pkg}: largest chunk (${chunks[0].f})`, `${kb(chunks[0].size)} (${kb(gzipSync(readFileSync(join(dir, chunks[0].f))).length)} gzip)`, null, null);
}
for (const zip of readdirSync(dist).filter((f) => f.endsWith('.zip'))) row(`zip: ${zip}`, kb(statSync(join(dist, zip)).size), null, null);

// ---------------------------------------------------------------- resume data

const course = JSON.parse(readFileSync(join(root, '.generated', 'course.json'), 'utf8')) as CourseModel;
const worst = worstCaseResumeData(course);
row('worst-case cmi.suspend_data (every check + last attempt answered)', `${worst.length} chars`, `${BUDGETS.suspendDataChars} chars`, worst.length <= BUDGETS.suspendDataChars);

// ---------------------------------------------------------------- browser figures

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.xml': 'application/xml', '.xsd': 'application/xml' };

async function lmsScript(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { PreviewLms } from './preview/lms.ts';
        const lms = new PreviewLms({ storage: null });
        Object.assign(window, { __lms: lms, __start: () => {
          lms.launch(window);
          const frame = document.createElement('iframe');
          frame.title = 'Course';
          frame.style.cssText = 'width:1024px;height:720px;border:0';
          frame.src = '/course/index.html';
          document.body.append(frame);
        } });`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

async function startServer(): Promise<{ url: string; close: () => void }> {
  const lms = await lmsScript();
  const courseRoot = join(dist, 'scorm12');
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache', ...headers });
      res.end(body);
    };
    if (path === '/') return send(200, TYPES['.html'] ?? '', '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title><script type="module" src="/lms.js"></script></head><body></body></html>');
    if (path === '/lms.js') return send(200, TYPES['.js'] ?? '', lms);
    if (path === '/favicon.ico') return send(204, 'text/plain', '');
    const file = normalize(join(courseRoot, decodeURIComponent(path.replace(/^\/course\//, ''))));
    if (!path.startsWith('/course/') || !file.startsWith(courseRoot + sep)) return send(404, 'text/plain', 'Not found');
    readFile(file).then(
      (body) => send(200, TYPES[extname(file)] ?? 'application/octet-stream', body, { 'Content-Security-Policy': CSP }),
      () => send(404, 'text/plain', 'Not found'),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

/** Runs in every frame before its scripts: notes when the welcome heading first exists at a frame (rAF, just before paint). */
function headingProbe(): void {
  if (!location.pathname.startsWith('/course/')) return;
  void customElements.whenDefined('slep-course').then(() => ((window as unknown as { __defined: number }).__defined = performance.now()));
  new MutationObserver((_, observer) => {
    const shell = document.querySelector('slep-course');
    if (shell) {
      (window as unknown as { __shell: number }).__shell = performance.now();
      observer.disconnect();
      // The course has started (saved attempt applied, tracker listening) when `starting` goes.
      const started = (): boolean => (shell as unknown as { starting?: boolean }).starting === false && Boolean((window as unknown as { __started: number }).__started = performance.now());
      if (!started()) new MutationObserver((__, o) => started() && o.disconnect()).observe(shell, { attributes: true, attributeFilter: ['starting'] });
    }
  }).observe(document, { childList: true, subtree: true });
  const tick = (): void => {
    const welcome = document.querySelector('slep-course')?.shadowRoot?.querySelector('slep-welcome');
    if (welcome?.shadowRoot?.querySelector('h1')) {
      (window as unknown as { __slepHeading: number }).__slepHeading = performance.now();
      void (window as unknown as { slepHeadingShown?: () => Promise<void> }).slepHeadingShown?.();
    } else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

interface Load {
  page: Page;
  frame: Frame;
  headingMs: number;
  /** When the course had started (SlepCourse.starting cleared), from the frame's navigation. */
  startedMs: number;
  bytes: number;
  requests: number;
  close: () => Promise<void>;
}

async function coldLoad(browser: Browser, url: string, school: boolean): Promise<Load> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  // tsx (esbuild, keepNames) wraps functions passed to the page in __name(); give the page a no-op one.
  await page.evaluateOnNewDocument('globalThis.__name ??= (f) => f;');
  await page.evaluateOnNewDocument(`(${headingProbe.toString()})()`);
  await page.goto(url, { waitUntil: 'load' });
  const cdp = await page.createCDPSession();
  if (school) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: SCHOOL.rttMs,
      downloadThroughput: (SCHOOL.downKbps * 1000) / 8,
      uploadThroughput: (SCHOOL.upKbps * 1000) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SCHOOL.cpu });
  }
  // The probe in the course frame reports its time through a binding: nothing polls the page while it loads.
  let reported = (): void => undefined;
  const shown = new Promise<void>((done) => (reported = done));
  await page.exposeFunction('slepHeadingShown', () => reported());
  await page.evaluate(() => (window as unknown as { __start: () => void }).__start());
  await Promise.race([shown, wait(30000).then(() => Promise.reject(new Error('the welcome heading did not show within 30 s')))]);
  const frame = page.frames().find((f) => f.url().endsWith('/course/index.html'));
  if (!frame) throw new Error('no course frame');
  const figures = await frame.evaluate(() => {
    const heading = (window as unknown as { __slepHeading: number }).__slepHeading;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const before = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.startTime < heading);
    return { debug: { heading, defined: (window as unknown as { __defined: number }).__defined, shell: (window as unknown as { __shell: number }).__shell, nav: [nav?.responseStart, nav?.responseEnd, nav?.domInteractive], res: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => [r.name.split('/').pop(), Math.round(r.startTime), Math.round(r.responseEnd)]) }, heading, bytes: (nav?.decodedBodySize ?? 0) + before.reduce((s, r) => s + r.decodedBodySize, 0), requests: 1 + before.length };
  });
  if (process.env.BENCH_DEBUG) console.log(JSON.stringify(figures.debug));
  await frame.waitForFunction(() => (window as unknown as { __started?: number }).__started !== undefined, { polling: 100, timeout: 30000 });
  const startedMs = await frame.evaluate(() => (window as unknown as { __started: number }).__started);
  return { page, frame, headingMs: figures.heading, startedMs, bytes: figures.bytes, requests: figures.requests, close: () => context.close() };
}

/** Until the course has started: the saved attempt applied, the learner's actions recorded (SlepCourse.starting). */
async function untilStarted(frame: Frame): Promise<void> {
  await frame.waitForFunction(() => document.querySelector('slep-course:not([starting])') !== null, { polling: 50, timeout: 20000 });
}

/** "Next" on the welcome page until the first lesson's heading and text are there (measured in the frame). */
async function nextToLesson(load: Load): Promise<number> {
  await untilStarted(load.frame);
  // A learner reads the welcome page first: let the idle-time prefetch of the first lesson finish.
  await load.frame.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.includes('/content-lesson-')), { polling: 100, timeout: 20000 });
  await load.page.waitForNetworkIdle({ idleTime: 300, timeout: 20000 });
  return load.frame.evaluate(
    () =>
      new Promise<number>((done) => {
        const shell = document.querySelector('slep-course');
        const next = shell?.shadowRoot?.querySelector<HTMLButtonElement>('.pager button.primary');
        const t0 = performance.now();
        next?.click();
        const tick = (): void => {
          const lesson = shell?.shadowRoot?.querySelector('slep-lesson')?.shadowRoot;
          if (lesson?.querySelector('h1') && lesson.querySelector('.prose')) done(performance.now() - t0);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

type Win = Window & { __lms: { calls: Array<{ fn: string }> } };
const callCount = (page: Page): Promise<{ calls: number; commits: number }> =>
  page.evaluate(() => {
    const calls = (window as unknown as Win).__lms.calls;
    return { calls: calls.length, commits: calls.filter((c) => c.fn === 'LMSCommit').length };
  });
const wait = (n: number): Promise<void> => new Promise((r) => setTimeout(r, n));

/** Fires a course event from the shell, as a component would. */
async function fire(frame: Frame, type: string, detail: Record<string, unknown>, selector = 'slep-course'): Promise<void> {
  await frame.evaluate(
    (t, d, s) => {
      const shell = document.querySelector('slep-course');
      const target = s === 'slep-course' ? shell : shell?.shadowRoot?.querySelector(s);
      target?.dispatchEvent(Object.assign(new Event(t, { bubbles: true, composed: true }), d));
    },
    type,
    detail,
    selector,
  );
}

async function untilPage(frame: Frame, tag: string): Promise<void> {
  await frame.waitForFunction((t) => Boolean(document.querySelector('slep-course')?.shadowRoot?.querySelector(t)?.shadowRoot?.querySelector('h1')), { polling: 50, timeout: 20000 }, tag);
}

/** One learner, unthrottled: LMS traffic for a lesson and for the assessment, then the heap after completing the course. */
async function traffic(load: Load): Promise<void> {
  const { page, frame } = load;
  await untilStarted(frame);
  const lessons = await frame.evaluate(() =>
    (document.querySelector('slep-course') as unknown as { store: { course: CourseModel } }).store.course.lessons.map((l) => l.id),
  );
  const first = lessons[0] ?? '';
  // The launch's own save (after the check for another open tab) is not part of the lesson.
  await page.waitForFunction(() => (window as unknown as Win).__lms.calls.some((c) => c.fn === 'LMSCommit'), { polling: 50, timeout: 20000 });
  await wait(300);

  // One lesson: navigate, answer each of its knowledge checks.
  let before = await callCount(page);
  await fire(frame, 'slep-navigate', { page: first });
  await untilPage(frame, 'slep-lesson');
  const checks = await frame.evaluate((lessonId) => {
    const c = (document.querySelector('slep-course') as unknown as { store: { course: CourseModel } }).store.course;
    const lesson = c.lessons.find((l) => l.id === lessonId);
    return (lesson?.blocks ?? []).flatMap((b) => (b.kind === 'check' ? [b.itemId] : []));
  }, first);
  for (const itemId of checks) {
    await fire(frame, 'slep-answer', { itemId, response: ['a'] }, 'slep-lesson');
    await wait(100);
  }
  await wait(1700); // past the 1.5 s answer-commit delay
  let after = await callCount(page);
  const lessonCommitBudget = 1 + checks.length;
  row(
    `LMS traffic, one lesson (1 navigation + ${checks.length} check answers)`,
    `${after.calls - before.calls} calls, ${after.commits - before.commits} commits`,
    `≤ ${lessonCommitBudget} commits`,
    after.commits - before.commits <= lessonCommitBudget,
  );

  // Idle: nothing may be sent while the learner reads.
  before = after;
  await wait(2000);
  after = await callCount(page);
  row('LMS traffic while idle for 2 s (polling)', `${after.calls - before.calls} calls`, '0 calls', after.calls === before.calls);

  // The assessment: navigate, start, answer every item correctly, submit.
  before = after;
  await fire(frame, 'slep-navigate', { page: 'assessment' });
  await untilPage(frame, 'slep-assessment');
  await fire(frame, 'slep-assessment', { command: 'start' }, 'slep-assessment');
  const answers = await frame.evaluate(() => {
    const store = (document.querySelector('slep-course') as unknown as { store: { course: CourseModel; state: AttemptState } }).store;
    return store.state.assessment.items.map((id) => {
      const item = store.course.bank.find((i) => i.id === id);
      const response = !item ? [] : item.type === 'matching' ? item.pairs.map((p) => `${p.id}.${p.targetId}`) : item.type === 'ordering' ? item.steps.map((s) => s.id) : item.choices.filter((c) => c.correct).map((c) => c.id);
      return { itemId: id, response };
    });
  });
  for (const answer of answers) {
    await fire(frame, 'slep-assessment-answer', { ...answer, latency: 20 }, 'slep-assessment');
    await wait(50);
  }
  await fire(frame, 'slep-assessment', { command: 'submit' }, 'slep-assessment');
  await wait(500);
  after = await callCount(page);
  const assessmentCommitBudget = 1 + 1 + answers.length + 1;
  row(
    `LMS traffic, assessment (navigate, start, ${answers.length} answers, submit)`,
    `${after.calls - before.calls} calls, ${after.commits - before.commits} commits`,
    `≤ ${assessmentCommitBudget} commits`,
    after.commits - before.commits <= assessmentCommitBudget,
  );

  // Complete the course: every lesson, then the remaining pages.
  for (const page of [...lessons, 'workbook', 'resources', 'certificate']) {
    await fire(frame, 'slep-navigate', { page });
    await untilPage(frame, page === 'workbook' || page === 'resources' || page === 'certificate' ? `slep-${page}` : 'slep-lesson');
  }
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { JSHeapUsedSize = 0 } = await page.metrics();
  row('JS heap after completing the course (course + stand-in LMS, after GC)', `${(JSHeapUsedSize / KB / KB).toFixed(1)} MB`, `${BUDGETS.heapBytes / KB / KB} MB`, JSHeapUsedSize <= BUDGETS.heapBytes);
}

const server = await startServer();
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const school: number[] = [];
  const schoolStarted: number[] = [];
  const next: number[] = [];
  let firstBytes = 0;
  let firstRequests = 0;
  for (let i = 0; i < COLD_LOADS; i++) {
    const load = await coldLoad(browser, server.url, true);
    school.push(load.headingMs);
    schoolStarted.push(load.startedMs);
    firstBytes = Math.max(firstBytes, load.bytes);
    firstRequests = Math.max(firstRequests, load.requests);
    next.push(await nextToLesson(load));
    await load.close();
  }
  const unthrottled: number[] = [];
  for (let i = 0; i < COLD_LOADS; i++) {
    const load = await coldLoad(browser, server.url, false);
    unthrottled.push(load.headingMs);
    if (i < COLD_LOADS - 1) await load.close();
    else {
      await traffic(load);
      await load.close();
    }
  }
  const profile = `CPU ${SCHOOL.cpu}x, ${SCHOOL.downKbps / 1000} Mbit/s, ${SCHOOL.rttMs} ms RTT, uncompressed`;
  rows.unshift(
    { name: `first content (welcome heading), school profile (${profile}), median of ${COLD_LOADS}`, value: `${ms(median(school))} (${school.map(ms).join(', ')})`, budget: ms(BUDGETS.firstContentSchoolMs), ok: median(school) <= BUDGETS.firstContentSchoolMs },
    { name: `first content, unthrottled, median of ${COLD_LOADS}`, value: ms(median(unthrottled)), budget: 'reference', ok: null },
    { name: 'course started (LMS connected, saved attempt applied), school profile, median', value: ms(median(schoolStarted)), budget: 'reference', ok: null },
    { name: 'Next → next lesson heading and text, school profile, median', value: `${ms(median(next))} (${next.map(ms).join(', ')})`, budget: ms(BUDGETS.nextLessonSchoolMs), ok: median(next) <= BUDGETS.nextLessonSchoolMs },
    { name: 'bytes before first content (uncompressed)', value: kb(firstBytes), budget: kb(BUDGETS.firstContentBytes), ok: firstBytes <= BUDGETS.firstContentBytes },
    { name: 'requests before first content', value: String(firstRequests), budget: String(BUDGETS.firstContentRequests), ok: firstRequests <= BUDGETS.firstContentRequests },
  );
} finally {
  await browser.close();
  server.close();
}

const width = Math.max(...rows.map((r) => r.name.length));
for (const r of rows) console.log(`${r.name.padEnd(width)}  ${r.value.padEnd(34)}  budget ${r.budget.padEnd(14)}${r.ok === false ? '  OVER BUDGET' : r.ok ? '  ok' : ''}`);
console.log(`bench: ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(rows.every((r) => r.ok !== false) ? 0 : 1);
