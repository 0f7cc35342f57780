import XAPI from '@xapi/xapi';
import type { Agent, Statement } from '@xapi/xapi';

type AdapterFunction = NonNullable<ConstructorParameters<typeof XAPI>[0]['adapter']>;

/**
 * The LRS connection both statement drivers (xAPI, cmi5) share: @xapi/xapi 3 builds the
 * requests (resources, query strings, version header), over a small fetch adapter of ours
 * that adds a time-out, `keepalive` for the page's last requests, and hands every HTTP
 * status back instead of throwing, so the outbox can tell "accepted" from "rejected" from
 * "try again".
 */

/** A request gets this long before it counts as failed (and is retried). */
export const REQUEST_TIMEOUT_MS = 10000;
/** Browsers cap the bodies of in-flight keepalive requests at 64 KiB in total. */
export const KEEPALIVE_BYTES = 60000;

/** What one request came back with: the HTTP status, or 0 for no answer (offline, time-out, CORS). */
export interface LrsResponse<T = unknown> {
  readonly status: number;
  readonly data: T | null;
}

/** An @xapi/xapi adapter over `fetch` with a time-out; never throws, never follows a status. */
export function fetchAdapter(options: { timeoutMs: number; keepalive: boolean }): AdapterFunction {
  const adapter = async ({ url, method, headers, data }: { url: string; method: string; headers?: Record<string, unknown>; data?: unknown }) => {
    const plain: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) plain[name] = String(value);
    const body = data === undefined || data === null ? undefined : typeof data === 'string' ? data : JSON.stringify(data);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      // fetch() is called before the first await, so a keepalive request leaves synchronously (pagehide).
      const response = await fetch(url, { method, headers: plain, body, keepalive: options.keepalive, signal: controller.signal, credentials: 'omit', cache: 'no-store' });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON: keep the text */
      }
      return { data: parsed, headers: Object.fromEntries(response.headers.entries()), status: response.status };
    } catch {
      return { data: null, headers: {}, status: 0 };
    } finally {
      clearTimeout(timer);
    }
  };
  return adapter as AdapterFunction;
}

/** The calls the drivers make, each resolving an {@link LrsResponse}. */
export class Lrs {
  private readonly xapi: XAPI;
  private readonly last: XAPI;

  constructor(options: { endpoint: string; auth: string; timeoutMs?: number }) {
    const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
    this.xapi = new XAPI({ endpoint: options.endpoint, auth: options.auth, adapter: fetchAdapter({ timeoutMs, keepalive: false }) });
    this.last = new XAPI({ endpoint: options.endpoint, auth: options.auth, adapter: fetchAdapter({ timeoutMs, keepalive: true }) });
  }

  /** POSTs statements in one request (xAPI 1.0.3 §2.1.2 / Statement Resource). */
  async sendStatements(statements: readonly Statement[]): Promise<number> {
    const response = await this.xapi.sendStatements({ statements: [...statements] });
    return response.status;
  }

  /** The same as a keepalive request started now, for `pagehide`; its answer is never read. */
  sendStatementsNow(statements: readonly Statement[]): void {
    void this.last.sendStatements({ statements: [...statements] });
  }

  async getState<T>(params: { agent: Agent; activityId: string; stateId: string; registration?: string }): Promise<LrsResponse<T>> {
    const response = await this.xapi.getState({ ...params, useCacheBuster: true });
    return { status: response.status, data: response.status === 200 ? (response.data as T) : null };
  }

  async setState(params: { agent: Agent; activityId: string; stateId: string; registration?: string; state: unknown }): Promise<number> {
    const response = await this.xapi.setState({ ...params, state: params.state as never });
    return response.status;
  }

  setStateNow(params: { agent: Agent; activityId: string; stateId: string; registration?: string; state: unknown }): void {
    void this.last.setState({ ...params, state: params.state as never });
  }

  async getAgentProfile<T>(params: { agent: Agent; profileId: string }): Promise<LrsResponse<T>> {
    const response = await this.xapi.getAgentProfile({ ...params, useCacheBuster: true });
    return { status: response.status, data: response.status === 200 ? (response.data as T) : null };
  }
}

/** Waits between reads of a launch document the LRS did not answer; the last one repeats. */
export const READ_BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000, 30000] as const;

