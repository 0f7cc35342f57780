import { cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { rollup } from 'rollup';
import type { OutputChunk, RollupOptions } from 'rollup';
import { scorm12Manifest, SCORM12_MANIFEST_FILE } from '../manifests/scorm12.js';
import type { CourseModel } from '../src/model/course.js';
import { listDir } from './files.js';
import { indexHtml, BASE_CSS } from './html.js';
import { scorm12SchemaFiles, validateScorm12Manifest } from './validate-manifest.js';
import { writeDeterministicZip } from './zip.js';

/** The packages the build writes, each a folder in dist/ and a zip beside it. */
export const PACKAGES = [
  { kind: 'scorm12', tracking: 'scorm12' },
  { kind: 'web', tracking: 'local' },
] as const;

export type PackageKind = (typeof PACKAGES)[number]['kind'];

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
    writeFileSync(join(dir, 'index.html'), indexHtml({ course: model, tracking: pkg.tracking, preload: firstScreenChunks(chunks, pkg.tracking) }));
    if (pkg.kind === 'scorm12') await writeScorm12Manifest(dir, model);
    const zip = join(outDir, `${model.slug}-${model.version}-${pkg.kind}.zip`);
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

async function writeScorm12Manifest(dir: string, model: CourseModel): Promise<void> {
  for (const schema of scorm12SchemaFiles()) cpSync(schema.path, join(dir, schema.name));
  const files = (await listDir(dir)).filter((f) => f !== SCORM12_MANIFEST_FILE);
  const manifestXml = scorm12Manifest({ course: model, files, launch: 'index.html' });
  writeFileSync(join(dir, SCORM12_MANIFEST_FILE), manifestXml);
  const problems = await validateScorm12Manifest({ manifestXml, packageDir: dir });
  if (problems.length) throw new Error(`The SCORM 1.2 manifest is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

/**
 * The chunks the first screen needs besides the entry: what the entry imports
 * statically, and this package's tracking driver (src/tracking/<tracking>.ts) with
 * its own static imports. Content and page chunks are not among them.
 */
export function firstScreenChunks(chunks: readonly OutputChunk[], tracking: string): string[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const found = new Set<string>();
  const add = (chunk: OutputChunk | undefined): void => {
    if (!chunk || found.has(chunk.fileName)) return;
    found.add(chunk.fileName);
    chunk.imports.forEach((file) => add(byName.get(file)));
  };
  const entry = chunks.find((c) => c.isEntry);
  add(entry);
  add(chunks.find((c) => c.moduleIds.some((id) => id.replace(/\\/g, '/').endsWith(`/src/tracking/${tracking}.ts`))));
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

