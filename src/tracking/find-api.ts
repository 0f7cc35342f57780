/**
 * Finds an LMS API object the way the ADL run-time books describe: walk up the
 * `parent` chain from this window to the top, then try the opener window and
 * its parents. Bounded, and tolerant of cross-origin frames (which throw on
 * access and are skipped).
 */
export function findApi<T>(options: { name: string; from?: Window; maxDepth?: number }): T | null {
  return locateApi<T>(options)?.api ?? null;
}

/**
 * {@link findApi}, also saying where the API was found, for the diagnostics view:
 * `this window`, `window.parent (1 level up)`, `window.top.opener (0 levels up)`, …
 */
export function locateApi<T>(options: { name: string; from?: Window; maxDepth?: number }): { api: T; where: string } | null {
  const maxDepth = options.maxDepth ?? 10;
  const start = options.from ?? window;
  const search = (win: Window | null, label: string): { api: T; where: string } | null => {
    let current: Window | null = win;
    for (let depth = 0; current && depth <= maxDepth; depth++) {
      const api = readApi<T>(current, options.name);
      if (api) return { api, where: depth === 0 ? label : `${label === 'this window' ? 'window' : label}${'.parent'.repeat(depth)} (${depth} level${depth === 1 ? '' : 's'} up)` };
      if (current.parent === current) break;
      current = current.parent;
    }
    return null;
  };
  return search(start, 'this window') ?? search(safeOpener(start.top ?? start), 'window.top.opener') ?? search(safeOpener(start), 'window.opener');
}

function readApi<T>(win: Window, name: string): T | null {
  try {
    const api = (win as unknown as Record<string, unknown>)[name];
    return api && typeof api === 'object' ? (api as T) : null;
  } catch {
    return null; // cross-origin frame
  }
}

function safeOpener(win: Window): Window | null {
  try {
    return (win.opener as Window | null) ?? null;
  } catch {
    return null;
  }
}
