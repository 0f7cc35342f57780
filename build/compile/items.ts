import type { Choice, Item, ItemType, MatchPair, Step } from '../../src/model/course.js';
import { htmlToText } from './markdown.js';
import type { MarkdownCompiler } from './markdown.js';
import type { YamlReader } from './yaml-reader.js';

const ID = /^[a-z0-9][a-z0-9-]*$/;
const ID_HINT = 'Use lowercase letters, digits and hyphens, e.g. "mou-minimum-elements".';
const TYPES: readonly ItemType[] = ['single', 'multiple', 'true-false', 'matching', 'ordering'];
/** SCORM 1.2 response letters: a single character per choice, so at most 9 here to stay portable. */
const MAX_OPTIONS = 9;
const LETTERS = 'abcdefghi';
const DIGITS = '123456789';

/** Compiles the `items:` list of a checks or assessment file. Problems go to the reader's collector. */
export interface ItemOptions {
  readonly root: YamlReader;
  readonly markdown: MarkdownCompiler;
  readonly outcomes: ReadonlySet<string>;
  /** Objective id → its outcome; an item's outcome comes from its objective. */
  readonly objectives: ReadonlyMap<string, string>;
  /** Bank items must name an objective (the blueprint draws by it); checks may. */
  readonly requireObjective: boolean;
  /** Filled with each item's file and line, for problems found later (blueprint, quality). */
  readonly locations?: Map<string, { file: string; line: number }>;
  /** Filled with every item's id, file and line in order, duplicates included (for the unique-id check). */
  readonly placed?: { id: string; file: string; line: number }[];
}

export function compileItems(options: ItemOptions): Item[] {
  const { root } = options;
  root.onlyKeys(['items']);
  const items: Item[] = [];
  for (const entry of root.get('items').list()) {
    const item = compileItem(entry, options);
    if (item) {
      items.push(item);
      if (!options.locations?.has(item.id)) options.locations?.set(item.id, { file: entry.file, line: entry.line });
      options.placed?.push({ id: item.id, file: entry.file, line: entry.get('id').line });
    }
  }
  return items;
}

