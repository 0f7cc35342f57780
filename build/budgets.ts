/** The size budget of a written package (README "Performance": unzipped, media excluded, ≤ 1.5 MB). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

/** Media file types, which the package budget leaves out (the same list as scripts/bench.ts). */
export const MEDIA = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.svg', '.mp4', '.webm', '.mp3', '.m4a', '.ogg', '.wav', '.vtt']);

/** Each package folder in `outDir` (one with an index.html) with its bytes without media and its largest files. */
export function packageSizes(outDir: string): { kind: string; bytes: number; largest: { file: string; bytes: number }[] }[] {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(outDir, e.name, 'index.html')))
    .map((e) => {
      const files = filesIn(join(outDir, e.name)).filter((f) => !MEDIA.has(extname(f).toLowerCase()));
      const sized = files.map((file) => ({ file, bytes: statSync(join(outDir, e.name, file)).size })).sort((a, b) => b.bytes - a.bytes);
      return { kind: e.name, bytes: sized.reduce((n, f) => n + f.bytes, 0), largest: sized.slice(0, 3) };
    });
}

function filesIn(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesIn(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}
