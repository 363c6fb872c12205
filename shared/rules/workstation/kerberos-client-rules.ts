/**
 * The Kerberos client rules of the workstation (issue 5): can this computer reach a domain
 * controller (kdc-unreachable), do the clocks agree (clock-skew), does Credential Manager hold
 * a saved sign-in for the site (stored-credentials), is a cached ticket out of date
 * (stale-ticket). For the engine's rule catalog, beside workstation-rules.ts.
 */
import type { Rule } from '../rule.js';
import { clockSkewRule } from './clock-skew-rule.js';
import { kdcUnreachableRule } from './kdc-unreachable-rule.js';
import { staleTicketRule } from './stale-ticket-rule.js';
import { storedCredentialsRule } from './stored-credentials-rule.js';

export const kerberosClientRules: readonly Rule[] = [
  kdcUnreachableRule,
  clockSkewRule,
  storedCredentialsRule,
  staleTicketRule,
];
