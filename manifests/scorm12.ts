/**
 * The SCORM 1.2 `imsmanifest.xml`: one organization, one item, one SCO resource that
 * lists every file in the package.
 *
 * Spec: SCORM 1.2 Content Aggregation Model (CAM), §2.3 Content Packaging, built on
 * IMS Content Packaging 1.1.2. Schemas: imscp_rootv1p1p2.xsd, adlcp_rootv1p2.xsd
 * (+ ims_xml.xsd, which imscp imports).
 */
import type { CourseModel } from '../src/model/course.js';
import { escapeXml, xmlCommentText } from './xml.js';

/** The manifest's file name; IMS CP requires it at the package root. */
export const SCORM12_MANIFEST_FILE = 'imsmanifest.xml';

/**
 * The schema files the manifest names in `xsi:schemaLocation`, plus ims_xml.xsd, which
 * imscp imports. SCORM 1.2 CAM §2.3 puts them at the package root, so the manifest lists
 * them. The LOM schema (imsmd_rootv1p2p1.xsd) is not here because the manifest has no inline LOM.
 */
export const SCORM12_SCHEMA_FILES = ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'ims_xml.xsd'] as const;

const NS = {
  imscp: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
  adlcp: 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

export interface Scorm12ManifestOptions {
  readonly course: Pick<CourseModel, 'id' | 'slug' | 'title' | 'version' | 'masteryScore' | 'description'>;
  /** Every file in the package, as posix paths relative to its root. `imsmanifest.xml` is skipped. */
  readonly files: readonly string[];
  /** The SCO's launch file, relative to the package root, e.g. `index.html`. */
  readonly launch: string;
}

/**
 * Makes an `xs:ID` (an XML NCName) from the course slug and version: letters, digits,
 * `-`, `_` and `.`, starting with a letter or `_`.
 *
 * @example
 * scorm12ManifestIdentifier('school-police', '1.2.0'); // 'school-police-1.2.0'
 * scorm12ManifestIdentifier('2024-sro', '1.0 beta');   // 'course-2024-sro-1.0-beta'
 */
export function scorm12ManifestIdentifier(slug: string, version: string): string {
  const id = ncNameChars(`${slug}-${version}`);
  return /^[A-Za-z_]/.test(id) ? id : `course-${id}`;
}

/**
 * Writes a SCORM 1.2 `imsmanifest.xml` for a single-SCO course.
 *
 * - `adlcp:masteryscore` is `round(masteryScore * 100)`: SCORM 1.2 CAM §2.3 takes 0–100.
 * - Every file is listed once, sorted, with the schema files always included; hrefs are
 *   percent-encoded URIs.
 * - No inline LOM: there is no schema-valid home for the description outside LOM, so it
 *   goes in a leading comment for whoever opens the manifest.
 * - Item and resource identifiers depend on the slug only, so they stay the same across
 *   versions; the manifest identifier includes the version.
 *
 * @example
 * const xml = scorm12Manifest({ course, files: await listDir('dist/scorm12'), launch: 'index.html' });
 */
export function scorm12Manifest(options: Scorm12ManifestOptions): string {
  const { course, launch } = options;
  if (!Number.isFinite(course.masteryScore) || course.masteryScore < 0 || course.masteryScore > 1) {
    throw new RangeError(`masteryScore must be a fraction in [0, 1]; got ${course.masteryScore}`);
  }
  const files = [...new Set([...options.files, launch, ...SCORM12_SCHEMA_FILES])]
    .filter((file) => file !== SCORM12_MANIFEST_FILE)
    .map(checkedPath)
    .sort();

  const manifestId = scorm12ManifestIdentifier(course.slug, course.version);
  // The prefixes make these valid xs:IDs whatever the slug starts with.
  const slugId = ncNameChars(course.slug);
  const orgId = `org-${slugId}`;
  const itemId = `item-${slugId}`;
  const resourceId = `sco-${slugId}`;
  const title = escapeXml(course.title);
  const launchHref = escapeXml(pathToHref(checkedPath(launch)));
  const schemaLocation = [
    `${NS.imscp} imscp_rootv1p1p2.xsd`,
    `${NS.adlcp} adlcp_rootv1p2.xsd`,
  ].join(' ');

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- ${xmlCommentText(`${course.title} ${course.version} (${course.id})`)}`,
    `     ${xmlCommentText(course.description)} -->`,
    `<manifest identifier="${escapeXml(manifestId)}" version="${escapeXml(course.version)}"`,
    `          xmlns="${NS.imscp}"`,
    `          xmlns:adlcp="${NS.adlcp}"`,
    `          xmlns:xsi="${NS.xsi}"`,
    `          xsi:schemaLocation="${schemaLocation}">`,
    '  <metadata>',
    '    <schema>ADL SCORM</schema>',
    '    <schemaversion>1.2</schemaversion>',
    '  </metadata>',
    `  <organizations default="${orgId}">`,
    `    <organization identifier="${orgId}">`,
    `      <title>${title}</title>`,
    `      <item identifier="${itemId}" identifierref="${resourceId}">`,
    `        <title>${title}</title>`,
    `        <adlcp:masteryscore>${Math.round(course.masteryScore * 100)}</adlcp:masteryscore>`,
    '      </item>',
    '    </organization>',
    '  </organizations>',
    '  <resources>',
    `    <resource identifier="${resourceId}" type="webcontent" adlcp:scormtype="sco" href="${launchHref}">`,
    ...files.map((file) => `      <file href="${escapeXml(pathToHref(file))}"/>`),
    '    </resource>',
    '  </resources>',
    '</manifest>',
    '',
  ].join('\n');
}

/** Percent-encodes each path segment; `/` stays. Readers decode with `decodeURIComponent`. */
export function pathToHref(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURI(segment).replace(/[#?]/g, (char) => encodeURIComponent(char)))
    .join('/');
}

function ncNameChars(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-');
}

function checkedPath(path: string): string {
  const segments = path.split('/');
  if (path.includes('\\') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new TypeError(`package paths must be relative posix paths without "." or ".." segments; got ${JSON.stringify(path)}`);
  }
  return path;
}
