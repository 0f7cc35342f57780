import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Problems } from './problems.js';
import { CONTENT_LIMITS, decodeUtf8, formatBytes } from './sources.js';
import { sanitizeSvg } from './svg.js';

/** File types course/assets may hold, with the first bytes each must start with. */
const TYPES: Readonly<Record<string, ((bytes: Uint8Array) => boolean) | null>> = {
  '.svg': null,
  '.png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  '.jpg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  '.jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  '.gif': (b) => startsWith(b, [0x47, 0x49, 0x46, 0x38]),
  '.webp': (b) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b.subarray(8), [0x57, 0x45, 0x42, 0x50]),
};

/**
 * Checks every file in course/assets, referenced or not: the whole folder is
 * copied into every package, and an LMS may serve a file from it directly with no
 * CSP header, so a file that could run script must never be there. SVGs go
 * through the same checks as inlined diagrams (no script, event handlers,
 * foreignObject, links or external references, DOCTYPE/ENTITY, processing
 * instructions); other files must be images whose bytes match their extension.
 * Returns the number of bytes checked.
 */
export function checkAssets(options: { dir: string; file: (path: string) => string; problems: Problems }): number {
  const { dir, problems } = options;
  if (!existsSync(dir)) return 0;
  let total = 0;
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const file = options.file(path);
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) {
        problems.add({ file, line: 0, message: 'A symbolic link is not allowed in course/assets/.', fix: 'Copy the file itself into course/assets/.' });
        continue;
      }
      if (stat.isDirectory()) {
        walk(path);
        continue;
      }
      total += stat.size;
      const ext = extname(name).toLowerCase();
      const magic = TYPES[ext];
      if (magic === undefined) {
        problems.add({ file, line: 0, message: `"${name}" is not an image type the course can ship (${ext || 'no extension'}).`, fix: `course/assets/ holds only ${Object.keys(TYPES).join(', ')} files; move anything else out of it (every file there is copied into every package).` });
        continue;
      }
      if (stat.size > CONTENT_LIMITS.maxAssetBytes) {
        problems.add({ file, line: 0, message: `The file is ${formatBytes(stat.size)}; one asset may be at most ${formatBytes(CONTENT_LIMITS.maxAssetBytes)}.`, fix: 'Export it smaller (fewer pixels, or a simpler SVG); learners on school networks download every byte.' });
        continue;
      }
      const bytes = readFileSync(path);
      if (magic === null) {
        const source = decodeUtf8({ bytes, file, problems });
        sanitizeSvg({ file, source, idPrefix: `dg-${basename(name, ext)}`, problems });
      } else if (!magic(bytes)) {
        problems.add({ file, line: 0, message: `The file's contents are not a ${ext.slice(1).toUpperCase()} image.`, fix: 'Export the image again in the format its extension names.' });
      }
    }
  };
  walk(dir);
  return total;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}
