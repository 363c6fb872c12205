/** Every server-side rule (issue 6); the engine's rule catalog spreads this list in. */
import type { Rule } from '../rule.js';
import { apppoolIdentitySplitRule } from './apppool-identity-split-rule.js';
import { decryptionChainRule } from './decryption-chain-rule.js';
import { epaChannelBindingRule } from './epa-channel-binding-rule.js';
import { etypeMismatchRule } from './etype-mismatch-rule.js';
import { kerberosTokenTooLargeRule } from './kerberos-token-too-large-rule.js';
import { loopbackCheckRule } from './loopback-check-rule.js';
import { ntlmPreauthKernelModeRule } from './ntlm-preauth-kernel-mode-rule.js';

export const serverRules: readonly Rule[] = [
  decryptionChainRule,
  apppoolIdentitySplitRule,
  loopbackCheckRule,
  kerberosTokenTooLargeRule,
  epaChannelBindingRule,
  etypeMismatchRule,
  ntlmPreauthKernelModeRule,
];
