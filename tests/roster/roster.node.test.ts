/**
 * The training-board roster (scripts/roster/) against the real test LRS (Learning Locker's
 * xapi-statements behind tests/lrs/server.ts, on ports the system picks): learners played
 * through the xAPI and cmi5 drivers, plus generated ones; every roster row compared with what
 * the plans say; `--verify` on every genuine code and on altered ones. The 50,000-statement
 * run with the memory check is `npm run test:roster` (tests/roster/roster-50k.slow.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compileCourse } from '../../build/compile/course.js';
import type { CourseModel } from '../../src/model/course.js';
import { verificationCode } from '../../src/model/verification.js';
import { RosterAggregator } from '../../scripts/roster/aggregate.js';
import type { RosterStatement } from '../../scripts/roster/aggregate.js';
import { rosterCourseOf } from '../../scripts/roster/course.js';
import { auIdOf } from '../../scripts/roster/lrs.js';
import { parseCsv } from '../../scripts/roster/output.js';
import { startLrs } from '../lrs/server.js';
import { checkRows, postAll, putDocuments, runCli } from './helpers.js';
import type { ExpectedRow } from './seed.js';
import { generatedPlans, play, seededPlans } from './seed.js';

const BASE = Date.parse('2026-09-01T13:00:00Z');

describe('training-board roster against the real LRS', () => {
  let lrs: { url: string; stop: () => Promise<void> };
  let course: CourseModel;
  const expected: ExpectedRow[] = [];
  const out = mkdtempSync(join(tmpdir(), 'slep-roster-'));
  let env: NodeJS.ProcessEnv;

  before(async () => {
    const compiled = compileCourse({ courseDir: join(process.cwd(), 'course'), rootDir: process.cwd() }).model;
    // A stricter score rule than the pass mark, so "score below the minimum" shows up too.
    course = { ...compiled, credit: { minimumScore: 0.85, minimumMinutes: 45 } };
    lrs = await startLrs();
    env = { ROSTER_LRS_ENDPOINT: `${lrs.url}/xapi/`, ROSTER_LRS_KEY: 'learner-key', ROSTER_LRS_SECRET: 'learner-secret' };
    const plans = [...seededPlans(BASE), ...generatedPlans(BASE, 25)];
    const statements = [];
    const documents = [];
    for (const plan of plans) {
      const played = await play(course, plan, auIdOf(course.id));
      statements.push(...played.statements);
      documents.push(...played.documents);
      expected.push(played.expected);
    }
    await postAll(lrs.url, statements, 500);
    await putDocuments(lrs.url, documents);
  });
  after(async () => {
    await lrs?.stop();
    rmSync(out, { recursive: true, force: true });
  });

  it('lists every completion and every unfinished learner as the seeds say, over many pages, with a progress line', async () => {
    const result = await runCli(['--out', out, '--page-size', '50'], rosterCourseOf(course), env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^roster: [\d,]+ statements read \(\d+ pages\), \d+ learner registrations/m, 'a progress line on stderr');
    const pages = Number(/\((\d+) pages\), \d+ learner registrations, done/.exec(result.stderr)?.[1]);
    assert.ok(pages > 10, `read ${pages} pages`);
    const roster = parseCsv(readFileSync(join(out, 'roster.csv'), 'utf8'));
    const unfinished = parseCsv(readFileSync(join(out, 'in-progress.csv'), 'utf8'));
    checkRows(expected, roster, unfinished);
    // The hand-picked cases, by name, so a wrong rule is easy to read in a failure.
    const byName = (name: string) => roster.find((r) => r.name === name) ?? unfinished.find((r) => r.name === name);
    assert.equal(byName('Alex Passed')?.['credit hours'], String(course.creditHours));
    assert.equal(byName('Alex Passed')?.agency, 'Metro Police Department');
    assert.equal(byName('Harper Cmi')?.agency, 'County Sheriff');
    assert.match(byName('Harper Cmi')?.['credit reason'] ?? '', /best score 80% is below the 85% minimum/);
    assert.match(byName('Dana Quick')?.['credit reason'] ?? '', /30 min in the course is below the 45-minute minimum/);
    assert.match(byName('Casey Failed')?.['credit reason'] ?? '', /failed the assessment \(3 of 3 attempts used\)/);
    assert.equal(byName('Jules Failed')?.['attempts used'], '3', 'cmi5 sends one failed per registration; attempts come from the answers');
    assert.equal(byName('Fran Email')?.email, 'fran@district.example.org');
    assert.equal(byName('Lee Halfway')?.result, 'not passed', 'completed with attempts left: not (yet) failed');
    assert.match(byName('Lee Halfway')?.['credit reason'] ?? '', /1 of 3 attempts used, 2 left/);
    assert.ok(unfinished.some((r) => r.name === 'Eli Started') && unfinished.some((r) => r.name === 'Kim Started'));
    const html = readFileSync(join(out, 'roster.html'), 'utf8');
    assert.match(html, /<caption>Completions \(\d+\)<\/caption>/);
    assert.match(html, /<caption>Started, not finished \(\d+\)<\/caption>/);
    assert.doesNotMatch(html, /<(script|link|img)\b|src=|href=/i, 'no external assets, no script');
  });

  it('narrows to one registration or one learner', async () => {
    const one = expected.find((e) => e.name === 'Blair Thirdtime');
    assert.ok(one);
    const dir = join(out, 'one');
    let result = await runCli(['--out', dir, '--registration', one.registration, '--quiet'], rosterCourseOf(course), env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '', '--quiet prints no progress');
    let rows = parseCsv(readFileSync(join(dir, 'roster.csv'), 'utf8'));
    assert.deepEqual(rows.map((r) => r.registration), [one.registration]);
    assert.equal(rows[0]?.['attempts used'], '3');
    result = await runCli(['--out', dir, '--learner', 'P-2002', '--quiet'], rosterCourseOf(course), env);
    rows = parseCsv(readFileSync(join(dir, 'roster.csv'), 'utf8'));
    assert.deepEqual(rows.map((r) => r.name), ['Indy Second']);
  });

  it('--verify accepts every genuine code and prints who completed what, when, with what score', async () => {
    const completions = expected.filter((e) => e.completed);
    assert.ok(completions.length >= 10);
    for (const e of completions) {
      const result = await runCli(['--verify', e.verificationCode.toLowerCase().replace(/(.{5})/, '$1-')], rosterCourseOf(course), env);
      assert.equal(result.code, 0, `${e.name}: ${result.stdout}${result.stderr}`);
      assert.match(result.stdout, new RegExp(`a genuine completion`));
      assert.ok(result.stdout.includes(e.name), result.stdout);
      assert.ok(result.stdout.includes(`Completed:   ${e.completionDate}`), result.stdout);
      if (e.bestScore) assert.ok(result.stdout.includes(`best score ${e.bestScore}%`), result.stdout);
    }
  });

  it('--verify rejects altered codes and codes of unfinished attempts, plainly and with a non-zero exit', async () => {
    const genuine = expected.filter((e) => e.completed).map((e) => e.verificationCode);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const altered = genuine.slice(0, 4).map((code, i) => {
      const at = (i * 3) % code.length;
      const next = alphabet[(alphabet.indexOf(code[at] ?? 'A') + 1) % 32];
      return code.slice(0, at) + next + code.slice(at + 1);
    });
    for (const code of altered) {
      assert.ok(!genuine.includes(code));
      const result = await runCli(['--verify', code], rosterCourseOf(course), env);
      assert.equal(result.code, 1);
      assert.match(result.stdout, new RegExp(`No completion of .* with verification code ${code} exists`));
    }
    // A real code of an attempt that was started but never completed is no completion either.
    const started = expected.find((e) => e.name === 'Eli Started');
    assert.ok(started);
    const unfinishedCode = await verificationCode({ courseId: course.id, version: course.version, attemptId: started.registration });
    const open = await runCli(['--verify', unfinishedCode], rosterCourseOf(course), env);
    assert.equal(open.code, 1);
    assert.match(open.stdout, /No completion of/);
    const bad = await runCli(['--verify', 'NOT-A-CODE!'], rosterCourseOf(course), env);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /No such completion exists/);
  });

  it('says what is missing when the LRS or credentials are not given, and refuses wrong credentials', async () => {
    const none = await runCli(['--out', out], rosterCourseOf(course), {});
    assert.equal(none.code, 2);
    assert.match(none.stderr, /endpoint and credentials are missing/);
    const wrong = await runCli(['--out', out, '--quiet'], rosterCourseOf(course), { ...env, ROSTER_LRS_SECRET: 'nope' });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /refused the statement query/);
  });
});

describe('roster aggregator', () => {
  const course = rosterCourseOf(compileCourse({ courseDir: join(process.cwd(), 'course'), rootDir: process.cwd() }).model);

  it('holds one small record per registration, however many statements arrive (bounded retained set)', async () => {
    const plan = seededPlans(BASE)[1];
    assert.ok(plan);
    const { statements } = await play({ ...compileCourse({ courseDir: join(process.cwd(), 'course'), rootDir: process.cwd() }).model }, plan, auIdOf(course.id));
    const once = new RosterAggregator(course);
    for (const s of statements) once.add(s as unknown as RosterStatement);
    const many = new RosterAggregator(course);
    // The same record read ten times (as if the LRS returned it again and again).
    for (let i = 0; i < 10; i++) for (const s of statements) many.add(s as unknown as RosterStatement);
    assert.deepEqual(many.retained(), once.retained());
    assert.equal(once.retained().sessions, 2);
    assert.equal(many.statements, statements.length * 10);
  });

  it('counts time per session from the longest duration, joining statements of one session by their start', () => {
    const agg = new RosterAggregator(course);
    const base = { actor: { account: { homePage: 'h', name: 'n' } }, object: { id: course.id }, context: { registration: '00000000-0000-4000-8000-000000000001' } };
    const at = (ms: number) => new Date(Date.parse('2026-10-01T10:00:00Z') + ms).toISOString();
    const s = (verb: string, ms: number, duration: string): RosterStatement => ({ ...base, verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` }, timestamp: at(ms), result: { duration } });
    agg.add(s('completed', 600000, 'PT10M'));
    agg.add(s('terminated', 900400, 'PT15M0.4S')); // same session (start differs by 0.4 s)
    agg.add(s('terminated', 86400000 + 1200000, 'PT20M')); // next day: a second session
    assert.equal(agg.retained().sessions, 2);
    const [r] = agg.all();
    assert.ok(r);
    assert.equal(Math.round(r.sessions.reduce((n, x) => n + x[2], 0)), 35 * 60);
  });
});
