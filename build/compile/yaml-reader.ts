import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { Problems } from './problems.js';
import { CONTENT_LIMITS, yamlDepth } from './sources.js';

/**
 * Reads a parsed YAML node with typed getters that report problems (with the
 * file and line of the offending node) instead of throwing, so one build run
 * lists every mistake in a file.
 */
export class YamlReader {
  constructor(
    readonly node: Node | null,
    readonly path: string,
    private readonly ctx: { file: string; lines: LineCounter; problems: Problems; fallbackLine: number; broken: boolean },
  ) {}

  /** Parses a YAML source; syntax errors are reported and yield an empty reader. */
  static parse(options: { file: string; source: string; problems: Problems; firstLine?: number }): YamlReader {
    const lines = new LineCounter();
    const offset = (options.firstLine ?? 1) - 1;
    // The parser recurses: bound the nesting first, and turn any crash into a problem, never a stack trace.
    const deep = yamlDepth(options.source, CONTENT_LIMITS.maxYamlDepth);
    if (deep) {
      options.problems.add({
        file: options.file,
        line: deep.line + offset,
        message: `The YAML nests more than ${CONTENT_LIMITS.maxYamlDepth} levels deep here (lists and keys inside each other); the file was not read.`,
        fix: 'Check the indentation (a stray space or "- " at the start of a line opens a new level) and any "[" or "{" that is not closed.',
      });
      return YamlReader.unreadable(options);
    }
    let doc: ReturnType<typeof parseDocument>;
    try {
      doc = parseDocument(options.source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    } catch (error) {
      options.problems.add({
        file: options.file,
        line: options.firstLine ?? 1,
        message: `The YAML could not be read (${error instanceof RangeError ? 'it nests too deeply' : error instanceof Error ? error.message.split('\n')[0] : String(error)}).`,
        fix: 'Simplify the file: check its indentation and that every "[" and "{" is closed.',
      });
      return YamlReader.unreadable(options);
    }
    for (const error of doc.errors) {
      const pos = lines.linePos(error.pos[0]);
      options.problems.add({
        file: options.file,
        line: pos.line + offset,
        message: `YAML syntax error: ${error.message.split('\n')[0]}`,
        fix: 'Check indentation and quoting; text containing ": " or starting with a symbol needs quotes or a ">-" block.',
      });
    }
    // A file with syntax errors reports only those: "missing" problems would be noise.
    const ctx = { file: options.file, lines: shiftLines(lines, offset), problems: options.problems, fallbackLine: options.firstLine ?? 1, broken: doc.errors.length > 0 };
    return new YamlReader(doc.errors.length ? null : (doc.contents as Node | null), '', ctx);
  }

  /** A reader for a file that could not be read at all: it reports nothing more (the reason is already reported). */
  static unreadable(options: { file: string; problems: Problems; firstLine?: number }): YamlReader {
    return new YamlReader(null, '', { file: options.file, lines: new LineCounter(), problems: options.problems, fallbackLine: options.firstLine ?? 1, broken: true });
  }

  get file(): string {
    return this.ctx.file;
  }

  /** 1-based line of this node (or of the nearest parent that exists). */
  get line(): number {
    const start = this.node?.range?.[0];
    return start === undefined ? this.ctx.fallbackLine : this.ctx.lines.linePos(start).line;
  }

  problem(message: string, fix: string, line = this.line): void {
    if (this.ctx.broken) return;
    this.ctx.problems.add({ file: this.ctx.file, line, message, fix });
  }

  isMap(): boolean {
    return isMap(this.node);
  }

  /** The child under `key` (a reader over `null` when missing, placed at this node's line). */
  get(key: string): YamlReader {
    // Compare keys as text: YAML reads an unquoted `true:` key as a boolean.
    const pair = isMap(this.node) ? this.node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === key) : undefined;
    const child = (pair?.value ?? undefined) as Node | undefined;
    return new YamlReader(child ?? null, this.path ? `${this.path}.${key}` : key, { ...this.ctx, fallbackLine: this.line });
  }

