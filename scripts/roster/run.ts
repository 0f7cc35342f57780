/**
 * `npm run roster`: the completion roster from an LRS, and `--verify CODE`.
 * See docs/training-boards.md for how a board runs it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Agent } from '@xapi/xapi';
import { verificationCode, VERIFICATION_LENGTH } from '../../src/model/verification.js';
import { RosterAggregator, VERB, versionOf } from './aggregate.js';
import type { Registration, RosterCourse, RosterRow, RosterStatement } from './aggregate.js';
import { RESUME_STATE_ID } from '../../src/tracking/xapi.js';
import { auIdOf, basicAuth, storedBestScore, streamCourseStatements } from './lrs.js';
import type { LrsOptions, StatementQuery } from './lrs.js';
import { IN_PROGRESS_COLUMNS, toCsv, toHtml } from './output.js';

export const USAGE = `Usage:
  npm run roster -- [--since DATE] [--until DATE] [--registration UUID] [--learner ID] [--out DIR]
  npm run roster -- --verify CODE

The LRS: --endpoint URL (or ROSTER_LRS_ENDPOINT), and --key KEY --secret SECRET
(or ROSTER_LRS_KEY and ROSTER_LRS_SECRET; or ROSTER_LRS_AUTH with a whole "Basic …" header).
DATE is YYYY-MM-DD (UTC; --until includes that whole day) or a full ISO 8601 time; the range
selects statements by the time the LRS stored them.
--learner: an account name (officer number), an email address, or a JSON agent.
--out: the folder for roster.csv, in-progress.csv and roster.html (default: roster).
--page-size N: statements per LRS request (default 500). --quiet: no progress line.`;

export interface RosterIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress then rewrites one line). */
  readonly tty?: boolean;
  /** Called after each page with the aggregator (tests watch memory here). */
  readonly onPage?: (aggregator: RosterAggregator) => void;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => Date;
}

/** Parses `--since` / `--until`: a day (UTC) or an ISO time. */
export function parseDate(text: string | undefined, end: boolean): string | undefined {
  if (!text) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = new Date(`${text}T00:00:00Z`);
    if (Number.isNaN(day.getTime())) throw new Error(`"${text}" is not a date.`);
    return new Date(day.getTime() + (end ? 86400000 : 0)).toISOString();
  }
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) throw new Error(`"${text}" is not a date (write YYYY-MM-DD or an ISO 8601 time).`);
  return time.toISOString();
}

function learnerAgent(text: string | undefined): Agent | undefined {
  if (!text?.trim().startsWith('{')) return undefined;
  try {
    return JSON.parse(text) as Agent;
  } catch {
    throw new Error('--learner starts with "{" but is not valid JSON.');
  }
}

export function normalizeCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

/** Runs the CLI with `args`; returns the exit code (0 ok, 1 no such completion, 2 usage or LRS error). */
export async function runRoster(args: readonly string[], course: RosterCourse | (() => RosterCourse), io: RosterIo): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: [...args],
      options: {
        endpoint: { type: 'string' },
        key: { type: 'string' },
        secret: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        registration: { type: 'string' },
        learner: { type: 'string' },
        out: { type: 'string' },
        verify: { type: 'string' },
        'page-size': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const env = io.env ?? process.env;
  const endpoint = values.endpoint ?? env.ROSTER_LRS_ENDPOINT ?? '';
  const key = values.key ?? env.ROSTER_LRS_KEY;
  const secret = values.secret ?? env.ROSTER_LRS_SECRET;
  const auth = key !== undefined && secret !== undefined ? basicAuth(key, secret) : (env.ROSTER_LRS_AUTH ?? '');
  if (!/^https?:\/\/\S+$/.test(endpoint) || !auth) {
    io.stderr(`The LRS endpoint and credentials are missing.\n\n${USAGE}\n`);
    return 2;
  }
  const lrs: LrsOptions = { endpoint: endpoint.endsWith('/') ? endpoint : `${endpoint}/`, auth };
  let query: StatementQuery;
  try {
    const pageSize = values['page-size'] ? Number(values['page-size']) : 500;
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error('--page-size must be a whole number above 0.');
    query = {
      since: parseDate(values.since, false),
      until: parseDate(values.until, true),
      registration: values.registration?.toLowerCase(),
      agent: learnerAgent(values.learner),
      limit: pageSize,
    };
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return 2;
  }
  const facts = typeof course === 'function' ? course() : course;
  const learner = query.agent ? undefined : values.learner;
  try {
    if (values.verify !== undefined) return await verify(normalizeCode(values.verify), facts, lrs, query, io);
    return await roster(facts, lrs, query, learner, resolve(values.out ?? 'roster'), Boolean(values.quiet), io);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return 2;
  }
}

function progress(io: RosterIo, quiet: boolean) {
  let pages = 0;
  let last = '';
  return {
    page(aggregator: RosterAggregator) {
      pages += 1;
      io.onPage?.(aggregator);
      if (quiet) return;
      last = `roster: ${aggregator.statements.toLocaleString('en-US')} statements read (${pages} pages), ${aggregator.size.toLocaleString('en-US')} learner registrations`;
      if (io.tty) io.stderr(`\r${last}`);
      else if (pages % 10 === 0) io.stderr(`${last}\n`);
    },
    done() {
      if (!quiet && last) io.stderr(io.tty ? `\r${last}, done.\n` : `${last}, done.\n`);
    },
  };
}

