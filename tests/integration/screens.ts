import type { Item, ItemType } from '../../src/model/course.js';
import { correctResponse } from '../../src/model/response.js';
import type { Action } from '../../src/state/attempt.js';
import { drawItems, PAGES } from '../../src/state/attempt.js';
import { deepQueryAll, PackagePlayer, until } from './harness.js';

/**
 * Walks every screen of the built package in a fixed state (fixed seed, fixed
 * clock, fixed learner), so the reflow test and the screenshot test see the
 * same screens every run.
 */

/** Fixed "now" for every state change the walk makes: 15 January 2026, 15:00 UTC. */
export const FIXED_NOW = Date.UTC(2026, 0, 15, 15, 0, 0);

export const LEARNER = { id: 'u-visual', name: 'Rivera, Ana' } as const;

export const QUESTION_TYPES: readonly ItemType[] = ['single', 'multiple', 'true-false', 'matching', 'ordering'];

export interface Screen {
  /** A file-name-safe id: `welcome`, a lesson id, `question-matching`, `result`, … */
  readonly name: string;
  /** The element of the page, once rendered. */
  readonly page: HTMLElement;
  readonly player: PackagePlayer;
}

interface StoreLike {
  dispatch(action: Action): void;
}

type Updatable = HTMLElement & { updateComplete: Promise<boolean> };

function dispatch(player: PackagePlayer, action: Action): void {
  (player.shell.store as unknown as StoreLike).dispatch(action);
}

/** The first seed whose draw holds every question type, so one attempt shows them all. */
export function seedWithEveryType(player: PackagePlayer): number {
  const { course } = player;
  const types = new Set(course.bank.map((i) => i.type));
  for (let seed = 1; seed < 5000; seed++) {
    const drawn = new Set(drawItems(course, seed).map((id) => course.bank.find((i) => i.id === id)?.type));
    if ([...types].every((t) => drawn.has(t))) return seed;
  }
  throw new Error('No seed draws every question type');
}

/** A wrong answer to an item (all items have at least two options). */
function wrongResponse(item: Item): string[] {
  const right = correctResponse(item);
  switch (item.type) {
    case 'ordering':
      return [...right].reverse();
    case 'matching':
      return right.map((p, j) => `${p.split('.')[0]}.${right[(j + 1) % right.length]?.split('.')[1]}`);
    case 'multiple':
      return right.slice(0, 1);
    case 'true-false':
      return [right[0] === 't' ? 'f' : 't'];
    default:
      return [item.choices.find((c) => !c.correct)?.id ?? 'a'];
  }
}

async function pageElement(player: PackagePlayer, tag: string): Promise<HTMLElement> {
  const doc = player.frame?.contentDocument as Document;
  const el = await until(() => deepQueryAll<Updatable>(doc, tag)[0], tag);
  await el.updateComplete;
  for (const inner of deepQueryAll<Updatable>(el.shadowRoot as ShadowRoot, '*')) {
    if ('updateComplete' in inner) await inner.updateComplete;
  }
  await player.settle();
  return el;
}

async function go(player: PackagePlayer, page: string, tag: string): Promise<HTMLElement> {
  dispatch(player, { type: 'go', page, now: FIXED_NOW });
  await player.settle();
  return pageElement(player, tag);
}

/**
 * Opens the course at `size` and calls `visit` on every screen: welcome, every
 * lesson (with its checks answered wrongly, so feedback shows), the assessment
 * introduction, every question of an attempt that holds every question type,
 * the review step, the result, the workbook, resources and the certificate.
 */
export async function walkScreens(options: { size: { width: number; height: number }; visit: (screen: Screen) => Promise<void> }): Promise<void> {
  const { visit } = options;
  const player = new PackagePlayer({ learner: LEARNER });
  try {
    await player.open(options.size);
    const { course } = player;
    await visit({ name: 'welcome', page: await pageElement(player, 'slep-welcome'), player });

    for (const check of course.checks) dispatch(player, { type: 'check', itemId: check.id, response: wrongResponse(check) });
    for (const lesson of course.lessons) {
      await visit({ name: lesson.id, page: await go(player, lesson.id, 'slep-lesson'), player });
    }

    const assessment = await go(player, PAGES.assessment, 'slep-assessment');
    await visit({ name: 'assessment-intro', page: assessment, player });
    dispatch(player, { type: 'start-assessment', seed: seedWithEveryType(player), now: FIXED_NOW });
    await player.settle();
    const { items } = player.shell.store.state.assessment;
    const root = assessment.shadowRoot as ShadowRoot;
    const seen = new Set<ItemType>();
    for (const [n, id] of items.entries()) {
      const item = course.bank.find((b) => b.id === id);
      if (!item) throw new Error(`unknown item ${id}`);
      // Answer all but the last two correctly: a pass (10 of 12) whose review shows both verdicts.
      dispatch(player, { type: 'answer', itemId: id, response: n < items.length - 2 ? correctResponse(item) : wrongResponse(item), latency: 5, now: FIXED_NOW });
      const button = deepQueryAll<HTMLButtonElement>(root, '.navigator ol button')[n];
      if (!button) throw new Error(`no navigator button for question ${n + 1}`);
      button.click();
      await until(() => root.textContent?.includes(`Question ${n + 1} of ${items.length}`), `question ${n + 1}`);
      const name = seen.has(item.type) ? `question-${n + 1}` : `question-${item.type}`;
      seen.add(item.type);
      await visit({ name, page: await pageElement(player, 'slep-assessment'), player });
    }
    deepQueryAll<HTMLButtonElement>(root, '.navigator > button').find((b) => /Review and submit/.test(b.textContent ?? ''))?.click();
    await visit({ name: 'assessment-review', page: await pageElement(player, 'slep-assessment'), player });
    dispatch(player, { type: 'submit', masteryScore: course.masteryScore, now: FIXED_NOW });
    await until(() => root.querySelector('#result-heading'), 'the result');
    await visit({ name: 'result', page: await pageElement(player, 'slep-assessment'), player });

    await visit({ name: 'workbook', page: await go(player, PAGES.workbook, 'slep-workbook'), player });
    await visit({ name: 'resources', page: await go(player, PAGES.resources, 'slep-resources'), player });
    await visit({ name: 'certificate', page: await go(player, PAGES.certificate, 'slep-certificate'), player });
  } finally {
    player.close();
  }
}
