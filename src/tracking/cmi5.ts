import type { Agent, Context, Statement } from '@xapi/xapi';
import type { CourseModel } from '../model/course.js';
import type { LaunchMode } from '../model/launch.js';
import type { Launch, TrackingDriver, TrackingEvent } from './driver.js';
import { agentOf, endpointOf, IRI, Lrs, readUntilAnswered, safeStorage, UUID } from './lrs.js';
import { score } from './statements.js';
import { LrsDriver } from './xapi.js';
import type { LrsDriverOptions } from './xapi.js';

/**
 * The cmi5 AU driver (cmi5 "quartz", sections 8–11), on the shared statement driver:
 * launch from `endpoint`, `fetch`, `actor`, `registration`, `activityId` (§8.1); the fetch
 * URL POSTed once per launch, its token kept in sessionStorage so a refresh reuses it
 * (§8.2); `LMS.LaunchData` (§10) read at launch until the LRS answers it, and the learner
 * preferences profile (§11) read once, best-effort.
 *
 * Statement rules (§9.3, §9.5, §9.6): `initialized` first and `terminated` last in every
 * session and mode; `completed`, `passed`, `failed` only in Normal mode, at most once each per
 * registration (remembered in the resume document), `passed` only with a score at or above
 * the mastery score and never `failed` after it; every statement carries the context
 * template; cmi5-defined ones add the cmi5 category, and the moveOn category when they carry
 * success or completion. The allowed statements sent are answered, experienced, progressed.
 */

export const CMI5 = {
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  moveOn: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
  launchDataStateId: 'LMS.LaunchData',
  preferencesProfileId: 'cmi5LearnerPreferences',
} as const;

/** cmi5 §10 launchMode as the player's LaunchMode. */
const MODES: Readonly<Record<string, LaunchMode>> = { Normal: 'normal', Browse: 'browse', Review: 'review' };

export interface Cmi5LaunchData {
  readonly launchMode: 'Normal' | 'Browse' | 'Review';
  readonly contextTemplate: Context;
  readonly masteryScore?: number;
  readonly moveOn?: string;
  readonly returnURL?: string;
}

export class Cmi5Driver extends LrsDriver {
  private terminatedSent = false;

  constructor(options: LrsDriverOptions) {
    super(options);
  }

  override async initialize(): Promise<Launch | null> {
    const launch = await super.initialize();
    if (!launch) return null;
    // §9.3.2: initialized is the first statement of every session, whatever the mode.
    this.outbox.add([this.defined('initialized', this.now(), undefined)]);
    return launch;
  }

  protected override statementsFor(event: TrackingEvent): Statement[] {
    const normal = (this.options.mode ?? 'normal') === 'normal';
    const sent = this.doc.sent ?? {};
    const mastery = this.options.masteryScore ?? null;
    switch (event.type) {
      case 'experienced':
      case 'answered':
      case 'submitted':
      case 'progressed':
        return this.factory.fromEvent(event);
      case 'completed':
        if (!normal || sent.completed) return [];
        this.mark('completed');
        return [this.defined('completed', event.at, { completion: true, duration: this.factory.duration(event.at) })];
      case 'passed':
        if (!normal || sent.passed || (mastery !== null && event.score < mastery)) return [];
        this.mark('passed');
        return [this.defined('passed', event.at, { success: true, score: score(event.score), duration: this.factory.duration(event.at) })];
      case 'failed':
        if (!normal || sent.passed || sent.failed || (mastery !== null && event.score >= mastery)) return [];
        this.mark('failed');
        return [this.defined('failed', event.at, { success: false, score: score(event.score), duration: this.factory.duration(event.at) })];
      case 'terminated':
        if (this.terminatedSent) return [];
        this.terminatedSent = true;
        return [this.defined('terminated', event.at, { duration: this.factory.duration(event.at) })];
      default:
        return []; // launched (initialized is sent at launch), suspended, evaluated
    }
  }

  protected override closingStatements(sessionSeconds: number): Statement[] {
    if (this.terminatedSent) return [];
    this.terminatedSent = true;
    return [this.defined('terminated', this.now(), { duration: this.factory.duration(this.sessionStart + sessionSeconds * 1000) })];
  }

  /** A cmi5-defined statement about the AU: cmi5 category, moveOn category with success/completion. */
  private defined(verb: 'initialized' | 'completed' | 'passed' | 'failed' | 'terminated', at: number, result: Statement['result']): Statement {
    const moveOn = result && ('success' in result || 'completion' in result);
    const mastery = this.options.masteryScore;
    return this.factory.make({
      verb,
      object: this.factory.courseActivity,
      at,
      result,
      categories: moveOn ? [CMI5.category, CMI5.moveOn] : [CMI5.category],
      extensions: (verb === 'passed' || verb === 'failed') && mastery != null ? { [CMI5.masteryScore]: mastery } : undefined,
    });
  }

