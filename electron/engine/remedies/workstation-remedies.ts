/** The workstation remedies the engine can apply (issue 5): registered ids only, for remedy-catalog.ts. */
import { firefoxTrustHostRemedy } from './firefox-trust-host.js';
import type { Remedy } from './remedy.js';
import { proxyAddOverride } from './proxy-add-override.js';
import { wininetDisableNtlmPreauth, wininetEnableNegotiate } from './wininet-switches.js';
import { toEngineRemedy, type WorkstationRemedyDefinition } from './workstation-remedy.js';
import { zoneSetLogonAutomatic } from './zone-set-logon-automatic.js';

export const workstationRemedyDefinitions: readonly WorkstationRemedyDefinition[] = [
  zoneSetLogonAutomatic,
  wininetEnableNegotiate,
  wininetDisableNtlmPreauth,
  proxyAddOverride,
];

export const workstationRemedies: readonly Remedy[] = [
  ...workstationRemedyDefinitions.map(toEngineRemedy).filter((remedy): remedy is Remedy => remedy !== null),
  // A file remedy (Firefox user.js), not a registry one: it plans its own operation.
  firefoxTrustHostRemedy,
];
