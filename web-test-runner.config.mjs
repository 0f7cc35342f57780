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

export default {
  files: ['tests/**/*.test.ts', '!tests/**/*.node.test.ts', '!tests/build/**', '!tests/state/**', '!tests/preview/**'],
  nodeResolve: true,
  rootDir: '.',
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
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
