/**
 * The SCORM 2004 4th edition `imsmanifest.xml`: one organization, one item, one SCO
 * resource (`adlcp:scormType="sco"`) that lists every file in the package.
 *
 * Spec: SCORM 2004 4th edition Content Aggregation Model (CAM), §3 Content Packaging, on
 * IMS Content Packaging 1.1.4 (imscp_v1p1.xsd) with the ADL extensions (adlcp_v1p3.xsd).
 * No sequencing rules: a single SCO needs none, and the LMS's defaults (choice and flow
 * navigation, rollup from the SCO's own statuses) are what the course expects. No `imsss`
 * objectives either: the course reports its outcomes as `cmi.objectives` at run time, and a
 * `minNormalizedMeasure` here would make the LMS judge success from any score it sees.
 */
import type { CourseModel } from '../src/model/course.js';
import { pathToHref, scorm12ManifestIdentifier } from './scorm12.js';
import { escapeXml, xmlCommentText } from './xml.js';

/** The manifest's file name; IMS CP requires it at the package root. */
export const SCORM2004_MANIFEST_FILE = 'imsmanifest.xml';

/**
 * The 4th edition schema files, shipped at the package root, where the manifest's
 * `xsi:schemaLocation` points, and listed in the resource.
 * `imsss_v1p0.xsd` includes the `imsss_v1p0*.xsd` parts; `imscp_v1p1.xsd` imports `xml.xsd`.
 */
export const SCORM2004_SCHEMA_FILES = [
  'adlcp_v1p3.xsd',
  'adlnav_v1p3.xsd',
  'adlseq_v1p3.xsd',
  'imscp_v1p1.xsd',
  'imsss_v1p0.xsd',
  'imsss_v1p0auxresource.xsd',
  'imsss_v1p0control.xsd',
  'imsss_v1p0delivery.xsd',
  'imsss_v1p0limit.xsd',
  'imsss_v1p0objective.xsd',
  'imsss_v1p0random.xsd',
  'imsss_v1p0rollup.xsd',
  'imsss_v1p0seqrule.xsd',
  'imsss_v1p0util.xsd',
  'xml.xsd',
] as const;

/** Namespaces of the 4th edition binding, and the root schema file of each. */
export const SCORM2004_NAMESPACES = {
  imscp: { uri: 'http://www.imsglobal.org/xsd/imscp_v1p1', schema: 'imscp_v1p1.xsd' },
  adlcp: { uri: 'http://www.adlnet.org/xsd/adlcp_v1p3', schema: 'adlcp_v1p3.xsd' },
  adlseq: { uri: 'http://www.adlnet.org/xsd/adlseq_v1p3', schema: 'adlseq_v1p3.xsd' },
  adlnav: { uri: 'http://www.adlnet.org/xsd/adlnav_v1p3', schema: 'adlnav_v1p3.xsd' },
  imsss: { uri: 'http://www.imsglobal.org/xsd/imsss', schema: 'imsss_v1p0.xsd' },
} as const;

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export interface Scorm2004ManifestOptions {
  readonly course: Pick<CourseModel, 'id' | 'slug' | 'title' | 'version' | 'description'>;
  /** Every file in the package, as posix paths relative to its root. `imsmanifest.xml` is skipped. */
  readonly files: readonly string[];
  /** The SCO's launch file, relative to the package root, e.g. `index.html`. */
  readonly launch: string;
}

/**
 * Writes a SCORM 2004 4th edition `imsmanifest.xml` for a single-SCO course.
 *
 * - `<schemaversion>2004 4th Edition</schemaversion>`.
 * - Every file is listed once, sorted, schema files included; hrefs are percent-encoded.
 * - Identifiers as in the 1.2 manifest: item and resource depend on the slug only, the
 *   manifest identifier includes the version.
 * - The description goes in a leading comment (no inline LOM, as in the 1.2 manifest).
 *
 * @example
 * const xml = scorm2004Manifest({ course, files: await listDir('dist/scorm2004'), launch: 'index.html' });
 */
export function scorm2004Manifest(options: Scorm2004ManifestOptions): string {
  const { course, launch } = options;
  const files = [...new Set([...options.files, launch, ...SCORM2004_SCHEMA_FILES])]
    .filter((file) => file !== SCORM2004_MANIFEST_FILE)
    .map(checkedPath)
    .sort();
  const manifestId = scorm12ManifestIdentifier(course.slug, course.version);
  const slugId = course.slug.replace(/[^A-Za-z0-9._-]+/g, '-');
  const orgId = `org-${slugId}`;
  const itemId = `item-${slugId}`;
  const resourceId = `sco-${slugId}`;
  const title = escapeXml(course.title);
  const ns = SCORM2004_NAMESPACES;
  const schemaLocation = Object.values(ns)
    .map(({ uri, schema }) => `${uri} ${schema}`)
    .join(' ');

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- ${xmlCommentText(`${course.title} ${course.version} (${course.id})`)}`,
    `     ${xmlCommentText(course.description)} -->`,
    `<manifest identifier="${escapeXml(manifestId)}" version="${escapeXml(course.version)}"`,
    `          xmlns="${ns.imscp.uri}"`,
    `          xmlns:adlcp="${ns.adlcp.uri}"`,
    `          xmlns:adlseq="${ns.adlseq.uri}"`,
    `          xmlns:adlnav="${ns.adlnav.uri}"`,
    `          xmlns:imsss="${ns.imsss.uri}"`,
    `          xmlns:xsi="${XSI}"`,
    `          xsi:schemaLocation="${schemaLocation}">`,
    '  <metadata>',
    '    <schema>ADL SCORM</schema>',
    '    <schemaversion>2004 4th Edition</schemaversion>',
    '  </metadata>',
    `  <organizations default="${orgId}">`,
    `    <organization identifier="${orgId}">`,
    `      <title>${title}</title>`,
    `      <item identifier="${itemId}" identifierref="${resourceId}">`,
    `        <title>${title}</title>`,
    '      </item>',
    '    </organization>',
    '  </organizations>',
    '  <resources>',
    `    <resource identifier="${resourceId}" type="webcontent" adlcp:scormType="sco" href="${escapeXml(pathToHref(checkedPath(launch)))}">`,
    ...files.map((file) => `      <file href="${escapeXml(pathToHref(file))}"/>`),
    '    </resource>',
    '  </resources>',
    '</manifest>',
    '',
  ].join('\n');
}

function checkedPath(path: string): string {
  const segments = path.split('/');
  if (path.includes('\\') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new TypeError(`package paths must be relative posix paths without "." or ".." segments; got ${JSON.stringify(path)}`);
  }
  return path;
}
