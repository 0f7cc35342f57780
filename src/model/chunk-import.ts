/**
 * Every `import()` in the built player goes through this (rollup.config.js rewrites
 * them): after a chunk failed to load, the next attempt asks for it under a new
 * address (`?retry=n`), because browsers may remember a failed module fetch for the
 * life of the page, so "Try again" would fail again without one network request.
 */

const failures = new Map<string, number>();

export function importChunk(specifier: string, base: string): Promise<unknown> {
  const url = new URL(specifier, base).href;
  const failed = failures.get(url) ?? 0;
  return import(/* @vite-ignore */ failed ? `${url}?retry=${failed}` : url).catch((error: unknown) => {
    failures.set(url, failed + 1);
    throw error;
  });
}

declare global {
  // eslint-disable-next-line no-var
  var __slepImport: typeof importChunk | undefined;
}

globalThis.__slepImport = importChunk;
