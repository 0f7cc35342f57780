/**
 * The cmi5 course structure `cmi5.xml`: one course with one assignable unit (AU).
 *
 * Spec: cmi5 (quartz) §13 "Course Structure Data Requirements" and its schema
 * CourseStructure.xsd (a copy is in manifests/schemas/cmi5/).
 */
import type { CourseModel } from '../src/model/course.js';
import { escapeXml } from './xml.js';

export const CMI5_MANIFEST_FILE = 'cmi5.xml';
export const CMI5_NAMESPACE = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd';

/** cmi5 §13.1.4 AU `moveOn`: what the LMS needs from the AU to count it satisfied. */
export const CMI5_MOVE_ON = ['NotApplicable', 'Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed'] as const;
export type Cmi5MoveOn = (typeof CMI5_MOVE_ON)[number];

/** The AU's id: the course IRI plus a fixed path, so it is an IRI and never equals the course id. */
export function cmi5AuId(courseId: string): string {
  return `${courseId.replace(/\/+$/, '')}/au/main`;
}

export interface Cmi5ManifestOptions {
  readonly course: Pick<CourseModel, 'id' | 'title' | 'description' | 'language' | 'masteryScore'> & {
    readonly completion: Pick<CourseModel['completion'], 'cmi5MoveOn'>;
  };
  /** The AU's launch URL, relative to the package root (cmi5 §13.1.4 url), e.g. `index.html`. */
  readonly launch: string;
}

/**
 * Writes `cmi5.xml`: `moveOn` from course.yaml (default `CompletedAndPassed`), `masteryScore`
 * as the fraction the schema wants, `launchMethod` `AnyWindow` (the course runs in a frame or
 * a window alike), and the course and AU ids as IRIs.
 *
 * @example
 * cmi5Manifest({ course: model, launch: 'index.html' });
 */
export function cmi5Manifest(options: Cmi5ManifestOptions): string {
  const { course } = options;
  if (!Number.isFinite(course.masteryScore) || course.masteryScore < 0 || course.masteryScore > 1) {
    throw new RangeError(`masteryScore must be a fraction in [0, 1]; got ${course.masteryScore}`);
  }
  const lang = escapeXml(course.language);
  const text = (value: string) => `<langstring lang="${lang}">${escapeXml(value)}</langstring>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="${CMI5_NAMESPACE}">
  <course id="${escapeXml(course.id)}">
    <title>${text(course.title)}</title>
    <description>${text(course.description)}</description>
  </course>
  <au id="${escapeXml(cmi5AuId(course.id))}" moveOn="${course.completion.cmi5MoveOn}" masteryScore="${course.masteryScore}" launchMethod="AnyWindow">
    <title>${text(course.title)}</title>
    <description>${text(course.description)}</description>
    <url>${escapeXml(options.launch)}</url>
  </au>
</courseStructure>
`;
}
