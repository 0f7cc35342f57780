/** The roster as CSV (RFC 4180) and as one printable HTML page with no external assets. */
import type { RosterCourse, RosterRow } from './aggregate.js';

type Column = [string, (r: RosterRow) => string | number];

/** Who and which registration: the first columns of both files. */
const WHO: readonly Column[] = [
  ['name', (r) => r.name],
  ['account id', (r) => r.accountId],
  ['account system', (r) => r.accountHomePage],
  ['email', (r) => r.email],
  ['agency', (r) => r.agency],
  ['registration', (r) => r.registration],
  ['package', (r) => r.package],
  ['course version', (r) => r.version],
  ['first launch', (r) => r.firstLaunch],
];

export const ROSTER_COLUMNS: readonly Column[] = [
  ...WHO,
  ['completion date', (r) => r.completionDate],
  ['result', (r) => r.result],
  ['best score %', (r) => r.bestScore ?? ''],
  ['attempts used', (r) => r.attemptsUsed],
  ['minutes in course', (r) => r.minutes],
  ['credit hours', (r) => r.creditHours],
  ['credit reason', (r) => r.creditReason],
  ['verification code', (r) => r.verificationCode],
];

export const IN_PROGRESS_COLUMNS: readonly Column[] = [
  ...WHO,
  ['last activity', (r) => r.lastActivity],
  ['progress %', (r) => r.progress],
  ['result so far', (r) => (r.result === 'not assessed' ? '' : r.result)],
  ['best score %', (r) => r.bestScore ?? ''],
  ['attempts used', (r) => r.attemptsUsed],
  ['minutes in course', (r) => r.minutes],
];

function cell(value: string | number): string {
  let text = String(value);
  // A cell a spreadsheet would run as a formula is written as text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly RosterRow[], columns = ROSTER_COLUMNS): string {
  const lines = [columns.map(([name]) => cell(name)).join(',')];
  for (const row of rows) lines.push(columns.map(([, get]) => cell(get(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Parses CSV written by {@link toCsv} (for tests and for reading a roster back). */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') record.push(field), (field = '');
    else if (ch === '\n') record.push(field.replace(/\r$/, '')), records.push(record), (record = []), (field = '');
    else field += ch;
  }
  if (field || record.length) record.push(field), records.push(record);
  const [head = [], ...body] = records;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

const escape = (text: string | number) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function table(rows: readonly RosterRow[], columns: readonly [string, (r: RosterRow) => string | number][], caption: string): string {
  if (!rows.length) return `<p>${escape(caption)}: none.</p>`;
  const head = columns.map(([name]) => `<th scope="col">${escape(name)}</th>`).join('');
  const body = rows.map((r) => `<tr>${columns.map(([, get]) => `<td>${escape(get(r))}</td>`).join('')}</tr>`).join('\n');
  return `<table><caption>${escape(caption)} (${rows.length})</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function toHtml(options: { course: RosterCourse; completed: readonly RosterRow[]; inProgress: readonly RosterRow[]; range: string; generatedAt: string; source: string }): string {
  const { course, completed, inProgress } = options;
  const credited = completed.filter((r) => r.creditHours > 0);
  const hours = credited.reduce((n, r) => n + r.creditHours, 0);
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const rule = `${course.creditHours} credit hours for a completion that is passed, with a best score of at least ${pct(course.credit.minimumScore)}${course.credit.minimumMinutes ? ` and at least ${course.credit.minimumMinutes} minutes in the course` : ''}.`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Completion roster: ${escape(course.title)}</title>
<style>
  body { font: 11pt/1.4 system-ui, sans-serif; margin: 1.5rem; color: #111; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; font-size: 9pt; }
  caption { text-align: left; font-weight: 700; font-size: 11pt; padding-bottom: .3rem; }
  th, td { border: 1px solid #999; padding: .2rem .35rem; text-align: left; vertical-align: top; }
  th { background: #eee; }
  tbody tr:nth-child(even) { background: #f7f7f7; }
  @media print { body { margin: 0; } thead { display: table-header-group; } tr { break-inside: avoid; } @page { size: landscape; margin: 1cm; } }
</style>
</head>
<body>
<h1>Completion roster: ${escape(course.title)}</h1>
<dl>
  <dt>Course</dt><dd>${escape(course.id)} (version ${escape(course.version)} in course.yaml)</dd>
  <dt>Statements</dt><dd>${escape(options.range)}, from ${escape(options.source)}</dd>
  <dt>Generated</dt><dd>${escape(options.generatedAt)}</dd>
  <dt>Credit rule</dt><dd>${escape(rule)}</dd>
  <dt>Summary</dt><dd>${completed.length} completions, ${credited.length} with credit (${hours} hours in all); ${inProgress.length} started but not finished.</dd>
</dl>
${table(completed, ROSTER_COLUMNS, 'Completions')}
${table(inProgress, IN_PROGRESS_COLUMNS, 'Started, not finished')}
<p>Times are UTC. Scores are the best over submitted attempts. The verification code is the one printed on the learner's certificate; check one with <code>npm run roster -- --verify CODE</code>.</p>
</body>
</html>
`;
}
