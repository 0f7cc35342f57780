import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CSP } from '../../build/html.js';
import { LRS_CONNECT_SRC } from '../../build/registry.js';
import { PREVIEW_CSP, PreviewError, startPreviewServer } from '../../preview/serve.js';
import type { PreviewServer } from '../../preview/serve.js';

const SECRET = 'SECRET-OUTSIDE-THE-PACKAGE';
const INDEX_HTML = '<!doctype html><html lang="en"><head><title>Tiny course</title><script type="module" src="app/course.js"></script></head><body><div id="app"></div></body></html>\n';

const packageFiles: Readonly<Record<string, string>> = {
  'index.html': INDEX_HTML,
  'app/course.js': 'console.log("course");\n',
  'app/base.css': 'body{margin:0}\n',
  'assets/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
  'imsmanifest.xml': '<manifest/>\n',
  'notes.txt': 'not a package file type\n',
};

let temp: string;
let rebuilds = 0;
let root: string;
let server: PreviewServer;
const extraServers: PreviewServer[] = [];

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw request: the path goes out as written (fetch would normalise `..` away). */
function get(path: string, method = 'GET', body?: string): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, agent: false, headers: body ? { 'Content-Type': 'application/json' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** Reads server-sent events from /__preview/events until `until` says stop. */
function readEvents(until: (events: { event: string; data: unknown }[]) => boolean, whenOpen: () => Promise<void>): Promise<{ event: string; data: unknown }[]> {
  return new Promise((done, fail) => {
    const events: { event: string; data: unknown }[] = [];
    const req = request({ host: '127.0.0.1', port: server.port, path: '/__preview/events', agent: false }, (res) => {
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/event-stream/);
      let buffer = '';
      res.setEncoding('utf8');
      let opened = false;
      res.on('data', (chunk: string) => {
        buffer += chunk;
        if (!opened) {
          opened = true;
          whenOpen().catch(fail);
        }
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
        if (until(events)) {
          req.destroy();
          done(events);
        }
      });
    });
    req.on('error', (error) => {
      if (!req.destroyed) fail(error);
    });
    req.end();
  });
}

