import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CSP } from '../../build/html.js';
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
let root: string;
let server: PreviewServer;
const extraServers: PreviewServer[] = [];

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw request: the path goes out as written (fetch would normalise `..` away). */
function get(path: string, method = 'GET'): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('error', fail);
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
  server = await startPreviewServer({ port: 0, root });
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
    const res = await get('/course/index.html');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.equal(res.headers['content-security-policy'], CSP);
    assert.equal(res.body, INDEX_HTML);
    const dir = await get('/course/');
    assert.equal(dir.status, 200);
    assert.equal(dir.body, INDEX_HTML);
    assert.equal(dir.headers['content-security-policy'], CSP);
  });

  it('sends the right content type for each kind of package file', async () => {
    const expected: Array<[string, RegExp]> = [
      ['/course/app/course.js', /^text\/javascript/],
      ['/course/app/base.css', /^text\/css/],
      ['/course/assets/logo.svg', /^image\/svg\+xml$/],
      ['/course/imsmanifest.xml', /^application\/xml/],
    ];
    for (const [path, type] of expected) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.match(String(res.headers['content-type']), type, path);
      assert.equal(res.headers['content-security-policy'], CSP, path);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', path);
    }
  });

  it('refuses paths that leave dist/scorm12', async () => {
    for (const path of [
      '/course/../package.json',
      '/course/../../package.json',
      '/course/app/../../package.json',
      '/course/..%2fpackage.json',
      '/course/%2e%2e/%2e%2e/package.json',
      '/course/..%5c..%5cpackage.json',
      '/course/%2Ftmp%2Fpackage.json',
      '/course/escape.json',
      '/course/index.html%00.json',
    ]) {
      const res = await get(path);
      assert.ok(res.status === 403 || res.status === 404, `${path} gave ${res.status}`);
      assert.ok(!res.body.includes(SECRET), `${path} leaked a file outside the package`);
    }
    assert.equal((await get('/course/../package.json')).status, 403);
    assert.equal((await get('/course/escape.json')).status, 403, 'a symlink out of the package');
  });

  it('answers 404 for missing files, directories and file types a package does not serve', async () => {
    for (const path of ['/course/missing.html', '/course/app/missing.js', '/course/app', '/course/notes.txt', '/package.json', '/nothing-here']) {
      const res = await get(path);
      assert.equal(res.status, 404, path);
      assert.ok(!res.body.includes(SECRET), path);
    }
    assert.equal((await get('/course/%E0%A4%A')).status, 400, 'malformed escapes');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('/course/index.html', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.equal(head.headers['content-length'], String(Buffer.byteLength(INDEX_HTML)));
    const post = await get('/course/index.html', 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET, HEAD');
  });

  it('tries the next port when the requested one is busy', async () => {
    const next = await startPreviewServer({ port: server.port, root, portAttempts: 5 });
    extraServers.push(next);
    assert.notEqual(next.port, server.port);
    assert.ok(next.port > server.port && next.port < server.port + 5);
  });

  it('refuses to start without a built package', async () => {
    const empty = join(temp, 'empty');
    await mkdir(empty);
    await assert.rejects(startPreviewServer({ port: 0, root: empty }), (error: unknown) => {
      assert.ok(error instanceof PreviewError);
      assert.match(error.message, /index\.html is missing\. Run npm run build first\./);
      return true;
    });
  });
});
