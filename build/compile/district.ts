/**
 * The district override file (docs/customizing.md): a district's name, logo, colours,
 * local contacts, certificate lines and local resources, kept outside `course/` so a
 * customized copy takes upstream updates without merge conflicts. Read with the same
 * reader as the course (every problem with file and line); colours are checked against
 * WCAG 2.1 AA and a failing pair is a build error.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, relative, resolve } from 'node:path';
import type { CourseModel, District, Resource } from '../../src/model/course.js';
import { contrastRatio, HEX_COLOR } from './contrast.js';
import { MarkdownCompiler } from './markdown.js';
import type { Problems } from './problems.js';
import { sanitizeSvg } from './svg.js';
import { YamlReader } from './yaml-reader.js';

/** The colours a district may set, the `--slep-color-*` property each becomes, and the course default. */
export const DISTRICT_COLORS = {
  primary: { property: '--slep-color-accent', fallback: '#0b4f8a' },
  primaryText: { property: '--slep-color-accent-ink', fallback: '#ffffff' },
  heading: { property: '--slep-color-accent-strong', fallback: '#08365f' },
  accent: { property: '--slep-color-focus', fallback: '#c75d00' },
  text: { property: '--slep-color-ink', fallback: '#1b1f24' },
  background: { property: '--slep-color-surface', fallback: '#ffffff' },
} as const;

type ColorKey = keyof typeof DISTRICT_COLORS;

/**
 * Every pair the course draws with these colours, and the contrast it needs: 4.5:1 for
 * text (WCAG 1.4.3), 3:1 for a user-interface part such as the focus ring (1.4.11).
 */
export const CONTRAST_PAIRS: readonly { fg: ColorKey; bg: ColorKey; min: number; use: string }[] = [
  { fg: 'text', bg: 'background', min: 4.5, use: 'body text' },
  { fg: 'primary', bg: 'background', min: 4.5, use: 'links and button labels' },
  { fg: 'primaryText', bg: 'primary', min: 4.5, use: 'text on primary buttons' },
  { fg: 'heading', bg: 'background', min: 4.5, use: 'headings' },
  { fg: 'accent', bg: 'background', min: 3, use: 'the focus ring (a user-interface part)' },
];

/** Course colours a district cannot set but that sit on its background: checked when it changes the background. */
const FIXED_ON_BACKGROUND: readonly { name: string; color: string; min: number }[] = [
  { name: 'muted text (--slep-color-muted)', color: '#4a5560', min: 4.5 },
  { name: 'correct-answer green (--slep-color-ok)', color: '#1d6b32', min: 4.5 },
  { name: 'error red (--slep-color-error)', color: '#a4262c', min: 4.5 },
  { name: 'note amber (--slep-color-callout)', color: '#8a4b00', min: 4.5 },
  { name: 'scenario teal (--slep-color-scenario)', color: '#0f6b63', min: 4.5 },
  { name: 'field borders (--slep-color-border)', color: '#758391', min: 3 },
];

/** --slep-color-accent-tint: the welcome banner's and panels' background. */
const ACCENT_TINT = '#e6eef7';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const LOGO_MAX_BYTES = 200 * 1024;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const PHONE = /^\+?[0-9][0-9 ().-]{5,}[0-9]$/;
const HTTPS_URL = /^https:\/\/[^\s/]+\.[^\s]+$/;

export interface CompiledDistrict {
  readonly district: District;
  /** The certificate's issuing organization, when the file sets one. */
  readonly issuer: string;
  readonly resources: readonly Resource[];
  /** CSS for `app/base.css`: the colours as `--slep-color-*` custom properties. */
  readonly css: string;
  /** The logo to write into the package: its path there and its bytes (an SVG already sanitized). */
  readonly logo: { readonly path: string; readonly data: Buffer } | null;
}

