import type { CourseModel } from '../model/course.js';
import { reduce } from './attempt.js';
import type { AttemptState } from './attempt.js';
import { initialState } from './progress.js';
import { StateStore } from './store-core.js';

export type { StoreListener } from './store-core.js';

/**
 * Holds the attempt state and tells listeners about each change. The only
 * way to change the state is `dispatch`, so the tracker sees every change.
 * (The entry script's store is a {@link StateStore} that gets `reduce` when the course
 * starts, see ./store-core.ts.)
 */
export class AttemptStore extends StateStore {
  constructor(course: CourseModel, state: AttemptState = initialState()) {
    super(course, state, reduce);
  }
}
