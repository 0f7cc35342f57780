/**
 * Tells the course shell that the learner reached the end of a lesson (its last
 * block came into view). Composed: fired from inside the lesson's shadow root.
 */
export class SlepLessonEndEvent extends Event {
  static readonly eventName = 'slep-lesson-end';
  readonly lessonId: string;

  constructor(lessonId: string) {
    super('slep-lesson-end', { bubbles: true, composed: true });
    this.lessonId = lessonId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'slep-lesson-end': SlepLessonEndEvent;
  }
}
