import { expect } from '@open-wc/testing';
import type { PackagePlayer } from './harness.js';
import { deepQueryAll, until } from './harness.js';
import type { Screen } from './screens.js';
import { QUESTION_TYPES, walkScreens } from './screens.js';

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: unknown[] }[] }[];
}
type AxeWindow = Window & { axe?: { run: (ctx: unknown, opts: unknown) => Promise<AxeResult> } };

/** Runs axe-core in the course frame: WCAG 2.1 A/AA plus the best-practice rules the course promises. */
export async function axe(player: PackagePlayer): Promise<AxeResult> {
  const win = player.frame?.contentWindow as AxeWindow | null;
  const doc = player.frame?.contentDocument;
  if (!win || !doc) throw new Error('no frame');
  if (!win.axe) {
    const script = doc.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    doc.head.append(script);
    await until(() => win.axe, 'axe-core in the frame');
  }
  const wcag = await win.axe!.run(doc, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  const best = await win.axe!.run(doc, { runOnly: { type: 'rule', values: ['landmark-unique', 'scrollable-region-focusable', 'region', 'heading-order', 'landmark-no-duplicate-main'] } });
  return { violations: [...wcag.violations, ...best.violations] };
}

/** Every element of `root`, inside open shadow roots too. */
function deepElements(root: Document | ShadowRoot): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...deepElements(el.shadowRoot));
  }
  return out;
}

/** The parent in the flat tree (crosses shadow roots). */
function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** Whether an ancestor clips `el` inside the viewport (a scroll region, or visually-hidden text). */
function clippedInside(el: Element, viewport: number): boolean {
  for (let a = parentOf(el); a; a = parentOf(a)) {
    if (a === a.ownerDocument.documentElement || a === a.ownerDocument.body) return false;
    const style = getComputedStyle(a);
    const clips = style.overflowX !== 'visible' || style.clip !== 'auto' || style.clipPath !== 'none';
    if (clips && a.getBoundingClientRect().right <= viewport + 0.5) return true;
  }
  return false;
}

/** What sticks out to the right of the frame's viewport: page-level scroll and each element past the edge. */
export function overflow(player: PackagePlayer): string[] {
  const doc = player.frame?.contentDocument;
  if (!doc) throw new Error('no frame');
  const viewport = doc.documentElement.clientWidth;
  const problems: string[] = [];
  if (doc.documentElement.scrollWidth > viewport) problems.push(`the page scrolls sideways: ${doc.documentElement.scrollWidth}px wide in a ${viewport}px viewport`);
  for (const el of deepElements(doc)) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= viewport + 0.5) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.position === 'fixed') continue;
    if (clippedInside(el, viewport)) continue;
    const label = `${el.localName}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    problems.push(`${label} ends at ${Math.round(box.right)}px ("${(el.textContent ?? '').trim().slice(0, 40)}")`);
  }
  return problems;
}

const SIZES = [
  { label: '320 px (a phone)', size: { width: 320, height: 568 } },
  { label: '1280 px at 200% zoom (640 CSS px)', size: { width: 640, height: 400 } },
];

describe('reflow (WCAG 1.4.10): every screen of the built package', () => {
  for (const { label, size } of SIZES) {
    it(`fits ${label} without sideways scrolling, and stays axe-clean`, async () => {
      const visited: string[] = [];
      const failures: string[] = [];
      const diagrams: string[] = [];
      await walkScreens({
        size,
        visit: async ({ name, player }: Screen) => {
          visited.push(name);
          for (const svg of deepQueryAll<SVGSVGElement>(player.frame?.contentDocument as Document, 'figure.diagram svg')) {
            // Each diagram is one image named by its own title and described by its desc (its text alternative).
            const root = svg.getRootNode() as ShadowRoot;
            const [title, desc] = (svg.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => root.getElementById(id)?.textContent?.trim() ?? '');
            if (svg.getAttribute('role') !== 'img' || !title || !desc || desc.length < 80) failures.push(`${name}: a diagram without a text alternative`);
            if (svg.getBoundingClientRect().width < 200) failures.push(`${name}: diagram "${title}" is narrower than 200px`);
            diagrams.push(title ?? '');
          }
          failures.push(...overflow(player).map((p) => `${name}: ${p}`));
          const result = await axe(player);
          failures.push(...result.violations.map((v) => `${name}: axe ${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`));
        },
      });
      expect(visited).to.include.members(['welcome', 'assessment-intro', 'assessment-review', 'result', 'workbook', 'resources', 'certificate']);
      expect(visited).to.include.members(QUESTION_TYPES.map((t) => `question-${t}`), 'an attempt with every question type');
      expect(visited.length).to.be.at.least(7 + 12 + 7);
      expect(diagrams.length, diagrams.join(', ')).to.be.at.least(6);
      expect(failures, failures.join('\n')).to.deep.equal([]);
    });
  }
});