  private mark(verb: 'completed' | 'passed' | 'failed'): void {
    this.doc = { ...this.doc, sent: { ...this.doc.sent, [verb]: true } };
  }
}

/** The cmi5 launch parameters (§8.1), checked; null when one is missing or malformed. */
export function cmi5LaunchParams(search: string): { endpoint: string; fetchUrl: string; actor: Agent; registration: string; activityId: string } | null {
  const q = new URLSearchParams(search);
  const endpoint = endpointOf(q.get('endpoint'));
  const fetchUrl = endpointOf(q.get('fetch'))?.replace(/\/$/, '') ?? null;
  const actor = agentOf(q.get('actor'));
  const registration = q.get('registration') ?? '';
  const activityId = q.get('activityId') ?? '';
  // §9.2: the actor is an Agent with an account.
  if (!endpoint || !fetchUrl || !actor || !('account' in actor) || !UUID.test(registration) || !IRI.test(activityId)) return null;
  return { endpoint, fetchUrl: q.get('fetch') ?? fetchUrl, actor, registration: registration.toLowerCase(), activityId };
}

/**
 * The auth token for this launch (§8.2): from sessionStorage when this tab already fetched
 * it (a refresh), else one POST to the fetch URL. Null on an error answer.
 */
export async function fetchToken(fetchUrl: string, storage: Pick<Storage, 'getItem' | 'setItem'> | null): Promise<string | null> {
  const key = `slep:cmi5:token:${fetchUrl}`;
  const kept = storage?.getItem(key);
  if (kept) return kept;
  try {
    const response = await fetch(fetchUrl, { method: 'POST', credentials: 'omit', cache: 'no-store' });
    const data = (await response.json()) as { 'auth-token'?: unknown; 'error-code'?: unknown; 'error-text'?: unknown };
    const token = data['auth-token'];
    if (response.status !== 200 || typeof token !== 'string' || !token) {
      console.warn(`[slep] The cmi5 fetch URL refused a token: ${String(data['error-text'] ?? data['error-code'] ?? response.status)}`);
      return null;
    }
    try {
      storage?.setItem(key, token);
    } catch {
      /* a refresh will not be able to reuse it; nothing else to do */
    }
    return token;
  } catch (error) {
    console.warn('[slep] The cmi5 fetch URL did not answer.', error);
    return null;
  }
}

/**
 * Reads the cmi5 launch and makes the driver; null when it is missing, the fetch URL refused a
 * token, or the LMS answered that it has no readable LMS.LaunchData (the course runs locally).
 */
export async function createDriver(course: CourseModel): Promise<TrackingDriver | null> {
  const params = cmi5LaunchParams(window.location.search);
  if (!params) {
    console.warn('[slep] The cmi5 launch parameters (endpoint, fetch, actor, registration, activityId) are missing or malformed.');
    return null;
  }
  const token = await fetchToken(params.fetchUrl, safeStorage('sessionStorage'));
  if (!token) return null;
  const lrs = new Lrs({ endpoint: params.endpoint, auth: `Basic ${token}` });
  // §10: without LMS.LaunchData the AU cannot know its launchMode. A read the LRS did not
  // answer is read again until it does (readUntilAnswered); a 404 or a malformed document is an answer.
  const launchData = { agent: params.actor, activityId: params.activityId, stateId: CMI5.launchDataStateId, registration: params.registration };
  const state = await readUntilAnswered(() => lrs.getState<Cmi5LaunchData>(launchData), 'the cmi5 LMS.LaunchData state');
  const data = state.data;
  if (state.status !== 200 || !data || typeof data !== 'object' || !MODES[data.launchMode] || typeof data.contextTemplate !== 'object') {
    console.warn(`[slep] The cmi5 LMS.LaunchData state could not be read (HTTP ${state.status}).`);
    return null;
  }
  // §11: the learner preferences; a 404 (none set) is normal. The course has one language and no audio.
  await lrs.getAgentProfile({ agent: params.actor, profileId: CMI5.preferencesProfileId });
  const mastery = typeof data.masteryScore === 'number' && data.masteryScore >= 0 && data.masteryScore <= 1 ? data.masteryScore : null;
  return new Cmi5Driver({
    kind: 'cmi5',
    course,
    lrs,
    endpoint: params.endpoint,
    actor: params.actor,
    registration: params.registration,
    activityId: params.activityId,
    storage: safeStorage('localStorage'),
    mode: MODES[data.launchMode],
    masteryScore: mastery,
    returnUrl: typeof data.returnURL === 'string' && data.returnURL ? data.returnURL : null,
    template: data.contextTemplate,
  });
}
