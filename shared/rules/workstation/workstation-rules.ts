/**
 * The workstation-side rules of the browser and Internet Options (issue 5), for the engine's rule
 * catalog. The Kerberos client rules (kdc-unreachable, clock-skew, stored-credentials,
 * stale-ticket) have their own list, kerberos-client-rules.ts.
 */
import type { Rule } from '../rule.js';
import { browserNotConfiguredRule } from './browser-not-configured-rule.js';
import { localAccountNtlmRule } from './local-account-ntlm-rule.js';
import { negotiateDisabledRule } from './negotiate-disabled-rule.js';
import { ntlmPreauthClientRule } from './ntlm-preauth-client-rule.js';
import { proxyInPathRule } from './proxy-in-path-rule.js';
import { zoneLogonPromptRule } from './zone-logon-prompt-rule.js';

export const workstationRules: readonly Rule[] = [
  zoneLogonPromptRule,
  negotiateDisabledRule,
  ntlmPreauthClientRule,
  localAccountNtlmRule,
  browserNotConfiguredRule,
  proxyInPathRule,
];
