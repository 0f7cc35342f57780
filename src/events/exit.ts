/**
 * Asks the app to end the session now ("Save and exit"): save, report the time
 * spent, and hand the learner back to the LMS. Composed: fired from the shell's
 * shadow root.
 */
export class SlepExitEvent extends Event {
  static readonly eventName = 'slep-exit';

  constructor() {
    super('slep-exit', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'slep-exit': SlepExitEvent;
  }
}