  has(key: string): boolean {
    return this.keys().includes(key);
  }

  keys(): string[] {
    if (!isMap(this.node)) return [];
    return this.node.items.map((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key));
  }

  /** Reports keys that are not in `allowed` (typos such as `feedbak`). */
  onlyKeys(allowed: readonly string[]): void {
    if (!isMap(this.node)) return;
    for (const pair of this.node.items) {
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      if (!allowed.includes(key)) {
        const line = isScalar(pair.key) && pair.key.range ? this.ctx.lines.linePos(pair.key.range[0]).line : this.line;
        this.problem(`Unknown key "${key}"${this.path ? ` in ${this.path}` : ''}.`, `Use one of: ${allowed.join(', ')}.`, line);
      }
    }
  }

  /** Items of a sequence; reports a problem when this is not a list. */
  list(options: { required?: boolean } = {}): YamlReader[] {
    if (this.node === null) {
      if (options.required !== false) this.problem(`Missing list "${this.path}".`, `Add "${lastKey(this.path)}:" followed by "- …" entries.`);
      return [];
    }
    if (!isSeq(this.node)) {
      this.problem(`"${this.path}" must be a list.`, 'Write each entry on its own line starting with "- ".');
      return [];
    }
    return this.node.items.map(
      (item, i) => new YamlReader(item as Node, `${this.path}[${i}]`, { ...this.ctx, fallbackLine: this.line }),
    );
  }

  /** A non-empty string (numbers are accepted and converted, e.g. version 1.0). */
  string(options: { required?: boolean; pattern?: RegExp; patternHint?: string } = {}): string {
    const value = isScalar(this.node) ? this.node.value : undefined;
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (options.required !== false) this.problem(`Missing "${this.path}".`, `Add "${lastKey(this.path)}:" with a value.`);
      return '';
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      this.problem(`"${this.path}" must be text.`, 'Write it as text (quote it if needed).');
      return '';
    }
    const text = String(value).trim();
    if (options.pattern && !options.pattern.test(text)) {
      this.problem(`"${this.path}" has an invalid value "${text}".`, options.patternHint ?? `Match ${String(options.pattern)}.`);
    }
    return text;
  }

  number(options: { min?: number; max?: number; integer?: boolean; fallback: number }): number {
    const value = isScalar(this.node) ? this.node.value : undefined;
    const range = `${options.min ?? '-∞'} to ${options.max ?? '∞'}`;
    if (typeof value !== 'number' || Number.isNaN(value)) {
      this.problem(`"${this.path}" must be a number${this.node === null ? ' and is missing' : ''}.`, `Give a number from ${range}.`);
      return options.fallback;
    }
    if ((options.min !== undefined && value < options.min) || (options.max !== undefined && value > options.max) || (options.integer && !Number.isInteger(value))) {
      this.problem(`"${this.path}" is ${value}, out of range.`, `Give ${options.integer ? 'a whole number' : 'a number'} from ${range}.`);
      return options.fallback;
    }
    return value;
  }

  boolean(options: { fallback: boolean; required?: boolean }): boolean {
    const value = isScalar(this.node) ? this.node.value : undefined;
    if (typeof value === 'boolean') return value;
    if (this.node === null && options.required === false) return options.fallback;
    this.problem(`"${this.path}" must be true or false.`, 'Write true or false (no quotes).');
    return options.fallback;
  }
}

function lastKey(path: string): string {
  return path.split('.').pop()?.replace(/\[\d+\]$/, '') ?? path;
}

/** A LineCounter whose lines are shifted (front matter starts below line 1). */
function shiftLines(lines: LineCounter, offset: number): LineCounter {
  if (offset === 0) return lines;
  const shifted = Object.create(lines) as LineCounter;
  shifted.linePos = (pos: number) => {
    const p = lines.linePos(pos);
    return { line: p.line + offset, col: p.col };
  };
  return shifted;
}
