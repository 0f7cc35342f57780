import { createContext } from '@lit/context';
import type { LaunchInfo, SaveStatus } from './model/launch.js';
import type { AttemptStore } from './state/store.js';

/** The attempt store (course model + state), provided by `slep-course`. */
export const storeContext = createContext<AttemptStore>(Symbol('slep-store'));

/**
 * Launch facts resolved once at launch (learner name, pass mark in force, launch
 * mode), provided by `slep-course`: every screen shows the same pass mark.
 */
export const launchContext = createContext<LaunchInfo>(Symbol('slep-launch'));

/** Saving state: messages, "saving…", ended, read-only. Provided by `slep-course`. */
export const saveStatusContext = createContext<SaveStatus>(Symbol('slep-save-status'));