async function roster(course: RosterCourse, lrs: LrsOptions, query: StatementQuery, learner: string | undefined, out: string, quiet: boolean, io: RosterIo): Promise<number> {
  const aggregator = new RosterAggregator(course, { learner });
  const bar = progress(io, quiet);
  await streamCourseStatements(lrs, course.id, query, (page) => {
    for (const statement of page) aggregator.add(statement);
    bar.page(aggregator);
  });
  bar.done();
  await fillStoredScores(aggregator, course, lrs);
  const { completed, inProgress } = await aggregator.rows();
  mkdirSync(out, { recursive: true });
  const range = `stored ${query.since ? `after ${query.since}` : 'from the start'} ${query.until ? `up to ${query.until}` : 'to now'}${query.registration ? `, registration ${query.registration}` : ''}${learner || query.agent ? `, learner ${learner ?? JSON.stringify(query.agent)}` : ''}`;
  writeFileSync(join(out, 'roster.csv'), toCsv(completed));
  writeFileSync(join(out, 'in-progress.csv'), toCsv(inProgress, IN_PROGRESS_COLUMNS));
  writeFileSync(join(out, 'roster.html'), toHtml({ course, completed, inProgress, range, generatedAt: (io.now?.() ?? new Date()).toISOString(), source: lrs.endpoint }));
  const credited = completed.filter((r) => r.creditHours > 0).length;
  io.stdout(`${completed.length} completions (${credited} with credit), ${inProgress.length} started but not finished.\nWrote ${join(out, 'roster.csv')}, ${join(out, 'in-progress.csv')} and ${join(out, 'roster.html')}.\n`);
  return 0;
}

function agentOf(r: Registration): Agent | null {
  if (r.accountId) return { objectType: 'Agent', account: { homePage: r.accountHomePage, name: r.accountId } } as Agent;
  if (r.email) return { objectType: 'Agent', mbox: `mailto:${r.email}` } as Agent;
  return null;
}

/** The best score of cmi5 registrations that failed more than once, from their resume documents. */
async function fillStoredScores(aggregator: RosterAggregator, course: RosterCourse, lrs: LrsOptions): Promise<void> {
  for (const r of aggregator.needingStoredScore()) {
    const agent = agentOf(r);
    if (!agent) continue;
    const score = await storedBestScore(lrs, { agent, activityId: auIdOf(course.id), registration: r.registration, stateId: RESUME_STATE_ID });
    if (score !== null) r.bestScore = Math.max(r.bestScore ?? 0, score);
  }
}

/** The completion whose certificate code is `code`, or a plain "no such completion". */
async function verify(code: string, course: RosterCourse, lrs: LrsOptions, query: StatementQuery, io: RosterIo): Promise<number> {
  if (!new RegExp(`^[A-Z2-7]{${VERIFICATION_LENGTH}}$`).test(code)) {
    io.stdout(`"${code}" is not a verification code: a code is ${VERIFICATION_LENGTH} characters, letters A–Z and digits 2–7.\nNo such completion exists.\n`);
    return 1;
  }
  // 1. Every `completed` statement of the course: does its registration give this code?
  let match: RosterStatement | null = null;
  await streamCourseStatements(lrs, course.id, { ...query, verb: `${VERB}completed` }, async (page) => {
    for (const s of page) {
      if (match || !s.context?.registration) continue;
      const version = versionOf(s, course.version);
      if ((await verificationCode({ courseId: course.id, version, attemptId: s.context.registration.toLowerCase() })) === code) match = s;
    }
  });
  const found = match as RosterStatement | null;
  if (!found?.context?.registration) {
    io.stdout(`No completion of "${course.title}" with verification code ${code} exists in the LRS at ${lrs.endpoint}.\nThe certificate is not backed by a completion record: the code was mistyped, altered, or the course was completed elsewhere.\n`);
    return 1;
  }
  // 2. That registration's whole record.
  const aggregator = new RosterAggregator(course);
  await streamCourseStatements(lrs, course.id, { registration: found.context.registration.toLowerCase(), limit: query.limit }, (page) => {
    for (const s of page) aggregator.add(s);
  });
  await fillStoredScores(aggregator, course, lrs);
  const { completed } = await aggregator.rows();
  const row = completed.find((r) => r.verificationCode === code);
  if (!row) {
    io.stdout(`No completion with verification code ${code} could be read back from the LRS.\n`);
    return 1;
  }
  io.stdout(describe(course, row));
  return 0;
}

export function describe(course: RosterCourse, row: RosterRow): string {
  const who = [row.name || '(no name given)', row.accountId && `account ${row.accountId}`, row.email, row.agency && `agency ${row.agency}`].filter(Boolean).join(', ');
  return [
    `Verification code ${row.verificationCode}: a genuine completion.`,
    `  Learner:     ${who}`,
    `  Course:      ${course.title} (${course.id}), version ${row.version}, ${row.package} package`,
    `  Registration ${row.registration}`,
    `  First launch ${row.firstLaunch}`,
    `  Completed:   ${row.completionDate}`,
    `  Result:      ${row.result}${row.bestScore !== null ? `, best score ${row.bestScore}%` : ''}, ${row.attemptsUsed} attempt(s), ${row.minutes} min in the course`,
    `  Credit:      ${row.creditHours} hours${row.creditReason ? ` (no credit: ${row.creditReason})` : ''}`,
    '',
  ].join('\n');
}
