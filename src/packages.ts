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
}

export const PLAYER: Record<PackageKind, PlayerEntry> = {
  scorm12: { label: 'SCORM 1.2', driver: async (course) => (await import('./tracking/scorm12.js')).createDriver(course) },
  scorm2004: { label: 'SCORM 2004 4th edition', driver: async (course) => (await import('./tracking/scorm2004.js')).createDriver(course) },
  xapi: { label: 'xAPI', driver: async (course) => (await import('./tracking/xapi.js')).createDriver(course) },
  cmi5: { label: 'cmi5', driver: async (course) => (await import('./tracking/cmi5.js')).createDriver(course) },
  web: { label: 'Web (this browser)', driver: async (course) => (await import('./tracking/local.js')).createDriver(course) },
};

export function isPackageKind(value: unknown): value is PackageKind {
  return typeof value === 'string' && (PACKAGE_KINDS as readonly string[]).includes(value);
}
