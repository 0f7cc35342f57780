import type { CourseModel } from './course.js';
import { hydrateCourse } from './skeleton.js';
import type { ContentPart } from './skeleton.js';

/**
 * Loads the course's text as it is needed (see src/model/skeleton.ts).
 *
 * The built package registers, for its skeleton model, one importer per content
 * part (`lesson:<id>`, `bank`, `workbook`, `resources`); each is a separate chunk.
 * A model that was never registered (tests, tools) is complete already: every
 * part counts as loaded.
 */

export type ContentImporter = () => Promise<{ readonly default: ContentPart }>;

interface Registry {
  readonly importers: ReadonlyMap<string, ContentImporter>;
  readonly loaded: Set<string>;
  readonly pending: Map<string, Promise<void>>;
}

const registries = new WeakMap<CourseModel, Registry>();

/** Called by the build's generated course module (rollup.config.js). */
export function registerContent(course: CourseModel, importers: Readonly<Record<string, ContentImporter>>): void {
  registries.set(course, { importers: new Map(Object.entries(importers)), loaded: new Set(), pending: new Map() });
}

/** The content parts a page needs: a lesson id or one of the other pages. */
export function contentFor(course: CourseModel, page: string): string[] {
  const registry = registries.get(course);
  if (!registry) return [];
  const part = course.lessons.some((l) => l.id === page) ? `lesson:${page}` : page === 'assessment' ? 'bank' : page;
  return registry.importers.has(part) ? [part] : [];
}

export function isContentLoaded(course: CourseModel, parts: readonly string[]): boolean {
  const registry = registries.get(course);
  return !registry || parts.every((p) => registry.loaded.has(p) || !registry.importers.has(p));
}

/**
 * Loads the parts into `course`. Rejects when a chunk cannot be fetched; calling
 * again tries again (a failed load is not remembered).
 */
export function loadContent(course: CourseModel, parts: readonly string[]): Promise<void> {
  const registry = registries.get(course);
  if (!registry) return Promise.resolve();
  return Promise.all(parts.map((part) => loadPart(course, registry, part))).then(() => undefined);
}

function loadPart(course: CourseModel, registry: Registry, part: string): Promise<void> {
  const importer = registry.importers.get(part);
  if (!importer || registry.loaded.has(part)) return Promise.resolve();
  let pending = registry.pending.get(part);
  if (!pending) {
    pending = importer().then(
      (module) => {
        hydrateCourse(course, module.default);
        registry.loaded.add(part);
        registry.pending.delete(part);
      },
      (error: unknown) => {
        registry.pending.delete(part);
        throw error;
      },
    );
    registry.pending.set(part, pending);
  }
  return pending;
}
