// @web/test-runner-visual-regression 0.10.0 re-exports its browser command from a `.mjs` whose
// types sit in a `.d.ts` that TypeScript's NodeNext resolution does not pair with it: declare it here.
export {};
declare module '@web/test-runner-visual-regression' {
  /** Takes a screenshot of `element` and compares it with the reference called `name`. */
  export function visualDiff(element: Node, name: string): Promise<void>;
}
