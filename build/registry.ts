import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cmi5Manifest, CMI5_MANIFEST_FILE } from '../manifests/cmi5.js';
import { scorm12Manifest, SCORM12_MANIFEST_FILE } from '../manifests/scorm12.js';
import { tincanManifest, TINCAN_MANIFEST_FILE } from '../manifests/tincan.js';
import type { CourseModel } from '../src/model/course.js';
import { PACKAGE_KINDS } from '../src/packages.js';
import type { PackageKind } from '../src/packages.js';
import { listDir } from './files.js';
import { scorm2004Manifest, SCORM2004_MANIFEST_FILE } from '../manifests/scorm2004.js';
import { scorm12SchemaFiles, scorm2004SchemaFiles, validateScorm12Manifest, validateScorm2004Manifest } from './validate-manifest.js';
import { checkTincanManifest, validateCmi5Manifest } from './validate-xapi-manifests.js';

/**
 * The registry of package kinds, build half (the player half is src/packages.ts):
 * for each kind, its file name, the hosts its page may talk to (CSP `connect-src`),
 * and the step that writes and validates its manifest. Typed over PackageKind, so
 * a kind added to one half and not the other does not compile.
 */
export interface BuildEntry {
  /** The zip is `<slug>-<version>-<suffix>.zip`. */
  readonly suffix: string;
  /** The driver file in src/tracking/ (without .ts): the player fetches its chunk once the welcome page shows (src/main.ts); `npm run bench` counts it in the start-up JavaScript. */
  readonly driverModule: string;
  /** CSP `connect-src` for this package (`'self'` unless it must reach an LRS known only at launch). */
  readonly connectSrc: string;
  /** Writes the manifest (and schemas) into the package folder and validates it; throws on a problem. */
  readonly manifest?: (options: { dir: string; model: CourseModel }) => Promise<void>;
}

/**
 * `connect-src` of the xAPI and cmi5 packages. The LRS is on another origin that the page
 * learns only from its launch URL, and a `<meta>` policy is fixed once the page has parsed
 * it (a later policy can only narrow, never widen; inline script that could write one is
 * forbidden). So the policy names the narrowest set that still reaches any real LRS: any
 * HTTPS origin, plus plain HTTP only on this machine's loopback (a local or test LRS).
 * Plain HTTP to other hosts stays blocked: launch credentials must not cross a network
 * unencrypted. See README, "Content-Security-Policy".
 */
export const LRS_CONNECT_SRC = "'self' https: http://127.0.0.1:* http://localhost:*";

export const BUILD: Record<PackageKind, BuildEntry> = {
  scorm12: { suffix: 'scorm12', driverModule: 'scorm12', connectSrc: "'self'", manifest: writeScorm12Manifest },
  scorm2004: { suffix: 'scorm2004', driverModule: 'scorm2004', connectSrc: "'self'", manifest: writeScorm2004Manifest },
  xapi: { suffix: 'xapi', driverModule: 'xapi', connectSrc: LRS_CONNECT_SRC, manifest: writeTincanManifest },
  cmi5: { suffix: 'cmi5', driverModule: 'cmi5', connectSrc: LRS_CONNECT_SRC, manifest: writeCmi5Manifest },
  web: { suffix: 'web', driverModule: 'local', connectSrc: "'self'" },
};

export { PACKAGE_KINDS };
export type { PackageKind };

export function zipName(model: CourseModel, kind: PackageKind): string {
  return `${model.slug}-${model.version}-${BUILD[kind].suffix}.zip`;
}

async function writeScorm12Manifest(options: { dir: string; model: CourseModel }): Promise<void> {
  const { dir, model } = options;
  for (const schema of scorm12SchemaFiles()) cpSync(schema.path, join(dir, schema.name));
  const files = (await listDir(dir)).filter((f) => f !== SCORM12_MANIFEST_FILE);
  const manifestXml = scorm12Manifest({ course: model, files, launch: 'index.html' });
  writeFileSync(join(dir, SCORM12_MANIFEST_FILE), manifestXml);
  const problems = await validateScorm12Manifest({ manifestXml, packageDir: dir });
  if (problems.length) throw new Error(`The SCORM 1.2 manifest is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

async function writeScorm2004Manifest(options: { dir: string; model: CourseModel }): Promise<void> {
  const { dir, model } = options;
  for (const schema of scorm2004SchemaFiles()) cpSync(schema.path, join(dir, schema.name));
  const files = (await listDir(dir)).filter((f) => f !== SCORM2004_MANIFEST_FILE);
  const manifestXml = scorm2004Manifest({ course: model, files, launch: 'index.html' });
  writeFileSync(join(dir, SCORM2004_MANIFEST_FILE), manifestXml);
  const problems = await validateScorm2004Manifest({ manifestXml, packageDir: dir });
  if (problems.length) throw new Error(`The SCORM 2004 manifest is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

async function writeTincanManifest(options: { dir: string; model: CourseModel }): Promise<void> {
  const { dir, model } = options;
  const xml = tincanManifest({ course: model, launch: 'index.html' });
  writeFileSync(join(dir, TINCAN_MANIFEST_FILE), xml);
  const problems = checkTincanManifest({ xml, packageDir: dir, courseId: model.id });
  if (problems.length) throw new Error(`The tincan.xml is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

async function writeCmi5Manifest(options: { dir: string; model: CourseModel }): Promise<void> {
  const { dir, model } = options;
  const xml = cmi5Manifest({ course: model, launch: 'index.html' });
  writeFileSync(join(dir, CMI5_MANIFEST_FILE), xml);
  const problems = await validateCmi5Manifest({ xml, packageDir: dir });
  if (problems.length) throw new Error(`The cmi5.xml is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}
