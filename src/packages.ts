import type { CourseModel } from './model/course.js';
import type { TrackingDriver } from './tracking/driver.js';

/**
 * The registry of package kinds, player half: which driver each package loads.
 * The build half (manifest writer, validator, CSP, file name) is `build/registry.ts`,
 * typed over the same {@link PackageKind} so a kind cannot be added to one half only.
 * The halves are split because the player must not bundle the build's Node code.
 *
 * Adding a standard = a driver file in src/tracking/, a manifest writer in manifests/,
 * and one entry here and in build/registry.ts.
 */
export const PACKAGE_KINDS = ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web'] as const;

export type PackageKind = (typeof PACKAGE_KINDS)[number];

export interface PlayerEntry {
  /** Plain name for messages and diagnostics. */
  readonly label: string;
  /**
   * Makes the driver (loaded with `import()`, so a package downloads only its own).
   * Resolves null when the standard's LMS/LRS is not there: the course runs locally.
   */
  readonly driver: (course: CourseModel) => Promise<TrackingDriver | null>;
  /** Fetches the driver's code only (main.ts: alongside the tracker's chunk, not after it). */
  readonly load: () => Promise<unknown>;
}

type DriverModule = { createDriver: (course: CourseModel) => Promise<TrackingDriver | null> };

function entry(label: string, load: () => Promise<DriverModule>): PlayerEntry {
  return { label, load, driver: async (course) => (await load()).createDriver(course) };
}

export const PLAYER: Record<PackageKind, PlayerEntry> = {
  scorm12: entry('SCORM 1.2', () => import('./tracking/scorm12.js')),
  scorm2004: entry('SCORM 2004 4th edition', () => import('./tracking/scorm2004.js')),
  xapi: entry('xAPI', () => import('./tracking/xapi.js')),
  cmi5: entry('cmi5', () => import('./tracking/cmi5.js')),
  web: entry('Web (this browser)', () => import('./tracking/local.js')),
};

export function isPackageKind(value: unknown): value is PackageKind {
  return typeof value === 'string' && (PACKAGE_KINDS as readonly string[]).includes(value);
}
