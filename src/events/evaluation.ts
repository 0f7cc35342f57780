import type { Evaluation } from '../state/attempt.js';

/** The learner sent the course evaluation. Composed: fired from the evaluation page's shadow root. */
export class SlepEvaluationEvent extends Event {
  static readonly eventName = 'slep-evaluation';
  readonly evaluation: Omit<Evaluation, 'at'>;

  constructor(evaluation: Omit<Evaluation, 'at'>) {
    super('slep-evaluation', { bubbles: true, composed: true });
    this.evaluation = evaluation;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'slep-evaluation': SlepEvaluationEvent;
  }
}
