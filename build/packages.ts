import { cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { rollup } from 'rollup';
import type { OutputChunk, RollupOptions } from 'rollup';
import type { CourseModel } from '../src/model/course.js';
import { indexHtml, BASE_CSS } from './html.js';
import { BUILD, PACKAGE_KINDS, zipName } from './registry.js';
export type { PackageKind } from './registry.js';
import { writeDeterministicZip } from './zip.js';

/** The packages the build writes, each a folder in dist/ and a zip beside it (see build/registry.ts). */
export const PACKAGES = PACKAGE_KINDS.map((kind) => ({ kind, ...BUILD[kind] }));

/** Bundles the player and writes every package. Returns the files written, relative to root. */
export async function buildPackages(options: { root: string; model: CourseModel; courseDir: string; outDir: string }): Promise<string[]> {
  const { root, model, outDir } = options;
  const generated = process.env.SLEP_GENERATED_DIR ?? join(root, '.generated');
  rmSync(generated, { recursive: true, force: true });
  mkdirSync(generated, { recursive: true });
  writeFileSync(join(generated, 'course.json'), JSON.stringify(model));
  const chunks = await bundle(root);

  rmSync(outDir, { recursive: true, force: true });
  const written: string[] = [];
  for (const pkg of PACKAGES) {
    const dir = join(outDir, pkg.kind);
    mkdirSync(join(dir, 'app'), { recursive: true });
    cpSync(join(generated, 'app'), join(dir, 'app'), { recursive: true });
    writeFileSync(join(dir, 'app', 'base.css'), BASE_CSS);
    const assets = join(options.courseDir, 'assets');
    if (existsSync(assets)) cpSync(assets, join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), indexHtml({ course: model, kind: pkg.kind, connectSrc: pkg.connectSrc, preload: firstScreenChunks(chunks) }));
    await pkg.manifest?.({ dir, model });
    const zip = join(outDir, zipName(model, pkg.kind));
    await writeDeterministicZip({ sourceDir: dir, outFile: zip });
    written.push(`${relative(root, zip)} (${Math.round(statSync(zip).size / 1024)} KiB)`);
  }
  writeElementsManifest(root, outDir);
  written.push(relative(root, join(outDir, 'custom-elements.json')));
  return written;
}

/** The custom-elements manifest (elements, properties, events, CSS properties) for tools and docs. */
function writeElementsManifest(root: string, outDir: string): void {
  // Settings in custom-elements-manifest.config.mjs (it keeps cem from editing package.json).
  const result = spawnSync('npx', ['cem', 'analyze', '--outdir', relative(root, outDir)], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`custom-elements manifest: ${result.stderr || result.stdout}`);
}

/**
 * The chunks the first screen (the welcome page) needs besides the entry: what the
 * entry imports statically. The tracker's chunk and this package's tracking driver
 * (src/tracking/<tracking>.ts) are fetched by src/main.ts once the welcome page is on
 * screen, in parallel, so they are not declared here; nor are content and page chunks.
 */
export function firstScreenChunks(chunks: readonly OutputChunk[]): string[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const found = new Set<string>();
  const add = (chunk: OutputChunk | undefined): void => {
    if (!chunk || found.has(chunk.fileName)) return;
    found.add(chunk.fileName);
    chunk.imports.forEach((file) => add(byName.get(file)));
  };
  const entry = chunks.find((c) => c.isEntry);
  add(entry);
  if (entry) found.delete(entry.fileName);
  return [...found].sort();
}

async function bundle(root: string): Promise<OutputChunk[]> {
  const config = (await import(join(root, 'rollup.config.js'))).default as RollupOptions;
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const build = await rollup({ ...config, onwarn: (warning, warn) => (warning.code === 'THIS_IS_UNDEFINED' ? undefined : warn(warning)) });
    const output = config.output;
    const written = await build.write(Array.isArray(output) ? (output[0] ?? {}) : (output ?? {}));
    await build.close();
    return written.output.filter((o): o is OutputChunk => o.type === 'chunk');
  } finally {
    process.chdir(cwd);
  }
}

