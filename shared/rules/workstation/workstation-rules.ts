/** The workstation-side rules (issue 5), for the engine's rule catalog. */
import type { Rule } from '../rule.js';
import { browserNotConfiguredRule } from './browser-not-configured-rule.js';
import { clockSkewRule } from './clock-skew-rule.js';
import { kdcUnreachableRule } from './kdc-unreachable-rule.js';
import { localAccountNtlmRule } from './local-account-ntlm-rule.js';
import { negotiateDisabledRule } from './negotiate-disabled-rule.js';
import { ntlmPreauthClientRule } from './ntlm-preauth-client-rule.js';
import { proxyInPathRule } from './proxy-in-path-rule.js';
import { staleTicketRule } from './stale-ticket-rule.js';
import { storedCredentialsRule } from './stored-credentials-rule.js';
import { zoneLogonPromptRule } from './zone-logon-prompt-rule.js';

export const workstationRules: readonly Rule[] = [
  zoneLogonPromptRule,
  negotiateDisabledRule,
  ntlmPreauthClientRule,
  localAccountNtlmRule,
  browserNotConfiguredRule,
  proxyInPathRule,
  kdcUnreachableRule,
  clockSkewRule,
  storedCredentialsRule,
  staleTicketRule,
];
