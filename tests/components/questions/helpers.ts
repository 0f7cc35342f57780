import { SlepAnswerEvent } from '../../../src/events/answer.js';

/** Where to look inside `host`: its shadow root for an element that has one, else the element itself. */
function scope(host: Element): ParentNode {
  return host.shadowRoot ?? host;
}

/** The first element matching `selector` inside `host`; fails the test if missing. */
export function part<E extends Element = HTMLElement>(host: Element, selector: string): E {
  const found = scope(host).querySelector<E>(selector);
  if (!found) throw new Error(`No "${selector}" in <${host.localName}>`);
  return found;
}

/** Every element matching `selector` inside `host`. */
export function parts<E extends Element = HTMLElement>(host: Element, selector: string): E[] {
  return [...scope(host).querySelectorAll<E>(selector)];
}

/** Collects the `slep-answer` events an element dispatches. */
export function recordAnswers(host: Element): SlepAnswerEvent[] {
  const answers: SlepAnswerEvent[] = [];
  host.addEventListener(SlepAnswerEvent.eventName, (event) => {
    if (event instanceof SlepAnswerEvent) answers.push(event);
  });
  return answers;
}

/** The text of an element with whitespace collapsed. */
export function textOf(element: Element): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}
