import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listDir } from '../../build/files.js';
import { scorm12SchemaFiles, validateScorm12Manifest } from '../../build/validate-manifest.js';
import { SCORM12_MANIFEST_FILE, SCORM12_SCHEMA_FILES, scorm12Manifest } from '../../manifests/scorm12.js';
import type { Scorm12ManifestOptions } from '../../manifests/scorm12.js';

const course: Scorm12ManifestOptions['course'] = {
  id: 'https://example.org/courses/school-law-enforcement-partnerships',
  slug: 'school-law-enforcement-partnerships',
  title: 'School & Law Enforcement Partnerships',
  version: '1.0.0',
  masteryScore: 0.8,
  description: 'Roles, agreements <MOUs> and "what the law says" -- for schools & agencies.',
};

const contentFiles = ['index.html', 'assets/app.js', 'assets/course.css', 'assets/photo one.png'];

let root: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'scorm12-manifest-'));
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A package folder as the build leaves it: content, the four XSDs, and the manifest. */
async function packageDir(name: string, extraFiles: readonly string[] = []): Promise<string> {
  const dir = join(root, name);
  for (const file of [...contentFiles, ...extraFiles]) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), `content of ${file}\n`);
  }
  for (const schema of scorm12SchemaFiles()) await copyFile(schema.path, join(dir, schema.name));
  return dir;
}

async function manifestFor(dir: string, overrides: Partial<Scorm12ManifestOptions> = {}): Promise<string> {
  const manifestXml = scorm12Manifest({ course, files: await listDir(dir), launch: 'index.html', ...overrides });
  await writeFile(join(dir, SCORM12_MANIFEST_FILE), manifestXml);
  return manifestXml;
}

function fileHrefs(manifestXml: string): string[] {
  return [...manifestXml.matchAll(/<file href="([^"]*)"\/>/g)].map((match) => match[1] ?? '');
}

describe('SCORM 1.2 manifest', () => {
  it('validates against the SCORM 1.2 schemas and matches the package it describes', async () => {
    const dir = await packageDir('valid');
    const manifestXml = await manifestFor(dir);
    assert.deepEqual(await validateScorm12Manifest({ manifestXml, packageDir: dir }), []);
  });

  it('writes a mastery score of 0.8 as adlcp:masteryscore 80', () => {
    const manifestXml = scorm12Manifest({ course, files: contentFiles, launch: 'index.html' });
    assert.match(manifestXml, /<adlcp:masteryscore>80<\/adlcp:masteryscore>/);
    const rounded = scorm12Manifest({ course: { ...course, masteryScore: 0.666 }, files: contentFiles, launch: 'index.html' });
    assert.match(rounded, /<adlcp:masteryscore>67<\/adlcp:masteryscore>/);
  });

  it('refuses a mastery score outside 0 to 1', () => {
    assert.throws(() => scorm12Manifest({ course: { ...course, masteryScore: 80 }, files: contentFiles, launch: 'index.html' }), RangeError);
  });

  it('escapes & in the title and keeps the description out of the markup', () => {
    const manifestXml = scorm12Manifest({ course, files: contentFiles, launch: 'index.html' });
    assert.match(manifestXml, /<title>School &amp; Law Enforcement Partnerships<\/title>/);
    assert.doesNotMatch(manifestXml, /<title>[^<]*&(?!amp;)/);
    // The description lives in a comment (no inline LOM); "--" must not end it early.
    const comment = /<!--([\s\S]*?)-->/.exec(manifestXml)?.[1] ?? '';
    assert.match(comment, /Roles, agreements <MOUs>/);
    assert.doesNotMatch(comment, /--/);
  });

  it('makes the manifest identifier a valid xs:ID from the slug and version', async () => {
    const manifestXml = scorm12Manifest({ course, files: contentFiles, launch: 'index.html' });
    assert.match(manifestXml, /<manifest identifier="school-law-enforcement-partnerships-1\.0\.0" version="1\.0\.0"/);

    const dir = await packageDir('digit-slug');
    const odd = await manifestFor(dir, { course: { ...course, slug: '2024-sro', version: '2.0 beta+1' } });
    const identifier = /<manifest identifier="([^"]*)"/.exec(odd)?.[1] ?? '';
    assert.match(identifier, /^[A-Za-z_][A-Za-z0-9._-]*$/);
    assert.deepEqual(await validateScorm12Manifest({ manifestXml: odd, packageDir: dir }), []);
  });

  it('lists every file once, sorted, with the schema files and without the manifest itself', () => {
    const files = ['index.html', 'assets/app.js', 'index.html', SCORM12_MANIFEST_FILE, 'assets/course.css'];
    const hrefs = fileHrefs(scorm12Manifest({ course, files, launch: 'index.html' }));
    const expected = [...new Set([...files.filter((file) => file !== SCORM12_MANIFEST_FILE), ...SCORM12_SCHEMA_FILES])].sort();
    assert.deepEqual(hrefs, expected);
  });

  it('percent-encodes file names that are not URI-safe', () => {
    const hrefs = fileHrefs(scorm12Manifest({ course, files: ['assets/photo one.png', 'a#b.txt'], launch: 'index.html' }));
    assert.ok(hrefs.includes('assets/photo%20one.png'));
    assert.ok(hrefs.includes('a%23b.txt'));
  });
});

