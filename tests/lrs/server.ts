/**
 * The test LRS: Learning Locker's statement service (npm `xapi-statements`, in memory) as a
 * real child process, behind a small front server that adds what it lacks — the State API,
 * the agent profile API and the cmi5 fetch URL — checks the credentials the course sends,
 * validates every statement with Learning Locker's validator, and can misbehave on request
 * (answer 500, time out, drop the connection) for the outbox tests.
 *
 * Both listen on loopback (127.0.0.1) ports chosen by the system, or the front server on the
 * port given to startLrs(). Run: `tsx tests/lrs/server.ts`; it prints one JSON line
 * `{"url": "http://127.0.0.1:<port>"}` when ready and stops on SIGTERM or when its stdin closes.
 *
 * The same server backs the xAPI and cmi5 modes of `npm start` (preview/lrs-bridge.ts): one
 * implementation for the preview and the tests. For the preview it also keeps the statements
 * the upstream refused (`rejected` in the log) and can play "offline" for every learner-facing
 * route (`/__control/offline`); a request with the header `X-Slep-Inspector: 1` (the preview's
 * own inspector) is never refused.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

const require = createRequire(import.meta.url);
const validate = (require('@learninglocker/xapi-validation') as { default: (data: unknown) => unknown[] }).default;

/** The Basic credentials the upstream LRS accepts (AUTH_REPO=test takes any). */
const UPSTREAM_AUTH = `Basic ${Buffer.from('test:test').toString('base64')}`;
/** The xAPI launch credentials the course must send. */
export const XAPI_AUTH = `Basic ${Buffer.from('learner-key:learner-secret').toString('base64')}`;

type Fault = 'none' | '500' | 'timeout' | 'drop';
/** "LRS offline" in the preview: every /xapi/ and cmi5 fetch request answers 503, or its connection drops. */
export type OfflineMode = 'none' | '503' | 'drop';

/** A statement POST/PUT the upstream LRS refused (4xx), as the preview's inspector shows it. */
export interface RejectedPost {
  readonly at: string;
  readonly status: number;
  readonly answer: string;
  readonly statements: readonly unknown[];
}

