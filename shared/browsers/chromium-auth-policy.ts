/**
 * Chrome and Edge HTTP-authentication policies and what they mean for one URL
 * (reference §2.4, §1.7):
 *  - `AuthServerAllowlist` (old name `AuthServerWhitelist`) set → Windows zones are ignored and
 *    only listed servers get silent Negotiate/NTLM (proxy-bypass-rule syntax);
 *    unset → the zone's 1A00 decides (Chromium url_security_manager_win.cc);
 *  - `DisableAuthNegotiateCnameLookup` → SPN built from the name as typed, not the CNAME target;
 *  - `EnableAuthNegotiatePort` → a non-standard port goes into the SPN;
 *  - `AuthSchemes` → which schemes may be used at all (unset = basic,digest,ntlm,negotiate).
 * Machine (HKLM) policy wins over user (HKCU) policy, Chrome's documented platform-policy order.
 */
import type { RegistryHive } from '../host/registry.js';
import type { RegistryView } from '../host/registry-view.js';
import { chromePolicyPath, edgePolicyPath } from './browser-policy-paths.js';
import {
  matchChromiumBypassRules,
  parseChromiumBypassRules,
  type ChromiumBypassRule,
} from './chromium-bypass-rules.js';

export type ChromiumBrowser = 'chrome' | 'edge';

export interface PolicySetting<T> {
  readonly value: T;
  readonly hive: RegistryHive;
  readonly keyPath: string;
  readonly valueName: string;
}

export interface ChromiumAuthPolicies {
  readonly browser: ChromiumBrowser;
  readonly authServerAllowlist: PolicySetting<string> | null;
  readonly disableCnameLookup: PolicySetting<boolean> | null;
  readonly enablePortInSpn: PolicySetting<boolean> | null;
  readonly authSchemes: PolicySetting<string> | null;
}

function readPolicy<T>(
  view: RegistryView,
  keyPath: string,
  names: readonly string[],
  convert: (value: NonNullable<ReturnType<RegistryView['value']>>) => T | null,
): PolicySetting<T> | null {
  for (const hive of ['HKLM', 'HKCU'] as const) {
    for (const valueName of names) {
      const raw = view.value(hive, keyPath, valueName);
      if (!raw) continue;
      const value = convert(raw);
      if (value !== null) return { value, hive, keyPath, valueName };
    }
  }
  return null;
}

const asString = (value: NonNullable<ReturnType<RegistryView['value']>>) =>
  value.type === 'REG_SZ' || value.type === 'REG_EXPAND_SZ' ? value.data : null;
const asBool = (value: NonNullable<ReturnType<RegistryView['value']>>) =>
  value.type === 'REG_DWORD' ? value.data !== 0 : null;

export function readChromiumAuthPolicies(view: RegistryView, browser: ChromiumBrowser): ChromiumAuthPolicies {
  const keyPath = browser === 'chrome' ? chromePolicyPath : edgePolicyPath;
  return {
    browser,
    authServerAllowlist: readPolicy(view, keyPath, ['AuthServerAllowlist', 'AuthServerWhitelist'], asString),
    disableCnameLookup: readPolicy(view, keyPath, ['DisableAuthNegotiateCnameLookup'], asBool),
    enablePortInSpn: readPolicy(view, keyPath, ['EnableAuthNegotiatePort'], asBool),
    authSchemes: readPolicy(view, keyPath, ['AuthSchemes'], asString),
  };
}

export type ChromiumSilentLogon =
  | { readonly decidedBy: 'allowlist'; readonly silent: true; readonly rule: ChromiumBypassRule }
  | { readonly decidedBy: 'allowlist'; readonly silent: false; readonly unreadableEntries: readonly string[] }
  | { readonly decidedBy: 'zones' };

/** Whether the allowlist policy decides silent logon for this origin, and how. */
export function chromiumSilentLogon(
  policies: ChromiumAuthPolicies,
  target: { scheme: string; host: string; port: number | null },
): ChromiumSilentLogon {
  if (!policies.authServerAllowlist) return { decidedBy: 'zones' };
  const list = parseChromiumBypassRules(policies.authServerAllowlist.value);
  const rule = matchChromiumBypassRules(list, target);
  return rule
    ? { decidedBy: 'allowlist', silent: true, rule }
    : { decidedBy: 'allowlist', silent: false, unreadableEntries: list.unreadable };
}

/** True when `AuthSchemes` leaves Negotiate out (then only NTLM or nothing is tried). */
export function negotiateSchemeDisabled(policies: ChromiumAuthPolicies): boolean {
  if (!policies.authSchemes) return false;
  return !policies.authSchemes.value
    .split(',')
    .map((scheme) => scheme.trim().toLowerCase())
    .includes('negotiate');
}

/**
 * The SPN Chromium asks SSPI for (§2.4 CreateSPN): `HTTP/<host>` with the canonical name unless
 * CNAME lookup is disabled, and `:<port>` only for a port other than 80/443 with EnableAuthNegotiatePort.
 */
export function chromiumSpn(
  policies: ChromiumAuthPolicies,
  typedHost: string,
  canonicalHost: string | null,
  port: number | null,
): string {
  const host =
    policies.disableCnameLookup?.value === true || canonicalHost === null ? typedHost : canonicalHost;
  const withPort = policies.enablePortInSpn?.value === true && port !== null && port !== 80 && port !== 443;
  return `HTTP/${host}${withPort ? `:${port}` : ''}`;
}
