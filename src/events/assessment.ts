import type { LearnerResponse } from '../model/response.js';

/** Asks the shell to start a new assessment attempt or submit the current one. */
export class SlepAssessmentEvent extends Event {
  static readonly eventName = 'slep-assessment';
  readonly command: 'start' | 'submit';

  constructor(command: 'start' | 'submit') {
    super('slep-assessment', { bubbles: true, composed: true });
    this.command = command;
  }
}

/** An answer given in the scored assessment, with how long the learner took. */
export class SlepAssessmentAnswerEvent extends Event {
  static readonly eventName = 'slep-assessment-answer';
  readonly itemId: string;
  readonly response: LearnerResponse;
  /** Seconds from the question being shown to this answer. */
  readonly latency: number;

  constructor(options: { itemId: string; response: LearnerResponse; latency: number }) {
    super('slep-assessment-answer', { bubbles: true, composed: true });
    this.itemId = options.itemId;
    this.response = options.response;
    this.latency = options.latency;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'slep-assessment': SlepAssessmentEvent;
    'slep-assessment-answer': SlepAssessmentAnswerEvent;
  }
}
