/**
 * `npm start` rebuilds when the course or the player changes: fs.watch on `course/` and
 * `src/` (recursive), changes gathered for a moment (an editor's save is several events),
 * one build at a time (a change during a build runs one more build after it), and every
 * step reported to a listener — the preview server turns them into server-sent events so
 * the page relaunches the course.
 */
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { join, relative } from 'node:path';

export type BuildEvent =
  | { readonly type: 'building'; readonly id: number; readonly files: readonly string[] }
  | { readonly type: 'built'; readonly id: number; readonly ok: boolean; readonly output: string; readonly ms: number };

export interface BuildResult {
  readonly ok: boolean;
  /** What the build printed (the tail is shown on a failure). */
  readonly output: string;
}

export interface RebuildWatcherOptions {
  /** Directories watched, recursively. */
  readonly dirs: readonly string[];
  readonly rebuild: () => Promise<BuildResult>;
  readonly onEvent: (event: BuildEvent) => void;
  /** Quiet time after the last change before building. Default 150 ms. */
  readonly debounceMs?: number;
}

export interface RebuildWatcher {
  /** Resolves when no build is running or waiting. */
  idle(): Promise<void>;
  close(): void;
}

/** Editor droppings that are not source changes. */
const IGNORED = /(^|[/\\])(\.#|#)|~$|\.sw[px]$|\.tmp$|^\.git([/\\]|$)/;

export function watchAndRebuild(options: RebuildWatcherOptions): RebuildWatcher {
  const watchers: FSWatcher[] = [];
  const changed = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  let builds = 0;
  let idleWaiters: Array<() => void> = [];

  const settleIdle = (): void => {
    if (running || timer !== undefined) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  const build = async (): Promise<void> => {
    do {
      again = false;
      const files = [...changed].sort();
      changed.clear();
      const id = ++builds;
      options.onEvent({ type: 'building', id, files });
      const started = Date.now();
      let result: BuildResult;
      try {
        result = await options.rebuild();
      } catch (error) {
        result = { ok: false, output: error instanceof Error ? error.message : String(error) };
      }
      if (closed) return;
      options.onEvent({ type: 'built', id, ok: result.ok, output: result.output, ms: Date.now() - started });
    } while (again && !closed);
  };

  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (closed) return;
      if (running) {
        again = true;
        return;
      }
      running = build().finally(() => {
        running = null;
        settleIdle();
      });
    }, options.debounceMs ?? 150);
  };

  for (const dir of options.dirs) {
    const watcher = watch(dir, { recursive: true }, (_event, name) => {
      const file = name ? relative(process.cwd(), join(dir, name.toString())) : dir;
      if (closed || (name && IGNORED.test(name.toString()))) return;
      changed.add(file);
      schedule();
    });
    watcher.on('error', (error) => console.error(`[preview] watching ${dir}: ${error.message}`));
    watchers.push(watcher);
  }

  return {
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      }),
    close: () => {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      for (const w of watchers) w.close();
      settleIdle();
    },
  };
}

/** The real rebuild: `tsx build/cli.ts` in a child process, its output kept for the page. */
export function runBuild(repoRoot: string): Promise<BuildResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'build', 'cli.ts')], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (error) => resolve({ ok: false, output: `${output}\n${error.message}` }));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}
