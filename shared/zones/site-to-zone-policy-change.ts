/**
 * The change IT makes when a policy owns the site list (reference §1.6): an entry in the Group
 * Policy "Site to Zone Assignment List" (INETRES `IZ_Zonemaps`), which lands in the registry as
 * a REG_SZ value `<site>` = "1" under `Software\Policies\Microsoft\Windows\CurrentVersion\Internet
 * Settings\ZoneMapKey` (HKLM for the computer policy, HKCU for the user policy).
 *
 * The site is checked against the pattern rules of `IInternetSecurityManager::SetZoneMapping`
 * (Learn ms537143, §1.5 table) and the value-name rules of the policy's explain text: a host, or
 * `scheme://host`, a wildcard only as the whole left-most label directly left of a registrable
 * domain, an IPv4 address or range; no path, no trailing slash.
 */
import type { RegistryHive } from '../host/registry.js';
import { zoneMapKeyPolicyPath } from './internet-settings-paths.js';
import { isRegistrableDomain } from './registrable-domain.js';
import type { ZoneNumber } from './zone-numbers.js';

export type ZonePatternVerdict =
  { readonly valid: true } | { readonly valid: false; readonly reason: string };

const schemePart = /^(?:(\*|[a-z][a-z0-9+.-]*):\/\/)?(.*)$/i;
const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const ipv4Octet = /^(?:\*|\d{1,3}(?:-\d{1,3})?)$/;

function ipPatternVerdict(host: string): ZonePatternVerdict | null {
  const parts = host.split('.');
  if (!parts.every((part) => ipv4Octet.test(part))) return null;
  if (!/^\d/.test(host)) return null;
  if (parts.length < 4 || parts.length > 5) return { valid: false, reason: 'an IP address has four numbers' };
  for (const part of parts) {
    for (const number of part.split('-'))
      if (number !== '*' && Number(number) > 255) return { valid: false, reason: `${number} is above 255` };
  }
  return { valid: true };
}

/** Whether Windows accepts `pattern` as a zone mapping (SetZoneMapping rules, §1.5 table). */
export function zoneMappingPatternVerdict(pattern: string): ZonePatternVerdict {
  if (pattern.length === 0 || pattern.length > 2048) return { valid: false, reason: 'empty or too long' };
  if (/^file:/i.test(pattern))
    return /^file:[\\/]{1,2}[^\\/]/i.test(pattern)
      ? { valid: true }
      : { valid: false, reason: 'not a network path' };
  const [, , rest = ''] = schemePart.exec(pattern) ?? [];
  const host = rest.replace(/\/$/, '');
  if (host.includes('/')) return { valid: false, reason: 'a site has no path' };
  if (host.length === 0) return { valid: false, reason: 'no host' };
  const ip = ipPatternVerdict(host);
  if (ip) return ip;
  const labels = host.split('.');
  const [first, ...others] = labels;
  if (first === '*') {
    if (others.length === 0) return { valid: false, reason: 'a wildcard alone matches every site' };
    const domain = others.join('.');
    if (!others.every((part) => label.test(part)))
      return { valid: false, reason: `"${domain}" is not a host name` };
    if (!isRegistrableDomain(domain))
      return {
        valid: false,
        reason: `the wildcard must stand directly left of a registrable domain, not of "${domain}"`,
      };
    return { valid: true };
  }
  if (labels.some((part) => part.includes('*')))
    return { valid: false, reason: 'a wildcard must be the whole left-most label' };
  if (!labels.every((part) => label.test(part)))
    return { valid: false, reason: `"${host}" is not a host name` };
  return { valid: true };
}

export interface SiteToZonePolicyChange {
  /** The Group Policy setting, as the policy editor names it. */
  readonly policy: string;
  readonly valueName: string;
  readonly value: string;
  readonly hive: RegistryHive;
  readonly keyPath: string;
  /** The same entry as a reg.exe line (for a test machine; the GPO is the right place). */
  readonly regLine: string;
  /** One paragraph for IT. */
  readonly text: string;
}

/** The Site to Zone Assignment List entry that puts `host` in `zone`, for the policy in `hive`. */
export function siteToZonePolicyChange(
  host: string,
  zone: ZoneNumber,
  hive: RegistryHive,
): SiteToZonePolicyChange {
  const verdict = zoneMappingPatternVerdict(host);
  if (!verdict.valid) throw new RangeError(`cannot map "${host.slice(0, 100)}": ${verdict.reason}`);
  const value = String(zone);
  const scope = hive === 'HKLM' ? 'Computer Configuration' : 'User Configuration';
  return {
    policy: 'Site to Zone Assignment List',
    valueName: host,
    value,
    hive,
    keyPath: zoneMapKeyPolicyPath,
    regLine: `reg add "${hive}\\${zoneMapKeyPolicyPath}" /v "${host}" /t REG_SZ /d ${value} /f`,
    text: `In the Group Policy "Site to Zone Assignment List" (${scope}), add the value name "${host}" with the value ${value}; it reaches this computer as ${hive}\\${zoneMapKeyPolicyPath}\\${host} = "${value}" (REG_SZ).`,
  };
}
