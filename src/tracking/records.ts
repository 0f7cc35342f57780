import type { CourseModel, Item } from '../model/course.js';
import { correctResponse, isCorrect } from '../model/response.js';
import { isComplete, progress, scoreAttempt } from '../state/attempt.js';
import type { AttemptState } from '../state/attempt.js';
import type { InteractionRecord, ObjectiveRecord, Status, TrackingSnapshot } from './driver.js';

/**
 * The reporting model: what the state means for any LMS or LRS, standard-agnostic.
 * Each driver maps these records to its own data model.
 */

const INTERACTION_TYPE = { single: 'choice', multiple: 'choice', 'true-false': 'true-false', matching: 'matching', ordering: 'sequencing' } as const;

/** One record per item of the last submitted attempt (empty before a submission). */
export function interactionRecords(course: CourseModel, state: AttemptState): InteractionRecord[] {
  const a = state.assessment;
  if (!a.submitted) return [];
  return a.items
    .map((id) => course.bank.find((i) => i.id === id))
    .filter((item): item is Item => item !== undefined)
    .map((item) => {
      const answer = a.answers[item.id];
      return {
        id: `a${a.attempt}-${item.id}`,
        itemId: item.id,
        type: INTERACTION_TYPE[item.type],
        multiple: item.type === 'multiple',
        response: answer?.response ?? [],
        correctResponse: correctResponse(item),
        result: isCorrect(item, answer?.response) ? 'correct' : 'incorrect',
        latency: answer?.latency ?? 0,
        timestamp: new Date(answer?.at || a.submittedAt || Date.now()),
        description: item.stemText.slice(0, 250),
        objective: item.outcome,
        attempt: a.attempt,
      };
    });
}

/** One record per learning outcome, from the last submitted attempt. */
export function objectiveRecords(course: CourseModel, state: AttemptState, masteryScore: number): ObjectiveRecord[] {
  if (!state.assessment.submitted) return [];
  return scoreAttempt(course, state.assessment).outcomes.map((o) => ({
    id: o.outcome,
    description: course.outcomes.find((x) => x.id === o.outcome)?.text ?? o.outcome,
    score: o.score,
    status: o.score >= masteryScore ? 'passed' : 'failed',
  }));
}

export function statusOf(course: CourseModel, state: AttemptState): Status {
  const a = state.assessment;
  return {
    completion: isComplete(course, state) ? 'completed' : 'incomplete',
    success: a.passed ? 'passed' : a.submittedAt !== null ? 'failed' : 'unknown',
  };
}

export function snapshotOf(options: { course: CourseModel; state: AttemptState; suspendData: string; finished: boolean }): TrackingSnapshot {
  const { course, state } = options;
  return {
    location: state.location,
    suspendData: options.suspendData,
    status: statusOf(course, state),
    score: state.assessment.bestScore,
    progress: progress(course, state),
    finished: options.finished,
  };
}
