/**
 * The xAPI and cmi5 modes of `npm start`: the preview server's side of the LRS.
 *
 * It starts the test LRS (tests/lrs/server.ts: Learning Locker's `xapi-statements` as a real
 * child process behind the front server with the State API, agent profiles and the cmi5
 * fetch URL) on first use, on 127.0.0.1 and a free port (or LRS_PORT), and does what the
 * LMS does before a launch: the TinCan query parameters (endpoint, auth, actor, registration,
 * activity_id) for the xAPI package, and for cmi5 the LMS.LaunchData document in the State
 * API, a session and a one-time fetch URL. It also reads back what the LRS holds for the
 * inspector (statements newest first, statements it refused, the resume document's size)
 * and flips the "LRS offline" switch. The preview page talks only to the preview server
 * (its CSP allows `connect-src 'self'`); the course talks to the LRS directly, as it would
 * to a real one.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startLrs, XAPI_AUTH } from '../tests/lrs/server.js';
import type { OfflineMode, RejectedPost } from '../tests/lrs/server.js';

/** The State API document that holds the course's resume data (src/tracking/xapi.ts RESUME_STATE_ID). */
const RESUME_STATE_ID = 'https://w3id.org/slep/state/resume';
/** The xAPI and cmi5 drivers keep at most this much resume data (LrsDriver.limits.resumeData). */
export const LRS_RESUME_LIMIT = 64000;
/** Sent by the inspector's own reads so "LRS offline" does not hide the LRS from the author. */
const INSPECTOR = { 'X-Slep-Inspector': '1', 'X-Experience-API-Version': '1.0.3', Authorization: XAPI_AUTH };

export type LrsKind = 'xapi' | 'cmi5';

export interface LaunchRequest {
  readonly kind: LrsKind;
  /** Keep the attempt: the same registration as the last launch. Omit for a new one. */
  readonly registration?: string;
  /** cmi5 launchMode; the TinCan launch has none. */
  readonly launchMode?: 'Normal' | 'Browse' | 'Review';
  /** cmi5 LaunchData masteryScore, 0–1. */
  readonly masteryScore?: number;
}

export interface LaunchAnswer {
  /** The launch URL's query string for dist/<kind>/index.html. */
  readonly query: string;
  readonly registration: string;
  readonly actor: Record<string, unknown>;
  readonly activityId: string;
  readonly endpoint: string;
  /** cmi5: the LaunchData written to the State API before the launch. */
  readonly launchData?: Record<string, unknown>;
}

export interface Inspection {
  /** Newest first, as the LRS stored them. */
  readonly statements: readonly unknown[];
  /** Statement posts the LRS refused for this registration (newest first). */
  readonly rejected: readonly RejectedPost[];
  /** Characters of resume data in the State API document, or null when there is none yet. */
  readonly resumeData: number | null;
  readonly resumeLimit: number;
  readonly offline: OfflineMode;
}

interface Known {
  readonly kind: LrsKind;
  readonly actor: Record<string, unknown>;
  readonly activityId: string;
}

/** The preview's learner, the same in both modes. */
const ACTOR_XAPI = { objectType: 'Agent', name: 'Preview Learner', mbox: 'mailto:preview-learner@example.org' };
const ACTOR_CMI5 = { objectType: 'Agent', name: 'Preview Learner', account: { homePage: 'http://127.0.0.1/preview-lms', name: 'preview-learner' } };

export class LrsBridge {
  private lrs: Promise<{ url: string; stop: () => Promise<void> }> | null = null;
  private readonly known = new Map<string, Known>();
  private offline: OfflineMode = 'none';

  constructor(private readonly options: { distDir: string; port?: number }) {}

  /** The front server's address, starting the LRS on first use. */
  url(): Promise<string> {
    this.lrs ??= startLrs({ port: this.options.port ?? 0 }).catch((error: unknown) => {
      this.lrs = null;
      throw error;
    });
    return this.lrs.then((l) => l.url);
  }

  get started(): boolean {
    return this.lrs !== null;
  }

