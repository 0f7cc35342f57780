import type { CourseModel } from '../model/course.js';
import type { TrackingDriver } from './driver.js';

/** Placeholder until the xapi driver lands: no LRS connection, the course runs locally. */
export async function createDriver(_course: CourseModel): Promise<TrackingDriver | null> {
  return null;
}
