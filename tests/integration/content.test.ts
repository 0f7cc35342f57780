import { expect } from '@open-wc/testing';
import type { Item } from '../../src/model/course.js';
import { deepQueryAll, PackagePlayer, until } from './harness.js';

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: unknown[] }[] }[];
}

/** Runs axe-core inside the course frame (served from this origin, so the package CSP allows it). */
async function axe(player: PackagePlayer): Promise<AxeResult> {
  const win = player.frame?.contentWindow as (Window & { axe?: { run: (ctx: unknown, opts: unknown) => Promise<AxeResult> } }) | null;
  const doc = player.frame?.contentDocument;
  if (!win || !doc) throw new Error('no frame');
  if (!win.axe) {
    const script = doc.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    doc.head.append(script);
    await until(() => win.axe, 'axe-core in the frame');
  }
  return win.axe!.run(doc, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
}

const plain = (html: string) => {
  const div = document.createElement('div');
  div.innerHTML = html;
  return (div.textContent ?? '').replace(/\s+/g, ' ').trim();
};

describe('the real course in the built package', () => {
  let player: PackagePlayer;

  before(async () => {
    player = new PackagePlayer();
    await player.open();
  });

  after(() => player.close());

  it('renders every lesson with all its blocks, checks and discussion prompts, meeting WCAG 2.1 AA', async () => {
    const { course } = player;
    expect(course.lessons.length).to.be.at.least(6);
    for (const lesson of course.lessons) {
      await player.fire('slep-course', 'slep-navigate', { page: lesson.id });
      const el = await until(() => deepQueryAll(player.frame?.contentDocument as Document, 'slep-lesson')[0], 'the lesson');
      await (el as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
      const text = (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
      expect(text, lesson.id).to.contain(lesson.title);
      const questions = deepQueryAll(el.shadowRoot as ShadowRoot, 'slep-question');
      expect(questions.length, `${lesson.id} checks`).to.equal(lesson.blocks.filter((b) => b.kind === 'check').length);
      for (const block of lesson.blocks) {
        if (block.kind === 'takeaway' || block.kind === 'scenario') expect(text, `${lesson.id} ${block.kind}`).to.contain(plain(block.html).slice(0, 40));
        if (block.kind === 'discussion') {
          const q = course.workbook.questions.find((x) => x.id === block.questionId);
          expect(text).to.contain(plain(q?.questionHtml ?? '').slice(0, 40));
        }
      }
      const result = await axe(player);
      expect(result.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`), lesson.id).to.deep.equal([]);
    }
  });

  it('renders the workbook with every question and the MOU checklist, and every resource with an https link', async () => {
    const { course } = player;
    await player.fire('slep-course', 'slep-navigate', { page: 'workbook' });
    const wb = await until(() => deepQueryAll(player.frame?.contentDocument as Document, 'slep-workbook')[0], 'workbook');
    const wbText = (wb.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
    for (const q of course.workbook.questions) expect(wbText).to.contain(plain(q.questionHtml).slice(0, 40));
    expect(course.workbook.checklist.items.length).to.be.at.least(6);
    for (const i of course.workbook.checklist.items) expect(wbText).to.contain(plain(i.html).slice(0, 30));
    // Sources are rendered, not shown as Markdown source (titles in italics, no stray asterisks).
    expect(wbText).to.contain('Community Policing Dispatch');
    expect(wbText).not.to.match(/\*[A-Z][^*]*\*/);
    expect((await axe(player)).violations.map((v) => v.id)).to.deep.equal([]);

    await player.fire('slep-course', 'slep-navigate', { page: 'resources' });
    const res = await until(() => deepQueryAll(player.frame?.contentDocument as Document, 'slep-resources')[0], 'resources');
    const links = [...(res.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => a.href);
    expect(links.length).to.equal(course.resources.length);
    expect(links.every((h) => h.startsWith('https://'))).to.equal(true);
    expect((await axe(player)).violations.map((v) => v.id)).to.deep.equal([]);
  });

  it('renders every knowledge check and bank item with its stem and every option', async () => {
    const { course } = player;
    const doc = player.frame?.contentDocument as Document;
    const host = doc.createElement('div');
    doc.body.append(host);
    const options = (item: Item) => (item.type === 'matching' ? item.pairs.length : item.type === 'ordering' ? item.steps.length : item.choices.length);
    for (const item of [...course.checks, ...course.bank]) {
      const q = doc.createElement('slep-question') as HTMLElement & { item: Item; mode: string; response: readonly string[]; updateComplete: Promise<boolean> };
      q.item = item;
      q.mode = 'assessment';
      q.response = [];
      host.replaceChildren(q);
      await q.updateComplete;
      const inner = deepQueryAll(q.shadowRoot as ShadowRoot, '*').find((e) => e.shadowRoot) ?? q;
      const root = inner.shadowRoot ?? q.shadowRoot;
      const text = (root?.textContent ?? '').replace(/\s+/g, ' ');
      expect(text, item.id).to.contain(item.stemText.slice(0, 40));
      const controls = deepQueryAll(root as ShadowRoot, 'input, select, li');
      expect(controls.length, `${item.id} options`).to.be.at.least(options(item));
    }
    host.remove();
  });
});
