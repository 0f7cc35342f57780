/** Talks to the test LRS (tests/lrs/server.ts) the way a reporting tool would, and steers its faults. */

export const XAPI_AUTH = `Basic ${btoa('learner-key:learner-secret')}`;

export interface StoredStatement {
  id: string;
  verb: { id: string };
  object: { id: string; definition?: Record<string, unknown> };
  result?: { score?: { scaled: number; raw: number; min: number; max: number }; success?: boolean; completion?: boolean; response?: string; duration?: string; extensions?: Record<string, unknown> };
  context?: { registration?: string; platform?: string; language?: string; contextActivities?: Record<string, { id: string }[]>; extensions?: Record<string, unknown> };
  timestamp: string;
}

export interface LrsLog {
  delivered: string[];
  problems: { id: string; warnings: unknown[] }[];
  requests: { method: string; path: string; status: number }[];
  fetchCalls: Record<string, number>;
}

let base: Promise<string> | null = null;

/** The front server's address (it is started on first use by the test runner). */
export function lrsUrl(): Promise<string> {
  base ??= fetch('/__lrs').then(async (r) => ((await r.json()) as { url: string }).url);
  return base;
}

export async function lrsLog(): Promise<LrsLog> {
  return (await fetch(`${await lrsUrl()}/__control/log`)).json() as Promise<LrsLog>;
}

/**
 * Makes the next `count` requests (default: all) to the statements resource, or with
 * `target: 'state'` the writes (PUT/POST/DELETE) to the State API (every document but cmi5's
 * LMS.LaunchData: the course's resume document), fail; with `target: 'state-read'` the reads
 * (GET) of the resume document, or with a `stateId` the reads of that State API document (e.g.
 * `LMS.LaunchData`; each document counts its own). `setFault('none')` clears them all.
 */
export async function setFault(fault: 'none' | '500' | 'timeout' | 'drop', count?: number, target?: 'statements' | 'state' | 'state-read', stateId?: string): Promise<void> {
  await fetch(`${await lrsUrl()}/__control/fault`, { method: 'POST', body: JSON.stringify({ fault, count, target, stateId }) });
}

/** Every statement of a registration, oldest first, as the LRS stored them. */
export async function statementsOf(registration: string, auth = XAPI_AUTH): Promise<StoredStatement[]> {
  const url = `${await lrsUrl()}/xapi/statements?registration=${registration}&ascending=true&limit=1000`;
  const response = await fetch(url, { headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' } });
  return ((await response.json()) as { statements: StoredStatement[] }).statements;
}

export const verb = (s: StoredStatement): string => s.verb.id.replace('http://adlnet.gov/expapi/verbs/', '');

/** Waits until the registration holds a statement with `verbName`, and returns them all. */
export async function waitForVerb(registration: string, verbName: string, count = 1, auth = XAPI_AUTH): Promise<StoredStatement[]> {
  let last: StoredStatement[] = [];
  const start = performance.now();
  for (;;) {
    last = await statementsOf(registration, auth);
    if (last.filter((s) => verb(s) === verbName).length >= count) return last;
    if (performance.now() - start > 30000) throw new Error(`Timed out waiting for ${count} "${verbName}" statement(s); have: ${last.map(verb).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function uuid(): string {
  return crypto.randomUUID();
}
