/**
 * Firefox's effective Negotiate settings (reference §2.5): the enterprise policy
 * (`Software\Policies\Mozilla\Firefox\Authentication\SPNEGO\1..n`, `AllowNonFQDN\SPNEGO`),
 * joined with ", " like Firefox's policy engine, wins over the profile's prefs (user.js over
 * prefs.js). Machine policy before user policy.
 */
import type { RegistryHive } from '../host/registry.js';
import type { RegistryView } from '../host/registry-view.js';
import { firefoxAuthenticationPolicyPath } from './browser-policy-paths.js';
import type { FirefoxPrefValue } from './firefox-prefs.js';
import {
  firefoxWillNegotiate,
  type FirefoxNegotiateDecision,
  type FirefoxTarget,
} from './firefox-trusted-uris.js';

export const trustedUrisPref = 'network.negotiate-auth.trusted-uris';
export const allowNonFqdnPref = 'network.negotiate-auth.allow-non-fqdn';

export interface FirefoxAuthSettings {
  readonly trustedUris: string;
  readonly trustedUrisSource:
    | { readonly level: 'policy'; readonly hive: RegistryHive; readonly keyPath: string }
    | { readonly level: 'prefs' }
    | { readonly level: 'default' };
  readonly allowNonFqdn: boolean;
}

function policyList(view: RegistryView, hive: RegistryHive, sub: string): string[] | null {
  const key = view.key(hive, `${firefoxAuthenticationPolicyPath}\\${sub}`);
  if (!key) return null;
  const entries = key.values
    .filter((entry) => /^\d+$/.test(entry.name) && entry.value.type === 'REG_SZ')
    .sort((a, b) => Number(a.name) - Number(b.name))
    .map((entry) => (entry.value.type === 'REG_SZ' ? entry.value.data : ''));
  return entries.length > 0 ? entries : null;
}

export function readFirefoxAuthSettings(
  view: RegistryView,
  prefs: ReadonlyMap<string, FirefoxPrefValue>,
): FirefoxAuthSettings {
  let trustedUris: string | null = null;
  let trustedUrisSource: FirefoxAuthSettings['trustedUrisSource'] = { level: 'default' };
  for (const hive of ['HKLM', 'HKCU'] as const) {
    const list = policyList(view, hive, 'SPNEGO');
    if (list) {
      trustedUris = list.join(', ');
      trustedUrisSource = { level: 'policy', hive, keyPath: `${firefoxAuthenticationPolicyPath}\\SPNEGO` };
      break;
    }
  }
  if (trustedUris === null) {
    const pref = prefs.get(trustedUrisPref);
    if (typeof pref === 'string') {
      trustedUris = pref;
      trustedUrisSource = { level: 'prefs' };
    }
  }
  let allowNonFqdn: boolean | null = null;
  for (const hive of ['HKLM', 'HKCU'] as const) {
    const value = view.value(hive, `${firefoxAuthenticationPolicyPath}\\AllowNonFQDN`, 'SPNEGO');
    if (value?.type === 'REG_DWORD') {
      allowNonFqdn = value.data !== 0;
      break;
    }
  }
  if (allowNonFqdn === null) allowNonFqdn = prefs.get(allowNonFqdnPref) === true;
  return { trustedUris: trustedUris ?? '', trustedUrisSource, allowNonFqdn };
}

export function firefoxDecision(
  settings: FirefoxAuthSettings,
  target: FirefoxTarget,
): FirefoxNegotiateDecision {
  return firefoxWillNegotiate(settings.trustedUris, settings.allowNonFqdn, target);
}
