/**
 * Reading the course's statements from an LRS, page by page (`@xapi/xapi`, its fetch adapter),
 * following the `more` links until there are none. Each page is handed to the caller and then
 * dropped: nothing accumulates here.
 */
import XAPI from '@xapi/xapi';
import type { Agent, StatementsResponse } from '@xapi/xapi';
import type { RosterStatement } from './aggregate.js';

export interface LrsOptions {
  /** The LRS's xAPI endpoint, e.g. https://lrs.example.org/xapi/ */
  readonly endpoint: string;
  /** The full Authorization header value (`Basic …`). */
  readonly auth: string;
}

export interface StatementQuery {
  /** ISO 8601: statements the LRS stored after this time. */
  readonly since?: string;
  /** ISO 8601: statements the LRS stored at or before this time. */
  readonly until?: string;
  readonly registration?: string;
  readonly agent?: Agent;
  readonly verb?: string;
  /** Statements per page; the LRS may return fewer. */
  readonly limit?: number;
}

export function basicAuth(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

/** The cmi5 AU's activity id for a course IRI (manifests/cmi5.ts). */
export function auIdOf(courseId: string): string {
  return `${courseId.replace(/\/+$/, '')}/au/main`;
}

/**
 * The course's resume document (src/tracking/xapi.ts RESUME_STATE_ID) of one registration,
 * for the best score it records (`recorded.score`, 0–1); null when there is none.
 */
export async function storedBestScore(lrs: LrsOptions, options: { agent: Agent; activityId: string; registration: string; stateId: string }): Promise<number | null> {
  const xapi = new XAPI({ endpoint: lrs.endpoint, auth: lrs.auth, adapter: 'fetch' });
  try {
    const response = await xapi.getState(options);
    const score = (response.data as { recorded?: { score?: unknown } } | null)?.recorded?.score;
    return typeof score === 'number' && score >= 0 && score <= 1 ? score : null;
  } catch {
    return null; // 404 (no document) or no access to the State API: the statements' score stands
  }
}

function relatedIds(s: RosterStatement): string[] {
  const out = [s.object?.id ?? ''];
  for (const list of Object.values(s.context?.contextActivities ?? {})) {
    if (!list) continue;
    for (const a of Array.isArray(list) ? list : [list]) out.push(a.id ?? '');
  }
  return out;
}

/**
 * Every statement of the course: first those related to the cmi5 AU (`<course IRI>/au/main`),
 * then those related to the course IRI that were not already read (the xAPI package, whose
 * activity is the course IRI). Calls `onPage` once per page, in order; returns pages read.
 */
export async function streamCourseStatements(
  lrs: LrsOptions,
  courseId: string,
  query: StatementQuery,
  onPage: (statements: readonly RosterStatement[]) => void | Promise<void>,
): Promise<{ pages: number; statements: number }> {
  const au = auIdOf(courseId);
  const a = await streamStatements(lrs, { ...query, activity: au }, onPage);
  const b = await streamStatements(lrs, { ...query, activity: courseId }, (page) => onPage(page.filter((s) => !relatedIds(s).includes(au))));
  return { pages: a.pages + b.pages, statements: a.statements + b.statements };
}

/** One query with `related_activities`, every page. */
export async function streamStatements(
  lrs: LrsOptions,
  query: StatementQuery & { activity: string },
  onPage: (statements: readonly RosterStatement[]) => void | Promise<void>,
): Promise<{ pages: number; statements: number }> {
  const xapi = new XAPI({ endpoint: lrs.endpoint, auth: lrs.auth, adapter: 'fetch' });
  let response: StatementsResponse;
  try {
    response = (
      await xapi.getStatements({
        activity: query.activity,
        related_activities: true,
        ascending: true,
        limit: query.limit ?? 500,
        ...(query.since ? { since: query.since } : {}),
        ...(query.until ? { until: query.until } : {}),
        ...(query.registration ? { registration: query.registration } : {}),
        ...(query.agent ? { agent: query.agent } : {}),
        ...(query.verb ? { verb: query.verb } : {}),
      })
    ).data as StatementsResponse;
  } catch (error) {
    throw new Error(`The LRS at ${lrs.endpoint} refused the statement query: ${(error as Error).message}`);
  }
  let pages = 0;
  let statements = 0;
  for (;;) {
    pages += 1;
    statements += response.statements.length;
    await onPage(response.statements as unknown as RosterStatement[]);
    const more = response.more;
    if (!more) break;
    try {
      // A `more` link is relative to the LRS's host (xAPI 1.0.3 §2.1.3); @xapi/xapi resolves it so.
      const path = /^https?:/i.test(more) ? `${new URL(more).pathname}${new URL(more).search}` : more;
      response = (await xapi.getMoreStatements({ more: path })).data as StatementsResponse;
    } catch (error) {
      throw new Error(`The LRS at ${lrs.endpoint} refused the next page (${more}): ${(error as Error).message}`);
    }
  }
  return { pages, statements };
}
