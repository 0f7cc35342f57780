import assert from 'node:assert/strict';
import type { Statement } from '@xapi/xapi';
import type { RosterAggregator, RosterCourse } from '../../scripts/roster/aggregate.js';
import { runRoster } from '../../scripts/roster/run.js';
import { XAPI_AUTH } from '../lrs/server.js';
import type { ExpectedRow, StateDocument } from './seed.js';

/** PUTs the drivers' resume documents into the test LRS's State API. */
export async function putDocuments(url: string, documents: readonly StateDocument[]): Promise<void> {
  for (const d of documents) {
    const q = new URLSearchParams({ activityId: d.activityId, agent: JSON.stringify(d.agent), registration: d.registration, stateId: d.stateId });
    const response = await fetch(`${url}/xapi/activities/state?${q}`, {
      method: 'PUT',
      headers: { Authorization: XAPI_AUTH, 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' },
      body: JSON.stringify(d.state),
    });
    if (response.status !== 204) throw new Error(`The LRS refused a state document: ${response.status}`);
  }
}

/** POSTs statements to the test LRS in batches (as an LMS importing them would). */
export async function postAll(url: string, statements: readonly Statement[], batch = 1000): Promise<void> {
  for (let i = 0; i < statements.length; i += batch) {
    const response = await fetch(`${url}/xapi/statements`, {
      method: 'POST',
      headers: { Authorization: XAPI_AUTH, 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' },
      body: JSON.stringify(statements.slice(i, i + batch)),
    });
    if (response.status !== 200) throw new Error(`The LRS refused a batch: ${response.status} ${await response.text()}`);
  }
}

/** Runs the roster CLI in this process, capturing its output. */
export async function runCli(args: string[], course: RosterCourse, env: NodeJS.ProcessEnv, onPage?: (a: RosterAggregator) => void): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runRoster(args, course, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, ...(onPage ? { onPage } : {}) });
  return { code, stdout, stderr };
}

/** Every roster row against the plans: the same registrations, every column as the plan says. */
export function checkRows(expected: readonly ExpectedRow[], roster: Record<string, string>[], unfinished: Record<string, string>[]): void {
  const done = expected.filter((e) => e.completed);
  const open = expected.filter((e) => !e.completed);
  assert.deepEqual(roster.map((r) => r.registration).sort(), done.map((e) => e.registration).sort(), 'the roster lists exactly the completions');
  assert.deepEqual(unfinished.map((r) => r.registration).sort(), open.map((e) => e.registration).sort(), 'the unfinished list has exactly the rest');
  const rows = new Map(roster.map((r) => [r.registration, r]));
  for (const e of done) {
    const row = rows.get(e.registration);
    assert.ok(row);
    const got = {
      name: row.name,
      accountId: row['account id'],
      email: row.email,
      agency: row.agency,
      package: row.package,
      firstLaunch: row['first launch'],
      completionDate: row['completion date'],
      result: row.result,
      bestScore: row['best score %'],
      attemptsUsed: Number(row['attempts used']),
      minutes: Number(row['minutes in course']),
      creditHours: Number(row['credit hours']),
      verificationCode: row['verification code'],
    };
    const want = { name: e.name, accountId: e.accountId, email: e.email, agency: e.agency, package: e.package, firstLaunch: e.firstLaunch, completionDate: e.completionDate, result: e.result, bestScore: e.bestScore, attemptsUsed: e.attemptsUsed, minutes: e.minutes, creditHours: e.creditHours, verificationCode: e.verificationCode };
    assert.deepEqual(got, want, `row of ${e.name} (${e.registration})`);
    const reason = row['credit reason'] ?? '';
    if (!e.reasons.length) assert.equal(reason, '', `${e.name} earns credit`);
    for (const phrase of e.reasons) assert.ok(reason.includes(phrase), `${e.name}: "${reason}" should say "${phrase}"`);
  }
  const rest = new Map(unfinished.map((r) => [r.registration, r]));
  for (const e of open) {
    const row = rest.get(e.registration);
    assert.ok(row);
    assert.deepEqual(
      { name: row.name, accountId: row['account id'], firstLaunch: row['first launch'], attemptsUsed: Number(row['attempts used']), minutes: Number(row['minutes in course']), bestScore: row['best score %'] },
      { name: e.name, accountId: e.accountId, firstLaunch: e.firstLaunch, attemptsUsed: e.attemptsUsed, minutes: e.minutes, bestScore: e.bestScore },
      `unfinished row of ${e.name}`,
    );
  }
}
