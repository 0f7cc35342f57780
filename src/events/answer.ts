import type { LearnerResponse } from '../model/response.js';

/**
 * Fired by a question element when the learner gives or changes an answer.
 * Crosses shadow roots (`composed`) because the course shell, which owns the
 * attempt state, sits several shadow roots above the question.
 */
export class SlepAnswerEvent extends Event {
  static readonly eventName = 'slep-answer';
  readonly itemId: string;
  readonly response: LearnerResponse;

  constructor(itemId: string, response: LearnerResponse) {
    super('slep-answer', { bubbles: true, composed: true });
    this.itemId = itemId;
    this.response = response;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'slep-answer': SlepAnswerEvent;
  }
}
