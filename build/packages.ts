import { cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
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
export async function buildPackages(options: {
  root: string;
  model: CourseModel;
  courseDir: string;
  outDir: string;
  /** A district's colours (CSS) and logo, from its override file (build/compile/district.ts). */
  district?: { readonly css: string; readonly logo: { readonly path: string; readonly data: Buffer } | null };
}): Promise<string[]> {
  const { root, model, outDir } = options;
  const generated = process.env.SLEP_GENERATED_DIR ?? join(root, '.generated');
  rmSync(generated, { recursive: true, force: true });
  mkdirSync(generated, { recursive: true });
  writeFileSync(join(generated, 'course.json'), JSON.stringify(model));
  const chunks = await bundle(root);
  const build = buildId(model, chunks);

  rmSync(outDir, { recursive: true, force: true });
  const written: string[] = [];
  for (const pkg of PACKAGES) {
    const dir = join(outDir, pkg.kind);
    mkdirSync(join(dir, 'app'), { recursive: true });
    cpSync(join(generated, 'app'), join(dir, 'app'), { recursive: true });
    writeFileSync(join(dir, 'app', 'base.css'), BASE_CSS + (options.district?.css ?? ''));
    const assets = join(options.courseDir, 'assets');
    if (existsSync(assets)) cpSync(assets, join(dir, 'assets'), { recursive: true });
    const logo = options.district?.logo;
    if (logo) {
      mkdirSync(join(dir, logo.path, '..'), { recursive: true });
      writeFileSync(join(dir, logo.path), logo.data);
    }
    writeFileSync(join(dir, 'index.html'), indexHtml({ course: model, kind: pkg.kind, connectSrc: pkg.connectSrc, preload: firstScreenChunks(chunks), build }));
    await pkg.manifest?.({ dir, model });
    const zip = join(outDir, zipName(model, pkg.kind));
    await writeDeterministicZip({ sourceDir: dir, outFile: zip });
    written.push(`${relative(root, zip)} (${Math.round(statSync(zip).size / 1024)} KiB)`);
  }
  writeElementsManifest(root, outDir);
  written.push(relative(root, join(outDir, 'custom-elements.json')));
  return written;
}

/**
 * The build id the diagnostics view reports: the first 12 hex digits of a SHA-256 over the
 * course version, the compiled model and every player chunk. The same sources give the
 * same id (the build is deterministic); any change to content or code gives a new one.
 */
export function buildId(model: CourseModel, chunks: readonly OutputChunk[]): string {
  const hash = createHash('sha256').update(model.version).update(JSON.stringify(model));
  for (const chunk of [...chunks].sort((a, b) => a.fileName.localeCompare(b.fileName))) hash.update(chunk.fileName).update(chunk.code);
  return `${model.version}+${hash.digest('hex').slice(0, 12)}`;
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

