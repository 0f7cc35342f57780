import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkTincanManifest, validateCmi5Manifest } from '../../build/validate-xapi-manifests.js';
import { cmi5AuId, cmi5Manifest } from '../../manifests/cmi5.js';
import type { Cmi5ManifestOptions } from '../../manifests/cmi5.js';
import { tincanManifest } from '../../manifests/tincan.js';

const course: Cmi5ManifestOptions['course'] = {
  id: 'https://example.org/courses/school-law-enforcement-partnerships',
  title: 'School & Law Enforcement Partnerships',
  description: 'Roles, agreements <MOUs> and "what the law says" -- for schools & agencies.',
  language: 'en-US',
  masteryScore: 0.8,
  completion: { cmi5MoveOn: 'CompletedAndPassed' },
};

let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xapi-manifests-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html>');
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cmi5.xml', () => {
  it('validates against the cmi5 CourseStructure.xsd with one AU, its moveOn, mastery score and launch', async () => {
    const xml = cmi5Manifest({ course, launch: 'index.html' });
    assert.deepEqual(await validateCmi5Manifest({ xml, packageDir: dir }), []);
    assert.match(xml, /<course id="https:\/\/example\.org\/courses\/school-law-enforcement-partnerships">/);
    assert.match(xml, new RegExp(`<au id="${cmi5AuId(course.id).replace(/[./]/g, '\\$&')}" moveOn="CompletedAndPassed" masteryScore="0.8" launchMethod="AnyWindow">`));
    assert.match(xml, /<url>index\.html<\/url>/);
    assert.match(xml, /&lt;MOUs&gt; and &quot;what the law says&quot;/);
  });

  it('writes the moveOn set in course.yaml', async () => {
    const xml = cmi5Manifest({ course: { ...course, completion: { cmi5MoveOn: 'CompletedOrPassed' } }, launch: 'index.html' });
    assert.match(xml, /moveOn="CompletedOrPassed"/);
    assert.deepEqual(await validateCmi5Manifest({ xml, packageDir: dir }), []);
  });

  it('rejects a broken cmi5.xml: an unknown moveOn, a mastery score over 1, a missing url, a wrong namespace', async () => {
    const good = cmi5Manifest({ course, launch: 'index.html' });
    const cases: [string, string, RegExp][] = [
      ['moveOn', good.replace('moveOn="CompletedAndPassed"', 'moveOn="Finished"'), /moveOn/],
      ['masteryScore', good.replace('masteryScore="0.8"', 'masteryScore="80"'), /masteryScore/],
      ['url', good.replace(/\s*<url>index\.html<\/url>/, ''), /url/],
      ['namespace', good.replace('https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd', 'https://example.org/not-cmi5'), /courseStructure|schema/],
      ['not well-formed', good.replace('</au>', ''), /schema/],
    ];
    for (const [name, xml, expected] of cases) {
      const problems = await validateCmi5Manifest({ xml, packageDir: dir });
      assert.ok(problems.length > 0, `${name}: accepted`);
      assert.match(problems.join('\n'), expected, name);
    }
  });

  it('rejects a launch url that is not in the package and an AU id equal to the course id', async () => {
    const missing = cmi5Manifest({ course, launch: 'start.html' });
    assert.match((await validateCmi5Manifest({ xml: missing, packageDir: dir })).join('\n'), /start\.html/);
    const sameId = cmi5Manifest({ course, launch: 'index.html' }).replace(`<au id="${cmi5AuId(course.id)}"`, `<au id="${course.id}"`);
    assert.match((await validateCmi5Manifest({ xml: sameId, packageDir: dir })).join('\n'), /must differ/);
  });
});

describe('tincan.xml', () => {
  it('names the course activity by its IRI, type course, with name, description and launch file', () => {
    const xml = tincanManifest({ course, launch: 'index.html' });
    assert.deepEqual(checkTincanManifest({ xml, packageDir: dir, courseId: course.id }), []);
    assert.match(xml, /<activity id="https:\/\/example\.org\/courses\/school-law-enforcement-partnerships" type="http:\/\/adlnet\.gov\/expapi\/activities\/course">/);
    assert.match(xml, /<launch lang="en-US">index\.html<\/launch>/);
  });

  it('rejects a tincan.xml with another activity id, a missing launch file or no name', () => {
    const xml = tincanManifest({ course, launch: 'index.html' });
    assert.match(checkTincanManifest({ xml, packageDir: dir, courseId: 'https://example.org/other' }).join('\n'), /must be the course IRI/);
    assert.match(checkTincanManifest({ xml: tincanManifest({ course, launch: 'go.html' }), packageDir: dir, courseId: course.id }).join('\n'), /go\.html/);
    assert.match(checkTincanManifest({ xml: xml.replace(/<name[^>]*>[^<]*<\/name>/, ''), packageDir: dir, courseId: course.id }).join('\n'), /<name/);
  });
});
