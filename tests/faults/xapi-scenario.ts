import { lrsUrl, uuid, XAPI_AUTH } from '../integration/lrs-client.js';
import { lrsScenario } from './lrs-scenario.js';
import type { Random, ScenarioResult } from './random.js';

/**
 * One xAPI fault scenario against the real test LRS (lrs-scenario.ts): every launch is a TinCan
 * launch with the same endpoint, credentials, actor and registration, and at some launches the
 * resume document's read fails. The failure trail shows the last State API and statement-write
 * requests the LRS saw.
 */
export async function xapiScenario(random: Random): Promise<ScenarioResult> {
  const registration = uuid();
  const actor = { objectType: 'Agent', name: 'Ana Rivera', mbox: `mailto:faults-${registration}@example.org` };
  const activityId = await courseActivityId();
  const query = new URLSearchParams({ endpoint: `${await lrsUrl()}/xapi/`, auth: XAPI_AUTH, actor: JSON.stringify(actor), registration, activity_id: activityId }).toString();
  return lrsScenario(
    {
      kind: 'xapi',
      actor,
      activityId,
      registration,
      launch: async () => ({ query, auth: XAPI_AUTH }),
      readFaultDocs: [undefined],
      trail: (verbs, log) =>
        `verbs: ${verbs.join(' ')}; requests: ${log.requests
          .filter((r) => r.method !== 'GET' || !r.path.endsWith('statements'))
          .slice(-40)
          .map((r) => `${r.method} ${r.path.replace('/xapi/', '')} ${r.status}`)
          .join(', ')}`,
    },
    random,
  );
}

async function courseActivityId(): Promise<string> {
  const xml = await (await fetch('/dist/xapi/tincan.xml')).text();
  return /<activity id="([^"]+)"/.exec(xml)?.[1] ?? '';
}