function compileItem(r: YamlReader, options: ItemOptions): Item | undefined {
  if (!r.isMap()) {
    r.problem('Each item must be a set of keys (id, outcome, type, stem, …).', 'See docs/authoring.md, "Question items".');
    return undefined;
  }
  const id = r.get('id').string({ pattern: ID, patternHint: ID_HINT });
  const objective = r.get('objective').string({ required: false });
  const objectiveOutcome = options.objectives.get(objective);
  if (objective && objectiveOutcome === undefined) {
    r.get('objective').problem(`Item "${id}" names the unknown objective "${objective}".`, `Use an objective id from a lesson's front matter: ${[...options.objectives.keys()].join(', ')}.`);
  } else if (!objective && options.requireObjective) {
    r.problem(`Bank item "${id}" names no objective, so the blueprint cannot draw it.`, `Add "objective:" with the id of the lesson objective it measures (${[...options.objectives.keys()].slice(0, 6).join(', ')}, …).`);
  }
  // The outcome follows from the objective; an explicit one must agree with it.
  const outcome = r.has('outcome') || objectiveOutcome === undefined ? r.get('outcome').string() : objectiveOutcome;
  if (outcome && !options.outcomes.has(outcome)) {
    r.get('outcome').problem(`Item "${id}" names the unknown outcome "${outcome}".`, `Use one of the outcome ids in course.yaml: ${[...options.outcomes].join(', ')}.`);
  } else if (outcome && objectiveOutcome !== undefined && outcome !== objectiveOutcome) {
    r.get('outcome').problem(`Item "${id}" says outcome "${outcome}", but its objective "${objective}" serves "${objectiveOutcome}".`, `Remove "outcome:" (it follows from the objective) or tag the item with an objective of outcome "${outcome}".`);
  }
  const type = r.get('type').string() as ItemType;
  if (type && !TYPES.includes(type)) {
    r.get('type').problem(`Item "${id}" has the unknown type "${type}".`, `Use one of: ${TYPES.join(', ')}.`);
    return undefined;
  }
  const inline = (field: YamlReader): { html: string; text: string } => {
    const text = field.string();
    const rendered = options.markdown.renderInline({ file: field.file, line: field.line, text });
    return { html: rendered.html, text: htmlToText(rendered.html) };
  };
  const stem = inline(r.get('stem'));
  const source = r.get('source').string();
  const base = { id, outcome, ...(objective ? { objective } : {}), stemHtml: stem.html, stemText: stem.text, source };
  const common = ['id', 'outcome', 'objective', 'type', 'stem', 'source'];

  switch (type) {
    case 'single':
    case 'multiple': {
      r.onlyKeys([...common, 'choices']);
      const list = r.get('choices').list();
      const choices: Choice[] = list.slice(0, MAX_OPTIONS).map((c, i) => {
        c.onlyKeys(['text', 'correct', 'feedback']);
        const feedback = c.get('feedback');
        if (!c.has('feedback')) c.problem(`Choice ${i + 1} of item "${id}" has no feedback.`, 'Add "feedback:" explaining why this choice is right or wrong.');
        return {
          id: LETTERS[i] ?? String(i),
          html: inline(c.get('text')).html,
          correct: c.get('correct').boolean({ fallback: false, required: false }),
          feedbackHtml: c.has('feedback') ? inline(feedback).html : '',
        };
      });
      checkCount(r.get('choices'), list.length, { min: 2, what: 'choices', id });
      const correct = choices.filter((c) => c.correct).length;
      if (type === 'single' && list.length && correct !== 1) {
        r.get('choices').problem(`Single-choice item "${id}" has ${correct} correct choices.`, 'Mark exactly one choice with "correct: true" (or use type: multiple).');
      }
      if (type === 'multiple' && list.length && (correct < 2 || correct === choices.length)) {
        r.get('choices').problem(`Multiple-response item "${id}" has ${correct} of ${choices.length} choices correct.`, 'Mark at least two, and not all, choices with "correct: true" (one correct answer: use type: single).');
      }
      for (const c of list) {
        const text = c.get('text').string({ required: false }).toLowerCase();
        if (/^(all|none|both|neither) of the (above|these)/.test(text)) {
          c.get('text').problem(`Item "${id}" uses "${text}".`, 'Write a real choice: "all/none of the above" lets learners guess.');
        }
      }
      return { ...base, type, choices };
    }
    case 'true-false': {
      r.onlyKeys([...common, 'answer', 'feedback']);
      const answer = r.get('answer').boolean({ fallback: true });
      const feedback = r.get('feedback');
      feedback.onlyKeys(['true', 'false']);
      // SCORM 1.2 true-false responses are "t" / "f", so those are the choice ids.
      const choices: Choice[] = [
        { id: 't', html: 'True', correct: answer, feedbackHtml: inline(feedback.get('true')).html },
        { id: 'f', html: 'False', correct: !answer, feedbackHtml: inline(feedback.get('false')).html },
      ];
      return { ...base, type, choices };
    }
    case 'matching': {
      r.onlyKeys([...common, 'pairs', 'feedback']);
      const list = r.get('pairs').list();
      checkCount(r.get('pairs'), list.length, { min: 2, what: 'pairs', id });
      const pairs: MatchPair[] = list.slice(0, MAX_OPTIONS).map((p, i) => {
        p.onlyKeys(['prompt', 'target']);
        return {
          id: DIGITS[i] ?? String(i),
          promptHtml: inline(p.get('prompt')).html,
          targetId: LETTERS[i] ?? String(i),
          targetHtml: inline(p.get('target')).html,
        };
      });
      return { ...base, type, pairs, feedback: outcomeFeedback(r, inline) };
    }
    case 'ordering': {
      r.onlyKeys([...common, 'steps', 'feedback']);
      const list = r.get('steps').list();
      checkCount(r.get('steps'), list.length, { min: 2, what: 'steps', id });
      const steps: Step[] = list.slice(0, MAX_OPTIONS).map((s, i) => ({ id: LETTERS[i] ?? String(i), html: inline(s).html }));
      return { ...base, type, steps, feedback: outcomeFeedback(r, inline) };
    }
    default:
      return undefined;
  }
}

function outcomeFeedback(r: YamlReader, inline: (field: YamlReader) => { html: string }): { correctHtml: string; incorrectHtml: string } {
  const feedback = r.get('feedback');
  feedback.onlyKeys(['correct', 'incorrect']);
  return { correctHtml: inline(feedback.get('correct')).html, incorrectHtml: inline(feedback.get('incorrect')).html };
}

function checkCount(r: YamlReader, count: number, options: { min: number; what: string; id: string }): void {
  if (count > 0 && count < options.min) r.problem(`Item "${options.id}" has only ${count} ${options.what}.`, `Give at least ${options.min}.`);
  if (count > MAX_OPTIONS) {
    r.problem(`Item "${options.id}" has ${count} ${options.what}; at most ${MAX_OPTIONS} are allowed.`, 'SCORM 1.2 responses are single letters: split the item or remove some.');
  }
}
