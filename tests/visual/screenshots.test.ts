import { setViewport } from '@web/test-runner-commands';
import { visualDiff } from '@web/test-runner-visual-regression';
import { deepQueryAll } from '../integration/harness.js';
import { QUESTION_TYPES, walkScreens } from '../integration/screens.js';

/**
 * Screenshot tests: the key screens of the built package, in a fixed state
 * (tests/integration/screens.ts), at a phone, a tablet and a laptop size,
 * compared with the references in tests/screenshots/baseline. A layout
 * regression fails here; to accept an intended change, update the references
 * (docs/authoring.md, "Screenshot tests").
 */
const SIZES = [
  { width: 320, height: 568 },
  { width: 768, height: 1024 },
  { width: 1366, height: 768 },
];

/** Screen → the element to scroll to the top of the frame first (none: the top of the page). */
const KEY_SCREENS: Record<string, string | null> = {
  welcome: null,
  'partnership-models': 'figure.diagram',
  ...Object.fromEntries(QUESTION_TYPES.map((t) => [`question-${t}`, '#question-heading'])),
  result: '#result-heading',
  workbook: null,
  certificate: null,
};

describe('screenshots of the key screens', () => {
  before(async () => {
    await setViewport({ width: 1400, height: 1100 });
    document.body.style.margin = '0';
  });

  for (const size of SIZES) {
    it(`match the references at ${size.width}×${size.height}`, async () => {
      const taken: string[] = [];
      await walkScreens({
        size,
        visit: async ({ name, player }) => {
          if (!(name in KEY_SCREENS)) return;
          const doc = player.frame?.contentDocument as Document;
          const target = KEY_SCREENS[name];
          const win = player.frame?.contentWindow as Window;
          // No focus ring or caret in the picture: focus is not what these tests are about.
          (doc.activeElement as HTMLElement | null)?.blur();
          deepQueryAll(doc, '*').forEach((el) => (el.shadowRoot?.activeElement as HTMLElement | null)?.blur());
          if (target) deepQueryAll(doc, target)[0]?.scrollIntoView({ block: 'start' });
          else win.scrollTo(0, 0);
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          await visualDiff(player.frame as HTMLIFrameElement, `${name}-${size.width}x${size.height}`);
          taken.push(name);
        },
      });
      if (taken.length !== Object.keys(KEY_SCREENS).length) throw new Error(`Screens missing: ${Object.keys(KEY_SCREENS).filter((n) => !taken.includes(n)).join(', ')}`);
    });
  }
});
