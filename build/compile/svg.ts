import type { Problems } from './problems.js';

/**
 * Elements a course diagram may use: shapes, text and arrow markers. Anything
 * that can run script, load something or embed HTML (script, foreignObject,
 * image, a, use of other files, animate/set, style) is rejected.
 */
const ELEMENTS = new Set(['svg', 'g', 'title', 'desc', 'defs', 'marker', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'path', 'text', 'tspan']);

/**
 * Geometry and presentation attributes. Colours are presentation attributes, not
 * `style="…"`: the package CSP (style-src 'self') blocks inline styles.
 */
const ATTRIBUTES = new Set([
  'xmlns', 'viewBox', 'role', 'aria-labelledby', 'aria-hidden', 'id', 'class',
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'd', 'points', 'dx', 'dy',
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin', 'opacity', 'transform',
  'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline',
  'marker-start', 'marker-mid', 'marker-end', 'markerWidth', 'markerHeight', 'refX', 'refY', 'orient', 'markerUnits', 'preserveAspectRatio',
]);

interface Tag {
  readonly name: string;
  readonly closing: boolean;
  readonly selfClosing: boolean;
  readonly attrs: [string, string][];
  readonly offset: number;
  /** The text between the previous tag and this one. */
  readonly before: string;
}

export interface SanitizedSvg {
  /** The diagram, safe to inline, with its ids prefixed so several can share a page. */
  readonly svg: string;
  /** Its title (the short text alternative). */
  readonly title: string;
  /** Its description (the long text alternative). */
  readonly description: string;
}

/**
 * Checks and inlines an author's SVG diagram. Every problem is reported with the
 * SVG file and line; nothing rejected reaches the package. The diagram must be
 * `role="img"` with `aria-labelledby` naming its `<title>` and `<desc>` (its text
 * alternative), and may reference only its own ids (`#id`, `url(#id)`).
 */
