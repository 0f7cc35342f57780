import type { CourseModel } from '../model/course.js';
import type { AttemptState } from './attempt.js';

/**
 * The part of the attempt state machine (./attempt.ts) that the course shell reads before the
 * course has started: the pages, the initial state, progress and the contents marks. Kept
 * apart so that the entry script carries these, and not the reducer (src/state/store-core.ts).
 * Import from ./attempt.ts elsewhere, which re-exports all of this.
 */

/** Pages that are not lessons. */
export const PAGES = { welcome: 'welcome', assessment: 'assessment', workbook: 'workbook', resources: 'resources', evaluation: 'evaluation', certificate: 'certificate' } as const;

/** The longest comments a course evaluation may have (characters). */
export const EVALUATION_COMMENTS_MAX = 500;

export function initialState(): AttemptState {
  return {
    location: PAGES.welcome,
    visited: [],
    checks: {},
    assessment: { attempt: 0, seed: 0, items: [], answers: {}, submitted: false, lastScore: null, bestScore: null, passed: false, submittedAt: null },
    completedAt: null,
    seed: 0,
    attemptId: '',
    idTag: '',
    ended: [],
    evaluation: null,
  };
}

/** Every page in navigation order. */
export function pageOrder(course: CourseModel): string[] {
  return [PAGES.welcome, ...course.lessons.map((l) => l.id), PAGES.assessment, PAGES.workbook, PAGES.resources, PAGES.evaluation, PAGES.certificate];
}

export function attemptsLeft(course: CourseModel, state: AttemptState): number {
  const limit = course.assessment.attempts;
  return limit === 0 ? Number.POSITIVE_INFINITY : Math.max(0, limit - state.assessment.attempt);
}

/** A new attempt may start when none is under way, attempts remain and the learner has not passed. */
export function canStartAttempt(course: CourseModel, state: AttemptState): boolean {
  const a = state.assessment;
  if (a.attempt > 0 && !a.submitted) return false;
  if (a.passed) return false;
  return attemptsLeft(course, state) > 0;
}

export function allLessonsVisited(course: CourseModel, state: AttemptState): boolean {
  return course.lessons.every((l) => state.visited.includes(l.id));
}

/** Completed = every lesson visited and, where course.yaml requires it, the assessment submitted once. */
export function isComplete(course: CourseModel, state: AttemptState): boolean {
  const assessmentDone = !course.completion.requireAssessment || state.assessment.submittedAt !== null;
  return allLessonsVisited(course, state) && assessmentDone;
}

/** The knowledge checks a lesson asks. */
export function lessonChecks(course: CourseModel, lessonId: string): string[] {
  const lesson = course.lessons.find((l) => l.id === lessonId);
  return lesson ? lesson.blocks.flatMap((b) => (b.kind === 'check' ? [b.itemId] : [])) : [];
}

/** A lesson is done when it was opened, its end reached and every one of its knowledge checks answered. */
export function isLessonDone(course: CourseModel, state: AttemptState, lessonId: string): boolean {
  return state.visited.includes(lessonId) && state.ended.includes(lessonId) && lessonChecks(course, lessonId).every((id) => (state.checks[id]?.length ?? 0) > 0);
}

/** The assessment is done when it was passed: a failed attempt is not done. */
export function isAssessmentDone(state: AttemptState): boolean {
  return state.assessment.passed;
}

/**
 * Progress in [0, 1], the one rule for the contents marks, the header and the LMS's
 * progress measure: lessons done (see {@link isLessonDone}) plus the assessment
 * (passed), as equal steps.
 */
export function progress(course: CourseModel, state: AttemptState): number {
  const steps = course.lessons.length + (course.completion.requireAssessment ? 1 : 0);
  const done = course.lessons.filter((l) => isLessonDone(course, state, l.id)).length + (course.completion.requireAssessment && isAssessmentDone(state) ? 1 : 0);
  return steps ? done / steps : 1;
}

/** Whether the learner is finished: nothing left to do that could change the record. */
export function isFinished(course: CourseModel, state: AttemptState): boolean {
  if (!isComplete(course, state)) return false;
  return state.assessment.passed || !course.completion.requireAssessment || attemptsLeft(course, state) === 0;
}
