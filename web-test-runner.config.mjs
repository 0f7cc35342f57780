// @web/test-runner: every browser test runs in real headless Chromium.
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const executablePath = candidates.find((p) => p && existsSync(p));
if (!executablePath) {
  console.error(
    'No Chromium found. Install it (Debian/Ubuntu: `apt-get update && apt-get install -y chromium`) ' +
      'or set CHROME_PATH to a Chrome or Chromium executable.',
  );
  process.exit(1);
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

export default {
  files: ['tests/**/*.test.ts', '!tests/build/**', '!tests/state/**', '!tests/preview/**'],
  nodeResolve: true,
  rootDir: '.',
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
  middleware: [freshPackage],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
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
