#!/usr/bin/env node
// `npm run test:faults`: the long fault-injection run (README, "Reliability") over the built
// packages in real Chromium. Options (flags or environment):
//   --seed=N       FAULTS_SEED       (default 1)
//   --scenarios=N  FAULTS_SCENARIOS  (default 240)
//   --standards=a,b FAULTS_STANDARDS (default scorm12,scorm2004,xapi,cmi5)
//   --no-build     FAULTS_NO_BUILD=1 (use the existing dist/)
// It ends with one line: "faults injected: N, scenarios: M, records lost: 0, duplicates: 0, passes lost: 0"
// and exits non-zero when anything was lost or duplicated, or a scenario failed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const flag = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const seed = flag('seed') ?? process.env.FAULTS_SEED ?? '1';
const scenarios = flag('scenarios') ?? process.env.FAULTS_SCENARIOS ?? '240';
const standards = flag('standards') ?? process.env.FAULTS_STANDARDS ?? 'scorm12,scorm2004,xapi,cmi5';
const build = !(process.argv.includes('--no-build') || process.env.FAULTS_NO_BUILD === '1');

const dir = mkdtempSync(join(tmpdir(), 'slep-faults-'));
const report = join(dir, 'report.json');

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

if (build) {
  const code = await run('npx', ['tsx', 'build/cli.ts']);
  if (code !== 0) process.exit(code);
}
const code = await run('npx', ['wtr', '--files', 'tests/faults/faults.test.ts'], {
  FAULTS_SEED: seed,
  FAULTS_SCENARIOS: scenarios,
  FAULTS_STANDARDS: standards,
  FAULTS_REPORT: report,
  SLEP_TESTS_FINISH_TIMEOUT: String(60 * 60 * 1000),
});
let totals = null;
try {
  totals = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  /* no report: the run did not finish */
}
rmSync(dir, { recursive: true, force: true });
if (!totals) {
  console.error(`The fault run did not report (wtr exit ${code}).`);
  process.exit(1);
}
console.log(`\nseed ${seed}, standards ${standards}`);
console.log(totals.line);
const bad = totals.lost + totals.duplicates + totals.passesLost > 0 || totals.scenarios < Number(totals.planned) || code !== 0;
process.exit(bad ? 1 : 0);
