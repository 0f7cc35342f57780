#!/usr/bin/env node
// `npm test`: type-check, build the packages, run the Node tests (build, state)
// and the browser tests (real Chromium), then print one summary line
// "N passed, N failed" that CI reads.
import { spawn } from 'node:child_process';

function run(command, args, { parse } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, counts: parse ? parse(out) : null }));
  });
}

const last = (text, re) => { const all = [...text.matchAll(re)]; return all.length ? all[all.length - 1] : null; };
const nodeCounts = (out) => {
  const pass = last(out, /^ℹ pass (\d+)/gm);
  const fail = last(out, /^ℹ fail (\d+)/gm);
  return { passed: Number(pass?.[1] ?? 0), failed: Number(fail?.[1] ?? 0) };
};
const wtrCounts = (out) => {
  const m = last(out, /(\d+) passed, (\d+) failed/g);
  return { passed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? 0) };
};

let passed = 0;
let failed = 0;
const steps = [
  ['type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['build', 'npx', ['tsx', 'build/cli.ts']],
  ['node tests', 'npm', ['run', '--silent', 'test:node'], nodeCounts],
  ['browser tests', 'npx', ['wtr'], wtrCounts],
];
for (const [name, command, args, parse] of steps) {
  console.log(`\n=== ${name}`);
  const { code, counts } = await run(command, args, { parse });
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
  if (code !== 0) {
    if (!counts || counts.failed === 0) failed += 1; // the step itself failed (type error, build error, crash)
    console.error(`\n${name} failed (exit ${code}).`);
  }
  if (code !== 0 && !parse) break; // nothing to test without a type-clean build
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
