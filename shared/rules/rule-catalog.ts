/** Every rule the engine evaluates over the evidence of a diagnosis. */
import type { Rule } from './rule.js';
import { serverRules } from './server/server-rules.js';
import { kerberosClientRules } from './workstation/kerberos-client-rules.js';
import { workstationRules } from './workstation/workstation-rules.js';
import { zoneNotIntranetRule } from './zone-not-intranet.js';

export const ruleCatalog: readonly Rule[] = [
  zoneNotIntranetRule,
  ...workstationRules,
  ...kerberosClientRules,
  ...serverRules,
];
