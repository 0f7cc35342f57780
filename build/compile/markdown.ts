import { existsSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { Problems } from './problems.js';
import { CONTENT_LIMITS } from './sources.js';

/** Inline HTML tags an author may write; everything else is rejected. */
const ALLOWED_TAGS = new Set(['abbr', 'br', 'sub', 'sup']);
const ALLOWED_ATTRIBUTES = new Set(['title']);

export interface MarkdownSource {
  readonly file: string;
  /** Line of the first line of `text` in the file (1-based). */
  readonly line: number;
  readonly text: string;
}

export interface RenderedMarkdown {
  readonly html: string;
  /** The visible text, for readability and plain-text reports. */
  readonly plainText: string;
}

/**
 * Markdown → HTML at build time, with the safety and quality checks the course
 * promises: no script, no event-handler attributes, no `javascript:` URLs, only
 * https links, images with alt text that exist in `course/assets/`. Problems
 * are reported with file and line; the HTML never contains what was rejected.
 */
export class MarkdownCompiler {
  private readonly md: MarkdownIt;

  constructor(private readonly options: { assetsDir: string; problems: Problems }) {
    this.md = new MarkdownIt({ html: true, linkify: false, typographer: true });
    // Let every link become a token so our own check reports bad ones, instead of
    // markdown-it silently printing them as text.
    this.md.validateLink = () => true;
    // Tell screen-reader users that an outside link opens a new tab (WCAG 3.2.5 advisory, G201).
    const close = this.md.renderer.rules.link_close ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
    this.md.renderer.rules.link_close = (tokens, idx, options, env, self) => {
      let depth = 0;
      for (let i = idx - 1; i >= 0; i--) {
        const t = tokens[i];
        if (t?.type === 'link_close') depth++;
        if (t?.type === 'link_open' && depth-- === 0) {
          if (t.attrGet('target') === '_blank') return `<span class="visually-hidden"> (opens in a new tab)</span>${close(tokens, idx, options, env, self)}`;
          break;
        }
      }
      return close(tokens, idx, options, env, self);
    };
    this.md.core.ruler.push('slep_tables', (state) => labelTables(state.tokens));
    // A table is a labelled, focusable region (keyboard users can scroll it) that stacks
    // its rows on narrow screens; the cells carry their column header for that view.
    this.md.renderer.rules.table_open = (tokens, idx, options, _env, self) => {
      const label = tokens[idx]?.meta?.label as string | undefined;
      return `<div class="table-wrap" role="region" tabindex="0" aria-label="${escapeAttribute(label ? `Table: ${label}` : 'Table')}">` +
        `<p class="table-hint">Scroll sideways to see every column.</p>${self.renderToken(tokens, idx, options)}`;
    };
    this.md.renderer.rules.table_close = (tokens, idx, options, _env, self) => `${self.renderToken(tokens, idx, options)}</div>`;
  }

  /** Renders a block of Markdown (paragraphs, lists, tables, `##` headings). */
  render(source: MarkdownSource): RenderedMarkdown {
    return this.renderTokens(source, () => this.md.parse(source.text, {}));
  }

  /** Renders one line of inline Markdown (a stem, a choice, feedback) without a wrapping `<p>`. */
  renderInline(source: MarkdownSource): RenderedMarkdown {
    return this.renderTokens(source, () => this.md.parseInline(source.text, {}));
  }

  /** Parses (a parser failure becomes a problem, not a crash), bounds the nesting, checks, renders. */
  private renderTokens(source: MarkdownSource, parse: () => Token[]): RenderedMarkdown {
    const report = (line: number, message: string, fix: string) => this.options.problems.add({ file: source.file, line, message, fix });
    let tokens: Token[];
    try {
      tokens = parse();
    } catch (error) {
      report(source.line, `The text could not be read as Markdown (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`, 'Simplify it: check for deeply nested lists or quotes.');
      return { html: '', plainText: '' };
    }
    const deep = tooDeep(tokens, CONTENT_LIMITS.maxMarkdownDepth);
    if (deep) {
      report(deep.map ? source.line + deep.map[0] : source.line, `The Markdown nests more than ${CONTENT_LIMITS.maxMarkdownDepth} levels deep here (lists, quotes or emphasis inside each other).`, 'Flatten it: a lesson needs at most two levels of list; check for stray ">" or indentation.');
      return { html: '', plainText: '' };
    }
    const plain: string[] = [];
    this.check(tokens, source, plain);
    return { html: this.md.renderer.render(tokens, this.md.options, {}).trim(), plainText: plain.join(' ').replace(/\s+/g, ' ').trim() };
  }

  private check(tokens: Token[], source: MarkdownSource, plain: string[], line = source.line): void {
    for (const token of tokens) {
      const at = token.map ? source.line + token.map[0] : line;
      const report = (message: string, fix: string) => this.options.problems.add({ file: source.file, line: at, message, fix });
      switch (token.type) {
        case 'heading_open':
          if (token.tag === 'h1') report('A "# " heading is not allowed in the body.', 'The title comes from the front matter: use "## " for sections.');
          break;
        case 'html_block':
        case 'html_inline':
          this.checkHtml(token, report);
          break;
        case 'link_open':
          this.checkLink(token, report);
          break;
        case 'image':
          this.checkImage(token, report);
          break;
        case 'text':
        case 'code_inline':
          plain.push(token.content);
          break;
        case 'softbreak':
        case 'hardbreak':
          plain.push(' ');
          break;
      }
      if (token.children) this.check(token.children, source, plain, at);
    }
  }

  private checkHtml(token: Token, report: (message: string, fix: string) => void): void {
    const html = token.content;
    if (/<\s*script/i.test(html)) report('A <script> element is not allowed in course content.', 'Remove it: the course runs no author scripts.');
    if (/\son[a-z]+\s*=/i.test(html)) report('An event-handler attribute (on…=) is not allowed.', 'Remove the attribute: content cannot run script.');
    if (/javascript:/i.test(html)) report('A javascript: address is not allowed.', 'Link to an https:// address instead.');
    for (const match of html.matchAll(/<\/?\s*([a-zA-Z][\w-]*)([^>]*)>/g)) {
      const tag = (match[1] ?? '').toLowerCase();
      if (tag === 'script') continue;
      if (!ALLOWED_TAGS.has(tag)) {
        report(`The HTML tag <${tag}> is not allowed.`, `Use Markdown instead; the only HTML allowed is ${[...ALLOWED_TAGS].map((t) => `<${t}>`).join(', ')}.`);
        continue;
      }
      for (const attr of (match[2] ?? '').matchAll(/([a-zA-Z-:]+)\s*=/g)) {
        const name = (attr[1] ?? '').toLowerCase();
        if (!ALLOWED_ATTRIBUTES.has(name) && !name.startsWith('on')) {
          report(`The attribute "${name}" is not allowed on <${tag}>.`, 'Only title="…" is allowed (on <abbr>).');
        }
      }
    }
  }

  private checkLink(token: Token, report: (message: string, fix: string) => void): void {
    const href = token.attrGet('href') ?? '';
    if (/^\s*javascript:/i.test(href)) {
      report(`The link "${href}" uses javascript:, which is not allowed.`, 'Link to an https:// address instead.');
      token.attrSet('href', '#');
    } else if (href.startsWith('#')) {
      return;
    } else if (!/^https:\/\/[^\s/]+\.[^\s]+$/i.test(href)) {
      report(`The link "${href}" is not an https:// address.`, 'Use the https:// address of the page (http and relative links are not allowed).');
      token.attrSet('href', '#');
    } else {
      // External pages open outside the LMS frame so the course keeps its place.
      token.attrSet('target', '_blank');
      token.attrSet('rel', 'noopener noreferrer');
    }
  }

  private checkImage(token: Token, report: (message: string, fix: string) => void): void {
    const src = token.attrGet('src') ?? '';
    const alt = token.children?.map((c) => c.content).join('').trim() ?? '';
    if (!alt) report(`The image "${src}" has no alt text.`, 'Describe the image inside the brackets: ![what the image shows](assets/…).');
    if (!/^assets\/[\w./-]+$/.test(src) || src.includes('..')) {
      report(`The image "${src}" is not in course/assets/.`, 'Put the image in course/assets/ and refer to it as assets/<name>.');
    } else if (!existsSync(join(this.options.assetsDir, src.slice('assets/'.length)))) {
      report(`The image "${src}" does not exist.`, `Add the file course/${src} or fix the name.`);
    }
  }
}

/** Where the first token nested deeper than `limit` (block level plus inline level) is: the nearest line map. */
function tooDeep(tokens: readonly Token[], limit: number, base = 0, map: Token['map'] = null): { map: Token['map'] } | undefined {
  for (const token of tokens) {
    const at = token.map ?? map;
    if (base + token.level > limit) return { map: at };
    if (token.children) {
      const child = tooDeep(token.children, limit, base + token.level, at);
      if (child) return child;
    }
  }
  return undefined;
}

const TABLE_ROLES: Readonly<Record<string, string>> = {
  table_open: 'table',
  thead_open: 'rowgroup',
  tbody_open: 'rowgroup',
  tr_open: 'row',
  th_open: 'columnheader',
  td_open: 'cell',
};

/**
 * Gives each table the text of the heading above it as its label, each body cell
 * its column header (`data-label`, shown when rows stack), and explicit table
 * roles: a table restyled with `display: block` keeps its semantics that way.
 */
function labelTables(tokens: Token[]): void {
  let heading = '';
  let headers: string[] = [];
  let column = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const role = TABLE_ROLES[token.type];
    if (role) token.attrSet('role', role);
    // markdown-it aligns columns with style="text-align:…", which the package CSP blocks: use a class.
    const align = /text-align:\s*(left|center|right)/.exec(token.attrGet('style') ?? '')?.[1];
    if (token.attrGet('style') !== null) token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
    if (align) token.attrJoin('class', `align-${align}`);
    if (token.type === 'heading_open') heading = tokens[i + 1]?.content ?? '';
    else if (token.type === 'table_open') {
      token.meta = { ...(token.meta as object | null), label: inlineText(heading) };
      headers = [];
    } else if (token.type === 'tr_open') column = 0;
    else if (token.type === 'th_open') headers.push(inlineText(tokens[i + 1]?.content ?? ''));
    else if (token.type === 'td_open') {
      const header = headers[column++];
      if (header) token.attrSet('data-label', header);
    }
  }
}

/** Inline Markdown source → plain text, for labels. */
function inlineText(source: string): string {
  return source.replace(/[*_`]/g, '').replace(/\[(.*?)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ').trim();
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Strips tags from HTML produced by {@link MarkdownCompiler} (for short plain-text labels). */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