before(async () => {
  temp = await mkdtemp(join(tmpdir(), 'preview-serve-test-'));
  root = join(temp, 'dist', 'scorm12');
  for (const [path, text] of Object.entries(packageFiles)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  // Files a traversal would reach: beside and above the package.
  await writeFile(join(temp, 'package.json'), JSON.stringify({ name: SECRET }));
  await writeFile(join(temp, 'dist', 'package.json'), JSON.stringify({ name: SECRET }));
  await symlink(join(temp, 'package.json'), join(root, 'escape.json'));
  await mkdir(join(temp, 'dist', 'xapi'), { recursive: true });
  await writeFile(join(temp, 'dist', 'xapi', 'index.html'), INDEX_HTML);
  await mkdir(join(temp, 'watched'));
  server = await startPreviewServer({
    port: 0,
    distDir: join(temp, 'dist'),
    watch: { dirs: [join(temp, 'watched')], debounceMs: 20, rebuild: async () => ({ ok: rebuilds++ > 0 ? false : true, output: 'course/lessons/x.md:3: a made-up problem' }) },
  });
});

after(async () => {
  await server?.close();
  for (const extra of extraServers) await extra.close();
  if (temp) await rm(temp, { recursive: true, force: true });
});

describe('preview server', () => {
  it('listens on 127.0.0.1 and reports its URL', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal(server.url, `http://127.0.0.1:${server.port}/`);
  });

  it('serves the preview page at / under a strict CSP, with no inline script or style', async () => {
    const res = await get('/');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.equal(res.headers['content-security-policy'], PREVIEW_CSP);
    assert.match(PREVIEW_CSP, /script-src 'self'(;|$)/);
    assert.match(res.body, /<title>Course preview/);
    assert.match(res.body, /<script type="module" src="\/preview\.js"><\/script>/);
    assert.match(res.body, /<link rel="stylesheet" href="\/preview\.css">/);
    assert.match(res.body, /<label for="mastery">/);
    for (const mode of ['scorm12', 'moodle', 'scorm2004', 'xapi', 'cmi5', 'web']) assert.match(res.body, new RegExp(`<input type="radio" name="mode" value="${mode}"`), `switcher: ${mode}`);
    for (const id of ['refuse-commits', 'offline', 'launch-mode', 'reset', 'statements', 'outbox', 'resume-size']) assert.match(res.body, new RegExp(`id="${id}"`), id);
    assert.doesNotMatch(res.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline <script>');
    assert.doesNotMatch(res.body, /<style|\sstyle=|\son[a-z]+=/i, 'no inline styles or handlers');
  });

  it('serves /preview.js: preview.ts bundled for the browser, scorm-again included', async () => {
    const res = await get('/preview.js');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/javascript/);
    assert.match(res.body, /\/\/ node_modules\/scorm-again\//, 'the scorm-again source is in the bundle');
    assert.match(res.body, /\bclass _?Scorm12API extends BaseAPI\b/);
    assert.match(res.body, /\bPreviewLms = class\b|\bclass PreviewLms\b/);
    assert.match(res.body, /\/\/ preview\/preview\.ts\n/);
    assert.match(res.body, /LMSInitialize/);
    assert.doesNotMatch(res.body, /from\s*["']scorm-again["']|import\(\s*["']scorm-again["']/, 'scorm-again is bundled, not imported');
    assert.doesNotMatch(res.body, /\bnew Function\(|\beval\(/, 'nothing that script-src \'self\' would block');
  });

  it('serves /preview.css', async () => {
    const res = await get('/preview.css');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/css/);
    assert.match(res.body, /\.course-frame\s*\{/);
  });

  it('serves the package under /course/ with the package CSP', async () => {
    const res = await get('/course/scorm12/index.html');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.equal(res.headers['content-security-policy'], CSP);
    assert.equal(res.body, INDEX_HTML);
    const dir = await get('/course/scorm12/');
    assert.equal(dir.status, 200);
    assert.equal(dir.body, INDEX_HTML);
    assert.equal(dir.headers['content-security-policy'], CSP);
  });

  it('sends the right content type for each kind of package file', async () => {
    const expected: Array<[string, RegExp]> = [
      ['/course/scorm12/app/course.js', /^text\/javascript/],
      ['/course/scorm12/app/base.css', /^text\/css/],
      ['/course/scorm12/assets/logo.svg', /^image\/svg\+xml$/],
      ['/course/scorm12/imsmanifest.xml', /^application\/xml/],
    ];
    for (const [path, type] of expected) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.match(String(res.headers['content-type']), type, path);
      assert.equal(res.headers['content-security-policy'], CSP, path);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', path);
    }
  });

  it('refuses paths that leave the package folder', async () => {
    for (const path of [
      '/course/scorm12/../package.json',
      '/course/scorm12/../../package.json',
      '/course/scorm12/app/../../package.json',
      '/course/scorm12/..%2fpackage.json',
      '/course/scorm12/%2e%2e/%2e%2e/package.json',
      '/course/scorm12/..%5c..%5cpackage.json',
      '/course/scorm12/%2Ftmp%2Fpackage.json',
      '/course/scorm12/escape.json',
      '/course/scorm12/index.html%00.json',
    ]) {
      const res = await get(path);
      assert.ok(res.status === 403 || res.status === 404, `${path} gave ${res.status}`);
      assert.ok(!res.body.includes(SECRET), `${path} leaked a file outside the package`);
    }
    assert.equal((await get('/course/scorm12/../package.json')).status, 403);
    assert.equal((await get('/course/scorm12/escape.json')).status, 403, 'a symlink out of the package');
  });

  it('answers 404 for missing files, directories and file types a package does not serve', async () => {
    for (const path of ['/course/scorm12/missing.html', '/course/scorm12/app/missing.js', '/course/scorm12/app', '/course/scorm12/notes.txt', '/package.json', '/nothing-here']) {
      const res = await get(path);
      assert.equal(res.status, 404, path);
      assert.ok(!res.body.includes(SECRET), path);
    }
    assert.equal((await get('/course/scorm12/%E0%A4%A')).status, 400, 'malformed escapes');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('/course/scorm12/index.html', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.equal(head.headers['content-length'], String(Buffer.byteLength(INDEX_HTML)));
    const post = await get('/course/scorm12/index.html', 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET, HEAD');
  });

  it('serves each package kind under /course/<kind>/ with that package\'s CSP (xAPI: the LRS connect-src)', async () => {
    const xapi = await get('/course/xapi/index.html');
    assert.equal(xapi.status, 200);
    assert.equal(xapi.body, INDEX_HTML);
    assert.match(String(xapi.headers['content-security-policy']), new RegExp(`connect-src ${LRS_CONNECT_SRC.replace(/[*.]/g, '\\$&')}`));
    assert.notEqual(xapi.headers['content-security-policy'], CSP);
    assert.equal((await get('/course/scorm12')).status, 308);
    assert.equal((await get('/course/scorm12')).headers.location, '/course/scorm12/');
    assert.equal((await get('/course/cmi5/index.html')).status, 404, 'a kind that is not built');
    for (const path of ['/course/index.html', '/course/../package.json', '/course/dist/package.json']) {
      const res = await get(path);
      assert.equal(res.status, 404, path);
      assert.ok(!res.body.includes(SECRET), path);
    }
  });

  it('validates the launch and switch requests before touching the LRS', async () => {
    assert.equal((await get('/__preview/launch', 'POST', JSON.stringify({ kind: 'scorm12' }))).status, 400);
    assert.equal((await get('/__preview/launch', 'POST', JSON.stringify({ kind: 'cmi5', masteryScore: 80 }))).status, 400, 'cmi5 mastery is 0–1');
    assert.equal((await get('/__preview/launch', 'POST', '{not json')).status, 400);
    assert.equal((await get('/__preview/launch')).status, 405);
    assert.equal((await get('/__preview/offline', 'POST', JSON.stringify({ mode: 'sometimes' }))).status, 400);
    assert.equal((await get('/__preview/lrs?registration=x')).status, 400);
    assert.equal(server.lrs.started, false, 'no LRS was started for a bad request');
    const status = JSON.parse((await get('/__preview/status')).body) as { kinds: Record<string, boolean> };
    assert.deepEqual(status.kinds, { scorm12: true, scorm2004: false, xapi: true, cmi5: false, web: false });
  });

  it('tells the page over server-sent events when a watched change was rebuilt, and when the build failed', async () => {
    const events = await readEvents(
      (list) => list.filter((e) => e.event === 'built').length >= 2,
      async () => {
        await writeFile(join(temp, 'watched', 'lesson.md'), '# one\n');
        // The second change waits for the first build's event, so it is a second build.
        await new Promise((r) => setTimeout(r, 10));
        while (rebuilds < 1) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, 50));
        await writeFile(join(temp, 'watched', 'lesson.md'), '# two\n');
      },
    );
    const built = events.filter((e) => e.event === 'built').map((e) => e.data as { ok: boolean; output: string });
    assert.equal(events[0]?.event, 'building');
    assert.ok((events[0]?.data as { files: string[] }).files.some((f) => f.endsWith('lesson.md')), JSON.stringify(events[0]));
    assert.equal(built[0]?.ok, true);
    assert.equal(built[1]?.ok, false);
    assert.match(built[1]?.output ?? '', /a made-up problem/);
  });

  it('tries the next port when the requested one is busy', async () => {
    const next = await startPreviewServer({ port: server.port, distDir: join(temp, 'dist'), portAttempts: 5 });
    extraServers.push(next);
    assert.notEqual(next.port, server.port);
    assert.ok(next.port > server.port && next.port < server.port + 5);
  });

  it('refuses to start without a built package', async () => {
    const empty = join(temp, 'empty');
    await mkdir(empty);
    await assert.rejects(startPreviewServer({ port: 0, distDir: empty }), (error: unknown) => {
      assert.ok(error instanceof PreviewError);
      assert.match(error.message, /index\.html is missing\. Run npm run build first\./);
      return true;
    });
  });
});
