import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = join(import.meta.dirname, '..', '..');

interface ManifestEvent { name?: string; type?: { text: string }; description?: string }
interface Declaration { name: string; tagName?: string; customElement?: boolean; events?: ManifestEvent[]; superclass?: { name: string; module?: string } }
interface Manifest { modules: { path: string; declarations?: Declaration[] }[] }

/** Event class → the name it passes to `super(…)`, read from src/events (the names the DOM sees). */
function eventClasses(): Map<string, string> {
  const dir = join(root, 'src', 'events');
  const found = new Map<string, string>();
  for (const file of readdirSync(dir)) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const m of source.matchAll(/export class (\w+) extends Event \{[\s\S]*?super\('([^']+)'/g)) found.set(m[1]!, m[2]!);
  }
  return found;
}

/** The event names a component module dispatches: every `dispatchEvent(new X…)` resolved through its class. */
function dispatched(modulePath: string, classes: Map<string, string>): string[] {
  const source = readFileSync(join(root, modulePath), 'utf8');
  return [...source.matchAll(/dispatchEvent\(\s*new (\w+)/g)].map((m) => {
    const name = classes.get(m[1]!);
    assert.ok(name, `${modulePath} dispatches ${m[1]}, which is not a typed event class in src/events`);
    return name;
  });
}

describe('custom-elements.json', () => {
  let dir = '';
  let manifest: Manifest;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'slep-cem-'));
    // The same command and settings the build uses (build/packages.ts).
    const result = spawnSync('npx', ['cem', 'analyze', '--outdir', relative(root, dir)], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr || result.stdout);
    manifest = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8')) as Manifest;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('knows the seven event names the components use', () => {
    assert.deepEqual([...eventClasses().values()].sort(), [
      'slep-answer', 'slep-assessment', 'slep-assessment-answer', 'slep-evaluation', 'slep-exit', 'slep-lesson-end', 'slep-navigate',
    ]);
  });

  it('lists, for every element, each event it dispatches under its real name, with its class and a description', () => {
    const classes = eventClasses();
    const byModule = new Map(manifest.modules.map((m) => [m.path, m]));
    let checked = 0;
    for (const mod of manifest.modules) {
      for (const d of mod.declarations ?? []) {
        if (!d.customElement) continue;
        const own = dispatched(mod.path, classes);
        // Inherited dispatches (slep-choice-question extends SlepQuestionElement).
        const parent = d.superclass?.module ? byModule.get(d.superclass.module.replace(/^\//, '')) : undefined;
        const inherited = parent ? dispatched(parent.path, classes) : [];
        const expected = [...new Set([...own, ...inherited])].sort();
        const events = d.events ?? [];
        const names = events.map((e) => e.name ?? '(unnamed)');
        assert.equal(new Set(names).size, names.length, `${d.tagName ?? d.name}: an event is listed twice: ${names.join(', ')}`);
        for (const e of events) {
          assert.ok(e.name && [...classes.values()].includes(e.name), `${d.tagName ?? d.name} lists "${e.name ?? '(unnamed)'}", which no element fires`);
          assert.equal(e.type?.text && classes.get(e.type.text), e.name, `${d.tagName ?? d.name}: ${e.name} has class ${e.type?.text}`);
          assert.ok(e.description, `${d.tagName ?? d.name}: ${e.name} has no @event description`);
        }
        for (const name of expected) assert.ok(names.includes(name), `${d.tagName ?? d.name} dispatches ${name} but the manifest lists ${names.join(', ') || 'nothing'}`);
        checked += 1;
      }
    }
    assert.ok(checked >= 10, `only ${checked} elements in the manifest`);
  });

  it('names the assessment page events slep-assessment, slep-assessment-answer and slep-navigate (not start/submit)', () => {
    const assessment = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'slep-assessment');
    assert.deepEqual(assessment?.events?.map((e) => e.name).sort(), ['slep-assessment', 'slep-assessment-answer', 'slep-navigate']);
  });
});
