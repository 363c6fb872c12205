/** The scenario's `workstation` section, created with its defaults when the scenario has none, so simulated tools can change it. */
import type { Scenario } from '../../../../shared/scenario/scenario-schema.js';
import { scenarioWorkstationSchema, type ScenarioWorkstation } from '../../../../shared/scenario/sections/workstation.js';

export function workstationState(scenario: Scenario): ScenarioWorkstation {
  scenario.workstation ??= scenarioWorkstationSchema.parse({});
  return scenario.workstation;
}

/** The Kerberos realm of the simulated domain: the DNS domain in capitals. */
export function realmOf(scenario: Scenario): string | null {
  return scenario.machine.dnsDomain?.toUpperCase() ?? null;
}

/** True when Kerberos requests can reach a KDC. */
export function kdcReachable(scenario: Scenario): boolean {
  const dc = workstationState(scenario).domainController;
  return scenario.machine.domain !== null && dc !== null && dc.reachable;
}