describe('SCORM 1.2 manifest validation', () => {
  it('reports a listed file that is missing from the package', async () => {
    const dir = await packageDir('missing-file');
    const manifestXml = scorm12Manifest({ course, files: [...(await listDir(dir)), 'assets/gone.js'], launch: 'index.html' });
    const problems = await validateScorm12Manifest({ manifestXml, packageDir: dir });
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /line \d+: <file href> names "assets\/gone\.js", which is not in /);
  });

  it('reports a file in the package that the manifest does not list', async () => {
    const dir = await packageDir('unlisted-file');
    const manifestXml = await manifestFor(dir);
    await writeFile(join(dir, 'assets', 'late.js'), 'written after the manifest\n');
    const problems = await validateScorm12Manifest({ manifestXml, packageDir: dir });
    assert.deepEqual(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /^assets\/late\.js is in .* but not listed in imsmanifest\.xml/);
  });

  it('reports an item whose identifierref names no resource', async () => {
    const dir = await packageDir('bad-identifierref');
    const manifestXml = (await manifestFor(dir)).replace(/identifierref="[^"]*"/, 'identifierref="sco-nowhere"');
    const problems = await validateScorm12Manifest({ manifestXml, packageDir: dir });
    assert.ok(
      problems.some((problem) => /line \d+: <item> has identifierref="sco-nowhere", but no <resource> has that identifier/.test(problem)),
      problems.join('\n'),
    );
  });

  it('reports an identifier used twice', async () => {
    const dir = await packageDir('duplicate-identifier');
    const original = await manifestFor(dir);
    const itemId = /<item identifier="([^"]*)"/.exec(original)?.[1] ?? '';
    const manifestXml = original.replace(/<organization identifier="[^"]*"/, `<organization identifier="${itemId}"`);
    const problems = await validateScorm12Manifest({ manifestXml, packageDir: dir });
    assert.ok(problems.some((problem) => problem.includes(`identifier "${itemId}" is already used on line`)), problems.join('\n'));
  });

  it('reports XML that is not well-formed, with its line', async () => {
    const dir = await packageDir('broken-xml');
    const manifestXml = (await manifestFor(dir)).replace('</organization>', '');
    const problems = await validateScorm12Manifest({ manifestXml, packageDir: dir });
    assert.ok(problems.length > 0);
    assert.ok(problems.every((problem) => /^imsmanifest\.xml line \d+: not well-formed XML: /.test(problem)), problems.join('\n'));
  });

  it('reports values the SCORM 1.2 schemas do not allow', async () => {
    const dir = await packageDir('schema-invalid');
    const manifestXml = (await manifestFor(dir))
      .replace('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"')
      .replace('<adlcp:masteryscore>', '<adlcp:passingscore>80</adlcp:passingscore><adlcp:masteryscore>');
    const problems = await validateScorm12Manifest({ manifestXml, packageDir: dir });
    assert.ok(problems.some((problem) => /line \d+: schema: .*adlcp:scormtype.*'lesson'/.test(problem)), problems.join('\n'));
    assert.ok(problems.some((problem) => /line \d+: schema: .*adlcp:passingscore/.test(problem)), problems.join('\n'));
  });
});
