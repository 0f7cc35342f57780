/** A Storage kept in memory (the browser's localStorage for one Node test), with its keys listed. */
export function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { keys(): IterableIterator<string> } {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
    removeItem: (k) => void data.delete(k),
    keys: () => data.keys(),
  };
}
