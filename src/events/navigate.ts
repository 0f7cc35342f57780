/**
 * Asks the course shell to show a page (a lesson id or one of `PAGES`).
 * Composed: it is fired from inside nested shadow roots (TOC, pager, pages).
 */
export class SlepNavigateEvent extends Event {
  static readonly eventName = 'slep-navigate';
  readonly page: string;

  constructor(page: string) {
    super('slep-navigate', { bubbles: true, composed: true });
    this.page = page;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'slep-navigate': SlepNavigateEvent;
  }
}