/** Reads and checks a district file; problems go to `problems` (the result is then incomplete). */
export function compileDistrict(options: { file: string; rootDir: string; courseDir: string; problems: Problems }): CompiledDistrict {
  const { problems } = options;
  const path = resolve(options.file);
  const file = relative(options.rootDir, path).split('\\').join('/');
  if (!existsSync(path)) {
    problems.add({ file, line: 0, message: 'The district file does not exist.', fix: 'Check the path given with --district or SLEP_DISTRICT (see docs/customizing.md).' });
    return { district: { name: '', logo: null, contacts: [], signature: null }, issuer: '', resources: [], css: '', logo: null };
  }
  const d = YamlReader.parse({ file, source: readFileSync(path, 'utf8'), problems });
  d.onlyKeys(['organization', 'logo', 'colors', 'contacts', 'certificate', 'resources']);
  const name = d.get('organization').string();

  // Logo: a file next to the district file, SVG (checked like a diagram) or PNG.
  let logo: CompiledDistrict['logo'] = null;
  let logoModel: District['logo'] = null;
  if (d.has('logo')) {
    const l = d.get('logo');
    l.onlyKeys(['file', 'alt']);
    const fileField = l.get('file');
    const logoFile = fileField.string();
    const alt = l.get('alt').string({ required: false });
    const logoPath = resolve(dirname(path), logoFile);
    const ext = extname(logoFile).toLowerCase();
    const logoRel = relative(options.rootDir, logoPath).split('\\').join('/');
    if (logoFile && !existsSync(logoPath)) fileField.problem(`The logo ${logoFile} does not exist (looked for ${logoRel}).`, 'Put the logo next to the district file, or give its path relative to it.');
    else if (logoFile && ext !== '.svg' && ext !== '.png') fileField.problem(`The logo must be an SVG or a PNG, not "${ext || logoFile}".`, 'Export the logo as .svg (preferred) or .png.');
    else if (logoFile && statSync(logoPath).size > LOGO_MAX_BYTES) fileField.problem(`The logo is ${Math.round(statSync(logoPath).size / 1024)} KiB; the limit is ${LOGO_MAX_BYTES / 1024} KiB.`, 'Export it smaller (about 400 px wide is plenty) or as SVG.');
    else if (ext === '.svg') {
      const svg = sanitizeSvg({ file: logoRel, source: readFileSync(logoPath, 'utf8'), idPrefix: 'logo', problems });
      const box = svg ? /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg.svg) : null;
      if (svg) {
        logo = { path: 'assets/district/logo.svg', data: Buffer.from(`${svg.svg}\n`) };
        logoModel = { src: logo.path, alt, width: Math.round(Number(box?.[1] ?? 160)), height: Math.round(Number(box?.[2] ?? 48)) };
      }
    } else if (ext === '.png') {
      const data = readFileSync(logoPath);
      if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE) || data.toString('latin1', 12, 16) !== 'IHDR') {
        fileField.problem(`${logoFile} is not a PNG image.`, 'Export the logo again as PNG (or SVG).');
      } else {
        logo = { path: 'assets/district/logo.png', data };
        logoModel = { src: logo.path, alt, width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
      }
    }
  }

  // Colours, each with the line it is set on, then every pair's contrast.
  const c = d.get('colors');
  c.onlyKeys(Object.keys(DISTRICT_COLORS));
  const colors = new Map<ColorKey, { value: string; line: number }>();
  for (const key of Object.keys(DISTRICT_COLORS) as ColorKey[]) {
    if (!c.has(key)) continue;
    const field = c.get(key);
    const value = field.string({ pattern: HEX_COLOR, patternHint: 'Write a hex colour such as "#0b4f8a" (quoted: YAML reads # as a comment).' });
    if (HEX_COLOR.test(value)) colors.set(key, { value: value.toLowerCase(), line: field.line });
  }
  const color = (key: ColorKey) => colors.get(key)?.value ?? DISTRICT_COLORS[key].fallback;
  for (const pair of CONTRAST_PAIRS) {
    const set = colors.get(pair.fg) ?? colors.get(pair.bg);
    if (!set) continue;
    const ratio = contrastRatio(color(pair.fg), color(pair.bg));
    if (ratio < pair.min) {
      c.problem(
        `Contrast of ${pair.fg} ${color(pair.fg)} on ${pair.bg} ${color(pair.bg)} is ${ratio.toFixed(2)}:1; WCAG 2.1 AA needs at least ${pair.min}:1 for ${pair.use}.`,
        `Darken or lighten one of the two (check with a contrast checker until it reaches ${pair.min}:1).`,
        set.line,
      );
    }
  }
  // The welcome banner and callouts put primary, heading and body text on the course's light blue tint.
  for (const key of ['primary', 'heading', 'text'] as const) {
    const set = colors.get(key);
    const ratio = set ? contrastRatio(set.value, ACCENT_TINT) : 21;
    if (set && ratio < 4.5) c.problem(`Contrast of ${key} ${set.value} on the course's tinted panels ${ACCENT_TINT} is ${ratio.toFixed(2)}:1; text there needs at least 4.5:1 (WCAG 2.1 AA).`, 'Use a darker colour.', set.line);
  }
  const background = colors.get('background');
  if (background) {
    for (const fixed of FIXED_ON_BACKGROUND) {
      const ratio = contrastRatio(fixed.color, background.value);
      // Only what the district's background makes worse than the course's own white does.
      if (ratio < fixed.min && ratio < contrastRatio(fixed.color, DISTRICT_COLORS.background.fallback)) c.problem(`The course's ${fixed.name} ${fixed.color} has only ${ratio.toFixed(2)}:1 on background ${background.value}; it needs ${fixed.min}:1.`, 'Use a white or very light background.', background.line);
    }
  }
  const declarations = [...colors].map(([key, { value }]) => `${DISTRICT_COLORS[key].property}:${value}`);
  const css = declarations.length
    ? `/* District colours (${file}) */\n:root{${declarations.join(';')}}\nhtml,body{background:${color('background')};color:${color('text')}}\n`
    : '';

  // Contacts.
  const contacts = d.get('contacts').list({ required: false }).map((x) => {
    x.onlyKeys(['role', 'name', 'title', 'email', 'phone']);
    const email = x.get('email').string({ required: false, pattern: EMAIL, patternHint: 'Give an address such as name@district.example.org.' });
    const phone = x.get('phone').string({ required: false, pattern: PHONE, patternHint: 'Give digits with spaces, dots, dashes or brackets, e.g. "555-010-0142" (quoted).' });
    if (!x.has('email') && !x.has('phone')) x.problem('A contact needs an email or a phone number.', 'Add "email:" or "phone:".');
    return { role: x.get('role').string(), name: x.get('name').string(), title: x.get('title').string({ required: false }), email, phone };
  });

  // Certificate.
  const cert = d.get('certificate');
  cert.onlyKeys(['issuer', 'signature']);
  const issuer = cert.get('issuer').string({ required: false });
  let signature: District['signature'] = null;
  if (cert.has('signature')) {
    const s = cert.get('signature');
    s.onlyKeys(['name', 'title']);
    signature = { name: s.get('name').string(), title: s.get('title').string() };
  }

  // Local resources and policies, after the course's own.
  const markdown = new MarkdownCompiler({ assetsDir: resolve(options.courseDir, 'assets'), problems });
  const resources: Resource[] = d.get('resources').list({ required: false }).map((x, i) => {
    x.onlyKeys(['title', 'url', 'publisher', 'description']);
    const description = x.get('description');
    return {
      id: `local-${i + 1}`,
      title: x.get('title').string(),
      url: x.get('url').string({ pattern: HTTPS_URL, patternHint: 'Give the full https:// address.' }),
      publisher: x.get('publisher').string({ required: false }) || name,
      descriptionHtml: markdown.renderInline({ file, line: description.line, text: description.string({ required: false }) }).html,
      group: 'local' as const,
    };
  });

  return { district: { name, logo: logoModel, contacts, signature }, issuer, resources, css, logo };
}

/** The course model with the district's name, contacts, issuer and resources. */
export function applyDistrict(model: CourseModel, compiled: CompiledDistrict): CourseModel {
  return {
    ...model,
    issuer: compiled.issuer || model.issuer,
    resources: [...model.resources, ...compiled.resources],
    district: compiled.district,
  };
}
