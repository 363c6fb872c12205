/**
 * Firefox's effective Negotiate settings (reference §2.5): the enterprise policy
 * (`Software\Policies\Mozilla\Firefox\Authentication\SPNEGO\1..n`, `AllowNonFQDN\SPNEGO`),
 * joined with ", " like Firefox's policy engine, and the profile's prefs (user.js over
 * prefs.js). Machine policy before user policy.
 *
 * Whether the policy locks the prefs is its `Locked` value (REG_DWORD on the `Authentication`
 * key; §2.5: "`Locked` controls lock state"). The reference does not give its default; Firefox's
 * policy code does (Policies.jsm `Authentication`, Bug 1577312, Firefox 71 / ESR 68.3:
 * `let locked = true; if ("Locked" in param) locked = param.Locked;` then
 * `setDefaultPref(pref, value, locked)`): absent = locked, the policy value wins over the
 * profile; `Locked` = 0 = the policy value is only the default, and a value the person set in
 * prefs.js/user.js wins over it, so the user.js fix works. Read from the hive whose list is used
 * ([U] for a `Locked` set in the other hive than the list).
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
    | {
        readonly level: 'policy';
        readonly hive: RegistryHive;
        readonly keyPath: string;
        /** False when the policy sets `Locked` = 0: its list is a default the profile may change. */
        readonly locked: boolean;
      }
    | {
        readonly level: 'prefs';
        /** An unlocked policy list the profile's own value overrides, when there is one. */
        readonly overridesPolicy?: { readonly hive: RegistryHive; readonly keyPath: string };
      }
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

/** The policy's `Locked` for `hive`: absent or any non-zero DWORD locks (Firefox's default, see above). */
export function firefoxPolicyLocked(view: RegistryView, hive: RegistryHive): boolean {
  const value = view.value(hive, firefoxAuthenticationPolicyPath, 'Locked');
  return value?.type === 'REG_DWORD' ? value.data !== 0 : true;
}

export function readFirefoxAuthSettings(
  view: RegistryView,
  prefs: ReadonlyMap<string, FirefoxPrefValue>,
): FirefoxAuthSettings {
  let trustedUris: string | null = null;
  let trustedUrisSource: FirefoxAuthSettings['trustedUrisSource'] = { level: 'default' };
  const pref = prefs.get(trustedUrisPref);
  for (const hive of ['HKLM', 'HKCU'] as const) {
    const list = policyList(view, hive, 'SPNEGO');
    if (!list) continue;
    const keyPath = `${firefoxAuthenticationPolicyPath}\\SPNEGO`;
    const locked = firefoxPolicyLocked(view, hive);
    if (!locked && typeof pref === 'string') {
      trustedUris = pref;
      trustedUrisSource = { level: 'prefs', overridesPolicy: { hive, keyPath } };
    } else {
      trustedUris = list.join(', ');
      trustedUrisSource = { level: 'policy', hive, keyPath, locked };
    }
    break;
  }
  if (trustedUris === null && typeof pref === 'string') {
    trustedUris = pref;
    trustedUrisSource = { level: 'prefs' };
  }
  let allowNonFqdn: boolean | null = null;
  for (const hive of ['HKLM', 'HKCU'] as const) {
    const value = view.value(hive, `${firefoxAuthenticationPolicyPath}\\AllowNonFQDN`, 'SPNEGO');
    if (value?.type !== 'REG_DWORD') continue;
    const ownValue = prefs.get(allowNonFqdnPref);
    allowNonFqdn =
      !firefoxPolicyLocked(view, hive) && typeof ownValue === 'boolean' ? ownValue : value.data !== 0;
    break;
  }
  if (allowNonFqdn === null) allowNonFqdn = prefs.get(allowNonFqdnPref) === true;
  return { trustedUris: trustedUris ?? '', trustedUrisSource, allowNonFqdn };
}

/**
 * The locked policy list that stops the person changing network.negotiate-auth.trusted-uris, or
 * null when the profile's user.js decides (no policy, or an unlocked one). The browser rule and the
 * firefox.trust-host remedy both ask this, so an offered fix is one the remedy will plan.
 */
export function lockedTrustedUrisPolicy(
  settings: FirefoxAuthSettings,
): { readonly hive: RegistryHive; readonly keyPath: string } | null {
  const source = settings.trustedUrisSource;
  return source.level === 'policy' && source.locked ? { hive: source.hive, keyPath: source.keyPath } : null;
}

export function firefoxDecision(
  settings: FirefoxAuthSettings,
  target: FirefoxTarget,
): FirefoxNegotiateDecision {
  return firefoxWillNegotiate(settings.trustedUris, settings.allowNonFqdn, target);
}
