/**
 * `npm start` (after the build): a local preview of every package the build writes.
 *
 *   /                   the preview page: a switcher (SCORM 1.2, its Moodle-like mode, SCORM
 *                       2004, xAPI, cmi5, web), the course in a frame and the inspector
 *   /preview.js         preview/preview.ts bundled for the browser by esbuild (includes scorm-again)
 *   /preview.css        the preview page's styles
 *   /course/<kind>/*    the unzipped package in dist/<kind>/, served with that package's own CSP
 *   /__preview/launch   POST: the xAPI or cmi5 launch (starts the test LRS on first use)
 *   /__preview/lrs      GET ?registration=: what the LRS holds (statements, refusals, resume size)
 *   /__preview/offline  POST {"mode": "none" | "503" | "drop"}: the "LRS offline" switch
 *   /__preview/events   server-sent events: "building" and "built" when course/ or src/ change
 *
 * Listens on 127.0.0.1 only; port from PORT or 8000, or the next free one of a few. The test
 * LRS (tests/lrs/server.ts) listens on 127.0.0.1 too, on a free port or LRS_PORT. This page is
 * the dev server's only: nothing here is in a package.
 */
import { existsSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { csp } from '../build/html.js';
import { LRS_CONNECT_SRC } from '../build/registry.js';
import { LrsBridge } from './lrs-bridge.js';
import type { LaunchRequest } from './lrs-bridge.js';
import { runBuild, watchAndRebuild } from './watch.js';
import type { BuildEvent, BuildResult, RebuildWatcher } from './watch.js';

const PREVIEW_DIR = import.meta.dirname;
const REPO_ROOT = resolve(PREVIEW_DIR, '..');

/** Where the build writes the unzipped packages, one folder per kind. */
export const DEFAULT_DIST_DIR = join(REPO_ROOT, 'dist');

/** The package kinds the preview serves, with the CSP each package runs under (build/registry.ts). */
export const PREVIEW_KINDS = ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web'] as const;
export type PreviewKind = (typeof PREVIEW_KINDS)[number];
const KIND_CSP: Readonly<Record<PreviewKind, string>> = {
  scorm12: csp(),
  scorm2004: csp(),
  xapi: csp(LRS_CONNECT_SRC),
  cmi5: csp(LRS_CONNECT_SRC),
  web: csp(),
};

/**
 * The preview page's own policy: as strict as the package's (no inline script
 * or style, nothing from other hosts), plus framing the course from this origin.
 */
export const PREVIEW_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Content types of the files a package may hold; anything else is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.xsd': 'application/xml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** The course cannot be previewed (nothing built yet, or no free port). */
export class PreviewError extends Error {
  override name = 'PreviewError';
}

export interface PreviewServerOptions {
  /** Port to listen on; 0 picks a free one. Default 8000. */
  readonly port?: number;
  /** The build's output: dist/<kind>/ is served under /course/<kind>/. Default dist/. */
  readonly distDir?: string;
  readonly host?: string;
  /** How many ports to try, counting up from `port`, when it is busy. Default 10. */
  readonly portAttempts?: number;
  /** Port for the test LRS's front server (xAPI, cmi5 modes); 0 (default) picks a free one. */
  readonly lrsPort?: number;
  /**
   * Rebuild when these directories change and tell the page (server-sent events). Off by
   * default; `npm start` watches course/ and src/ with the real build.
   */
  readonly watch?: { readonly dirs: readonly string[]; readonly rebuild?: () => Promise<BuildResult>; readonly debounceMs?: number; readonly log?: boolean };
}

export interface PreviewServer {
  /** e.g. http://127.0.0.1:8000/ */
  readonly url: string;
  readonly port: number;
  /** The xAPI/cmi5 side: the test LRS, started on first use. */
  readonly lrs: LrsBridge;
  /** The watcher, when `watch` was given. */
  readonly watcher: RebuildWatcher | null;
  close(): Promise<void>;
}

/** What handle() needs besides the request. */
interface Context {
  readonly dist: string;
  readonly lrs: LrsBridge;
  readonly events: Set<ServerResponse>;
  lastBuild: BuildEvent | null;
}

export async function startPreviewServer(options: PreviewServerOptions = {}): Promise<PreviewServer> {
  const dist = resolve(options.distDir ?? DEFAULT_DIST_DIR);
  const host = options.host ?? '127.0.0.1';
  const built = PREVIEW_KINDS.filter((kind) => existsSync(join(dist, kind, 'index.html')));
  if (!built.length) {
    const shown = relative(process.cwd(), join(dist, 'scorm12', 'index.html')) || join(dist, 'scorm12', 'index.html');
    throw new PreviewError(`There is no course to preview: ${shown} is missing. Run npm run build first.`);
  }
  const context: Context = { dist: await realpath(dist), lrs: new LrsBridge({ distDir: dist, port: options.lrsPort }), events: new Set(), lastBuild: null };
  const server = createServer((req, res) => {
    handle(req, res, context).catch((error: unknown) => {
      console.error('[preview]', error);
      if (!res.headersSent) send(res, req, 500, 'text/plain; charset=utf-8', 'Internal error; see the terminal.\n');
      else res.destroy();
    });
  });
  const port = await listen(server, options.port ?? 8000, host, options.portAttempts ?? 10);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  const watcher = options.watch
    ? watchAndRebuild({
        dirs: options.watch.dirs,
        rebuild: options.watch.rebuild ?? (() => runBuild(REPO_ROOT)),
        debounceMs: options.watch.debounceMs,
        onEvent: (event) => {
          context.lastBuild = event;
          if (options.watch?.log) logBuild(event);
          broadcast(context, event);
        },
      })
    : null;
  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    lrs: context.lrs,
    watcher,
    close: () =>
      (closing ??= (async () => {
        watcher?.close();
        for (const res of context.events) res.end();
        context.events.clear();
        await new Promise<void>((done, fail) => {
          server.close((error) => (error ? fail(error) : done()));
          server.closeIdleConnections();
          // Browsers keep connections open; don't wait for them.
          for (const socket of sockets) socket.destroy();
        });
        await context.lrs.close();
      })()),
  };
}

