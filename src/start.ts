// The chunk main.ts loads once the welcome page is on screen: the assessment's half of
// the course skeleton (objectives, bank ids and answers; see src/model/skeleton.ts),
// applied here, before the tracker reads the saved attempt, and the app itself.
import 'virtual:slep-blueprint';

export { startCourse } from './app.js';
