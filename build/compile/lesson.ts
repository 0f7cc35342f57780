import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Block, Lesson, Objective } from '../../src/model/course.js';
import type { MarkdownCompiler } from './markdown.js';
import type { Problems } from './problems.js';
import { sanitizeSvg } from './svg.js';
import { YamlReader } from './yaml-reader.js';

const ID = /^[a-z0-9][a-z0-9-]*$/;
const BLOCKS = ['callout', 'scenario', 'takeaway', 'check', 'discussion', 'sources', 'diagram'] as const;
type BlockName = (typeof BLOCKS)[number];
/** Blocks every lesson must have at least one of. */
const REQUIRED: readonly BlockName[] = ['check', 'takeaway', 'scenario', 'sources'];

export interface CompiledLesson {
  readonly lesson: Lesson;
  /** Line of the lesson's `id:` in the front matter. */
  readonly line: number;
  /** Prose the learner reads (not sources), for the reading-level report. */
  readonly plainText: string;
  /** The lesson's measurable objectives, each with its front-matter line (for blueprint problems). */
  readonly objectives: readonly { objective: Objective; line: number }[];
  /** Where each referenced id appears, so the course compiler can check the references. */
  readonly references: readonly { kind: 'check' | 'discussion'; id: string; line: number }[];
}

/**
 * Compiles one lesson file: YAML front matter, then Markdown with `:::name arg`
 * … `:::` blocks (see docs/authoring.md).
 */
export function compileLesson(options: {
  file: string;
  source: string;
  markdown: MarkdownCompiler;
  problems: Problems;
  outcomes: ReadonlySet<string>;
  /** Where `:::diagram name` finds `name.svg`, and how to name that file in problems. */
  diagrams?: { dir: string; file: (path: string) => string };
}): CompiledLesson | undefined {
  const { file, markdown, problems } = options;
  const lines = options.source.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---') {
    problems.add({ file, line: 1, message: 'The lesson has no front matter.', fix: 'Start the file with a "---" line, the id/title/minutes/outcomes/objectives keys, and another "---" line.' });
    return undefined;
  }
  const end = lines.indexOf('---', 1);
  if (end < 0) {
    problems.add({ file, line: 1, message: 'The front matter is not closed.', fix: 'Add a "---" line after the front matter keys.' });
    return undefined;
  }
  const fm = YamlReader.parse({ file, source: lines.slice(1, end).join('\n'), problems, firstLine: 2 });
  fm.onlyKeys(['id', 'title', 'minutes', 'outcomes', 'objectives']);
  const id = fm.get('id').string({ pattern: ID, patternHint: 'Use lowercase letters, digits and hyphens.' });
  const title = fm.get('title').string();
  const minutes = fm.get('minutes').number({ min: 1, max: 120, fallback: 1 });
  const outcomes = fm.get('outcomes').list().map((o) => {
    const value = o.string();
    if (value && !options.outcomes.has(value)) o.problem(`Unknown outcome "${value}".`, `Use one of the outcome ids in course.yaml: ${[...options.outcomes].join(', ')}.`);
    return value;
  });
  const objectives = fm.get('objectives').list().map((o) => {
    if (!o.isMap()) {
      o.problem('Each objective needs an id, an outcome, a condition, the behavior (text) and a standard.', 'Write it as keys: "- id: …", "outcome: …", "condition: Given …", "text: …", "standard: …" (see docs/authoring.md, "Objectives").');
      return { objective: { id: '', lesson: id, outcome: '', text: o.string({ required: false }), condition: '', standard: '', draw: 1 }, line: o.line };
    }
    o.onlyKeys(['id', 'outcome', 'condition', 'text', 'standard', 'draw']);
    const outcome = o.get('outcome').string();
    if (outcome && !options.outcomes.has(outcome)) o.get('outcome').problem(`Unknown outcome "${outcome}".`, `Use one of the outcome ids in course.yaml: ${[...options.outcomes].join(', ')}.`);
    else if (outcome && !outcomes.includes(outcome)) o.get('outcome').problem(`The objective serves outcome "${outcome}", which the lesson does not list in "outcomes".`, `Add ${outcome} to the lesson's outcomes, or map the objective to one of: ${outcomes.join(', ')}.`);
    const objective: Objective = {
      id: o.get('id').string({ pattern: ID, patternHint: 'Use lowercase letters, digits and hyphens, e.g. "mou-elements".' }),
      lesson: id,
      outcome,
      condition: o.get('condition').string(),
      text: o.get('text').string(),
      standard: o.get('standard').string(),
      draw: o.has('draw') ? o.get('draw').number({ min: 1, max: 5, integer: true, fallback: 1 }) : 1,
    };
    return { objective, line: o.get('id').line };
  });

  const blocks: Block[] = [];
  const references: { kind: 'check' | 'discussion'; id: string; line: number }[] = [];
  const plain: string[] = [];
  const seen = new Set<BlockName>();
  let prose: string[] = [];
  let proseStart = end + 2;

  const flushProse = (nextLine: number) => {
    if (prose.join('').trim()) {
      const rendered = markdown.render({ file, line: proseStart, text: prose.join('\n') });
      blocks.push({ kind: 'prose', html: rendered.html });
      plain.push(rendered.plainText);
    }
    prose = [];
    proseStart = nextLine;
  };

  for (let i = end + 1; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const open = /^:::\s*([a-z-]+)\s*(.*)$/.exec(text);
    if (!open) {
      if (text.trim() === ':::') problems.add({ file, line: i + 1, message: 'A ":::" closes no block.', fix: 'Remove it, or open a block above with ":::name".' });
      else prose.push(text);
      continue;
    }
    const line = i + 1;
    flushProse(line);
    const name = open[1] as BlockName;
    const arg = (open[2] ?? '').trim();
    let close = i + 1;
    while (close < lines.length && !/^:::\s*$/.test(lines[close] ?? '')) {
      if (/^:::\s*[a-z]/.test(lines[close] ?? '')) break;
      close++;
    }
    if (close >= lines.length || !/^:::\s*$/.test(lines[close] ?? '')) {
      problems.add({ file, line, message: `The ":::${name}" block is not closed.`, fix: 'Add a line with only ":::" at the end of the block (blocks cannot nest).' });
      i = close - 1;
      proseStart = close + 1;
      continue;
    }
    const body = { file, line: line + 1, text: lines.slice(i + 1, close).join('\n') };
    i = close;
    proseStart = close + 2;
    if (!BLOCKS.includes(name)) {
      problems.add({ file, line, message: `Unknown block ":::${name}".`, fix: `Use one of: ${BLOCKS.map((b) => `:::${b}`).join(', ')}.` });
      continue;
    }
    seen.add(name);
    const needsTitle = name === 'callout' || name === 'scenario';
    if (needsTitle && !arg) problems.add({ file, line, message: `The ":::${name}" block has no title.`, fix: `Write the title on the same line: ":::${name} A short title".` });
    if ((name === 'check' || name === 'discussion') && !ID.test(arg)) {
      problems.add({ file, line, message: `The ":::${name}" block must name an id.`, fix: `Write ":::${name} the-id" (an id from ${name === 'check' ? `course/checks/` : 'course/workbook.yaml'}).` });
      continue;
    }
    if (name === 'diagram') {
      const diagram = compileDiagram({ name: arg, line, caption: body, file, markdown, problems, diagrams: options.diagrams });
      if (diagram) {
        blocks.push(diagram.block);
        plain.push(diagram.plainText);
      }
      continue;
    }
    switch (name) {
      case 'check':
        blocks.push({ kind: 'check', itemId: arg });
        references.push({ kind: 'check', id: arg, line });
        break;
      case 'discussion':
        blocks.push({ kind: 'discussion', questionId: arg });
        references.push({ kind: 'discussion', id: arg, line });
        break;
      default: {
        if (!body.text.trim()) {
          problems.add({ file, line, message: `The ":::${name}" block is empty.`, fix: 'Write its content between the opening line and the closing ":::".' });
          break;
        }
        const rendered = markdown.render(body);
        if (name !== 'sources') plain.push(rendered.plainText);
        if (name === 'callout' || name === 'scenario') blocks.push({ kind: name, title: arg, html: rendered.html });
        else blocks.push({ kind: name, html: rendered.html });
      }
    }
  }
  flushProse(lines.length + 1);

  for (const name of REQUIRED) {
    if (!seen.has(name)) problems.add({ file, line: 0, message: `The lesson has no ":::${name}" block.`, fix: `Every lesson needs at least one ":::${name}" block (see docs/authoring.md).` });
  }
  return { lesson: { id, title, minutes, outcomes, objectives: objectives.map((o) => o.objective.text), blocks }, line: fm.get('id').line, plainText: plain.join(' '), objectives, references };
}

