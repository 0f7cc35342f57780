import { readFileSync, statSync } from 'node:fs';
import type { Problems } from './problems.js';

/**
 * Limits on what an author's files may be, so a mistake (or a hostile file) fails
 * the build with a clear message instead of crashing it, shipping garbled text or
 * producing a package an LMS cannot hold.
 */
export const CONTENT_LIMITS = {
  /** One course text file (a lesson, a checks file, assessment.yaml…); the largest today is about 110 KB. */
  maxFileBytes: 256 * 1024,
  /** One file in course/assets (diagrams are inlined into the package, so they count twice). */
  maxAssetBytes: 512 * 1024,
  /** The compiled course model (all text, inlined diagrams), which every package carries. */
  maxModelBytes: 1024 * 1024,
  /** Each unzipped package without media (README "Performance": ≤ 1.5 MB; same figure as scripts/bench.ts). */
  maxPackageBytes: 1.5 * 1024 * 1024,
  /** YAML nesting (maps and lists, block or flow); the course needs 5. */
  maxYamlDepth: 32,
  /** Markdown nesting (markdown-it token levels: lists, quotes, tables); the course needs 4. */
  maxMarkdownDepth: 20,
} as const;

/** Size in the units authors read: "5.0 MB", "300 KB", "12 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * Reads a course text file as UTF-8. A file over `maxBytes` is reported and not
 * read (`undefined`); bytes that are not valid UTF-8 are reported with their line
 * (and the file is still returned, decoded with U+FFFD, so the rest of the build can
 * report other problems — the build fails either way, so nothing garbled ships).
 */
export function readCourseText(options: { path: string; file: string; problems: Problems; maxBytes?: number }): string | undefined {
  const { path, file, problems } = options;
  const maxBytes = options.maxBytes ?? CONTENT_LIMITS.maxFileBytes;
  const size = statSync(path).size;
  if (size > maxBytes) {
    problems.add({
      file,
      line: 0,
      message: `The file is ${formatBytes(size)}; one course file may be at most ${formatBytes(maxBytes)}.`,
      fix: 'Split it (a lesson into two lessons, a long list into several files) or remove pasted material; the whole package must stay under 1.5 MB without media.',
    });
    return undefined;
  }
  return decodeUtf8({ bytes: readFileSync(path), file, problems });
}

/** Decodes `bytes` as UTF-8 and reports each line (up to 5) that is not valid UTF-8. */
export function decodeUtf8(options: { bytes: Uint8Array; file: string; problems: Problems }): string {
  const { bytes, file, problems } = options;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // A multi-byte sequence never contains a newline byte, so each line can be checked alone.
    const strict = new TextDecoder('utf-8', { fatal: true });
    const bad: number[] = [];
    let start = 0;
    for (let line = 1; start <= bytes.length; line++) {
      let end = bytes.indexOf(0x0a, start);
      if (end < 0) end = bytes.length;
      try {
        strict.decode(bytes.subarray(start, end));
      } catch {
        bad.push(line);
      }
      start = end + 1;
    }
    for (const line of bad.slice(0, 5)) {
      problems.add({
        file,
        line,
        message: 'This line is not valid UTF-8 text (it would show as "�" to learners).',
        fix: 'Save the file as UTF-8 in your editor (text pasted from a word processor or saved as Windows-1252/Latin-1 causes this), then retype the damaged characters.',
      });
    }
    if (bad.length > 5) problems.add({ file, line: 0, message: `${bad.length - 5} more line(s) are not valid UTF-8.`, fix: 'Save the whole file as UTF-8.' });
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/**
 * How deeply a YAML source nests, found without parsing (a parser recurses and a
 * deep enough file overflows its stack): block indentation, `- ` entries that
 * open a level each, and flow `[` / `{` brackets outside quotes. Block scalars
 * (`|`, `>`) are text, not nesting. Returns the first line where `limit` is passed.
 */
export function yamlDepth(source: string, limit: number): { depth: number; line: number } | undefined {
  const lines = source.split(/\r\n?|\n/);
  const stack: number[] = [];
  let flow = 0;
  let blockScalarIndent = -1;
  for (const [i, text] of lines.entries()) {
    const indent = /^ */.exec(text)?.[0].length ?? 0;
    const trimmed = text.slice(indent);
    if (blockScalarIndent >= 0) {
      if (trimmed === '' || indent > blockScalarIndent) continue;
      blockScalarIndent = -1;
    }
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (flow === 0) {
      while (stack.length && (stack[stack.length - 1] ?? 0) >= indent) stack.pop();
      stack.push(indent);
      // "- - - x": each dash opens a level at the column after it.
      let column = indent;
      for (const dash of trimmed.matchAll(/-(?: +|$)/gy)) {
        column += dash[0].length;
        stack.push(column);
      }
    }
    // Flow collections, outside quoted text.
    for (const m of trimmed.matchAll(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|\s#.*$|[[\]{}]/g)) {
      if (m[0] === '[' || m[0] === '{') flow++;
      else if (m[0] === ']' || m[0] === '}') flow = Math.max(0, flow - 1);
      if (stack.length + flow > limit) return { depth: stack.length + flow, line: i + 1 };
    }
    if (stack.length + flow > limit) return { depth: stack.length + flow, line: i + 1 };
    if (flow === 0 && /(?:^|[:\-]\s+)[|>][-+0-9]*\s*(?:#.*)?$/.test(trimmed)) blockScalarIndent = indent;
  }
  return undefined;
}
