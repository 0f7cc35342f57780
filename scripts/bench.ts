/**
 * `npm run bench`: builds the packages and prints the figures that matter to
 * learners on school networks and phones: bytes shipped, build time, and the
 * cost of saving progress. Budgets are here and in the README; the script exits
 * non-zero when one is exceeded. Figures, never timed test assertions.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CourseModel } from '../src/model/course.js';
import { drawItems, initialState, reduce } from '../src/state/attempt.js';
import { decodeState, encodeState } from '../src/state/codec.js';

export const BUDGETS = {
  /** JavaScript a learner downloads to see the first page (gzip), SCORM 1.2 package. */
  initialJsGzipKiB: 120,
  /** The xAPI / cmi5 tracking JavaScript a learner loads at start besides the course (driver + @xapi/xapi), gzip. */
  lrsDriverGzipKiB: 55,
  /** Each package zip. */
  zipKiB: 1024,
  /** Encoding + decoding the resume data, per save (median), ms. */
  saveMs: 2,
} as const;

const root = resolve(import.meta.dirname, '..');
const started = performance.now();
execFileSync('npx', ['tsx', 'build/cli.ts'], { cwd: root, stdio: 'ignore' });
const buildSeconds = (performance.now() - started) / 1000;

const rows: [string, string, boolean][] = [];
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

const app = join(root, 'dist', 'scorm12', 'app');
const files = readdirSync(app).filter((f) => f.endsWith('.js'));
const gz = (f: string) => gzipSync(readFileSync(join(app, f))).length;
// The entry plus the SCORM 1.2 driver chunk it loads (the local driver only loads without an LMS; xAPI/cmi5 chunks only in those packages).
const initial = files.filter((f) => !/^(local|xapi|cmi5)-/.test(f));
const initialGz = initial.reduce((sum, f) => sum + gz(f), 0);
rows.push([`initial JavaScript, gzip (${initial.length} files)`, kib(initialGz), initialGz / 1024 <= BUDGETS.initialJsGzipKiB]);
for (const f of files) rows.push([`  ${f}`, `${kib(statSync(join(app, f)).size)} raw, ${kib(gz(f))} gzip`, true]);
// The xAPI and cmi5 packages load their driver chunk (with @xapi/xapi and its bundled axios) at start.
const lrsChunks = files.filter((f) => /^(xapi|cmi5)-/.test(f));
const lrsGz = lrsChunks.reduce((sum, f) => sum + gz(f), 0);
rows.push([`xAPI/cmi5 driver JavaScript, gzip (${lrsChunks.join(', ')})`, kib(lrsGz), lrsGz / 1024 <= BUDGETS.lrsDriverGzipKiB]);
for (const zip of readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.zip'))) {
  const size = statSync(join(root, 'dist', zip)).size;
  rows.push([zip, kib(size), size / 1024 <= BUDGETS.zipKiB]);
}

const course = JSON.parse(readFileSync(join(root, '.generated', 'course.json'), 'utf8')) as CourseModel;
let state = course.lessons.reduce((s, l, i) => reduce(course, s, { type: 'go', page: l.id, now: i }), initialState());
state = reduce(course, state, { type: 'start-assessment', seed: 1, now: 1 });
for (const id of drawItems(course, 1)) state = reduce(course, state, { type: 'answer', itemId: id, response: ['a', 'b'], latency: 30, now: 2 });
const times: number[] = [];
for (let i = 0; i < 2000; i++) {
  const t = performance.now();
  decodeState(course, encodeState(state));
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
rows.push(['resume data encode + decode (median)', `${median.toFixed(3)} ms`, median <= BUDGETS.saveMs]);
rows.push(['resume data, typical full course', `${encodeState(state).length} characters (SCORM 1.2 limit 4096)`, encodeState(state).length <= 4096]);
rows.push(['build time', `${buildSeconds.toFixed(1)} s`, true]);

const width = Math.max(...rows.map((r) => r[0].length));
for (const [name, value, ok] of rows) console.log(`${name.padEnd(width)}  ${value}${ok ? '' : '  OVER BUDGET'}`);
console.log(`budgets: initial JS ≤ ${BUDGETS.initialJsGzipKiB} KiB gzip, zip ≤ ${BUDGETS.zipKiB} KiB, save ≤ ${BUDGETS.saveMs} ms`);
process.exit(rows.every((r) => r[2]) ? 0 : 1);
