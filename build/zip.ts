/**
 * Zips a folder so that the same files always give the same bytes: same entry order,
 * timestamps, modes and compression, whatever the machine, time zone or file dates.
 * Identical inputs then give identical package hashes, which makes builds checkable.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { listDir } from './files.js';

// @types/yazl 2.4 predates yazl 3's `forceDosTimestamp` option.
declare module 'yazl' {
  interface Options {
    forceDosTimestamp: boolean;
  }
}

/** A regular file, rw-r--r--, whatever the source file's mode. */
const ENTRY_MODE = 0o100644;

export interface DeterministicZipOptions {
  /** The folder whose files become the zip's entries, at the zip root. */
  readonly sourceDir: string;
  /** The zip to write; its folder is created if needed. Must not be inside `sourceDir`. */
  readonly outFile: string;
}

/**
 * Writes every file under `sourceDir` into `outFile`: entries sorted by posix path, no
 * directory entries, each dated 2000-01-01 00:00 with mode 0644 and deflated, and no
 * extended (UTC) timestamp field, which would otherwise differ between time zones.
 *
 * @example
 * await writeDeterministicZip({ sourceDir: 'dist/scorm12', outFile: 'dist/sep-scorm12.zip' });
 */
export async function writeDeterministicZip(options: DeterministicZipOptions): Promise<void> {
  const sourceDir = resolve(options.sourceDir);
  const outFile = resolve(options.outFile);
  const fromSource = relative(sourceDir, outFile);
  if (!(fromSource === '..' || fromSource.startsWith(`..${sep}`) || isAbsolute(fromSource))) {
    throw new Error(`the zip ${outFile} would be written inside the folder it zips (${sourceDir}); write it elsewhere`);
  }
  const files = await listDir(sourceDir);
  // Zip stores DOS date/time fields: local time, no zone. A date built from local fields
  // therefore writes 2000-01-01 00:00 in every time zone (DOS dates start in 1980).
  const mtime = new Date(2000, 0, 1);
  const zip = new ZipFile();
  // yazl reports read errors on the ZipFile, not on its output stream; end the stream with
  // the error so the pipeline below rejects and closes the half-written file.
  zip.once('error', (error: unknown) => {
    if (zip.outputStream instanceof Readable) zip.outputStream.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  for (const file of files) {
    zip.addFile(join(sourceDir, file), file, { mtime, mode: ENTRY_MODE, compress: true, forceDosTimestamp: true });
  }
  zip.end();

  await mkdir(dirname(outFile), { recursive: true });
  await pipeline(zip.outputStream, createWriteStream(outFile));
}
