import { seededRandom } from '../../src/state/random.js';

/** A seeded random source (the course's own mulberry32): the same seed plays the same scenario. */
export type Random = () => number;

export const seeded: (seed: number) => Random = seededRandom;

export function pick<T>(random: Random, list: readonly T[]): T {
  const value = list[Math.floor(random() * list.length)];
  if (value === undefined) throw new Error('pick from an empty list');
  return value;
}

/** What one scenario found. */
export interface ScenarioResult {
  faults: number;
  lost: number;
  duplicates: number;
  passesLost: number;
  readonly problems: string[];
}
