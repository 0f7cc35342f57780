import type { Item } from '../../src/model/course.js';
import { htmlToText } from './markdown.js';
import type { Problems } from './problems.js';

/**
 * Item-quality checks run on every build. They catch the patterns that let a
 * test-wise learner score without knowing the content: the key is the longest
 * option, true/false items are mostly keyed one way, absolute words mark the
 * wrong options, and a knowledge check (seen during the lessons) is a near-copy
 * of a scored bank item. Limits are in {@link QUALITY_LIMITS}.
 */
export const QUALITY_LIMITS = {
  /** Highest share of single-choice items whose key is strictly the longest option (chance with 4 options: 25%). */
  maxKeyLongestRate: 0.3,
  /** True/false keys: |true − false| may be at most this share of the items (or 1, whichever is larger). */
  maxTrueFalseImbalance: 0.2,
  /** Highest share of distractors containing an absolute word. */
  maxAbsoluteDistractorRate: 0.12,
  /** Highest gap between the distractors' and the keys' absolute-word rates. */
  maxAbsoluteGap: 0.08,
  /** Highest token Jaccard similarity between a check and a bank item, or two bank items (stem + key). */
  maxSimilarity: 0.5,
} as const;

/** Words that mark an option as too sweeping to be right (or, in a key, too safe to be wrong). */
export const ABSOLUTE = /\b(always|never|only|all|none|every|everyone|everything|entirely|completely|nothing|no one|cannot|guarantees?|proves?)\b/i;

const STOP = new Set(
  'the a an and or of to in on for at by with from as is are be was were it its this that these those their them they he she his her him you your we our not no can may must should would will which what who whom when where why how does do did has have had than then so if but about into out over under more most some such each any one two three four five six seven'.split(' '),
);

export interface QualityReport {
  readonly keyLongest: { readonly count: number; readonly total: number; readonly rate: number; readonly limit: number };
  readonly trueFalse: readonly { readonly set: string; readonly keyedTrue: number; readonly keyedFalse: number; readonly allowed: number }[];
  readonly absolutes: {
    readonly distractors: { readonly count: number; readonly total: number; readonly rate: number };
    readonly keys: { readonly count: number; readonly total: number; readonly rate: number };
    readonly limit: number;
    readonly gapLimit: number;
  };
  readonly similar: readonly { readonly a: string; readonly b: string; readonly similarity: number }[];
  readonly highestSimilarity: { readonly a: string; readonly b: string; readonly similarity: number } | null;
}

export type Locate = (itemId: string) => { file: string; line: number };

/** Options of an item as plain text, split into keys and distractors (a true/false statement counts as its own key or distractor). */
export function keysAndDistractors(item: Item): { keys: string[]; distractors: string[] } {
  if (item.type === 'true-false') {
    const keyedTrue = item.choices.find((c) => c.id === 't')?.correct === true;
    return keyedTrue ? { keys: [item.stemText], distractors: [] } : { keys: [], distractors: [item.stemText] };
  }
  if (item.type === 'single' || item.type === 'multiple') {
    return {
      keys: item.choices.filter((c) => c.correct).map((c) => htmlToText(c.html)),
      distractors: item.choices.filter((c) => !c.correct).map((c) => htmlToText(c.html)),
    };
  }
  return { keys: [], distractors: [] };
}

/** Content words of an item's stem and key, for near-duplicate detection. */
export function tokens(item: Item): Set<string> {
  const key =
    item.type === 'matching' ? item.pairs.map((p) => `${p.promptHtml} ${p.targetHtml}`).join(' ') : item.type === 'ordering' ? item.steps.map((s) => s.html).join(' ') : keysAndDistractors(item).keys.join(' ');
  const text = `${item.stemText} ${htmlToText(key)}`.toLowerCase();
  return new Set((text.match(/[a-z0-9§.]+/g) ?? []).map((w) => w.replace(/\.+$/, '')).filter((w) => w.length > 2 && !STOP.has(w)));
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  const union = a.size + b.size - shared;
  return union ? shared / union : 0;
}

