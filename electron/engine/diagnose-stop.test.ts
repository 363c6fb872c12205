/**
 * "Stop checking" ends a diagnosis at once, even while a probe waits on something slow (a
 * sign-in test on a slow network, a host command): the probe's late answer is dropped.
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadScenarioFile } from '../host/scenario/load-scenario.js';
import { ScenarioHost } from '../host/scenario/scenario-host.js';
import { diagnose } from './diagnose.js';

const scenarioFile = fileURLToPath(new URL('../../e2e/scenarios/zone-not-intranet.json', import.meta.url));

it('a stop while a probe waits on the machine ends the diagnosis without waiting for it', async () => {
  const scenario = await loadScenarioFile(scenarioFile);
  const host = new ScenarioHost(scenario);
  const controller = new AbortController();
  // The registry never answers: without the stop, this diagnosis would never end. The person
  // stops while a probe is waiting on it.
  let waitingOnRegistry = 0;
  host.readRegistryTree = () => {
    waitingOnRegistry += 1;
    controller.abort(new Error('stopped by the person'));
    return new Promise(() => undefined);
  };
  const running = diagnose(host, scenario.target, { signal: controller.signal });
  await expect(running).rejects.toThrow('stopped by the person');
  expect(waitingOnRegistry).toBe(1);
});