/** `:::diagram name` (+ an optional Markdown caption) → the sanitized inline SVG of course/assets/diagrams/name.svg. */
function compileDiagram(options: {
  name: string;
  line: number;
  caption: { file: string; line: number; text: string };
  file: string;
  markdown: MarkdownCompiler;
  problems: Problems;
  diagrams: { dir: string; file: (path: string) => string } | undefined;
}): { block: Block; plainText: string } | undefined {
  const { name, line, file, problems } = options;
  if (!ID.test(name)) {
    problems.add({ file, line, message: 'The ":::diagram" block must name a diagram.', fix: 'Write ":::diagram the-name" for course/assets/diagrams/the-name.svg.' });
    return undefined;
  }
  const dir = options.diagrams?.dir ?? '';
  const path = join(dir, `${name}.svg`);
  if (!options.diagrams || !existsSync(path)) {
    problems.add({ file, line, message: `The diagram "${name}" does not exist.`, fix: `Add course/assets/diagrams/${name}.svg or fix the name.` });
    return undefined;
  }
  const svg = sanitizeSvg({ file: options.diagrams.file(path), source: readFileSync(path, 'utf8'), idPrefix: `dg-${name}`, problems });
  if (!svg) return undefined;
  const caption = options.caption.text.trim() ? options.markdown.render(options.caption) : { html: '', plainText: '' };
  return {
    block: { kind: 'diagram', name, svg: svg.svg, description: svg.description, captionHtml: caption.html },
    plainText: caption.plainText,
  };
}
