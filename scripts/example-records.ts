/**
 * `npx tsx scripts/example-records.ts`: plays one learner through the real course with the
 * real tracker and drivers, and writes what each standard records into docs/records.md
 * (between the `<!-- example:… -->` markers). SCORM 1.2 and 2004 run against the stand-in
 * LMSs (scorm-again, preview/); xAPI and cmi5 against a recording LRS that accepts every
 * statement. The clock, ids and UUIDs are fixed, so the output only changes when what the
 * course records changes. `--check` exits 1 when docs/records.md is out of date.
 */
process.env.TZ = 'UTC';

import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Statement } from '@xapi/xapi';
import { compileCourse } from '../build/compile/course.js';
import { PreviewLms } from '../preview/lms.js';
import { PreviewLms2004 } from '../preview/lms2004.js';
import type { CourseModel } from '../src/model/course.js';
import { correctResponse } from '../src/model/response.js';
import { verificationCode } from '../src/model/verification.js';
import { AttemptStore } from '../src/state/store.js';
import { Cmi5Driver } from '../src/tracking/cmi5.js';
import type { TrackingDriver } from '../src/tracking/driver.js';
import type { Lrs } from '../src/tracking/lrs.js';
import { Scorm12Driver } from '../src/tracking/scorm12.js';
import { Scorm2004Driver } from '../src/tracking/scorm2004.js';
import { Tracker } from '../src/tracking/tracker.js';
import { LrsDriver } from '../src/tracking/xapi.js';

const root = resolve(import.meta.dirname, '..');
const DOC = join(root, 'docs', 'records.md');
const START = Date.UTC(2026, 11, 1, 14, 0, 0);
const ACTOR = { objectType: 'Agent' as const, name: 'Ana Rivera', account: { homePage: 'https://lms.example.org', name: 'arivera' } };
const REGISTRATION = '6f1c2a34-5b7d-4e8f-9a0b-1c2d3e4f5a6b';

function memory(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, String(v)), removeItem: (k) => void data.delete(k) };
}

/** Fixed UUIDs (statement ids), so the examples are the same on every run. */
let uuids = 0;
crypto.randomUUID = () => `00000000-0000-4000-8000-${String(++uuids).padStart(12, '0')}` as `${string}-${string}-${string}-${string}-${string}`;

const tick = () => new Promise((r) => setTimeout(r, 0));

/**
 * One learner's whole course: every lesson, one knowledge check, one assessment attempt
 * answered correctly except one item, the evaluation, the certificate, then "Save and exit".
 */
async function play(course: CourseModel, driver: TrackingDriver): Promise<void> {
  uuids = 0;
  let now = START;
  const clock = () => now;
  const store = new AttemptStore(course);
  const tracker = new Tracker({ course, store, driver, now: clock, storage: memory() });
  await tracker.start();
  const settle = async () => {
    tracker.flush();
    for (let i = 0; i < 5; i++) await tick();
  };
  store.dispatch({ type: 'begin', seed: 20261201, attemptId: 'k3x9q2m7' });
  for (const lesson of course.lessons) {
    now += 6 * 60_000;
    store.dispatch({ type: 'go', page: lesson.id, now });
    await settle();
  }
  const check = course.checks[0];
  if (check) {
    now += 30_000;
    store.dispatch({ type: 'check', itemId: check.id, response: correctResponse(check) });
    await settle();
  }
  now += 60_000;
  store.dispatch({ type: 'go', page: 'assessment', now });
  store.dispatch({ type: 'start-assessment', seed: 7, now });
  const items = store.state.assessment.items;
  for (const [i, id] of items.entries()) {
    const item = course.bank.find((x) => x.id === id);
    if (!item) continue;
    now += 40_000;
    // One wrong answer (the last item's correct response reversed), so the record shows both results.
    const last = i === items.length - 1;
    const response = last && (item.type === 'single' || item.type === 'true-false') ? wrongChoice(item) : last ? [...correctResponse(item)].reverse() : correctResponse(item);
    store.dispatch({ type: 'answer', itemId: id, response, latency: 40, now });
  }
  now += 30_000;
  store.dispatch({ type: 'submit', masteryScore: tracker.launchInfo.masteryScore, now });
  await settle();
  now += 60_000;
  store.dispatch({ type: 'evaluate', evaluation: { relevance: 5, clarity: 4, recommend: 'yes', comments: 'Useful for our MOU review.' }, now });
  store.dispatch({ type: 'go', page: 'certificate', now });
  await settle();
  now += 60_000;
  tracker.finish();
  for (let i = 0; i < 5; i++) await tick();
}

