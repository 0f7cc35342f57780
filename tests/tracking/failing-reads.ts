/**
 * A SCORM API's GetValue and GetLastError (either version's) made to fail by plan:
 * `fail(element, call number for that element)` gives 'throw', an error code (the read
 * answers '' and GetLastError that code), or null to pass the read through.
 */
export function failingReads(api: { getValue(element: string): string; getLastError(): string | number }, fail: (element: string, n: number) => string | null) {
  const seen = new Map<string, number>();
  let code: string | null = null;
  return {
    getValue: (element: string): string => {
      code = null;
      const n = (seen.get(element) ?? 0) + 1;
      seen.set(element, n);
      const how = fail(element, n);
      if (how === 'throw') throw new Error('LMS read exploded');
      if (how !== null) {
        code = how;
        return '';
      }
      return api.getValue(element);
    },
    getLastError: (): string | number => code ?? api.getLastError(),
    /** How often an element was read. */
    reads: (element: string): number => seen.get(element) ?? 0,
  };
}
