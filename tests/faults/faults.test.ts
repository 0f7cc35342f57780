import { expect } from '@open-wc/testing';
import { seeded } from './random.js';
import type { ScenarioResult } from './random.js';
import { cmi5Scenario } from './cmi5-scenario.js';
import { scormScenario } from './scorm-scenario.js';
import { xapiScenario } from './xapi-scenario.js';

/**
 * The fault-injection suite (README, "Reliability"): seeded scenarios over the built
 * packages in real Chromium. `npm test` runs a short fixed-seed run; `npm run test:faults`
 * a long one (FAULTS_SEED, FAULTS_SCENARIOS, FAULTS_STANDARDS; see scripts/faults.mjs),
 * which reads its settings from the test server's /__faults.
 */
type Standard = 'scorm12' | 'scorm2004' | 'xapi' | 'cmi5';

const settings = (await fetch('/__faults')
  .then((r) => (r.ok ? r.json() : {}))
  .catch(() => ({}))) as { seed?: number; scenarios?: number; standards?: Standard[]; first?: number };
const seed = settings.seed ?? 20261203;
const count = settings.scenarios ?? 24;
const standards: Standard[] = settings.standards?.length ? settings.standards : ['scorm12', 'scorm2004', 'xapi', 'cmi5'];
/** Replays from scenario `first` (0-based) of the same seed: the same scenarios as in the full run. */
const first = settings.first ?? 0;

const totals = { faults: 0, scenarios: 0, lost: 0, duplicates: 0, passesLost: 0 };

describe(`fault injection (seed ${seed}, ${count} scenarios)`, function () {
  this.timeout(180000);

  for (let i = first; i < first + count; i++) {
    const kind = standards[i % standards.length] as Standard;
    it(`scenario ${i + 1}: ${kind}, seed ${seed}/${i}`, async () => {
      const random = seeded(seed * 7919 + i);
      const result: ScenarioResult = kind === 'xapi' ? await xapiScenario(random) : kind === 'cmi5' ? await cmi5Scenario(random) : await scormScenario(kind, random);
      totals.faults += result.faults;
      totals.scenarios += 1;
      totals.lost += result.lost;
      totals.duplicates += result.duplicates;
      totals.passesLost += result.passesLost;
      expect(result.lost + result.duplicates + result.passesLost, result.problems.join('; ')).to.equal(0);
    });
  }

  after(async () => {
    const line = `faults injected: ${totals.faults}, scenarios: ${totals.scenarios}, records lost: ${totals.lost}, duplicates: ${totals.duplicates}, passes lost: ${totals.passesLost}`;
    console.log(line);
    await fetch('/__faults/report', { method: 'POST', body: JSON.stringify({ ...totals, planned: count, line }) }).catch(() => undefined);
  });
});
