import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listDir } from '../../build/files.js';
import { validateScorm12Manifest } from '../../build/validate-manifest.js';
import { checkTincanManifest, validateCmi5Manifest } from '../../build/validate-xapi-manifests.js';
import type { CourseModel } from '../../src/model/course.js';
import { writeCourseFiles } from '../fixtures/course-files.js';

const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'slep-build-'));
const course = writeCourseFiles();

function build(name: string, env: Record<string, string> = {}, courseDir = course) {
  const result = spawnSync('npx', ['tsx', 'build/cli.ts'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, COURSE_DIR: courseDir, DIST_DIR: join(work, name), SLEP_GENERATED_DIR: join(work, `${name}-gen`), ...env },
  });
  return { ...result, dist: join(work, name) };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('npm run build', () => {
  let first: ReturnType<typeof build>;

  const packageJson = readFileSync(join(root, 'package.json'), 'utf8');

  before(() => {
    first = build('a', { TZ: 'America/Los_Angeles' });
  });

  after(() => {
    rmSync(work, { recursive: true, force: true });
    rmSync(course, { recursive: true, force: true });
  });

  it('writes SCORM 1.2, SCORM 2004, xAPI, cmi5 and web zips named by course id and version', () => {
    assert.equal(first.status, 0, first.stderr);
    const zips = readdirSync(first.dist).filter((f) => f.endsWith('.zip')).sort();
    assert.deepEqual(zips, ['fixture-course-1.0.0-cmi5.zip', 'fixture-course-1.0.0-scorm12.zip', 'fixture-course-1.0.0-scorm2004.zip', 'fixture-course-1.0.0-web.zip', 'fixture-course-1.0.0-xapi.zip']);
    assert.ok(readdirSync(first.dist).includes('custom-elements.json'));
  });

  it('leaves package.json untouched (a build changes nothing under version control)', () => {
    assert.equal(readFileSync(join(root, 'package.json'), 'utf8'), packageJson);
  });

  it('writes identical bytes on a second build, in another time zone', () => {
    const second = build('b', { TZ: 'Asia/Tokyo' });
    assert.equal(second.status, 0, second.stderr);
    for (const zip of readdirSync(first.dist).filter((f) => f.endsWith('.zip'))) {
      assert.equal(sha(join(second.dist, zip)), sha(join(first.dist, zip)), zip);
    }
  });

  it('writes a manifest that validates against the SCORM 1.2 XSDs and lists every file', async () => {
    const dir = join(first.dist, 'scorm12');
    const manifestXml = readFileSync(join(dir, 'imsmanifest.xml'), 'utf8');
    assert.deepEqual(await validateScorm12Manifest({ manifestXml, packageDir: dir }), []);
    assert.match(manifestXml, /<adlcp:masteryscore>80<\/adlcp:masteryscore>/);
    const files = await listDir(dir);
    for (const needed of ['imsmanifest.xml', 'index.html', 'app/course.js', 'imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'ims_xml.xsd']) {
      assert.ok(files.includes(needed), needed);
    }
  });

  it('writes a schema-valid cmi5.xml and a tincan.xml for the course IRI', async () => {
    const cmi5Dir = join(first.dist, 'cmi5');
    const xml = readFileSync(join(cmi5Dir, 'cmi5.xml'), 'utf8');
    assert.deepEqual(await validateCmi5Manifest({ xml, packageDir: cmi5Dir }), []);
    assert.match(xml, /moveOn="CompletedAndPassed" masteryScore="0.8" launchMethod="AnyWindow"/);
    const xapiDir = join(first.dist, 'xapi');
    const tincan = readFileSync(join(xapiDir, 'tincan.xml'), 'utf8');
    const courseId = /<activity id="([^"]+)"/.exec(tincan)?.[1] ?? '';
    assert.deepEqual(checkTincanManifest({ xml: tincan, packageDir: xapiDir, courseId }), []);
    assert.match(readFileSync(join(course, 'course.yaml'), 'utf8'), new RegExp(`^id: ${courseId.replace(/[./]/g, '\\$&')}$`, 'm'));
  });

  it('lets the xAPI and cmi5 pages reach an LRS on another origin over HTTPS (or loopback HTTP) only', () => {
    for (const kind of ['xapi', 'cmi5']) {
      const html = readFileSync(join(first.dist, kind, 'index.html'), 'utf8');
      assert.match(html, /connect-src 'self' https: http:\/\/127\.0\.0\.1:\* http:\/\/localhost:\*;/, kind);
      assert.match(html, new RegExp(`data-package="${kind}"`));
    }
    assert.match(readFileSync(join(first.dist, 'scorm12', 'index.html'), 'utf8'), /connect-src 'self';/);
  });

  it('ships a page that runs under a strict CSP and loads nothing from elsewhere', async () => {
    const dir = join(first.dist, 'scorm12');
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    assert.match(html, /http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'/);
    assert.doesNotMatch(html, /<script>(?!<)|<script(?![^>]*\bsrc=)[^>]*>[^<]/, 'no inline script');
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'no remote files');
    assert.equal(html.match(/data-package="scorm12"/)?.length, 1);
    for (const file of (await listDir(dir)).filter((f) => f.endsWith('.js'))) {
      const js = readFileSync(join(dir, file), 'utf8');
      assert.doesNotMatch(js, /\beval\(|new Function\(/, `${file} uses eval`);
      assert.doesNotMatch(js, /Scorm12API|scorm-again/i, `${file} ships scorm-again`);
    }
    assert.match(readFileSync(join(first.dist, 'web', 'index.html'), 'utf8'), /data-package="web"/);
  });

  it('loads the SCORM 1.2 driver as its own chunk', async () => {
    const app = join(first.dist, 'scorm12', 'app');
    const entry = readFileSync(join(app, 'course.js'), 'utf8');
    const chunks = readdirSync(app).filter((f) => f !== 'course.js' && f.endsWith('.js'));
    const scorm = chunks.find((f) => readFileSync(join(app, f), 'utf8').includes('cmi.suspend_data'));
    assert.ok(scorm, 'a chunk holds the SCORM 1.2 driver');
    assert.doesNotMatch(entry, /cmi\.suspend_data/, 'the entry does not include the driver');
  });

  it('splits the course: the entry has no lesson text or bank; each lesson, the bank, workbook and resources are chunks; nothing but the entry loads before the welcome page', () => {
    const model = JSON.parse(readFileSync(join(work, 'a-gen', 'course.json'), 'utf8')) as CourseModel;
    for (const pkg of ['scorm12', 'web'] as const) {
      const dir = join(first.dist, pkg);
      const app = readdirSync(join(dir, 'app'));
      const entry = readFileSync(join(dir, 'app', 'course.js'), 'utf8');
      const lesson = model.lessons[0];
      const prose = lesson?.blocks.find((b) => b.kind === 'prose');
      assert.ok(prose && prose.kind === 'prose' && model.bank[0]);
      assert.ok(!entry.includes(prose.html.slice(0, 40)), 'lesson text is not in the entry');
      assert.ok(!entry.includes(JSON.stringify(model.bank[0].stemText).slice(1, 40)), 'bank text is not in the entry');
      assert.ok(entry.includes(model.checks[0]?.id ?? '-'), 'check ids are (the skeleton)');
      assert.ok(!entry.includes(`"${model.bank[0].id} `), 'bank ids are not: they come with the tracker');
      const start = app.find((f) => f.startsWith('start-'));
      assert.ok(start && readFileSync(join(dir, 'app', start), 'utf8').includes(model.bank[0].id), 'the tracker\'s chunk has the bank skeleton');
      // The attempt state machine comes with the tracker, not in the entry (src/state/store-core.ts):
      // the reducer's cap on evaluation comments is in the attempt chunk only.
      const attempt = app.find((f) => f.startsWith('attempt-'));
      assert.ok(attempt, 'the attempt state machine is a chunk');
      assert.match(readFileSync(join(dir, 'app', attempt), 'utf8'), /\.trim\(\)\.slice\(0,/);
      assert.doesNotMatch(entry, /\.trim\(\)\.slice\(0,/, 'the state machine is not in the entry');
      // The components' templates are minified at build time (build/minify-templates.ts).
      assert.doesNotMatch(entry, /\n {4}/, 'no template indentation in the entry');
      for (const part of [...model.lessons.map((l) => `lesson-${l.id}`), 'bank', 'workbook', 'resources']) {
        assert.ok(app.some((f) => f.startsWith(`content-${part}-`)), `a chunk for ${part}`);
      }
      const html = readFileSync(join(dir, 'index.html'), 'utf8');
      const preloaded = [...html.matchAll(/<link rel="modulepreload" href="app\/([^"]+)">/g)].map((m) => m[1] ?? '');
      // The welcome page needs the entry only; the tracker and driver chunks are fetched once it shows (src/main.ts).
      assert.deepEqual(preloaded, []);
    }
  });

  it('fails on a broken course file with file, line and fix, and writes no package', () => {
    const broken = writeCourseFiles();
    try {
      writeFileSync(join(broken, 'lessons/02-two.md'), readFileSync(join(broken, 'lessons/02-two.md'), 'utf8').replace(':::takeaway', ':::takeway'));
      const result = build('broken', {}, broken);
      assert.equal(result.status, 1);
      assert.match(result.stderr, /lessons\/02-two\.md:\d+: Unknown block ":::takeway"\.\n\s+fix: Use one of:/);
      assert.match(result.stderr, /No package was written/);
      assert.throws(() => readdirSync(result.dist));
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
