import { join } from 'node:path';
import { compileCourse } from '../../build/compile/course.js';
import type { CourseModel } from '../../src/model/course.js';
import type { RosterCourse } from './aggregate.js';

/** The roster's view of a compiled course model. */
export function rosterCourseOf(model: CourseModel): RosterCourse {
  return {
    id: model.id,
    title: model.title,
    version: model.version,
    creditHours: model.creditHours,
    masteryScore: model.masteryScore,
    credit: model.credit ?? { minimumScore: model.masteryScore, minimumMinutes: 0 },
    attempts: model.assessment.attempts,
    itemsPerAttempt: model.assessment.itemsPerAttempt,
  };
}

/** Reads and validates `course/` the way the build does (a content error stops the roster too). */
export function loadRosterCourse(root = process.cwd()): RosterCourse {
  return rosterCourseOf(compileCourse({ courseDir: join(root, 'course'), rootDir: root }).model);
}