/** Checks `bank` and `checks` against {@link QUALITY_LIMITS}; every breach becomes a problem at the item's line. */
export function checkQuality(options: { bank: readonly Item[]; checks: readonly Item[]; locate: Locate; problems: Problems }): QualityReport {
  const { bank, checks, locate, problems } = options;
  const at = (id: string, message: string, fix: string) => problems.add({ ...locate(id), message, fix });
  const pct = (n: number) => `${Math.round(n * 100)}%`;

  // 1. The key is the longest option.
  const singles = bank.filter((i) => i.type === 'single');
  const longest = singles.filter((item) => {
    const { keys, distractors } = keysAndDistractors(item);
    const key = keys[0]?.length ?? 0;
    return distractors.every((d) => d.length < key);
  });
  const keyLongest = { count: longest.length, total: singles.length, rate: singles.length ? longest.length / singles.length : 0, limit: QUALITY_LIMITS.maxKeyLongestRate };
  if (keyLongest.rate > keyLongest.limit) {
    for (const item of longest) {
      at(item.id, `The key of "${item.id}" is its longest option, and ${pct(keyLongest.rate)} of single-choice bank items are like that (limit ${pct(keyLongest.limit)}).`, 'Make the options about the same length: trim the key or give a distractor the same detail.');
    }
  }

  // 2. True/false key balance, per set.
  const trueFalse = [
    { set: 'bank', items: bank },
    { set: 'checks', items: checks },
  ].map(({ set, items }) => {
    const tf = items.filter((i) => i.type === 'true-false');
    const keyedTrue = tf.filter((i) => keysAndDistractors(i).keys.length === 1).length;
    const keyedFalse = tf.length - keyedTrue;
    const allowed = Math.max(1, Math.round(QUALITY_LIMITS.maxTrueFalseImbalance * tf.length));
    if (Math.abs(keyedTrue - keyedFalse) > allowed) {
      const more = keyedTrue > keyedFalse ? 'true' : 'false';
      for (const item of tf.filter((i) => (keysAndDistractors(i).keys.length === 1) === (more === 'true'))) {
        at(item.id, `True/false ${set} items are keyed ${keyedTrue} true and ${keyedFalse} false (at most ${allowed} apart); "${item.id}" is keyed ${more}.`, `Rewrite some statements so that they are ${more === 'true' ? 'false' : 'true'} (a true statement of the fact works as well as a false one).`);
      }
    }
    return { set, keyedTrue, keyedFalse, allowed };
  });

  // 3. Absolute words in distractors vs keys (bank and checks together: both teach test-wiseness).
  const all = [...bank, ...checks];
  let dWith = 0;
  let dTotal = 0;
  let kWith = 0;
  let kTotal = 0;
  const flagged: { id: string; text: string }[] = [];
  for (const item of all) {
    const { keys, distractors } = keysAndDistractors(item);
    for (const d of distractors) {
      dTotal++;
      if (ABSOLUTE.test(d)) {
        dWith++;
        flagged.push({ id: item.id, text: d });
      }
    }
    for (const k of keys) {
      kTotal++;
      if (ABSOLUTE.test(k)) kWith++;
    }
  }
  const absolutes = {
    distractors: { count: dWith, total: dTotal, rate: dTotal ? dWith / dTotal : 0 },
    keys: { count: kWith, total: kTotal, rate: kTotal ? kWith / kTotal : 0 },
    limit: QUALITY_LIMITS.maxAbsoluteDistractorRate,
    gapLimit: QUALITY_LIMITS.maxAbsoluteGap,
  };
  const gap = absolutes.distractors.rate - absolutes.keys.rate;
  if (absolutes.distractors.rate > absolutes.limit || gap > absolutes.gapLimit) {
    for (const f of flagged) {
      at(f.id, `A wrong option of "${f.id}" uses an absolute word ("${ABSOLUTE.exec(f.text)?.[0] ?? ''}"): ${pct(absolutes.distractors.rate)} of wrong options do, against ${pct(absolutes.keys.rate)} of keys (limits ${pct(absolutes.limit)}, gap ${pct(absolutes.gapLimit)}).`, 'Give the wrong option a plausible, specific error instead of an absolute; learners learn that "always/never/only" marks a wrong answer.');
    }
  }

  // 4. Near-duplicates: a check the learner saw in a lesson must not give away a bank item; two bank items must not test the same thing the same way.
  const similar: { a: string; b: string; similarity: number }[] = [];
  let highest: { a: string; b: string; similarity: number } | null = null;
  const bankTokens = bank.map((i) => ({ id: i.id, t: tokens(i) }));
  const pairs: [{ id: string; t: Set<string> }, { id: string; t: Set<string> }, string][] = [];
  for (const c of checks) {
    const ct = { id: c.id, t: tokens(c) };
    for (const b of bankTokens) pairs.push([ct, b, 'knowledge check']);
  }
  for (let i = 0; i < bankTokens.length; i++) for (let j = i + 1; j < bankTokens.length; j++) pairs.push([bankTokens[i]!, bankTokens[j]!, 'bank item']);
  for (const [a, b, what] of pairs) {
    const similarity = Math.round(jaccard(a.t, b.t) * 100) / 100;
    if (!highest || similarity > highest.similarity) highest = { a: a.id, b: b.id, similarity };
    if (similarity > QUALITY_LIMITS.maxSimilarity) {
      similar.push({ a: a.id, b: b.id, similarity });
      at(a.id, `The ${what} "${a.id}" is a near-copy of the bank item "${b.id}" (similarity ${similarity}, limit ${QUALITY_LIMITS.maxSimilarity}).`, what === 'knowledge check' ? 'Rewrite the check on another case or another fact: learners see checks before the scored assessment.' : 'Test another fact or another case, or drop one of the two.');
    }
  }

  return { keyLongest, trueFalse, absolutes, similar, highestSimilarity: highest };
}
