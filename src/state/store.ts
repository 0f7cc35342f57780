import type { CourseModel } from '../model/course.js';
import { initialState, reduce } from './attempt.js';
import type { Action, AttemptState } from './attempt.js';

export type StoreListener = (state: AttemptState, action: Action | null, previous: AttemptState) => void;

/**
 * Holds the attempt state and tells listeners about each change. The only
 * way to change the state is `dispatch`, so the tracker sees every change.
 */
export class AttemptStore {
  private current: AttemptState;
  private readonly listeners = new Set<StoreListener>();

  constructor(
    readonly course: CourseModel,
    state: AttemptState = initialState(),
  ) {
    this.current = state;
  }

  get state(): AttemptState {
    return this.current;
  }

  dispatch(action: Action): void {
    const previous = this.current;
    const next = reduce(this.course, previous, action);
    if (next === previous) return;
    this.current = next;
    for (const listener of this.listeners) listener(next, action, previous);
  }

  /** Replaces the whole state (resume). Listeners get `action = null`. */
  restore(state: AttemptState): void {
    const previous = this.current;
    this.current = state;
    for (const listener of this.listeners) listener(state, null, previous);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
