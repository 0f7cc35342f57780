/** The compiled course model, supplied at bundle time by rollup.config.js. */
declare module 'virtual:slep-course' {
  import type { CourseModel } from './model/course.js';
  const course: CourseModel;
  export default course;
}