export interface LrsOptions {
  /** Port of the front server on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
}

interface Cmi5Launch {
  readonly token: string;
  fetchCalls: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function startUpstream(): Promise<{ url: string; child: ChildProcess; dir: string }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'slep-lrs-'));
  const main = require.resolve('xapi-statements/dist/index.js');
  const child = spawn(process.execPath, ['--require', join(import.meta.dirname, 'sortable-ids.cjs'), main], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      MODELS_REPO: 'memory',
      STORAGE_REPO: 'local',
      AUTH_REPO: 'test',
      EVENTS_REPO: 'test',
      EXPRESS_PORT: String(port),
      FS_LOCAL_STORAGE_DIR: join(dir, 'storage'),
      EXPRESS_MORGAN_DIRECTORY: join(dir, 'logs'),
      WINSTON_CONSOLE_LEVEL: 'error',
      NODE_NO_WARNINGS: '1',
      SERVICE_AWAIT_UPDATES: 'true',
    },
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`xapi-statements exited: ${output}`);
    try {
      const r = await fetch(`${url}/xAPI/about`, { headers: { 'X-Experience-API-Version': '1.0.3' } });
      if (r.status < 500) return { url, child, dir };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`xapi-statements did not start: ${output}`);
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (text += d));
    req.on('end', () => resolve(text));
  });
}

/** A canonical key for an agent in a query string (so `{"mbox":…}` matches however it is spelled). */
function agentKey(text: string | null): string {
  try {
    const a = JSON.parse(text ?? '') as Record<string, unknown>;
    const account = a.account as { homePage?: string; name?: string } | undefined;
    return String(a.mbox ?? a.mbox_sha1sum ?? a.openid ?? (account ? `${account.homePage}|${account.name}` : ''));
  } catch {
    return '';
  }
}

export async function startLrs(options: LrsOptions = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  const upstream = await startUpstream();
  const documents = new Map<string, { contentType: string; body: string }>();
  const launches = new Map<string, Cmi5Launch>();
  const tokens = new Set<string>([XAPI_AUTH]);
  /** Statement ids in the order the LRS first stored them, with what the validator said. */
  const delivered: string[] = [];
  const deliveredIds = new Set<string>();
  const problems: { id: string; warnings: unknown[] }[] = [];
  const requests: { method: string; path: string; status: number }[] = [];
  const rejected: RejectedPost[] = [];
  let fault: Fault = 'none';
  let faultCount = 0;
  let stateFault: Fault = 'none';
  let stateFaultCount = 0;
  /**
   * Faults of State API reads (GET), per document: under a stateId, that document's reads; under
   * '' every document's but cmi5's LMS.LaunchData (i.e. the course's resume document).
   */
  const readFaults = new Map<string, { fault: Fault; count: number }>();
  let offline: OfflineMode = 'none';
  const hanging = new Set<ServerResponse>();
  /** Statement writes forwarded upstream and not yet booked. */
  const writing = new Set<Promise<void>>();

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match, X-Slep-Inspector');
    res.setHeader('Access-Control-Expose-Headers', 'ETag, X-Experience-API-Version');
    res.setHeader('Access-Control-Max-Age', '600');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const send = (status: number, data?: unknown, type = 'application/json') => {
      requests.push({ method: req.method ?? '', path: url.pathname, status });
      res.writeHead(status, data === undefined ? {} : { 'Content-Type': type });
      res.end(data === undefined ? undefined : typeof data === 'string' ? data : JSON.stringify(data));
    };
    const text = await body(req);
    /** Answers with an induced fault: 500, a dropped connection, or no answer (time-out). */
    const induce = (current: Fault): void => {
      if (current === '500') return send(500, { error: 'induced failure' });
      // Logged with status 0: the request got no answer (dropped, or left to time out).
      requests.push({ method: req.method ?? '', path: url.pathname, status: 0 });
      if (current === 'drop') return void req.socket.destroy();
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
    };

    // Test controls.
    if (url.pathname === '/__control/fault' && req.method === 'POST') {
      // target "statements" (default) or "state": writes (PUT/POST/DELETE) of State API documents
      // other than cmi5's LMS.LaunchData, i.e. the course's resume document. "none" without a
      // target clears them all.
      // "state-read": reads (GET) of the resume document, or with a stateId of that document
      // (e.g. LMS.LaunchData); each document keeps its own count.
      const c = JSON.parse(text) as { fault: Fault; count?: number; target?: 'statements' | 'state' | 'state-read'; stateId?: string };
      if (c.target === undefined && c.fault === 'none') readFaults.clear();
      if (c.target === 'state-read') {
        if (c.fault === 'none') readFaults.delete(c.stateId ?? '');
        else readFaults.set(c.stateId ?? '', { fault: c.fault, count: c.count ?? Number.POSITIVE_INFINITY });
        return send(204);
      }
      if (c.target !== 'state') {
        fault = c.fault;
        faultCount = c.count ?? Number.POSITIVE_INFINITY;
      }
      if (c.target === 'state' || (c.target === undefined && c.fault === 'none')) {
        stateFault = c.fault;
        stateFaultCount = c.count ?? Number.POSITIVE_INFINITY;
      }
      if (c.fault === 'none') for (const r of hanging) r.destroy();
      return send(204);
    }
    if (url.pathname === '/__control/offline' && req.method === 'POST') {
      offline = (JSON.parse(text) as { mode: OfflineMode }).mode;
      if (offline === 'none') for (const r of hanging) r.destroy();
      return send(204);
    }
    if (url.pathname === '/__control/log') return send(200, { delivered, problems, requests, rejected, offline, fetchCalls: Object.fromEntries([...launches].map(([k, v]) => [k, v.fetchCalls])) });
    if (offline !== 'none' && (url.pathname.startsWith('/xapi/') || url.pathname.startsWith('/cmi5/')) && req.headers['x-slep-inspector'] !== '1') {
      if (offline === 'drop') return void req.socket.destroy();
      return send(503, { error: 'LRS offline (preview switch)' });
    }
    if (url.pathname === '/__control/cmi5-launch' && req.method === 'POST') {
      // What a cmi5 LMS does before launching an AU (cmi5 §10): LMS.LaunchData, a session, a fetch URL.
      const c = JSON.parse(text) as { actor: unknown; registration: string; activityId: string; publisherId: string; launchMode: string; masteryScore?: number; moveOn: string; returnURL?: string };
      const session = randomUUID();
      const token = Buffer.from(`cmi5:${session}`).toString('base64');
      launches.set(session, { token: `Basic ${token}`, fetchCalls: 0 });
      const launchData = {
        contextTemplate: { contextActivities: { grouping: [{ objectType: 'Activity', id: c.publisherId }] }, extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': session } },
        launchMode: c.launchMode,
        moveOn: c.moveOn,
        ...(c.masteryScore !== undefined ? { masteryScore: c.masteryScore } : {}),
        ...(c.returnURL ? { returnURL: c.returnURL } : {}),
      };
      documents.set(`state|${c.activityId}|${agentKey(JSON.stringify(c.actor))}|${c.registration}|LMS.LaunchData`, { contentType: 'application/json', body: JSON.stringify(launchData) });
      return send(200, { session, fetch: `http://127.0.0.1:${port()}/cmi5/fetch/${session}` });
    }
    if (url.pathname.startsWith('/cmi5/fetch/') && req.method === 'POST') {
      const launch = launches.get(url.pathname.slice('/cmi5/fetch/'.length));
      if (!launch) return send(200, { 'error-code': '3', 'error-text': 'Unknown fetch URL' });
      launch.fetchCalls += 1;
      // cmi5 §8.2: the fetch URL answers the token once; later calls get an error (still HTTP 200).
      if (launch.fetchCalls > 1) return send(200, { 'error-code': '1', 'error-text': 'Already in use' });
      tokens.add(launch.token);
      return send(200, { 'auth-token': launch.token.slice('Basic '.length) });
    }

    // `more` links from the upstream say /xAPI/…; the course's endpoint is /xapi/.
    if (!url.pathname.toLowerCase().startsWith('/xapi/')) return send(404, { error: 'not found' });
    if (!tokens.has(req.headers.authorization ?? '')) return send(401, { error: 'unknown credentials' });
    const resource = url.pathname.slice('/xapi/'.length);

    if (resource === 'statements') {
      if (fault !== 'none' && faultCount > 0) {
        faultCount -= 1;
        const current = fault;
        if (faultCount <= 0) fault = 'none';
        return induce(current);
      }
      // A read waits for the writes in flight, so a statement it returns is already in `delivered`.
      let release = (): void => undefined;
      if (req.method === 'GET') await Promise.allSettled([...writing]);
      else {
        const done = new Promise<void>((resolve) => (release = resolve));
        writing.add(done);
        void done.then(() => writing.delete(done));
      }
      const headers = { 'X-Experience-API-Version': '1.0.3', Authorization: UPSTREAM_AUTH, 'Content-Type': 'application/json' };
      let response: Response;
      let answer: string;
      try {
        response = await fetch(`${upstream.url}/xAPI/statements${url.search}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : text });
        answer = await response.text();
      } catch (error) {
        release();
        throw error;
      }
      if (req.method !== 'GET' && response.status >= 400 && response.status < 500) {
        let posted: unknown = null;
        try {
          posted = JSON.parse(text);
        } catch {
          posted = text;
        }
        rejected.push({ at: new Date().toISOString(), status: response.status, answer: answer.slice(0, 2000), statements: Array.isArray(posted) ? posted : [posted] });
      }
      if (req.method !== 'GET' && (response.status === 200 || response.status === 204)) {
        const posted = JSON.parse(text) as { id: string } | { id: string }[];
        for (const statement of Array.isArray(posted) ? posted : [posted]) {
          if (deliveredIds.has(statement.id)) continue;
          deliveredIds.add(statement.id);
          delivered.push(statement.id);
          const warnings = validate(statement);
          if (warnings.length) problems.push({ id: statement.id, warnings });
        }
      }
      release();
      return send(response.status, answer || undefined);
    }

    if (resource === 'activities/state' || resource === 'agents/profile') {
      const q = url.searchParams;
      const key =
        resource === 'activities/state'
          ? `state|${q.get('activityId')}|${agentKey(q.get('agent'))}|${q.get('registration') ?? ''}|${q.get('stateId')}`
          : `profile|${agentKey(q.get('agent'))}|${q.get('profileId')}`;
      if (resource === 'activities/state' && req.method === 'GET') {
        const stateId = q.get('stateId') ?? '';
        const slot = readFaults.has(stateId) ? stateId : stateId !== 'LMS.LaunchData' ? '' : null;
        const read = slot === null ? undefined : readFaults.get(slot);
        if (slot !== null && read) {
          read.count -= 1;
          if (read.count <= 0) readFaults.delete(slot);
          return induce(read.fault);
        }
      }
      if (resource === 'activities/state' && req.method !== 'GET' && q.get('stateId') !== 'LMS.LaunchData' && stateFault !== 'none' && stateFaultCount > 0) {
        stateFaultCount -= 1;
        const current = stateFault;
        if (stateFaultCount <= 0) stateFault = 'none';
        return induce(current);
      }
      if (req.method === 'GET') {
        const doc = documents.get(key);
        if (!doc) return send(404, { error: 'no document' });
        return send(200, doc.body, doc.contentType);
      }
      if (req.method === 'PUT' || req.method === 'POST') {
        const old = documents.get(key);
        let next = text;
        if (req.method === 'POST' && old) next = JSON.stringify({ ...JSON.parse(old.body), ...JSON.parse(text) });
        documents.set(key, { contentType: req.headers['content-type'] ?? 'application/json', body: next });
        return send(204);
      }
      if (req.method === 'DELETE') {
        documents.delete(key);
        return send(204);
      }
    }
    if (resource === 'about') return send(200, { version: ['1.0.3'] });
    return send(404, { error: 'not supported here' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      upstream.child.kill();
      rmSync(upstream.dir, { recursive: true, force: true });
      reject(error);
    });
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = () => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  };
  const stop = async () => {
    for (const r of hanging) r.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    upstream.child.kill();
    rmSync(upstream.dir, { recursive: true, force: true });
  };
  return { url: `http://127.0.0.1:${port()}`, stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lrs = await startLrs();
  process.stdout.write(`${JSON.stringify({ url: lrs.url })}\n`);
  const quit = () => void lrs.stop().then(() => process.exit(0));
  process.on('SIGTERM', quit);
  process.on('SIGINT', quit);
  process.stdin.on('end', quit);
  process.stdin.resume();
}