  async launch(request: LaunchRequest): Promise<LaunchAnswer> {
    const url = await this.url();
    const registration = request.registration && /^[0-9a-f-]{36}$/i.test(request.registration) ? request.registration : randomUUID();
    const endpoint = `${url}/xapi/`;
    if (request.kind === 'xapi') {
      const activityId = await this.packageId('xapi', 'tincan.xml', /<activity id="([^"]+)"/);
      this.known.set(registration, { kind: 'xapi', actor: ACTOR_XAPI, activityId });
      const query = new URLSearchParams({ endpoint, auth: XAPI_AUTH, actor: JSON.stringify(ACTOR_XAPI), registration, activity_id: activityId }).toString();
      return { query, registration, actor: ACTOR_XAPI, activityId, endpoint };
    }
    const publisherId = await this.packageId('cmi5', 'cmi5.xml', /<au id="([^"]+)"/);
    // What a cmi5 LMS does (cmi5 §10): its own activity id for the AU in this registration.
    const activityId = `http://127.0.0.1/preview-lms/registrations/${registration}/au/1`;
    const body = {
      actor: ACTOR_CMI5,
      registration,
      activityId,
      publisherId,
      launchMode: request.launchMode ?? 'Normal',
      moveOn: 'CompletedAndPassed',
      ...(request.masteryScore !== undefined ? { masteryScore: request.masteryScore } : {}),
    };
    const response = await fetch(`${url}/__control/cmi5-launch`, { method: 'POST', body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`The test LRS refused the cmi5 launch (HTTP ${response.status}).`);
    const { fetch: fetchUrl } = (await response.json()) as { session: string; fetch: string };
    this.known.set(registration, { kind: 'cmi5', actor: ACTOR_CMI5, activityId });
    const query = new URLSearchParams({ endpoint, fetch: fetchUrl, actor: JSON.stringify(ACTOR_CMI5), registration, activityId }).toString();
    const launchData = { launchMode: body.launchMode, moveOn: body.moveOn, ...(request.masteryScore !== undefined ? { masteryScore: request.masteryScore } : {}) };
    return { query, registration, actor: ACTOR_CMI5, activityId, endpoint, launchData };
  }

  /** What the LRS holds for a registration the bridge launched. */
  async inspect(registration: string): Promise<Inspection> {
    const url = await this.url();
    const known = this.known.get(registration);
    const statements = await fetch(`${url}/xapi/statements?registration=${encodeURIComponent(registration)}&limit=200`, { headers: INSPECTOR });
    const list = statements.ok ? ((await statements.json()) as { statements: unknown[] }).statements : [];
    const log = (await (await fetch(`${url}/__control/log`)).json()) as { rejected: RejectedPost[]; offline: OfflineMode };
    const rejected = log.rejected.filter((r) => r.statements.some((s) => (s as { context?: { registration?: string } } | null)?.context?.registration === registration)).reverse();
    let resumeData: number | null = null;
    if (known) {
      const q = new URLSearchParams({ activityId: known.activityId, agent: JSON.stringify(known.actor), registration, stateId: RESUME_STATE_ID });
      const state = await fetch(`${url}/xapi/activities/state?${q}`, { headers: INSPECTOR });
      if (state.ok) {
        const doc = (await state.json()) as { resumeData?: unknown };
        resumeData = typeof doc.resumeData === 'string' ? doc.resumeData.length : null;
      }
    }
    return { statements: list, rejected, resumeData, resumeLimit: LRS_RESUME_LIMIT, offline: log.offline ?? this.offline };
  }

  async setOffline(mode: OfflineMode): Promise<void> {
    const url = await this.url();
    await fetch(`${url}/__control/offline`, { method: 'POST', body: JSON.stringify({ mode }) });
    this.offline = mode;
  }

  async close(): Promise<void> {
    const lrs = this.lrs;
    this.lrs = null;
    if (lrs) await (await lrs.catch(() => null))?.stop();
  }

  private async packageId(kind: LrsKind, file: string, pattern: RegExp): Promise<string> {
    const xml = await readFile(join(this.options.distDir, kind, file), 'utf8').catch(() => '');
    const id = pattern.exec(xml)?.[1];
    if (!id) throw new Error(`dist/${kind}/${file} is missing or has no id. Run npm run build first.`);
    return id.replace(/&amp;/g, '&');
  }
}