export function sanitizeSvg(options: { file: string; source: string; idPrefix: string; problems: Problems }): SanitizedSvg | undefined {
  const { file, idPrefix, problems } = options;
  const source = options.source.replace(/\r\n?/g, '\n');
  let ok = true;
  const lineAt = (offset: number) => source.slice(0, offset).split('\n').length;
  const report = (offset: number, message: string, fix: string) => {
    ok = false;
    problems.add({ file, line: lineAt(offset), message, fix });
  };

  // Tokenize: comments and the XML declaration are dropped; doctypes, CDATA and processing instructions are refused.
  const tags: Tag[] = [];
  const texts: { offset: number; text: string }[] = [];
  const pattern = /<!--[\s\S]*?-->|<\?xml\s[^>]*\?>|<(!|\?)[^>]*>|<(\/?)([a-zA-Z][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<|>/g;
  let last = 0;
  let pending = '';
  for (const m of source.matchAll(pattern)) {
    const offset = m.index;
    texts.push({ offset: last, text: source.slice(last, offset) });
    pending += source.slice(last, offset);
    last = offset + m[0].length;
    if (m[0].startsWith('<!--') || /^<\?xml\s/.test(m[0])) continue;
    if (m[1]) {
      const entity = /^<!ENTITY/i.test(m[0]) || (/^<!DOCTYPE/i.test(m[0]) && /<!ENTITY/i.test(source.slice(offset, offset + 2000)));
      const what = entity ? 'A DOCTYPE with <!ENTITY> declarations' : `"${m[0].slice(0, 20)}…"`;
      report(offset, `${what} is not allowed in a diagram.`, 'Remove DOCTYPE, ENTITY, CDATA and processing instructions (such as <?xml-stylesheet?>): a diagram is plain SVG elements.');
      continue;
    }
    if (!m[3]) {
      report(offset, 'A stray "<" or ">", or a tag that is not well formed.', 'Write "&lt;" / "&gt;" in text, and quote every attribute value.');
      continue;
    }
    const attrs: [string, string][] = [];
    for (const a of (m[4] ?? '').matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs.push([a[1] ?? '', a[2] ?? a[3] ?? '']);
    tags.push({ name: m[3], closing: m[2] === '/', selfClosing: m[5] === '/', attrs, offset, before: pending });
    pending = '';
  }
  texts.push({ offset: last, text: source.slice(last) });

  const ids = new Set<string>();
  for (const tag of tags) for (const [name, value] of tag.attrs) if (name === 'id') ids.add(value);

  // Check elements and attributes.
  for (const tag of tags) {
    if (!ELEMENTS.has(tag.name)) {
      report(tag.offset, `The element <${tag.name}> is not allowed in a diagram.`, `Use only ${[...ELEMENTS].map((e) => `<${e}>`).join(', ')} (no script, foreignObject, image, links, animation or style).`);
      continue;
    }
    for (const [name, value] of tag.attrs) {
      if (/^on/i.test(name)) report(tag.offset, `The event-handler attribute "${name}" is not allowed.`, 'Remove it: diagrams cannot run script.');
      else if (name === 'style') report(tag.offset, 'A style="…" attribute is not allowed (the course CSP blocks inline styles).', 'Use presentation attributes such as fill="#0b4f8a" or font-weight="700".');
      else if (name === 'href' || name === 'xlink:href') report(tag.offset, `The link "${value}" is not allowed in a diagram.`, 'Diagrams cannot link or load other files: draw the shape in this file.');
      else if (name === 'xmlns') {
        if (value !== 'http://www.w3.org/2000/svg') report(tag.offset, `The namespace "${value}" is not SVG.`, 'Use xmlns="http://www.w3.org/2000/svg".');
      } else if (!ATTRIBUTES.has(name)) report(tag.offset, `The attribute "${name}" is not allowed on <${tag.name}>.`, 'Use geometry and presentation attributes only (see docs/authoring.md).');
      else if (/javascript:|data:|https?:/i.test(value) || /url\(\s*[^#\s]/i.test(value)) report(tag.offset, `The value "${value}" of "${name}" points outside the diagram.`, 'Only references to ids in the same file are allowed, as url(#id).');
      else for (const ref of value.matchAll(/url\(#([^)]+)\)/g)) if (!ids.has(ref[1] ?? '')) report(tag.offset, `url(#${ref[1]}) names no element.`, `Give an element id="${ref[1]}" or fix the reference.`);
    }
  }
  for (const { offset, text } of texts) {
    if (text.includes('<') || text.includes('>')) report(offset, 'Text contains "<" or ">".', 'Write "&lt;" and "&gt;" in text.');
  }

  // The text alternative: role="img" on the root, labelled by a non-empty <title> and <desc>.
  const root = tags[0];
  const textOf = (element: 'title' | 'desc') => {
    const open = tags.findIndex((t) => t.name === element && !t.closing);
    const close = tags.findIndex((t, i) => i > open && t.name === element && t.closing);
    if (open < 0 || close < 0) return { id: '', text: '' };
    const openTag = tags[open] as Tag;
    const between = source.slice(openTag.offset, (tags[close] as Tag).offset).replace(/^<[^>]*>/, '');
    return { id: openTag.attrs.find(([n]) => n === 'id')?.[1] ?? '', text: between.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim() };
  };
  const title = textOf('title');
  const desc = textOf('desc');
  if (!root || root.name !== 'svg' || root.closing) {
    report(0, 'The file does not start with an <svg> element.', 'Start the diagram with <svg xmlns="http://www.w3.org/2000/svg" viewBox="…" role="img" aria-labelledby="title desc">.');
  } else {
    const attr = (name: string) => root.attrs.find(([n]) => n === name)?.[1];
    if (!attr('viewBox')) report(root.offset, 'The <svg> has no viewBox.', 'Add viewBox="0 0 width height" so the diagram scales to the screen.');
    if (attr('role') !== 'img') report(root.offset, 'The <svg> is not role="img".', 'Add role="img" so screen readers treat the diagram as one image with a text alternative.');
    const labelledBy = (attr('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
    if (!title.text || !desc.text) report(root.offset, 'The diagram has no text alternative: a <title> and a <desc> with text are required.', 'Add <title id="title">what it shows</title> and <desc id="desc">everything it teaches, in words</desc>.');
    else if (!title.id || !desc.id || !labelledBy.includes(title.id) || !labelledBy.includes(desc.id)) report(root.offset, 'aria-labelledby on the <svg> must name the ids of its <title> and <desc>.', 'Write aria-labelledby="title desc" with id="title" and id="desc".');
  }
  if (!ok || !root) return undefined;

  // Rebuild: attribute values escaped, ids prefixed, whitespace between tags collapsed.
  const prefixed = (value: string) => `${idPrefix}-${value}`;
  const escapeAttr = (v: string) => v.replace(/&(?![a-z]+;|#\d+;|#x[0-9a-f]+;)/gi, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  let out = '';
  for (const [i, tag] of tags.entries()) {
    if (i > 0 && tag.before.trim()) out += tag.before.replace(/\s+/g, ' ');
    if (tag.closing) {
      out += `</${tag.name}>`;
      continue;
    }
    const attrs = tag.attrs
      .filter(([name]) => !(tag === root && (name === 'width' || name === 'height')))
      .map(([name, value]) => {
        if (name === 'id') value = prefixed(value);
        else if (name === 'aria-labelledby') value = value.split(/\s+/).filter(Boolean).map(prefixed).join(' ');
        else value = value.replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefixed(id)})`);
        return ` ${name}="${escapeAttr(value)}"`;
      })
      .join('');
    out += `<${tag.name}${attrs}${tag.selfClosing ? '/>' : '>'}`;
  }
  return { svg: out, title: title.text, description: desc.text };
}
