// @web/test-runner: every browser test runs in real headless Chromium.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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

export default {
  files: ['tests/**/*.test.ts', '!tests/**/*.node.test.ts', '!tests/build/**', '!tests/state/**', '!tests/preview/**'],
  nodeResolve: true,
  rootDir: '.',
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
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
