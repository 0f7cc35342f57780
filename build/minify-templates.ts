/**
 * Build-time whitespace minification of the components' lit templates: the text of every
 * `css`…`` and `html`…`` tagged template in src/ (terser leaves template literals as
 * written, indentation included). Only the literal text changes, never an interpolation.
 *
 * - `css`: comments go, whitespace runs become one space, and the spaces around `{ } ; ,`
 *   and after `:` go (quoted strings are left as they are).
 * - `html`: a whitespace run that holds a line break becomes one space (which is how the
 *   browser renders it anyway). A template with `<pre`, `<textarea` with text, or
 *   `white-space` in it, is left as it is.
 *
 * Used by rollup.config.js after esbuild (the code is JavaScript by then).
 */

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/** Minifies the text of a css template (one quasi: the text between interpolations). */
export function minifyCss(text: string): string {
  // Quoted strings stay as they are; the rest is minified piece by piece.
  return text
    .split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/[ \t\n\r]+/g, ' ')
            .replace(/ ?([{};,]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('');
}

/** Minifies the text of an html template (one quasi). */
export function minifyHtml(text: string): string {
  return text.replace(/[ \t\r]*\n[ \t\n\r]*/g, ' ');
}

/** Whether an html template's text may depend on its whitespace. */
function whitespaceSensitive(quasis: string[]): boolean {
  const all = quasis.join('');
  return /<pre\b|<textarea\b[^>]*>[^<]|white-space/i.test(all);
}

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  if (typeof n.type === 'string') visit(n);
  for (const key of Object.keys(n)) {
    const v = n[key];
    if (v && typeof v === 'object') walk(v, visit);
  }
}

/**
 * Returns `code` with its `css` and `html` tagged templates minified (or `null` when
 * nothing changed). `parse` is rollup's `this.parse` (ESTree with start/end offsets).
 */
export function minifyTemplates(code: string, parse: (code: string) => unknown): string | null {
  if (!/\b(css|html)`/.test(code)) return null;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  walk(parse(code), (node) => {
    if (node.type !== 'TaggedTemplateExpression') return;
    const tag = node.tag as Node & { name?: string };
    if (tag.type !== 'Identifier' || (tag.name !== 'css' && tag.name !== 'html')) return;
    const quasis = (node.quasi as { quasis: Array<Node & { value: { raw: string } }> }).quasis;
    // Offsets must point at the raw text exactly, or the template is left alone.
    if (!quasis.every((q) => code.slice(q.start, q.end) === q.value.raw)) return;
    // A backslash before whitespace (a line continuation, an escaped space) is left alone.
    if (quasis.some((q) => /\\[ \t\n\r]/.test(q.value.raw))) return;
    if (tag.name === 'html' && whitespaceSensitive(quasis.map((q) => q.value.raw))) return;
    const minify = tag.name === 'css' ? minifyCss : minifyHtml;
    for (const q of quasis) {
      const text = minify(q.value.raw);
      if (text !== q.value.raw) edits.push({ start: q.start, end: q.end, text });
    }
  });
  if (!edits.length) return null;
  edits.sort((a, b) => b.start - a.start);
  let out = code;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
