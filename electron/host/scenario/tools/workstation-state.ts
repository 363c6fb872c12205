/**
 * The scenario's `workstation` section as the simulated tools see it. A scenario that does not
 * describe the Kerberos client side reads as a healthy domain member: the locator finds a
 * domain controller that answers (as the `directory` section says, when there is one), the
 * clocks agree, no ticket is cached, and the KDC issues tickets for the SPNs the directory
 * holds — absent facts are the healthy defaults, never a finding.
 */
import type { Scenario } from '../../../../shared/scenario/scenario-schema.js';
import {
  scenarioWorkstationSchema,
  type ScenarioWorkstation,
} from '../../../../shared/scenario/sections/workstation.js';
import { parseZoneUrl } from '../../../../shared/zones/zone-url.js';

/** The domain controller the DC locator returns, with every field resolved. */
export interface SimulatedDomainController {
  readonly name: string;
  readonly address: string;
  readonly site: string;
  readonly reachable: boolean;
  readonly kdcPortOpen: boolean;
}

/** The `workstation` section, created with its defaults when the scenario has none, so simulated tools can change it. */
export function workstationState(scenario: Scenario): ScenarioWorkstation {
  scenario.workstation ??= scenarioWorkstationSchema.parse({});
  return scenario.workstation;
}

/** The Kerberos realm of the simulated domain: the DNS domain in capitals. */
export function realmOf(scenario: Scenario): string | null {
  return scenario.machine.dnsDomain?.toUpperCase() ?? null;
}

/** The DC the locator finds: the section's, or on a domain member without one, DC01.<dns domain>. */
export function domainControllerOf(scenario: Scenario): SimulatedDomainController | null {
  const { machine } = scenario;
  if (machine.domain === null) return null;
  const described = workstationState(scenario).domainController;
  if (described === null) return null;
  if (described !== undefined) return described;
  const dnsDomain = machine.dnsDomain ?? machine.domain.toLowerCase();
  return {
    name: `DC01.${dnsDomain}`,
    address: '10.0.0.10',
    site: 'Default-First-Site-Name',
    reachable: scenario.directory?.dcReachable ?? true,
    kdcPortOpen: true,
  };
}

/** True when Kerberos requests can reach a KDC. */
export function kdcReachable(scenario: Scenario): boolean {
  const dc = domainControllerOf(scenario);
  return dc !== null && dc.reachable && dc.kdcPortOpen;
}

/** Whether the KDC issues a ticket for `spn` (reference §3.1: a computer's HOST/<name> covers HTTP/<name>). */
export function kdcKnowsSpn(scenario: Scenario, spn: string): boolean {
  const wanted = spn.toLowerCase();
  const listed = workstationState(scenario).spnsKnownToKdc;
  if (listed !== undefined) return listed.some((candidate) => candidate.toLowerCase() === wanted);
  const { directory } = scenario;
  if (directory === undefined)
    return wanted === `http/${parseZoneUrl(scenario.target.url).host}`.toLowerCase();
  const [serviceClass = '', ...rest] = wanted.split('/');
  const hostCovers = serviceClass === 'http' ? `host/${rest.join('/')}` : null;
  return directory.accounts.some((account) =>
    account.spns.some((candidate) => {
      const lower = candidate.toLowerCase();
      return lower === wanted || (account.kind === 'computer' && lower === hostCovers);
    }),
  );
}
