import type { CourseModel } from '../model/course.js';
import type { Action, AttemptState } from './attempt.js';
import { initialState } from './progress.js';

export type StoreListener = (state: AttemptState, action: Action | null, previous: AttemptState) => void;
export type Reducer = (course: CourseModel, state: AttemptState, action: Action) => AttemptState;

/**
 * Holds the attempt state and tells listeners about each change. The only
 * way to change the state is `dispatch`, so the tracker sees every change.
 *
 * This is the store without its state machine: {@link AttemptStore} (./store.ts) is the
 * store with `reduce` (./attempt.ts). The entry script (src/main.ts) makes its store from
 * this class so that it does not carry the state machine; the tracker's chunk
 * (src/start.ts) sets {@link reducer} before the course starts. Until then nothing may
 * change the state (`SlepCourse.starting`), and `dispatch` throws.
 */
export class StateStore {
  private current: AttemptState;
  private readonly listeners = new Set<StoreListener>();

  constructor(
    readonly course: CourseModel,
    state: AttemptState = initialState(),
    /** The state machine; set once (src/start.ts) when the store was made without it. */
    public reducer?: Reducer,
  ) {
    this.current = state;
  }

  get state(): AttemptState {
    return this.current;
  }

  dispatch(action: Action): void {
    if (!this.reducer) throw new Error(`The attempt cannot change before the course has started (${action.type}).`);
    const previous = this.current;
    const next = this.reducer(this.course, previous, action);
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
