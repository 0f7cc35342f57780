import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import yauzl from 'yauzl';
import type { Entry } from 'yauzl';
import { listDir } from '../../build/files.js';
import { writeDeterministicZip } from '../../build/zip.js';

const repoRoot = resolve(import.meta.dirname, '../..');

const sourceFiles: Readonly<Record<string, string>> = {
  'index.html': '<!doctype html><title>Course</title>\n',
  'assets/app.js': 'console.log("hello");\n'.repeat(50),
  'assets/b/deep.txt': 'deep\n',
  'Zebra.txt': 'upper case sorts before lower case\n',
  'imsmanifest.xml': '<manifest/>\n',
};

let root: string;
let sourceDir: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'zip-test-'));
  sourceDir = join(root, 'package');
  for (const [path, text] of Object.entries(sourceFiles)) {
    await mkdir(dirname(join(sourceDir, path)), { recursive: true });
    await writeFile(join(sourceDir, path), text);
  }
  // Dates and modes that a careless zip would copy into the archive.
  await utimes(join(sourceDir, 'index.html'), new Date('2021-06-01T12:00:00Z'), new Date('2021-06-01T12:00:00Z'));
  await chmod(join(sourceDir, 'assets/app.js'), 0o755);
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function sha256(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

/** Zips `sourceDir` in a separate Node process running in time zone `tz`; returns the zip's hash. */
async function zipInTimeZone(tz: string): Promise<string> {
  const outFile = join(root, `tz-${tz.replace('/', '-')}.zip`);
  const zipModule = pathToFileURL(join(repoRoot, 'build/zip.ts')).href;
  const script = [
    `import { writeDeterministicZip } from ${JSON.stringify(zipModule)};`,
    `await writeDeterministicZip({ sourceDir: ${JSON.stringify(sourceDir)}, outFile: ${JSON.stringify(outFile)} });`,
    `console.log(new Date(2000, 0, 1).toISOString());`,
  ].join('\n');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repoRoot,
    env: { ...process.env, TZ: tz },
  });
  return `${await sha256(outFile)} ${stdout.trim()}`;
}

interface ReadEntry {
  readonly entry: Entry;
  readonly data: Buffer;
}

async function readZip(file: string): Promise<ReadEntry[]> {
  const zipfile = await promisify<string, yauzl.Options, yauzl.ZipFile>(yauzl.open)(file, { lazyEntries: true });
  const openReadStream = promisify(zipfile.openReadStream.bind(zipfile));
  const entries: ReadEntry[] = [];
  return new Promise((resolvePromise, reject) => {
    zipfile.on('error', reject);
    zipfile.on('end', () => resolvePromise(entries));
    zipfile.on('entry', (entry: Entry) => {
      openReadStream(entry)
        .then(async (stream) => {
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
          entries.push({ entry, data: Buffer.concat(chunks) });
          zipfile.readEntry();
        })
        .catch(reject);
    });
    zipfile.readEntry();
  });
}

describe('deterministic zip', () => {
  it('gives identical bytes when the same folder is zipped twice', async () => {
    const first = join(root, 'first.zip');
    const second = join(root, 'out/nested/second.zip');
    await writeDeterministicZip({ sourceDir, outFile: first });
    // Touching a file changes its date on disk but must not change the zip.
    await utimes(join(sourceDir, 'assets/b/deep.txt'), new Date(), new Date());
    await writeDeterministicZip({ sourceDir, outFile: second });
    assert.equal(await sha256(second), await sha256(first));
  });

  it('gives identical bytes in New York and Tokyo', async () => {
    const newYork = await zipInTimeZone('America/New_York');
    const tokyo = await zipInTimeZone('Asia/Tokyo');
    const [newYorkHash, newYorkMidnight] = newYork.split(' ');
    const [tokyoHash, tokyoMidnight] = tokyo.split(' ');
    // Guard: the two processes really ran in different zones (local midnight differs in UTC).
    assert.notEqual(newYorkMidnight, tokyoMidnight);
    assert.equal(newYorkHash, tokyoHash);
    const here = join(root, 'here.zip');
    await writeDeterministicZip({ sourceDir, outFile: here });
    assert.equal(await sha256(here), newYorkHash);
  });

  it('stores the files sorted by path and reads back with the same contents', async () => {
    const outFile = join(root, 'read-back.zip');
    await writeDeterministicZip({ sourceDir, outFile });
    const entries = await readZip(outFile);
    const names = entries.map(({ entry }) => entry.fileName);
    assert.deepEqual(names, Object.keys(sourceFiles).sort());
    assert.deepEqual(names, await listDir(sourceDir));
    for (const { entry, data } of entries) {
      assert.equal(data.toString('utf8'), sourceFiles[entry.fileName], entry.fileName);
    }
  });

  it('stamps every entry 2000-01-01 00:00 (DOS time), mode 0644, deflated, with no directory entries', async () => {
    const outFile = join(root, 'metadata.zip');
    await writeDeterministicZip({ sourceDir, outFile });
    const dosDate = ((2000 - 1980) << 9) | (1 << 5) | 1;
    for (const { entry } of await readZip(outFile)) {
      assert.ok(!entry.fileName.endsWith('/'), `${entry.fileName} is a directory entry`);
      assert.equal(entry.lastModFileDate, dosDate, entry.fileName);
      assert.equal(entry.lastModFileTime, 0, entry.fileName);
      assert.equal(entry.externalFileAttributes >>> 16, 0o100644, entry.fileName);
      assert.equal(entry.compressionMethod, 8, entry.fileName);
      // No extended timestamp field: it stores UTC and would differ between time zones.
      assert.deepEqual(entry.extraFields, [], entry.fileName);
    }
  });

  it('refuses to write the zip inside the folder it zips', async () => {
    await assert.rejects(writeDeterministicZip({ sourceDir, outFile: join(sourceDir, 'self.zip') }), /inside the folder it zips/);
  });
});
