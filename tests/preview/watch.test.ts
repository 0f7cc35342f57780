/**
 * The preview's rebuild-on-change (preview/watch.ts) against a real temp directory:
 * a change to a watched file (nested too) runs the build, a burst of changes runs it once,
 * a change during a build runs exactly one more, editor droppings run nothing, and
 * close() stops it.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { watchAndRebuild } from '../../preview/watch.js';
import type { BuildEvent, BuildResult } from '../../preview/watch.js';

let temp: string;

before(async () => {
  temp = await mkdtemp(join(tmpdir(), 'preview-watch-test-'));
});

after(async () => {
  if (temp) await rm(temp, { recursive: true, force: true });
});

/** A controllable build: each call waits until the test lets it finish. */
function fakeBuild() {
  const calls: Array<(result: BuildResult) => void> = [];
  let started: (() => void) | null = null;
  return {
    calls,
    rebuild: () =>
      new Promise<BuildResult>((resolve) => {
        calls.push(resolve);
        started?.();
      }),
    /** Resolves when the build has been called `n` times in all. */
    async called(n: number): Promise<void> {
      while (calls.length < n) await new Promise<void>((r) => (started = r));
    },
  };
}

async function dir(name: string): Promise<string> {
  const path = join(temp, name);
  await mkdir(join(path, 'lessons'), { recursive: true });
  return path;
}

describe('preview watcher', () => {
  it('rebuilds when a file in a watched directory changes, nested ones included, and reports both steps', async () => {
    const root = await dir('a');
    const build = fakeBuild();
    const events: BuildEvent[] = [];
    const watcher = watchAndRebuild({ dirs: [root], rebuild: build.rebuild, onEvent: (e) => events.push(e), debounceMs: 30 });
    try {
      await writeFile(join(root, 'lessons', 'one.md'), '# One\n');
      await build.called(1);
      build.calls[0]?.({ ok: true, output: 'Built.' });
      await watcher.idle();
      assert.equal(events[0]?.type, 'building');
      assert.ok(events[0]?.type === 'building' && events[0].files.some((f) => f.endsWith(join('lessons', 'one.md'))), JSON.stringify(events[0]));
      assert.equal(events[1]?.type, 'built');
      assert.ok(events[1]?.type === 'built' && events[1].ok && events[1].output === 'Built.');
    } finally {
      watcher.close();
    }
  });

  it('runs one build for a burst of changes, and exactly one more for changes made during a build', async () => {
    const root = await dir('b');
    const build = fakeBuild();
    const events: BuildEvent[] = [];
    const watcher = watchAndRebuild({ dirs: [root], rebuild: build.rebuild, onEvent: (e) => events.push(e), debounceMs: 100 });
    try {
      await Promise.all(['1', '2', '3'].map((n) => writeFile(join(root, `${n}.md`), n)));
      await build.called(1);
      // While the first build runs: two more changes.
      await writeFile(join(root, '4.md'), '4');
      await writeFile(join(root, 'lessons', '5.md'), '5');
      await new Promise((r) => setTimeout(r, 300)); // give the watcher time to notice (not an assertion on time)
      assert.equal(build.calls.length, 1, 'no second build while the first runs');
      build.calls[0]?.({ ok: false, output: 'course/lessons/1.md: broken' });
      // Either the second build starts, or the watcher goes idle without it (a failure).
      await Promise.race([build.called(2), watcher.idle()]);
      assert.equal(build.calls.length, 2, 'the changes made during the first build ran a second one');
      build.calls[1]?.({ ok: true, output: '' });
      await watcher.idle();
      assert.equal(build.calls.length, 2);
      const building = events.filter((e) => e.type === 'building');
      assert.equal(building.length, 2);
      assert.ok(building[1]?.type === 'building' && building[1].files.some((f) => f.endsWith('4.md')) && building[1].files.some((f) => f.endsWith('5.md')));
      assert.deepEqual(
        events.filter((e) => e.type === 'built').map((e) => e.type === 'built' && e.ok),
        [false, true],
      );
    } finally {
      watcher.close();
    }
  });

  it('ignores editor droppings and stops watching after close()', async () => {
    const root = await dir('c');
    const build = fakeBuild();
    const watcher = watchAndRebuild({ dirs: [root], rebuild: build.rebuild, onEvent: () => undefined, debounceMs: 30 });
    await writeFile(join(root, '.#lesson.md'), 'lock');
    await writeFile(join(root, 'lesson.md~'), 'backup');
    await writeFile(join(root, '.lesson.md.swp'), 'swap');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(build.calls.length, 0, 'editor files are not changes');
    watcher.close();
    await writeFile(join(root, 'lesson.md'), 'real');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(build.calls.length, 0, 'closed: nothing runs');
  });
});
