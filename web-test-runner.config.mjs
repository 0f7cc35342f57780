// @web/test-runner: every browser test runs in real headless Chromium.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { visualRegressionPlugin } from '@web/test-runner-visual-regression/plugin';

const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const executablePath = candidates.find((p) => p && existsSync(p));
if (!executablePath) {
  console.error(
    'No Chromium found. Install it (Debian/Ubuntu: `apt-get update && apt-get install -y chromium`) ' +
      'or set CHROME_PATH to a Chrome or Chromium executable.',
  );
  process.exit(1);
}

// Screenshot references live in tests/screenshots/baseline (see docs/authoring.md).
// UPDATE_SCREENSHOTS=1 rewrites them; otherwise a missing reference fails the test.
const updateScreenshots = process.env.UPDATE_SCREENSHOTS === '1';
/**
 * The test LRS (tests/lrs/server.ts: Learning Locker's xapi-statements behind a front server
 * with State API, agent profiles and cmi5 fetch URLs), started on first use on loopback ports
 * of its own, so the course talks to it cross-origin as it would to a real LRS. Tests ask
 * `/__lrs` for its address.
 */
function testLrs() {
  /** @type {Promise<string> | null} */
  let started = null;
  /** @type {import('node:child_process').ChildProcess | null} */
  let child = null;
  const start = () =>
    new Promise((resolve, reject) => {
      child = spawn(process.execPath, ['--import', 'tsx', 'tests/lrs/server.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
      child.once('exit', (code) => reject(new Error(`The test LRS exited (${code}).`)));
      let out = '';
      child.stdout?.on('data', (d) => {
        out += d;
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line).url);
      });
    });
  return {
    name: 'slep-test-lrs',
    async serve(context) {
      if (context.path !== '/__lrs') return undefined;
      started ??= start();
      return { body: JSON.stringify({ url: await started }), type: 'json' };
    },
    serverStop() {
      child?.stdin?.end();
    },
  };
}

/**
 * The built SCORM 1.2 package under a fresh address per test run, for tests of
 * loading: /fresh/<run>/<file> serves dist/scorm12/<file> with no caching (each <run>
 * is a new cache key), and while the page has the cookie `slep-fail-chunk=<text>`,
 * files whose path contains <text> answer 404, to play a dropped connection.
 */
async function freshPackage(ctx, next) {
  const match = /^\/fresh\/[^/]+\/(.+)$/.exec(ctx.path);
  if (!match) return next();
  const file = match[1];
  const fail = /(?:^|;\s*)slep-fail-chunk=([^;]+)/.exec(ctx.get('cookie'))?.[1];
  ctx.set('Cache-Control', 'no-store');
  if (fail && file.includes(decodeURIComponent(fail))) {
    ctx.status = 404;
    ctx.body = 'Not found';
    return;
  }
  ctx.path = `/dist/scorm12/${file}`;
  await next();
  ctx.set('Cache-Control', 'no-store');
}

/**
 * The fault-injection suite's settings and report (tests/faults, scripts/faults.mjs):
 * GET /__faults gives FAULTS_SEED, FAULTS_SCENARIOS and FAULTS_STANDARDS (defaults in the
 * test: a short fixed-seed run); POST /__faults/report writes the totals to FAULTS_REPORT.
 */
async function faultsControl(ctx, next) {
  if (ctx.path === '/__faults') {
    const env = process.env;
    ctx.type = 'json';
    ctx.body = JSON.stringify({
      seed: env.FAULTS_SEED ? Number(env.FAULTS_SEED) : undefined,
      scenarios: env.FAULTS_SCENARIOS ? Number(env.FAULTS_SCENARIOS) : undefined,
      standards: env.FAULTS_STANDARDS ? env.FAULTS_STANDARDS.split(',') : undefined,
      first: env.FAULTS_FIRST ? Number(env.FAULTS_FIRST) : undefined,
    });
    return;
  }
  if (ctx.path === '/__faults/report' && ctx.method === 'POST') {
    let text = '';
    for await (const chunk of ctx.req) text += chunk;
    if (process.env.FAULTS_REPORT) await writeFile(process.env.FAULTS_REPORT, text);
    ctx.status = 204;
    return;
  }
  return next();
}

export default {
  files: ['tests/**/*.test.ts', '!tests/**/*.node.test.ts', '!tests/build/**', '!tests/state/**', '!tests/preview/**'],
  nodeResolve: true,
  rootDir: '.',
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: Number(process.env.SLEP_TESTS_FINISH_TIMEOUT) || 300000,
  middleware: [freshPackage, faultsControl],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    visualRegressionPlugin({
      update: updateScreenshots,
      baseDir: 'tests/screenshots',
      getBaselineName: ({ name }) => join('baseline', name),
      getDiffName: ({ name }) => join('failed', `${name}-diff`),
      getFailedName: ({ name }) => join('failed', name),
      async getBaseline({ filePath, name }) {
        if (existsSync(filePath)) return readFile(filePath);
        if (!updateScreenshots) throw new Error(`No reference screenshot ${name}: run UPDATE_SCREENSHOTS=1 npx wtr --files tests/visual/screenshots.test.ts`);
        return undefined;
      },
      // Anti-aliasing may differ by a few pixels; a layout change moves far more than 0.2% of the image.
      failureThresholdType: 'percent',
      failureThreshold: 0.2,
    }),
    testLrs(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
};
