/** File-system helpers shared by the packaging steps. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Lists every file under `dir`, recursively, as posix paths relative to `dir`, sorted by
 * UTF-16 code units (the same order on every OS and locale). Directories are not listed;
 * symbolic links are not followed.
 *
 * @example
 * await listDir('dist/scorm12'); // ['assets/app.js', 'imsmanifest.xml', 'index.html']
 */
export async function listDir(dir: string): Promise<string[]> {
  const files: string[] = [];
  async function walk(relative: string): Promise<void> {
    const entries = await readdir(join(dir, relative), { withFileTypes: true });
    for (const entry of entries) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(path);
    }
  }
  await walk('');
  return files.sort(compareCodeUnits);
}

/** Locale-independent string order, for anything that must sort the same everywhere. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
