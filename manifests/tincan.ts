/**
 * The TinCan launch `tincan.xml` of the xAPI package: one course activity with its name,
 * description and launch file. LRS-backed platforms read it on upload to learn the
 * activity id they pass back as `activity_id` at launch.
 *
 * Spec: the Rustici "TinCan launch" package format (tincan.xsd, namespace
 * http://projecttincan.com/tincan.xsd); activity ids and types per xAPI 1.0.3 §4.1.4.1.
 */
import type { CourseModel } from '../src/model/course.js';
import { escapeXml } from './xml.js';

export const TINCAN_MANIFEST_FILE = 'tincan.xml';
export const TINCAN_NAMESPACE = 'http://projecttincan.com/tincan.xsd';
/** ADL activity type of the course (xAPI vocabulary). */
export const COURSE_ACTIVITY_TYPE = 'http://adlnet.gov/expapi/activities/course';

export interface TincanManifestOptions {
  readonly course: Pick<CourseModel, 'id' | 'title' | 'description' | 'language'>;
  /** The launch file, relative to the package root, e.g. `index.html`. */
  readonly launch: string;
}

/**
 * Writes `tincan.xml`.
 *
 * @example
 * tincanManifest({ course: model, launch: 'index.html' });
 */
export function tincanManifest(options: TincanManifestOptions): string {
  const { course } = options;
  const lang = escapeXml(course.language);
  return `<?xml version="1.0" encoding="UTF-8"?>
<tincan xmlns="${TINCAN_NAMESPACE}">
  <activities>
    <activity id="${escapeXml(course.id)}" type="${COURSE_ACTIVITY_TYPE}">
      <name lang="${lang}">${escapeXml(course.title)}</name>
      <description lang="${lang}">${escapeXml(course.description)}</description>
      <launch lang="${lang}">${escapeXml(options.launch)}</launch>
    </activity>
  </activities>
</tincan>
`;
}
