/** The compiled course model, supplied at bundle time by rollup.config.js. */
declare module 'virtual:slep-course' {
  import type { CourseModel } from './model/course.js';
  const course: CourseModel;
  export default course;
}

/** Applies the assessment's skeleton (objectives, bank ids and answers) to the course model (rollup.config.js). */
declare module 'virtual:slep-blueprint' {}
