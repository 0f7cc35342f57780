import type { CourseModel, Item } from '../model/course.js';
import { isCorrect } from '../model/response.js';
import type { LearnerResponse } from '../model/response.js';
import { drawByBlueprint } from './blueprint.js';
import { hashString, shuffled } from './random.js';

/**
 * The attempt state machine: everything needed to resume, and nothing about
 * the DOM or the LMS. Pure functions of (course, state, action).
 */

/** Pages that are not lessons. */
export const PAGES = { welcome: 'welcome', assessment: 'assessment', workbook: 'workbook', resources: 'resources', certificate: 'certificate' } as const;

export interface AssessmentAnswer {
  readonly response: LearnerResponse;
  /** Seconds (to the hundredth) from the item being shown to the last answer change. */
  readonly latency: number;
  /** When the answer was last changed (epoch ms). */
  readonly at: number;
}

export interface AssessmentState {
  /** Attempts started (0 = none yet). */
  readonly attempt: number;
  /** Seed of the current attempt's draw and shuffles. */
  readonly seed: number;
  /** The current attempt's items, in the order shown. */
  readonly items: readonly string[];
  readonly answers: Readonly<Record<string, AssessmentAnswer>>;
  /** Whether the current attempt has been submitted. */
  readonly submitted: boolean;
  /** Score (0..1) of the last submitted attempt. */
  readonly lastScore: number | null;
  /** Best score (0..1) over all submitted attempts; never lowered. */
  readonly bestScore: number | null;
  /** Passed on some attempt: final, a later attempt never undoes it. */
  readonly passed: boolean;
  /** When the assessment was last submitted (epoch ms). */
  readonly submittedAt: number | null;
}

export interface AttemptState {
  /** The current page: a lesson id or one of {@link PAGES}. */
  readonly location: string;
  /** Lesson ids the learner has opened. */
  readonly visited: readonly string[];
  /** Knowledge-check answers by item id. */
  readonly checks: Readonly<Record<string, LearnerResponse>>;
  readonly assessment: AssessmentState;
  /** When the course first became complete (epoch ms). */
  readonly completedAt: number | null;
}

export type Action =
  | { readonly type: 'go'; readonly page: string; readonly now: number }
  | { readonly type: 'check'; readonly itemId: string; readonly response: LearnerResponse }
  | { readonly type: 'start-assessment'; readonly seed: number; readonly now: number }
  | { readonly type: 'answer'; readonly itemId: string; readonly response: LearnerResponse; readonly latency: number; readonly now: number }
  | { readonly type: 'submit'; readonly masteryScore: number; readonly now: number };

export function initialState(): AttemptState {
  return {
    location: PAGES.welcome,
    visited: [],
    checks: {},
    assessment: { attempt: 0, seed: 0, items: [], answers: {}, submitted: false, lastScore: null, bestScore: null, passed: false, submittedAt: null },
    completedAt: null,
  };
}

/** Every page in navigation order. */
export function pageOrder(course: CourseModel): string[] {
  return [PAGES.welcome, ...course.lessons.map((l) => l.id), PAGES.assessment, PAGES.workbook, PAGES.resources, PAGES.certificate];
}

export function reduce(course: CourseModel, state: AttemptState, action: Action): AttemptState {
  const next = apply(course, state, action);
  if (next === state) return state;
  return next.completedAt === null && isComplete(course, next) ? { ...next, completedAt: 'now' in action ? action.now : Date.now() } : next;
}

