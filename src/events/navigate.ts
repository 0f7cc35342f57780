/**
 * Asks the course shell to show a page (a lesson id or one of `PAGES`).
 * Composed: it is fired from inside nested shadow roots (TOC, pager, pages).
 */
export class SlepNavigateEvent extends Event {
  static readonly eventName = 'slep-navigate';
  readonly page: string;
  /** Optional: an id on that page to bring into view and focus (e.g. one workbook question). */
  readonly anchor: string;

  constructor(page: string, anchor = '') {
    super('slep-navigate', { bubbles: true, composed: true });
    this.page = page;
    this.anchor = anchor;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'slep-navigate': SlepNavigateEvent;
  }
}