function logBuild(event: BuildEvent): void {
  if (event.type === 'building') console.log(`[preview] ${event.files.slice(0, 3).join(', ')}${event.files.length > 3 ? ' …' : ''} changed: rebuilding…`);
  else if (event.ok) console.log(`[preview] rebuilt in ${(event.ms / 1000).toFixed(1)} s; the page relaunches the course.`);
  else console.error(`[preview] the build failed; the preview keeps the last good build:\n${event.output.trim().split('\n').slice(-20).join('\n')}`);
}

/** One server-sent event to every open page. */
function broadcast(context: Context, event: BuildEvent): void {
  const text = `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
  for (const res of context.events) res.write(text);
}

async function listen(server: Server, firstPort: number, host: string, attempts: number): Promise<number> {
  const tries = firstPort === 0 ? 1 : Math.max(1, attempts);
  for (let i = 0; i < tries; i++) {
    const port = firstPort + i;
    try {
      await new Promise<void>((done, fail) => {
        const onError = (error: Error): void => {
          server.off('listening', onListening);
          fail(error);
        };
        const onListening = (): void => {
          server.off('error', onError);
          done();
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(port, host);
      });
      return (server.address() as AddressInfo).port;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  const last = firstPort + tries - 1;
  throw new PreviewError(`Port ${firstPort}${tries > 1 ? `–${last}` : ''} is busy. Set PORT to a free port, e.g. PORT=8100 npm start.`);
}

async function handle(req: IncomingMessage, res: ServerResponse, context: Context): Promise<void> {
  const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
  if (rawPath.startsWith('/__preview/')) {
    await handleApi(req, res, context, rawPath.slice('/__preview/'.length));
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, req, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  if (rawPath === '/' || rawPath === '/index.html') {
    const html = await readFile(join(PREVIEW_DIR, 'preview.html'));
    send(res, req, 200, CONTENT_TYPES['.html'] ?? '', html, { 'Content-Security-Policy': PREVIEW_CSP });
  } else if (rawPath === '/preview.js') {
    send(res, req, 200, CONTENT_TYPES['.js'] ?? '', await bundlePreview());
  } else if (rawPath === '/preview.css') {
    send(res, req, 200, CONTENT_TYPES['.css'] ?? '', await readFile(join(PREVIEW_DIR, 'preview.css')));
  } else if (rawPath.startsWith('/course/')) {
    const [kind, ...rest] = rawPath.slice('/course/'.length).split('/');
    if (!(PREVIEW_KINDS as readonly string[]).includes(kind ?? '')) {
      send(res, req, 404, 'text/plain; charset=utf-8', 'Not found\n');
    } else if (rest.length === 0) {
      send(res, req, 308, 'text/plain; charset=utf-8', `See /course/${kind}/\n`, { Location: `/course/${kind}/` });
    } else {
      await serveCourseFile(req, res, join(context.dist, kind as PreviewKind), rest.join('/'), KIND_CSP[kind as PreviewKind]);
    }
  } else if (rawPath === '/favicon.ico') {
    send(res, req, 204, 'text/plain; charset=utf-8', '');
  } else {
    send(res, req, 404, 'text/plain; charset=utf-8', 'Not found\n');
  }
}

/** The preview page's JSON and event routes (never part of a package). */
async function handleApi(req: IncomingMessage, res: ServerResponse, context: Context, route: string): Promise<void> {
  const json = (status: number, data: unknown): void => send(res, req, status, 'application/json; charset=utf-8', JSON.stringify(data));
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  const wrong = (allow: string): void => send(res, req, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { Allow: allow });
  try {
    if (route === 'events') {
      if (method !== 'GET') return wrong('GET');
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', Connection: 'keep-alive' });
      res.write('retry: 1000\n: connected\n\n');
      context.events.add(res);
      req.on('close', () => context.events.delete(res));
      return;
    }
    if (route === 'status') {
      if (method !== 'GET' && method !== 'HEAD') return wrong('GET, HEAD');
      const kinds = Object.fromEntries(PREVIEW_KINDS.map((kind) => [kind, existsSync(join(context.dist, kind, 'index.html'))]));
      return json(200, { kinds, lastBuild: context.lastBuild, lrsStarted: context.lrs.started });
    }
    if (route === 'launch') {
      if (method !== 'POST') return wrong('POST');
      const body = (await readJson(req)) as Partial<LaunchRequest>;
      if (body.kind !== 'xapi' && body.kind !== 'cmi5') return json(400, { error: 'kind must be "xapi" or "cmi5"' });
      if (body.launchMode !== undefined && !['Normal', 'Browse', 'Review'].includes(body.launchMode)) return json(400, { error: 'launchMode must be Normal, Browse or Review' });
      if (body.masteryScore !== undefined && !(typeof body.masteryScore === 'number' && body.masteryScore >= 0 && body.masteryScore <= 1)) return json(400, { error: 'masteryScore must be a number from 0 to 1' });
      return json(200, await context.lrs.launch({ kind: body.kind, registration: typeof body.registration === 'string' ? body.registration : undefined, launchMode: body.launchMode, masteryScore: body.masteryScore }));
    }
    if (route === 'lrs') {
      if (method !== 'GET') return wrong('GET');
      const registration = url.searchParams.get('registration') ?? '';
      if (!/^[0-9a-f-]{36}$/i.test(registration)) return json(400, { error: 'registration must be a UUID' });
      return json(200, await context.lrs.inspect(registration));
    }
    if (route === 'offline') {
      if (method !== 'POST') return wrong('POST');
      const { mode } = (await readJson(req)) as { mode?: unknown };
      if (mode !== 'none' && mode !== '503' && mode !== 'drop') return json(400, { error: 'mode must be "none", "503" or "drop"' });
      await context.lrs.setOffline(mode);
      return json(200, { mode });
    }
  } catch (error) {
    if (error instanceof SyntaxError) return json(400, { error: 'The request body is not JSON.' });
    console.error('[preview]', error);
    return json(502, { error: error instanceof Error ? error.message : String(error) });
  }
  json(404, { error: 'not found' });
}

/** A small JSON request body (the page's own requests: a few hundred bytes). */
function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((done, fail) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 16384) {
        fail(new SyntaxError('too large'));
        req.destroy();
      }
    });
    req.on('end', () => {
      try {
        done(text ? JSON.parse(text) : {});
      } catch (error) {
        fail(error);
      }
    });
    req.on('error', fail);
  });
}

/** A file of the package, never anything outside it (no `..`, no encoded tricks, no symlinks out). */
async function serveCourseFile(req: IncomingMessage, res: ServerResponse, packageDir: string, encoded: string, policy: string): Promise<void> {
  const headers = { 'Content-Security-Policy': policy };
  let root: string;
  try {
    root = await realpath(packageDir);
  } catch {
    send(res, req, 404, 'text/plain; charset=utf-8', 'This package is not built. Run npm run build.\n', headers);
    return;
  }
  const notFound = (): void => send(res, req, 404, 'text/plain; charset=utf-8', 'Not found\n', headers);
  const forbidden = (): void => send(res, req, 403, 'text/plain; charset=utf-8', 'Forbidden\n', headers);
  let path: string;
  try {
    path = decodeURIComponent(encoded || 'index.html');
  } catch {
    send(res, req, 400, 'text/plain; charset=utf-8', 'Bad request\n', headers);
    return;
  }
  if (path.endsWith('/')) path += 'index.html';
  const segments = path.split(/[/\\]/);
  if (path.includes('\0') || isAbsolute(path) || segments.some((s) => s === '..' || s === '.')) {
    forbidden();
    return;
  }
  const type = CONTENT_TYPES[extname(path).toLowerCase()];
  if (!type) {
    notFound();
    return;
  }
  let file: string;
  try {
    file = await realpath(resolve(root, path));
  } catch {
    notFound();
    return;
  }
  if (!inside(root, file)) {
    forbidden();
    return;
  }
  const info = await stat(file);
  if (!info.isFile()) {
    notFound();
    return;
  }
  send(res, req, 200, type, await readFile(file), headers);
}

function inside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/** preview.ts (+ lms.ts + scorm-again) as one browser module, unminified. Bundled on each request so edits show on reload. */
async function bundlePreview(): Promise<string> {
  const result = await build({
    entryPoints: [join(PREVIEW_DIR, 'preview.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    absWorkingDir: REPO_ROOT,
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild wrote no output for preview/preview.ts');
  return file.text;
}

function send(res: ServerResponse, req: IncomingMessage, status: number, type: string, body: string | Buffer, extra: OutgoingHttpHeaders = {}): void {
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...extra,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function portFrom(name: string, fallback: number): number {
  const text = process.env[name];
  const port = text ? Number(text) : fallback;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PreviewError(`${name} must be a port number, not "${text}".`);
  return port;
}

async function main(): Promise<void> {
  const server = await startPreviewServer({
    port: portFrom('PORT', 8000),
    lrsPort: portFrom('LRS_PORT', 0),
    watch: { dirs: [join(REPO_ROOT, 'course'), join(REPO_ROOT, 'src')], log: true },
  });
  console.log(`Preview: ${server.url}`);
  console.log('Watching course/ and src/: a change rebuilds and relaunches the course. Press Ctrl+C to stop.');
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof PreviewError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
