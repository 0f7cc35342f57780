/**
 * Puts entries in a display order of their ids (a shuffle drawn for the attempt).
 * Ids the order does not know are skipped and entries it misses follow in authored
 * order, so a stale saved order can never hide a choice.
 *
 * @example
 * arrange([{ id: 'a' }, { id: 'b' }, { id: 'c' }], ['c', 'a']); // c, a, b
 */
export function arrange<T extends { readonly id: string }>(entries: readonly T[], order: readonly string[] | undefined): T[] {
  if (!order) return [...entries];
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const listed = [...new Set(order)].flatMap((id) => byId.get(id) ?? []);
  return [...listed, ...entries.filter((entry) => !listed.includes(entry))];
}
