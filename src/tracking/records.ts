import type { CourseModel, Item } from '../model/course.js';
import { correctResponse, isCorrect } from '../model/response.js';
import type { LearnerResponse } from '../model/response.js';
import { attemptsLeft, isComplete, isFinished, progress, scoreAttempt } from '../state/attempt.js';
import type { AttemptState } from '../state/attempt.js';
import type { InteractionOptions, InteractionRecord, ObjectiveRecord, RecordedStatus, Report } from './driver.js';

/**
 * The reporting model: what the state means for any LMS or LRS, standard-neutral.
 * Each driver maps these records to its own data model and applies its own limits.
 */

const INTERACTION_TYPE = { single: 'choice', multiple: 'choice', 'true-false': 'true-false', matching: 'matching', ordering: 'sequencing' } as const;

/** Tags stripped, entities decoded: plain text without a DOM (the tracker also runs in tests without one). */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function optionsOf(item: Item): InteractionOptions {
  switch (item.type) {
    case 'matching':
      return {
        source: item.pairs.map((p) => ({ id: p.id, text: textOf(p.promptHtml) })),
        target: [...item.pairs].sort((a, b) => a.targetId.localeCompare(b.targetId)).map((p) => ({ id: p.targetId, text: textOf(p.targetHtml) })),
      };
    case 'ordering':
      return { steps: item.steps.map((s) => ({ id: s.id, text: textOf(s.html) })) };
    default:
      return { choices: item.choices.map((c) => ({ id: c.id, text: textOf(c.html) })) };
  }
}

/** One answer as a record, for any item (assessment or knowledge check). */
export function interactionRecord(options: {
  item: Item;
  id: string;
  kind: 'assessment' | 'check';
  response: LearnerResponse;
  latency: number;
  at: number;
  attempt: number;
  lessonId: string;
}): InteractionRecord {
  const { item } = options;
  return {
    id: options.id,
    itemId: item.id,
    kind: options.kind,
    type: INTERACTION_TYPE[item.type],
    multiple: item.type === 'multiple',
    response: [...options.response],
    correctResponse: correctResponse(item),
    result: isCorrect(item, options.response) ? 'correct' : 'incorrect',
    latency: Math.round(options.latency * 100) / 100,
    timestamp: new Date(options.at),
    description: item.stemText,
    objective: item.outcome,
    attempt: options.attempt,
    lessonId: options.lessonId,
    options: optionsOf(item),
  };
}

/** One record per item of the last submitted attempt (empty before a submission). */
export function interactionRecords(course: CourseModel, state: AttemptState): InteractionRecord[] {
  const a = state.assessment;
  if (!a.submitted) return [];
  return a.items
    .map((id) => course.bank.find((i) => i.id === id))
    .filter((item): item is Item => item !== undefined)
    .map((item) => {
      const answer = a.answers[item.id];
      return interactionRecord({
        item,
        id: interactionId(state, item.id),
        kind: 'assessment',
        response: answer?.response ?? [],
        latency: answer?.latency ?? 0,
        at: answer?.at || a.submittedAt || Date.now(),
        attempt: a.attempt,
        lessonId: '',
      });
    });
}

/**
 * An assessment answer's interaction id: `a<attempt>-<item>`, or `a<attempt>-<tag>-<item>` in a
 * course attempt that started over a record already holding answers (AttemptState.idTag).
 */
export function interactionId(state: AttemptState, itemId: string): string {
  const attempt = state.assessment.attempt;
  return state.idTag ? `a${attempt}-${state.idTag}-${itemId}` : `a${attempt}-${itemId}`;
}

/** A knowledge-check answer as a record. */
export function checkRecord(course: CourseModel, itemId: string, response: LearnerResponse, at: number): InteractionRecord | null {
  const item = course.checks.find((i) => i.id === itemId);
  if (!item) return null;
  const lesson = course.lessons.find((l) => l.blocks.some((b) => b.kind === 'check' && b.itemId === itemId));
  return interactionRecord({ item, id: `check-${itemId}`, kind: 'check', response, latency: 0, at, attempt: 0, lessonId: lesson?.id ?? '' });
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

/**
 * The record every driver reports, from the state (see {@link Report}). A pass the
 * LMS already holds stays a pass, with the better of the two scores.
 */
export function reportOf(course: CourseModel, state: AttemptState, recorded?: RecordedStatus): Report {
  const a = state.assessment;
  const heldPass = recorded?.success === 'passed';
  const passed = a.passed || heldPass;
  const submitted = a.submittedAt !== null;
  const success = passed ? 'passed' : submitted && attemptsLeft(course, state) === 0 ? 'failed' : 'unknown';
  const best = a.bestScore === null ? null : a.bestScore;
  const score = heldPass && recorded?.score != null ? Math.max(recorded.score, best ?? 0) : best;
  return {
    // What the LMS already holds as complete or passed is never reported as less.
    completion: isComplete(course, state) || heldPass || recorded?.completion === 'completed' ? 'completed' : 'incomplete',
    success,
    score,
    // No attempt can follow a pass, so the latest result is a pass exactly when the learner passed.
    lastResult: !submitted ? 'none' : a.passed ? 'passed' : 'failed',
    progress: progress(course, state),
    finished: isFinished(course, state) || heldPass,
  };
}
