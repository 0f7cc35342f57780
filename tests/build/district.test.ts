import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compileDistrict } from '../../build/compile/district.js';
import { contrastRatio } from '../../build/compile/contrast.js';
import { Problems } from '../../build/compile/problems.js';
import { writeCourseFiles } from '../fixtures/course-files.js';

const root = resolve(import.meta.dirname, '../..');
const example = join(root, 'examples', 'district', 'district.yaml');
const work = mkdtempSync(join(tmpdir(), 'slep-district-'));
const rel = (path: string) => relative(root, path).split('\\').join('/');

/** Writes a district file (and optional side files) in a fresh folder; returns its path. */
function districtFile(yaml: string, files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(work, 'd-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  writeFileSync(join(dir, 'district.yaml'), yaml);
  return join(dir, 'district.yaml');
}

function compile(file: string) {
  const problems = new Problems();
  const compiled = compileDistrict({ file, rootDir: root, courseDir: join(root, 'course'), problems });
  return { compiled, problems: problems.list, text: problems.format() };
}

/** The 1-based line of the first line of `yaml` containing `needle`. */
const lineOf = (yaml: string, needle: string) => yaml.split('\n').findIndex((l) => l.includes(needle)) + 1;

after(() => rmSync(work, { recursive: true, force: true }));

describe('district override file: checks', () => {
  it('accepts the sample district (examples/district) with its name, logo, colours, contacts, certificate and resources', () => {
    const { compiled, problems } = compile(example);
    assert.deepEqual(problems, []);
    assert.equal(compiled.district.name, 'Riverside Unified School District');
    assert.deepEqual(compiled.district.contacts.map((c) => c.role), ['SRO program lead', 'Agency liaison']);
    assert.equal(compiled.district.logo?.src, 'assets/district/logo.svg');
    assert.equal(compiled.district.signature?.name, 'Dr. Elena Ortiz');
    assert.match(compiled.issuer, /Riverside Police Department/);
    assert.equal(compiled.resources.length, 2);
    assert.ok(compiled.resources.every((r) => r.group === 'local'));
    assert.match(compiled.css, /--slep-color-accent:#1f5130/);
  });

  it('fails a low-contrast text pair with the file and the line of the colour', () => {
    const yaml = 'organization: Test District\ncolors:\n  background: "#ffffff"\n  primary: "#7fa8d6"\n';
    const file = districtFile(yaml);
    const { problems } = compile(file);
    // On the background, under white button text, and on the tinted panels: each at the line of "primary".
    assert.equal(problems.length, 3, JSON.stringify(problems));
    assert.ok(problems.every((p) => p.file === rel(file) && p.line === lineOf(yaml, 'primary:')));
    assert.match(problems[0]?.message ?? '', /Contrast of primary #7fa8d6 on background #ffffff is 2\.48:1; WCAG 2\.1 AA needs at least 4\.5:1 for links and button labels/);
  });

  it('applies 3:1 to the focus ring (a UI part) and 4.5:1 to button text', () => {
    // #949494 on white is 3.03:1: enough for the ring, not for text.
    assert.ok(contrastRatio('#949494', '#ffffff') > 3 && contrastRatio('#949494', '#ffffff') < 4.5);
    assert.deepEqual(compile(districtFile('organization: T\ncolors:\n  accent: "#949494"\n')).problems, []);
    const yaml = 'organization: T\ncolors:\n  primary: "#1f5130"\n  primaryText: "#2d6b40"\n';
    const { problems } = compile(districtFile(yaml));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.line, lineOf(yaml, 'primaryText'));
    assert.match(problems[0]?.message ?? '', /at least 4\.5:1 for text on primary buttons/);
  });

  it('reports unknown keys, bad addresses and malformed colours with their lines', () => {
    const yaml = [
      'organization: T',
      'colours:',
      '  primary: "#000"',
      'contacts:',
      '  - role: SRO program lead',
      '    name: A',
      '    email: not-an-address',
      '  - role: Liaison',
      '    name: B',
      'resources:',
      '  - title: Policy',
      '    url: http://insecure.example.org/p',
      'colors:',
      '  text: navy',
    ].join('\n');
    const { problems } = compile(districtFile(yaml));
    const at = (needle: string) => problems.find((p) => p.line === lineOf(yaml, needle));
    assert.match(at('colours:')?.message ?? '', /Unknown key "colours"/);
    assert.match(at('email: not-an-address')?.message ?? '', /email/);
    assert.match(at('- role: Liaison')?.message ?? '', /needs an email or a phone/);
    assert.match(at('url: http://')?.message ?? '', /url/);
    assert.match(at('text: navy')?.message ?? '', /text/);
  });

  it('rejects an SVG logo with script, event handlers, javascript: links or outside references, naming the SVG line', () => {
    const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img" aria-labelledby="t d">\n<title id="t">Logo</title><desc id="d">Logo</desc>\n${body}\n</svg>\n`;
    const cases: [string, RegExp][] = [
      ['<script>alert(1)</script>', /<script> is not allowed/],
      ['<rect width="1" height="1" onload="alert(1)"/>', /event-handler attribute "onload"/],
      ['<a href="javascript:alert(1)"><rect width="1" height="1"/></a>', /<a> is not allowed|link/],
      ['<rect width="1" height="1" fill="url(https://evil.example.org/x.svg#p)"/>', /points outside/],
      ['<image href="https://evil.example.org/x.png"/>', /<image> is not allowed/],
    ];
    for (const [body, message] of cases) {
      const file = districtFile('organization: T\nlogo:\n  file: logo.svg\n', { 'logo.svg': svg(body) });
      const { compiled, problems } = compile(file);
      assert.ok(problems.some((p) => message.test(p.message) && p.file === rel(join(file, '..', 'logo.svg')) && p.line === 3), `${body}: ${JSON.stringify(problems)}`);
      assert.equal(compiled.logo, null, body);
    }
  });

  it('takes a PNG logo with its size, and refuses a file that only pretends to be one', () => {
    const png = onePixelPng();
    const ok = compile(districtFile('organization: T\nlogo:\n  file: logo.png\n  alt: T\n', { 'logo.png': png }));
    assert.deepEqual(ok.problems, []);
    assert.deepEqual(ok.compiled.district.logo, { src: 'assets/district/logo.png', alt: 'T', width: 1, height: 1 });
    const bad = compile(districtFile('organization: T\nlogo:\n  file: logo.png\n', { 'logo.png': '<svg onload="x">' }));
    assert.match(bad.text, /district\.yaml:3: logo\.png is not a PNG image/);
  });
});

describe('district override file: the build', () => {
  let course = '';
  let dist = '';
  let result: ReturnType<typeof spawnSync>;
  before(() => {
    course = writeCourseFiles();
    dist = join(work, 'dist');
    result = spawnSync('npx', ['tsx', 'build/cli.ts', '--district', example], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, COURSE_DIR: course, DIST_DIR: dist, SLEP_GENERATED_DIR: join(work, 'gen') },
    });
  });
  after(() => rmSync(course, { recursive: true, force: true }));

  it('builds every package with the district logo, colours, name, contacts, certificate lines and local resources', () => {
    assert.equal(result.status, 0, String(result.stderr));
    for (const kind of ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web']) {
      const dir = join(dist, kind);
      const logo = readFileSync(join(dir, 'assets', 'district', 'logo.svg'), 'utf8');
      assert.match(logo, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.match(readFileSync(join(dir, 'app', 'base.css'), 'utf8'), /:root\{--slep-color-accent:#1f5130;--slep-color-accent-ink:#ffffff;--slep-color-accent-strong:#173d24;--slep-color-focus:#b35c00/);
      const entry = readFileSync(join(dir, 'app', 'course.js'), 'utf8');
      for (const text of ['Riverside Unified School District', 'Dana Whitfield', 'dwhitfield@riverside-usd.example.org', 'Sgt. Marcus Bell', 'Dr. Elena Ortiz', 'Riverside Unified School District and Riverside Police Department']) assert.ok(entry.includes(text), `${kind}: ${text}`);
      const chunks = readdirSync(join(dir, 'app')).filter((f) => f.startsWith('content-resources-'));
      assert.ok(readFileSync(join(dir, 'app', chunks[0] ?? ''), 'utf8').includes('https://www.riverside-usd.example.org/policies/sro-mou-2026.pdf'), kind);
    }
    assert.match(readFileSync(join(dist, 'scorm12', 'imsmanifest.xml'), 'utf8'), /href="assets\/district\/logo\.svg"/);
  });

  it('stops the build on a low-contrast pair, printing the file and line', () => {
    const yaml = readFileSync(example, 'utf8').replace('heading: "#173d24"', 'heading: "#9ab59f"');
    const dir = mkdtempSync(join(work, 'low-'));
    writeFileSync(join(dir, 'district.yaml'), yaml);
    copyFileSync(join(root, 'examples', 'district', 'logo.svg'), join(dir, 'logo.svg'));
    const failed = spawnSync('npx', ['tsx', 'build/cli.ts', '--check'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, COURSE_DIR: course, SLEP_DISTRICT: join(dir, 'district.yaml'), SLEP_GENERATED_DIR: join(work, 'gen2') },
    });
    assert.equal(failed.status, 1);
    assert.ok(failed.stderr.includes(`${rel(join(dir, 'district.yaml'))}:${lineOf(yaml, 'heading:')}: Contrast of heading #9ab59f on background #ffffff`), failed.stderr);
    assert.ok(!existsSync(join(work, 'gen2', 'app')));
  });
});

/** A valid 1×1 PNG. */
function onePixelPng(): Buffer {
  return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
}
