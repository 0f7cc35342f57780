import { CMI5 } from '../../src/tracking/cmi5.js';
import { lrsUrl, uuid } from '../integration/lrs-client.js';
import { lrsScenario } from './lrs-scenario.js';
import type { LrsLaunch } from './lrs-scenario.js';
import type { Random, ScenarioResult } from './random.js';

/**
 * One cmi5 fault scenario against the real test LRS (lrs-scenario.ts): every launch is made as a
 * cmi5 LMS makes it — a new session with its own `LMS.LaunchData` (context template with the
 * session id) and a fresh one-time fetch URL, made before that launch's fault window opens — and
 * at some launches the reads of `LMS.LaunchData` and of the resume document fail. On top of the
 * shared checks, what the course promises for the cmi5-defined statements (src/tracking/cmi5.ts,
 * README "cmi5"): `completed`, `passed` and `failed` at most once each per registration, never
 * `failed` after `passed`; `initialized` first, one per launch, and at most one `terminated`.
 */
export async function cmi5Scenario(random: Random): Promise<ScenarioResult> {
  const registration = uuid();
  const actor = { objectType: 'Agent', name: 'Ana Rivera', account: { homePage: 'https://lms.example.org', name: `faults-${registration}` } };
  const activityId = `https://lms.example.org/registrations/${registration}/au/1`;
  return lrsScenario(
    {
      kind: 'cmi5',
      actor,
      activityId,
      registration,
      launch: () => cmi5Launch(actor, registration, activityId),
      readFaultDocs: [CMI5.launchDataStateId, undefined],
      check: (verbs, sessions, found) => {
        const count = (v: string) => verbs.filter((x) => x === v).length;
        // cmi5 §9.3: completed, passed, failed at most once per registration (the course's rule).
        for (const v of ['completed', 'passed', 'failed']) if (count(v) > 1) found.duplicate(`${v} ${count(v)} times`, count(v) - 1);
        if (verbs.includes('passed') && verbs.lastIndexOf('failed') > verbs.indexOf('passed')) found.lost('failed after passed');
        // One initialized per launch (the verification launch's may still be on its way), one terminated at most.
        if (count('initialized') < sessions) found.lost(`initialized ${count('initialized')} of ${sessions} launches`, sessions - count('initialized'));
        if (count('initialized') > sessions + 1) found.duplicate(`initialized ${count('initialized')} times for ${sessions + 1} launches`, count('initialized') - sessions - 1);
        if (count('terminated') > sessions + 1) found.duplicate(`terminated ${count('terminated')} times for ${sessions + 1} launches`, count('terminated') - sessions - 1);
        if (verbs[0] !== 'initialized') found.lost(`first statement is ${verbs[0]}, not initialized`);
      },
      trail: (verbs) => `verbs: ${verbs.join(' ')}`,
    },
    random,
  );
}

/** What a cmi5 LMS does before each launch (cmi5 §10): LMS.LaunchData, a session, a one-time fetch URL. */
async function cmi5Launch(actor: unknown, registration: string, activityId: string): Promise<LrsLaunch> {
  const xml = await (await fetch('/dist/cmi5/cmi5.xml')).text();
  const publisherId = /<au id="([^"]+)"/.exec(xml)?.[1] ?? '';
  const url = await lrsUrl();
  const response = await fetch(`${url}/__control/cmi5-launch`, {
    method: 'POST',
    body: JSON.stringify({ actor, registration, activityId, publisherId, launchMode: 'Normal', moveOn: 'CompletedAndPassed' }),
  });
  const { session, fetch: fetchUrl } = (await response.json()) as { session: string; fetch: string };
  const query = new URLSearchParams({ endpoint: `${url}/xapi/`, fetch: fetchUrl, actor: JSON.stringify(actor), registration, activityId }).toString();
  return { query, auth: `Basic ${btoa(`cmi5:${session}`)}` };
}