function apply(course: CourseModel, state: AttemptState, action: Action): AttemptState {
  switch (action.type) {
    case 'go': {
      if (!pageOrder(course).includes(action.page)) return state;
      const isLesson = course.lessons.some((l) => l.id === action.page);
      const visited = isLesson && !state.visited.includes(action.page) ? [...state.visited, action.page] : state.visited;
      if (state.location === action.page && visited === state.visited) return state;
      return { ...state, location: action.page, visited };
    }
    case 'check': {
      if (!course.checks.some((i) => i.id === action.itemId)) return state;
      return { ...state, checks: { ...state.checks, [action.itemId]: [...action.response] } };
    }
    case 'start-assessment': {
      const a = state.assessment;
      if (!canStartAttempt(course, state)) return state;
      return {
        ...state,
        assessment: { ...a, attempt: a.attempt + 1, seed: action.seed >>> 0, items: drawItems(course, action.seed >>> 0), answers: {}, submitted: false },
      };
    }
    case 'answer': {
      const a = state.assessment;
      if (a.attempt === 0 || a.submitted || !a.items.includes(action.itemId)) return state;
      const answer: AssessmentAnswer = { response: [...action.response], latency: Math.max(0, Math.round(action.latency * 100) / 100), at: action.now };
      return { ...state, assessment: { ...a, answers: { ...a.answers, [action.itemId]: answer } } };
    }
    case 'submit': {
      const a = state.assessment;
      if (a.attempt === 0 || a.submitted) return state;
      const score = scoreAttempt(course, a).score;
      const passed = a.passed || score >= action.masteryScore;
      return {
        ...state,
        assessment: { ...a, submitted: true, lastScore: score, bestScore: Math.max(score, a.bestScore ?? 0), passed, submittedAt: action.now },
      };
    }
  }
}

/**
 * The items of an attempt, drawn by the blueprint (each lesson objective's `draw`
 * count, see ./blueprint.ts) and ordered by the seed.
 */
export function drawItems(course: CourseModel, seed: number): string[] {
  const drawn = drawByBlueprint(course, seed >>> 0);
  return (course.assessment.shuffle ? shuffled(drawn, seed ^ 0x5bd1e995) : drawn).map((item) => item.id);
}

/** The display order of an item's choices / targets / steps in an attempt. */
export function optionOrder(course: CourseModel, item: Item, seed: number): string[] {
  const ids = item.type === 'matching' ? item.pairs.map((p) => p.targetId) : item.type === 'ordering' ? item.steps.map((s) => s.id) : item.choices.map((c) => c.id);
  // True/false keeps its natural order; an ordering item is always shown out of order.
  if (item.type === 'true-false' || (!course.assessment.shuffle && item.type !== 'ordering')) return ids;
  let order = shuffled(ids, seed ^ hashString(item.id));
  if (item.type === 'ordering' && order.every((id, i) => id === ids[i])) order = [...order.slice(1), ...order.slice(0, 1)];
  return order;
}

export interface OutcomeResult {
  readonly outcome: string;
  readonly correct: number;
  readonly total: number;
  readonly score: number;
}

/** Scores an attempt: the fraction of drawn items answered correctly, overall and per outcome. */
export function scoreAttempt(course: CourseModel, a: AssessmentState): { score: number; outcomes: OutcomeResult[] } {
  const items = a.items.map((id) => course.bank.find((i) => i.id === id)).filter((i): i is Item => i !== undefined);
  const right = (item: Item) => isCorrect(item, a.answers[item.id]?.response);
  const outcomes = course.outcomes.map((o) => {
    const mine = items.filter((i) => i.outcome === o.id);
    const correct = mine.filter(right).length;
    return { outcome: o.id, correct, total: mine.length, score: mine.length ? correct / mine.length : 0 };
  });
  return { score: items.length ? items.filter(right).length / items.length : 0, outcomes };
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

/** Progress in [0, 1]: lessons visited plus the assessment, as equal steps. */
export function progress(course: CourseModel, state: AttemptState): number {
  const steps = course.lessons.length + (course.completion.requireAssessment ? 1 : 0);
  const done = course.lessons.filter((l) => state.visited.includes(l.id)).length + (course.completion.requireAssessment && state.assessment.submittedAt !== null ? 1 : 0);
  return steps ? done / steps : 1;
}

/** Whether the learner is finished: nothing left to do that could change the record. */
export function isFinished(course: CourseModel, state: AttemptState): boolean {
  if (!isComplete(course, state)) return false;
  return state.assessment.passed || !course.completion.requireAssessment || attemptsLeft(course, state) === 0;
}