function wrongChoice(item: CourseModel['bank'][number]): string[] {
  if (item.type !== 'single' && item.type !== 'true-false') return [];
  return [item.choices.find((c) => !c.correct)?.id ?? ''];
}

/** What the course wrote to the SCORM API: each element's last value, in the order first written. */
function written(calls: readonly { fn: string; args: readonly string[] }[], setter: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const call of calls) if (call.fn === setter) values.set(call.args[0] ?? '', call.args[1] ?? '');
  return values;
}

/** SCORM values as a table: every element, but interactions shown for the first and last only. */
function scormTable(values: Map<string, string>, pattern: RegExp, calls: number, finish: string): string {
  const indexes = [...values.keys()].map((k) => pattern.exec(k)?.[1]).filter((x): x is string => x !== undefined);
  const unique = [...new Set(indexes)];
  const keep = new Set([unique[0], unique.at(-1)]);
  const rows = [...values].filter(([k]) => {
    const n = pattern.exec(k)?.[1];
    return n === undefined || keep.has(n);
  });
  const cell = (v: string) => (v.length > 90 ? `${v.slice(0, 87)}…` : v).replace(/\|/g, '\\|');
  return [
    `${calls} calls; ${unique.length} interactions (the first and the last shown); ends with \`${finish}\`.`,
    '',
    '| element | value |',
    '| --- | --- |',
    ...rows.map(([k, v]) => `| \`${k}\` | ${v === '' ? '(empty)' : `\`${cell(v)}\``} |`),
  ].join('\n');
}

class RecordingLrs {
  readonly statements: Statement[] = [];
  constructor(private readonly launchData: unknown = null) {}
  async sendStatements(statements: readonly Statement[]): Promise<number> {
    this.statements.push(...statements);
    return 200;
  }
  sendStatementsNow(statements: readonly Statement[]): void {
    this.statements.push(...statements);
  }
  async getState(params: { stateId: string }): Promise<{ status: number; data: unknown }> {
    return params.stateId === 'LMS.LaunchData' && this.launchData ? { status: 200, data: this.launchData } : { status: 404, data: null };
  }
  async setState(): Promise<number> {
    return 204;
  }
  setStateNow(): void {}
  async getAgentProfile(): Promise<{ status: number; data: unknown }> {
    return { status: 404, data: null };
  }
}

const short = (iri: string) => iri.replace('http://adlnet.gov/expapi/verbs/', '').replace('https://w3id.org/xapi/adl/verbs/', '');

/** The statements as a verb list, then the full JSON of one statement per verb (the first). */
function statementsBlock(statements: readonly Statement[], course: CourseModel): string {
  // Consecutive statements with the same verb on sibling objects (the assessment's answers) share a row.
  const rows: string[] = [];
  const objectOf = (s: Statement) => ('id' in s.object ? String(s.object.id).replace(course.id, '<course>') : '');
  for (let i = 0; i < statements.length; ) {
    const verb = short(statements[i]!.verb.id);
    const parent = objectOf(statements[i]!).replace(/\/[^/]*$/, '/');
    let j = i + 1;
    while (j < statements.length && short(statements[j]!.verb.id) === verb && objectOf(statements[j]!).startsWith(parent) && parent.endsWith('/items/')) j++;
    rows.push(j - i > 1 ? `| ${i + 1}–${j} | \`${verb}\` ×${j - i} | \`${parent}…\` |` : `| ${i + 1} | \`${verb}\` | \`${objectOf(statements[i]!)}\` |`);
    i = j;
  }
  const seen = new Set<string>();
  const examples = statements.filter((s) => {
    const key = `${short(s.verb.id)} ${'id' in s.object && String(s.object.id).includes('/assessment/') ? 'item' : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [
    `${statements.length} statements, in the order the LRS received them (\`<course>\` = ${course.id}):`,
    '',
    '| # | verb | object |',
    '| --- | --- | --- |',
    ...rows,
    '',
    '<details><summary>The first statement of each verb, in full</summary>',
    '',
    '```json',
    JSON.stringify(examples, null, 2),
    '```',
    '',
    '</details>',
  ].join('\n');
}

async function examples(course: CourseModel): Promise<Record<string, string>> {
  const out: Record<string, string> = {};

  const lms12 = new PreviewLms({ storage: memory(), learner: { id: 'arivera', name: 'Rivera, Ana' } });
  const win12 = {} as Window;
  lms12.launch(win12);
  await play(course, new Scorm12Driver((win12 as unknown as { API: ConstructorParameters<typeof Scorm12Driver>[0] }).API, { statusStyle: course.completion.scorm12Status }));
  out.scorm12 = scormTable(written(lms12.calls, 'LMSSetValue'), /^cmi\.interactions\.(\d+)\./, lms12.calls.length, lms12.calls.at(-1)?.fn ?? '');

  const lms2004 = new PreviewLms2004({ storage: memory() });
  const win2004 = {} as Window;
  lms2004.launch(win2004);
  await play(course, new Scorm2004Driver((win2004 as unknown as { API_1484_11: ConstructorParameters<typeof Scorm2004Driver>[0] }).API_1484_11));
  out.scorm2004 = scormTable(written(lms2004.calls, 'SetValue'), /^cmi\.interactions\.(\d+)\./, lms2004.calls.length, lms2004.calls.at(-1)?.fn ?? '');

  const xapiLrs = new RecordingLrs();
  await play(course, new LrsDriver({ kind: 'xapi', course, lrs: xapiLrs as unknown as Lrs, endpoint: 'https://lrs.example.org/xapi/', actor: ACTOR, registration: REGISTRATION, activityId: course.id, storage: memory(), now: () => START }));
  out.xapi = statementsBlock(xapiLrs.statements, course);

  const template = { extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'session-0001' }, contextActivities: { grouping: [{ id: `${course.id}/cmi5-course` }] } };
  const cmi5Lrs = new RecordingLrs();
  await play(course, new Cmi5Driver({ kind: 'cmi5', course, lrs: cmi5Lrs as unknown as Lrs, endpoint: 'https://lrs.example.org/xapi/', actor: ACTOR, registration: REGISTRATION, activityId: `${course.id}/au/main`, storage: memory(), mode: 'normal', masteryScore: 0.8, template, now: () => START }));
  out.cmi5 = statementsBlock(cmi5Lrs.statements, course);

  // The certificate of the SCORM run (no LMS registration: the attempt id the course made at first launch).
  const code = await verificationCode({ courseId: course.id, version: course.version, attemptId: 'k3x9q2m7' });
  out.verification = [
    '```',
    `Verification: course ${course.id} · attempt k3x9q2m7 · code ${code}`,
    '```',
    '',
    'Recompute it in a Linux shell (`sha256sum`, `base32`: GNU coreutils; `xxd`: vim):',
    '',
    '```sh',
    `printf '%s' '${course.id}|${course.version}|k3x9q2m7' | sha256sum | cut -d' ' -f1 | xxd -r -p | base32 | cut -c1-10`,
    `# ${code}`,
    '```',
  ].join('\n');
  return out;
}

/** docs/records.md with each `<!-- example:kind -->…<!-- /example:kind -->` block replaced. */
export async function renderRecordsDoc(): Promise<string> {
  const { model } = compileCourse({ courseDir: join(root, 'course'), rootDir: root });
  const blocks = await examples(model);
  let doc = readFileSync(DOC, 'utf8');
  for (const [kind, text] of Object.entries(blocks)) {
    const pattern = new RegExp(`(<!-- example:${kind} -->)[\\s\\S]*?(<!-- /example:${kind} -->)`);
    if (!pattern.test(doc)) throw new Error(`docs/records.md has no <!-- example:${kind} --> block`);
    doc = doc.replace(pattern, (_m, open: string, close: string) => `${open}\n${text}\n${close}`);
  }
  return doc;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const doc = await renderRecordsDoc();
  if (process.argv.includes('--check')) {
    if (doc !== readFileSync(DOC, 'utf8')) {
      console.error('docs/records.md is out of date: run npx tsx scripts/example-records.ts');
      process.exit(1);
    }
    console.log('docs/records.md is up to date.');
  } else {
    writeFileSync(DOC, doc);
    console.log('Wrote the example records into docs/records.md.');
  }
  process.exit(0);
}
