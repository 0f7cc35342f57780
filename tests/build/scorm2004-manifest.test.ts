import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listDir } from '../../build/files.js';
import { scorm2004SchemaFiles, validateScorm2004Manifest } from '../../build/validate-manifest.js';
import { SCORM2004_MANIFEST_FILE, SCORM2004_SCHEMA_FILES, scorm2004Manifest } from '../../manifests/scorm2004.js';
import type { Scorm2004ManifestOptions } from '../../manifests/scorm2004.js';

const course: Scorm2004ManifestOptions['course'] = {
  id: 'https://example.org/courses/school-law-enforcement-partnerships',
  slug: 'school-law-enforcement-partnerships',
  title: 'School & Law Enforcement Partnerships',
  version: '1.0.0',
  description: 'Roles, agreements <MOUs> and "what the law says" -- for schools & agencies.',
};

const contentFiles = ['index.html', 'app/course.js', 'app/base.css', 'assets/photo one.png'];

let root: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'scorm2004-manifest-'));
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A package folder as the build leaves it: content and the 4th edition XSDs. */
async function packageDir(name: string): Promise<string> {
  const dir = join(root, name);
  for (const file of contentFiles) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), `content of ${file}\n`);
  }
  for (const schema of scorm2004SchemaFiles()) await copyFile(schema.path, join(dir, schema.name));
  return dir;
}

async function manifestFor(dir: string): Promise<string> {
  const manifestXml = scorm2004Manifest({ course, files: await listDir(dir), launch: 'index.html' });
  await writeFile(join(dir, SCORM2004_MANIFEST_FILE), manifestXml);
  return manifestXml;
}

describe('SCORM 2004 4th edition manifest', () => {
  it('validates against the 4th edition schemas and matches the package it describes', async () => {
    const dir = await packageDir('valid');
    const manifestXml = await manifestFor(dir);
    assert.deepEqual(await validateScorm2004Manifest({ manifestXml, packageDir: dir }), []);
  });

  it('names the 4th edition, one organization, one item and one SCO', () => {
    const xml = scorm2004Manifest({ course, files: contentFiles, launch: 'index.html' });
    assert.match(xml, /<schemaversion>2004 4th Edition<\/schemaversion>/);
    assert.equal(xml.match(/<organization /g)?.length, 1);
    assert.equal(xml.match(/<item /g)?.length, 1);
    assert.equal(xml.match(/<resource /g)?.length, 1);
    assert.match(xml, /<resource identifier="sco-[^"]+" type="webcontent" adlcp:scormType="sco" href="index\.html">/);
    assert.match(xml, /xmlns="http:\/\/www\.imsglobal\.org\/xsd\/imscp_v1p1"/);
    assert.doesNotMatch(xml, /<imsss:sequencing|<adlcp:masteryscore/, 'no sequencing rules and no 1.2 elements');
  });

  it('ships every 4th edition XSD the manifest points to, listed in the SCO resource', async () => {
    const xml = scorm2004Manifest({ course, files: contentFiles, launch: 'index.html' });
    const hrefs = [...xml.matchAll(/<file href="([^"]*)"\/>/g)].map((m) => m[1]);
    for (const schema of SCORM2004_SCHEMA_FILES) assert.ok(hrefs.includes(schema), schema);
    const located = [...(/xsi:schemaLocation="([^"]*)"/.exec(xml)?.[1] ?? '').split(/\s+/).entries()].filter(([i]) => i % 2 === 1).map(([, file]) => file);
    assert.deepEqual(located.sort(), ['adlcp_v1p3.xsd', 'adlnav_v1p3.xsd', 'adlseq_v1p3.xsd', 'imscp_v1p1.xsd', 'imsss_v1p0.xsd']);
    for (const file of located) assert.ok((SCORM2004_SCHEMA_FILES as readonly string[]).includes(file));
    const imscp = await readFile(scorm2004SchemaFiles().find((s) => s.name === 'imscp_v1p1.xsd')?.path ?? '', 'utf8');
    assert.match(imscp, /targetNamespace\s*=\s*"http:\/\/www\.imsglobal\.org\/xsd\/imscp_v1p1"/);
  });

  it('escapes the title and keeps the description in a comment without "--"', () => {
    const xml = scorm2004Manifest({ course, files: contentFiles, launch: 'index.html' });
    assert.match(xml, /<title>School &amp; Law Enforcement Partnerships<\/title>/);
    const comment = /<!--([\s\S]*?)-->/.exec(xml)?.[1] ?? '';
    assert.match(comment, /Roles, agreements <MOUs>/);
    assert.doesNotMatch(comment, /--/);
  });
});

describe('SCORM 2004 manifest validation', () => {
  it('rejects a deliberately broken manifest: a wrong scormType and an element the schemas do not allow', async () => {
    const dir = await packageDir('schema-invalid');
    const manifestXml = (await manifestFor(dir))
      .replace('adlcp:scormType="sco"', 'adlcp:scormType="lesson"')
      .replace('<title>School', '<adlcp:masteryscore>80</adlcp:masteryscore><title>School');
    const problems = await validateScorm2004Manifest({ manifestXml, packageDir: dir });
    assert.ok(problems.some((p) => /line \d+: schema: .*adlcp:scormType.*'lesson'/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /line \d+: schema: .*masteryscore/.test(p)), problems.join('\n'));
  });

  it('rejects a manifest without its required organizations', async () => {
    const dir = await packageDir('no-organizations');
    const manifestXml = (await manifestFor(dir)).replace(/ {2}<organizations[\s\S]*<\/organizations>\n/, '');
    const problems = await validateScorm2004Manifest({ manifestXml, packageDir: dir });
    assert.ok(problems.some((p) => /schema: .*resources.*(not expected|Expected is)/.test(p)), problems.join('\n'));
  });

  it('reports XML that is not well-formed, with its line', async () => {
    const dir = await packageDir('broken-xml');
    const manifestXml = (await manifestFor(dir)).replace('</organization>', '');
    const problems = await validateScorm2004Manifest({ manifestXml, packageDir: dir });
    assert.ok(problems.length > 0);
    assert.ok(problems.every((p) => /^imsmanifest\.xml line \d+: not well-formed XML: /.test(p)), problems.join('\n'));
  });

  it('reports a listed file that is missing and a file that is not listed', async () => {
    const dir = await packageDir('files');
    const manifestXml = scorm2004Manifest({ course, files: [...(await listDir(dir)), 'app/gone.js'], launch: 'index.html' });
    await writeFile(join(dir, 'late.js'), 'written after the manifest\n');
    const problems = await validateScorm2004Manifest({ manifestXml, packageDir: dir });
    assert.ok(problems.some((p) => /<file href> names "app\/gone\.js", which is not in /.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /^late\.js is in .* but not listed in imsmanifest\.xml/.test(p)), problems.join('\n'));
  });

  it('checks the manifest the build wrote into dist/scorm2004', async () => {
    const dir = join(process.cwd(), 'dist', 'scorm2004');
    const manifestXml = await readFile(join(dir, SCORM2004_MANIFEST_FILE), 'utf8').catch(() => '');
    if (!manifestXml) return; // not built yet: `npm test` builds before the Node tests
    assert.deepEqual(await validateScorm2004Manifest({ manifestXml, packageDir: dir }), []);
    for (const schema of SCORM2004_SCHEMA_FILES) assert.ok((await listDir(dir)).includes(schema), schema);
  });
});
