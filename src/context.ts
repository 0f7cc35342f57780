import { createContext } from '@lit/context';
import type { AttemptStore } from './state/store.js';
import type { TrackingStatus } from './tracking/status.js';

/** The attempt store (course model + state), provided by `slep-course`. */
export const storeContext = createContext<AttemptStore>(Symbol('slep-store'));

/** What the tracker knows: learner name, connection, save problems. Provided by `slep-course`. */
export const trackingContext = createContext<TrackingStatus>(Symbol('slep-tracking'));
