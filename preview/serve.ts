/**
 * `npm start` (after the build): a local preview of the SCORM 1.2 package.
 *
 *   /             the preview page: a stand-in LMS (preview/lms.ts) around the course
 *   /preview.js   preview/preview.ts bundled for the browser by esbuild (includes scorm-again)
 *   /preview.css  the preview page's styles
 *   /course/*     the unzipped package in dist/scorm12/, served with the package's own CSP
 *
 * Listens on 127.0.0.1 only; port from PORT or 8000, or the next free one of a few.
 */
import { existsSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { CSP } from '../build/html.js';

const PREVIEW_DIR = import.meta.dirname;
const REPO_ROOT = resolve(PREVIEW_DIR, '..');

/** The unzipped SCORM 1.2 package the build writes. */
export const DEFAULT_COURSE_ROOT = join(REPO_ROOT, 'dist', 'scorm12');

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
  /** The unzipped package served under /course/. Default dist/scorm12. */
  readonly root?: string;
  readonly host?: string;
  /** How many ports to try, counting up from `port`, when it is busy. Default 10. */
  readonly portAttempts?: number;
}

export interface PreviewServer {
  /** e.g. http://127.0.0.1:8000/ */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startPreviewServer(options: PreviewServerOptions = {}): Promise<PreviewServer> {
  const root = resolve(options.root ?? DEFAULT_COURSE_ROOT);
  const host = options.host ?? '127.0.0.1';
  if (!existsSync(join(root, 'index.html'))) {
    const shown = relative(process.cwd(), join(root, 'index.html')) || join(root, 'index.html');
    throw new PreviewError(`There is no course to preview: ${shown} is missing. Run npm run build first.`);
  }
  const realRoot = await realpath(root);
  const server = createServer((req, res) => {
    handle(req, res, realRoot).catch((error: unknown) => {
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
  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    close: () =>
      (closing ??= new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeIdleConnections();
        // Browsers keep connections open; don't wait for them.
        for (const socket of sockets) socket.destroy();
      })),
  };
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

async function handle(req: IncomingMessage, res: ServerResponse, root: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, req, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
  if (rawPath === '/' || rawPath === '/index.html') {
    const html = await readFile(join(PREVIEW_DIR, 'preview.html'));
    send(res, req, 200, CONTENT_TYPES['.html'] ?? '', html, { 'Content-Security-Policy': PREVIEW_CSP });
  } else if (rawPath === '/preview.js') {
    send(res, req, 200, CONTENT_TYPES['.js'] ?? '', await bundlePreview());
  } else if (rawPath === '/preview.css') {
    send(res, req, 200, CONTENT_TYPES['.css'] ?? '', await readFile(join(PREVIEW_DIR, 'preview.css')));
  } else if (rawPath === '/course') {
    send(res, req, 308, 'text/plain; charset=utf-8', 'See /course/\n', { Location: '/course/' });
  } else if (rawPath.startsWith('/course/')) {
    await serveCourseFile(req, res, root, rawPath.slice('/course/'.length));
  } else if (rawPath === '/favicon.ico') {
    send(res, req, 204, 'text/plain; charset=utf-8', '');
  } else {
    send(res, req, 404, 'text/plain; charset=utf-8', 'Not found\n');
  }
}

/** A file of the package, never anything outside it (no `..`, no encoded tricks, no symlinks out). */
async function serveCourseFile(req: IncomingMessage, res: ServerResponse, root: string, encoded: string): Promise<void> {
  const headers = { 'Content-Security-Policy': CSP };
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

async function main(): Promise<void> {
  const requested = process.env.PORT ? Number(process.env.PORT) : 8000;
  if (!Number.isInteger(requested) || requested < 0 || requested > 65535) throw new PreviewError(`PORT must be a port number, not "${process.env.PORT}".`);
  const server = await startPreviewServer({ port: requested });
  console.log(`Preview: ${server.url}`);
  console.log('Press Ctrl+C to stop.');
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
