/**
 * `npm run test:roster`: the roster over more than 50,000 statements in the real test LRS
 * (a few minutes on a busy machine, so not part of `npm test`, which runs the same checks on
 * ~1,800 statements in tests/roster/roster.node.test.ts).
 *
 * Learners are played through the course's xAPI and cmi5 drivers (tests/roster/seed.ts) and
 * posted in batches of 1,000. The roster runs twice, after ~5,000 statements and after all of
 * them; both times every row is compared with the plans. Memory: after each page the test
 * forces a garbage collection and reads the heap; the highest reading above the heap before
 * the run must not grow with the number of statements (what grows is one small record per
 * registration), where keeping the statements would add well over 50 MB.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Statement } from '@xapi/xapi';
import { compileCourse } from '../../build/compile/course.js';
import type { CourseModel } from '../../src/model/course.js';
import { rosterCourseOf } from '../../scripts/roster/course.js';
import { auIdOf } from '../../scripts/roster/lrs.js';
import { parseCsv } from '../../scripts/roster/output.js';
import { startLrs } from '../lrs/server.js';
import { checkRows, postAll, putDocuments, runCli } from './helpers.js';
import type { ExpectedRow, LearnerPlan, StateDocument } from './seed.js';
import { generatedPlans, play, seededPlans } from './seed.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const BASE = Date.parse('2026-06-01T12:00:00Z');
const TOTAL = 50000;
const FIRST = 5000;
const MB = 1024 * 1024;

describe('roster over 50,000 statements', () => {
  let lrs: { url: string; stop: () => Promise<void> };
  let course: CourseModel;
  let env: NodeJS.ProcessEnv;
  const out = mkdtempSync(join(tmpdir(), 'slep-roster-50k-'));
  const expectedFirst: ExpectedRow[] = [];
  const expectedAll: ExpectedRow[] = [];
  let rest: LearnerPlan[] = [];

  /** Plays plans until `target` statements, posts them, and returns the plans not used. */
  async function seed(plans: LearnerPlan[], target: number, into: ExpectedRow[][]): Promise<{ left: LearnerPlan[]; count: number }> {
    let statements: Statement[] = [];
    let documents: StateDocument[] = [];
    let count = 0;
    let i = 0;
    for (; i < plans.length && count < target; i++) {
      const plan = plans[i];
      if (!plan) break;
      const played = await play(course, plan, auIdOf(course.id));
      statements.push(...played.statements);
      documents.push(...played.documents);
      count += played.statements.length;
      for (const list of into) list.push(played.expected);
      if (statements.length >= 1000) {
        await postAll(lrs.url, statements, 1000);
        statements = [];
      }
    }
    await postAll(lrs.url, statements, 1000);
    await putDocuments(lrs.url, documents);
    statements = [];
    documents = [];
    return { left: plans.slice(i), count };
  }

  /** Runs the roster; returns the highest heap above the start, read after a GC at every page. */
  async function measuredRun(dir: string): Promise<{ growth: number; stderr: string; registrations: number }> {
    gc();
    const startHeap = process.memoryUsage().heapUsed;
    let peak = 0;
    let registrations = 0;
    const result = await runCli(['--out', dir, '--page-size', '500'], rosterCourseOf(course), env, (aggregator) => {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - startHeap);
      registrations = aggregator.retained().registrations;
    });
    assert.equal(result.code, 0, result.stderr);
    return { growth: peak, stderr: result.stderr, registrations };
  }

  before(async () => {
    const compiled = compileCourse({ courseDir: join(process.cwd(), 'course'), rootDir: process.cwd() }).model;
    course = { ...compiled, credit: { minimumScore: 0.85, minimumMinutes: 45 } };
    lrs = await startLrs();
    env = { ROSTER_LRS_ENDPOINT: `${lrs.url}/xapi/`, ROSTER_LRS_KEY: 'learner-key', ROSTER_LRS_SECRET: 'learner-secret' };
    const first = await seed([...seededPlans(BASE), ...generatedPlans(BASE, 2000, 11)], FIRST, [expectedFirst, expectedAll]);
    rest = first.left;
  });
  after(async () => {
    await lrs?.stop();
    rmSync(out, { recursive: true, force: true });
  });

  it('lists every completion correctly after 5,000 and after 50,000 statements, with flat memory and a progress line', async () => {
    const small = await measuredRun(join(out, 'small'));
    checkRows(expectedFirst, parseCsv(readFileSync(join(out, 'small', 'roster.csv'), 'utf8')), parseCsv(readFileSync(join(out, 'small', 'in-progress.csv'), 'utf8')));

    const more = await seed(rest, TOTAL - FIRST + 500, [expectedAll]);
    assert.ok(more.count >= TOTAL - FIRST, `seeded ${more.count} more statements`);
    const large = await measuredRun(join(out, 'large'));
    const read = Number(/roster: ([\d,]+) statements read .*, done/.exec(large.stderr)?.[1]?.replace(/,/g, ''));
    assert.ok(read >= TOTAL, `the roster read ${read} statements`);
    assert.match(large.stderr, /^roster: [\d,]+ statements read \(\d+ pages\), [\d,]+ learner registrations$/m, 'progress lines while reading');
    checkRows(expectedAll, parseCsv(readFileSync(join(out, 'large', 'roster.csv'), 'utf8')), parseCsv(readFileSync(join(out, 'large', 'in-progress.csv'), 'utf8')));

    console.log(`heap growth while reading: ${(small.growth / MB).toFixed(1)} MB for ~${FIRST} statements (${small.registrations} registrations), ${(large.growth / MB).toFixed(1)} MB for ${read} (${large.registrations} registrations)`);
    // Ten times the statements: the growth is the per-registration records (well under 1 KB
    // each) plus one page in flight, never the statements themselves.
    assert.ok(large.growth < small.growth + 12 * MB, `heap grew ${(large.growth / MB).toFixed(1)} MB over 50k statements vs ${(small.growth / MB).toFixed(1)} MB over 5k`);
    assert.ok(large.growth < 30 * MB, `heap grew ${(large.growth / MB).toFixed(1)} MB`);
  });
});
