import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { storeContext } from '../../context.js';
import type { AttemptState } from '../../state/attempt.js';
import type { AttemptStore } from '../../state/store.js';

/**
 * Gives an element the attempt store from context and re-renders it on every
 * state change.
 *
 * @example
 * private readonly store = new StoreController(this);
 * render() { return html`${this.store.state?.location}`; }
 */
export class StoreController implements ReactiveController {
  private unsubscribe: (() => void) | undefined;
  private readonly consumer: ContextConsumer<typeof storeContext, ReactiveControllerHost & HTMLElement>;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    this.consumer = new ContextConsumer(host, {
      context: storeContext,
      subscribe: true,
      callback: (store) => this.attach(store),
    });
  }

  get store(): AttemptStore | undefined {
    return this.consumer.value;
  }

  get state(): AttemptState | undefined {
    return this.consumer.value?.state;
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  hostConnected(): void {
    if (this.consumer.value && !this.unsubscribe) this.attach(this.consumer.value);
  }

  private attach(store: AttemptStore): void {
    this.unsubscribe?.();
    this.unsubscribe = store.subscribe(() => this.host.requestUpdate());
    this.host.requestUpdate();
  }
}
