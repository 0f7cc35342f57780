// The chunk main.ts loads once the welcome page is on screen: the assessment's half of
// the course skeleton (objectives, bank ids and answers; see src/model/skeleton.ts),
// applied here, before the tracker reads the saved attempt, the attempt state machine
// (the entry's store is made without it, see src/state/store-core.ts) and the app itself.
import 'virtual:slep-blueprint';
import { startCourse as startApp } from './app.js';
import { reduce } from './state/attempt.js';

export function startCourse(options: Parameters<typeof startApp>[0]): ReturnType<typeof startApp> {
  const store = options.shell?.store;
  if (store && !store.reducer) store.reducer = reduce;
  return startApp(options);
}