/**
 * Reads a document the launch cannot do without (the resume document, cmi5's
 * `LMS.LaunchData`) until the LRS answers it: 200, or 404 for "there is none". A 500, any
 * other status, a dropped connection or a time-out is read again after READ_BACKOFF_MS, for
 * as long as the page is open: a course that started over a record it could not read would
 * record a fresh attempt beside (and later over) the learner's real progress. The learner
 * sees why the course waits (src/app.ts, MESSAGES.connecting); the first failure goes to the console,
 * and `failed` hears of each one (`what`: the document, in words).
 */
export async function readUntilAnswered<T>(read: () => Promise<LrsResponse<T>>, what: string, failed?: (status: number, tries: number, message: string) => void): Promise<LrsResponse<T>> {
  for (let tries = 1; ; tries++) {
    let response: LrsResponse<T>;
    try {
      response = await read();
    } catch {
      response = { status: 0, data: null };
    }
    if (response.status === 200 || response.status === 404) return response;
    const message = response.status ? `The LRS answered HTTP ${response.status} to ${what} (read ${tries}); reading it again.` : `The LRS did not answer ${what} (read ${tries}); reading it again.`;
    if (tries === 1) console.warn(`[slep] ${message}`);
    failed?.(response.status, tries, message);
    const delay = READ_BACKOFF_MS[Math.min(tries, READ_BACKOFF_MS.length) - 1];
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Whether an HTTP status means "written". */
export function accepted(status: number): boolean {
  return status === 200 || status === 204;
}

/** A version 4 UUID, from `crypto.randomUUID` where the page is a secure context, else `getRandomValues`. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i;

/** An absolute http(s) URL with a trailing slash, or null. */
export function endpointOf(text: string | null): string | null {
  if (!text) return null;
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  } catch {
    return null;
  }
}

/**
 * The launch `actor` as an xAPI Agent with exactly one identifier, or null. Accepts the
 * TinCan launch form too, where every property is an array
 * (`{"name":["Ana"],"mbox":["mailto:ana@example.org"]}`, `account[].accountName`).
 */
export function agentOf(text: string | null): Agent | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const one = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
  const name = one(r.name);
  const mbox = one(r.mbox);
  const sha = one(r.mbox_sha1sum);
  const openid = one(r.openid);
  const account = one(r.account) as Record<string, unknown> | undefined;
  const ids: Agent[] = [];
  if (typeof mbox === 'string' && /^mailto:[^@\s]+@[^@\s]+$/.test(mbox)) ids.push({ mbox } as Agent);
  if (typeof sha === 'string' && /^[0-9a-f]{40}$/i.test(sha)) ids.push({ mbox_sha1sum: sha } as Agent);
  if (typeof openid === 'string' && IRI.test(openid)) ids.push({ openid } as Agent);
  if (account && typeof account === 'object') {
    const homePage = account.homePage ?? account.accountServiceHomePage;
    const accountName = account.name ?? account.accountName;
    if (typeof homePage === 'string' && IRI.test(homePage) && typeof accountName === 'string' && accountName) ids.push({ account: { homePage, name: accountName } } as Agent);
  }
  const found = ids[0];
  if (ids.length !== 1 || !found) return null;
  return { objectType: 'Agent', ...(typeof name === 'string' && name ? { name } : {}), ...found } as Agent;
}

/** A stable text key for an agent (for storage keys and learner ids). */
export function agentKey(agent: Agent): string {
  const a = agent as { mbox?: string; mbox_sha1sum?: string; openid?: string; account?: { homePage: string; name: string } };
  return a.mbox ?? a.mbox_sha1sum ?? a.openid ?? (a.account ? `${a.account.homePage}|${a.account.name}` : '');
}

/** An ISO 8601 duration in seconds to the hundredth, e.g. `PT75.5S` (xAPI §4.6). */
export function isoDuration(seconds: number): string {
  const centis = Math.max(0, Math.round(seconds * 100));
  const h = Math.floor(centis / 360000);
  const m = Math.floor((centis % 360000) / 6000);
  const s = (centis % 6000) / 100;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${Number(s.toFixed(2))}S`;
}

/** Seconds in an ISO 8601 duration like `PT1H2M3.5S` (0 when unreadable). */
export function parseIsoDuration(text: unknown): number {
  if (typeof text !== 'string') return 0;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m) return 0;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}

export function safeStorage(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return window[kind];
  } catch {
    return null;
  }
}
