/**
 * Checks the xAPI package's `tincan.xml` and the cmi5 package's `cmi5.xml` before they are
 * zipped. cmi5.xml is validated against the cmi5 CourseStructure.xsd (copied into
 * manifests/schemas/cmi5/, so a build never depends on a path outside the repository);
 * tincan.xml, whose schema is not published with a stable home, is checked for the
 * structure LRS platforms read.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { CMI5_MANIFEST_FILE, CMI5_MOVE_ON } from '../manifests/cmi5.js';
import { COURSE_ACTIVITY_TYPE, TINCAN_MANIFEST_FILE, TINCAN_NAMESPACE } from '../manifests/tincan.js';

/** The cmi5 course structure schema shipped in this repository. */
export const CMI5_SCHEMA_PATH = resolve(import.meta.dirname, '..', 'manifests', 'schemas', 'cmi5', 'CourseStructure.xsd');

const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;

/**
 * Every problem in a cmi5.xml, each a sentence; an empty list means it is valid:
 * the XSD (cmi5 §13), then what the XSD cannot say — exactly one AU, ids that are absolute
 * IRIs and differ, a launch URL naming a file in the package.
 *
 * @example
 * const problems = await validateCmi5Manifest({ xml, packageDir: 'dist/cmi5' });
 */
export async function validateCmi5Manifest(options: { xml: string; packageDir: string }): Promise<string[]> {
  const { xml, packageDir } = options;
  const problems: string[] = [];
  let output = '';
  try {
    const result = await validateXML({
      xml: [{ fileName: CMI5_MANIFEST_FILE, contents: xml }],
      schema: [{ fileName: 'CourseStructure.xsd', contents: await readFile(CMI5_SCHEMA_PATH, 'utf8') }],
    });
    if (!result.valid) output = result.rawOutput || 'xmllint gave no details';
  } catch (error) {
    output = error instanceof Error ? error.message : String(error);
  }
  if (output) {
    const lines = output.split('\n').filter((line) => line.startsWith(`${CMI5_MANIFEST_FILE}:`));
    problems.push(...(lines.length ? lines : [`${CMI5_MANIFEST_FILE}: XSD validation failed: ${output.trim()}`]).map((l) => `schema: ${l}`));
    if (/parser error/.test(output)) return problems;
  }
  const courseId = /<course\s[^>]*\bid="([^"]*)"/.exec(xml)?.[1] ?? '';
  const aus = [...xml.matchAll(/<au\s([^>]*)>([\s\S]*?)<\/au>/g)];
  if (aus.length !== 1) problems.push(`${CMI5_MANIFEST_FILE}: expected exactly one <au>, found ${aus.length}`);
  if (!IRI.test(courseId)) problems.push(`${CMI5_MANIFEST_FILE}: the course id "${courseId}" is not an absolute IRI`);
  for (const [, attributes = '', body = ''] of aus) {
    const auId = /\bid="([^"]*)"/.exec(attributes)?.[1] ?? '';
    if (!IRI.test(auId)) problems.push(`${CMI5_MANIFEST_FILE}: the AU id "${auId}" is not an absolute IRI`);
    if (auId === courseId) problems.push(`${CMI5_MANIFEST_FILE}: the AU id must differ from the course id`);
    const moveOn = /\bmoveOn="([^"]*)"/.exec(attributes)?.[1];
    if (!moveOn || !(CMI5_MOVE_ON as readonly string[]).includes(moveOn)) problems.push(`${CMI5_MANIFEST_FILE}: the AU needs a moveOn (${CMI5_MOVE_ON.join(', ')})`);
    if (!/\bmasteryScore="/.test(attributes)) problems.push(`${CMI5_MANIFEST_FILE}: the AU has no masteryScore`);
    const url = /<url>([^<]*)<\/url>/.exec(body)?.[1] ?? '';
    if (!/^[a-z][a-z0-9+.-]*:/i.test(url) && !existsSync(join(packageDir, url.replace(/[?#].*$/, '')))) {
      problems.push(`${CMI5_MANIFEST_FILE}: the AU url "${url}" names no file in ${packageDir}`);
    }
  }
  return problems;
}

/**
 * Every problem in a tincan.xml: the TinCan namespace, one activity of type course whose id
 * is the course IRI, a name, a description and a launch file that is in the package.
 *
 * @example
 * const problems = checkTincanManifest({ xml, packageDir: 'dist/xapi', courseId: model.id });
 */
export function checkTincanManifest(options: { xml: string; packageDir: string; courseId: string }): string[] {
  const { xml } = options;
  const problems: string[] = [];
  const at = TINCAN_MANIFEST_FILE;
  if (!xml.includes(`<tincan xmlns="${TINCAN_NAMESPACE}">`)) problems.push(`${at}: the root must be <tincan xmlns="${TINCAN_NAMESPACE}">`);
  const activities = [...xml.matchAll(/<activity\s([^>]*)>([\s\S]*?)<\/activity>/g)];
  if (activities.length !== 1) problems.push(`${at}: expected exactly one <activity>, found ${activities.length}`);
  for (const [, attributes = '', body = ''] of activities) {
    const id = /\bid="([^"]*)"/.exec(attributes)?.[1] ?? '';
    if (id !== options.courseId) problems.push(`${at}: the activity id "${id}" must be the course IRI "${options.courseId}"`);
    if (!IRI.test(id)) problems.push(`${at}: the activity id "${id}" is not an absolute IRI`);
    if (!attributes.includes(`type="${COURSE_ACTIVITY_TYPE}"`)) problems.push(`${at}: the activity type must be ${COURSE_ACTIVITY_TYPE}`);
    for (const element of ['name', 'description']) {
      if (!new RegExp(`<${element} lang="[^"]+">[^<]+</${element}>`).test(body)) problems.push(`${at}: the activity needs a non-empty <${element} lang="…">`);
    }
    const launch = /<launch lang="[^"]+">([^<]+)<\/launch>/.exec(body)?.[1] ?? '';
    if (!launch) problems.push(`${at}: the activity needs a <launch lang="…"> file`);
    else if (!existsSync(join(options.packageDir, launch))) problems.push(`${at}: the launch file "${launch}" is not in ${options.packageDir}`);
  }
  return problems;
}
