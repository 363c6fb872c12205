/** The server remedies the engine can apply (issue 6): registered ids only, for remedy-catalog.ts. */
import type { Remedy } from './remedy.js';
import { iisAuthenticationRemedies } from './iis-authentication-remedies.js';
import { machineServerRemedies } from './machine-server-remedies.js';
import { toEngineServerRemedy, type ServerRemedyDefinition } from './server-remedy.js';
import { spnRemedies } from './spn-remedies.js';

export const serverRemedyDefinitions: readonly ServerRemedyDefinition[] = [
  ...iisAuthenticationRemedies,
  ...machineServerRemedies,
  ...spnRemedies,
];

export const serverRemedies: readonly Remedy[] = serverRemedyDefinitions
  .map(toEngineServerRemedy)
  .filter((remedy): remedy is Remedy => remedy !== null);
