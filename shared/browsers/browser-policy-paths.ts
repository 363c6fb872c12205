/**
 * Policy registry keys of the browsers (reference §2.4, §2.5): Chrome
 * `SOFTWARE\Policies\Google\Chrome` (HKLM and HKCU, chrome.admx class Both), Edge
 * `SOFTWARE\Policies\Microsoft\Edge` (mandatory), Firefox
 * `Software\Policies\Mozilla\Firefox\Authentication\{SPNEGO,Delegated,NTLM,AllowNonFQDN,AllowProxies}`.
 */
import type { RegistryKeyRef } from '../host/registry.js';

export const chromePolicyPath = 'SOFTWARE\\Policies\\Google\\Chrome';
export const edgePolicyPath = 'SOFTWARE\\Policies\\Microsoft\\Edge';
export const firefoxAuthenticationPolicyPath = 'Software\\Policies\\Mozilla\\Firefox\\Authentication';

/** Every key the browser checks read, for a probe to fetch in one go. */
export const browserPolicyRegistryRoots: readonly { key: RegistryKeyRef; depth: number }[] = [
  { key: { hive: 'HKLM', path: chromePolicyPath }, depth: 0 },
  { key: { hive: 'HKCU', path: chromePolicyPath }, depth: 0 },
  { key: { hive: 'HKLM', path: edgePolicyPath }, depth: 0 },
  { key: { hive: 'HKCU', path: edgePolicyPath }, depth: 0 },
  { key: { hive: 'HKLM', path: firefoxAuthenticationPolicyPath }, depth: 1 },
  { key: { hive: 'HKCU', path: firefoxAuthenticationPolicyPath }, depth: 1 },
];
