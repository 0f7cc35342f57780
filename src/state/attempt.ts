import type { CourseModel, Item } from '../model/course.js';
import { isCorrect } from '../model/response.js';
import type { LearnerResponse } from '../model/response.js';
import { drawByBlueprint } from './blueprint.js';
import { hashString, shuffled } from './random.js';
import { canStartAttempt, EVALUATION_COMMENTS_MAX, isComplete, PAGES, pageOrder } from './progress.js';

// What the shell reads (progress, contents marks, page order) is in ./progress.ts, so that the
// entry script does not carry this state machine (which comes with the tracker's chunk);
// re-exported here, where everything else imports it from.
export {
  allLessonsVisited,
  attemptsLeft,
  canStartAttempt,
  EVALUATION_COMMENTS_MAX,
  initialState,
  isAssessmentDone,
  isComplete,
  isFinished,
  isLessonDone,
  lessonChecks,
  PAGES,
  pageOrder,
  progress,
} from './progress.js';

/**
 * The attempt state machine: everything needed to resume, and nothing about
 * the DOM or the LMS. Pure functions of (course, state, action).
 */

/** Course evaluation (issue #11 §5): ratings 1–5, would recommend, optional comments. */
export interface Evaluation {
  /** How relevant the course was to the learner's work, 1–5. */
  readonly relevance: number;
  /** How clear the course was, 1–5. */
  readonly clarity: number;
  readonly recommend: 'yes' | 'no';
  /** Optional, at most {@link EVALUATION_COMMENTS_MAX} characters. */
  readonly comments: string;
  /** When it was sent (epoch ms). */
  readonly at: number;
}

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

/** Characters of {@link AttemptState.idTag} when one is made. */
export const ID_TAG_LENGTH = 4;

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
  /**
   * The learner's seed for knowledge-check shuffles, made once at first launch
   * (0 = not made yet), so checks are shuffled per learner and stable across resume.
   */
  readonly seed: number;
  /** An id of this learner's attempt at the course (`[a-z0-9]`, '' = not made yet), for the certificate. */
  readonly attemptId: string;
  /**
   * A tag (`[a-z0-9]`, '' = none) in this course attempt's interaction ids. Set when the course
   * started over a record that already holds answers (unreadable resume data, another device), so
   * the new `a1-…` answers never meet the old ones in the LMS (see tracker.ts, `start`).
   */
  readonly idTag: string;
  /** Lessons whose end the learner reached (the last block seen, or Next from the lesson). */
  readonly ended: readonly string[];
  /** The course evaluation, once sent. */
  readonly evaluation: Evaluation | null;
}

export type Action =
  | { readonly type: 'go'; readonly page: string; readonly now: number }
  | { readonly type: 'check'; readonly itemId: string; readonly response: LearnerResponse }
  | { readonly type: 'start-assessment'; readonly seed: number; readonly now: number }
  | { readonly type: 'answer'; readonly itemId: string; readonly response: LearnerResponse; readonly latency: number; readonly now: number }
  | { readonly type: 'submit'; readonly masteryScore: number; readonly now: number }
  /** Made once at first launch: later `begin` actions change nothing. */
  | { readonly type: 'begin'; readonly seed: number; readonly attemptId: string }
  | { readonly type: 'end-lesson'; readonly lessonId: string }
  | { readonly type: 'evaluate'; readonly evaluation: Omit<Evaluation, 'at'>; readonly now: number };

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
    case 'begin': {
      if (state.seed !== 0 || state.attemptId !== '') return state;
      const attemptId = action.attemptId.toLowerCase().replace(/[^a-z0-9]/g, '');
      return { ...state, seed: action.seed >>> 0 || 1, attemptId };
    }
    case 'end-lesson': {
      if (!course.lessons.some((l) => l.id === action.lessonId) || state.ended.includes(action.lessonId)) return state;
      return { ...state, ended: [...state.ended, action.lessonId] };
    }
    case 'evaluate': {
      const e = action.evaluation;
      const rating = (n: number) => Number.isInteger(n) && n >= 1 && n <= 5;
      // Sent once: it is reported once, so a second one would never reach the record.
      if (state.evaluation || !rating(e.relevance) || !rating(e.clarity) || (e.recommend !== 'yes' && e.recommend !== 'no')) return state;
      const comments = e.comments.trim().slice(0, EVALUATION_COMMENTS_MAX);
      return { ...state, evaluation: { relevance: e.relevance, clarity: e.clarity, recommend: e.recommend, comments, at: action.now } };
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
  return shuffledOptions(item, seed, course.assessment.shuffle);
}

/**
 * The display order of a knowledge check's choices / matching targets / steps for
 * this learner: always shuffled (by the learner's seed, so the same on every resume);
 * an ordering check never starts in its correct order.
 */
export function checkOrder(item: Item, seed: number): string[] {
  return shuffledOptions(item, seed, true);
}

function shuffledOptions(item: Item, seed: number, shuffle: boolean): string[] {
  const ids = item.type === 'matching' ? item.pairs.map((p) => p.targetId) : item.type === 'ordering' ? item.steps.map((s) => s.id) : item.choices.map((c) => c.id);
  // True/false keeps its natural order; an ordering item is always shown out of order.
  if (item.type === 'true-false' || (!shuffle && item.type !== 'ordering')) return ids;
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
