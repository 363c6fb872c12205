/**
 * The change IT makes when a policy owns the site list (reference §1.6): an entry in the Group
 * Policy "Site to Zone Assignment List" (INETRES `IZ_Zonemaps`), which lands in the registry as
 * a REG_SZ value `<site>` = "1" under `Software\Policies\Microsoft\Windows\CurrentVersion\Internet
 * Settings\ZoneMapKey` (HKLM for the computer policy, HKCU for the user policy).
 *
 * The site is checked with the one site grammar of zone-site-pattern.ts, which the ZoneMapKey
 * reader also uses, plus the SetZoneMapping rule that a wildcard stands only directly left of a
 * registrable domain (Learn ms537143, §1.5 table): a host, or `scheme://host` (`*` = every
 * scheme), an IPv4 address or range, a network path; no path after a host, no trailing
 * characters other than one slash.
 */
import type { RegistryHive } from '../host/registry.js';
import { zoneMapKeyPolicyPath } from './internet-settings-paths.js';
import type { ZoneNumber } from './zone-numbers.js';
import { InvalidZoneSitePatternError, parseZoneSitePattern } from './zone-site-pattern.js';

export type ZonePatternVerdict =
  { readonly valid: true } | { readonly valid: false; readonly reason: string };

/** Whether Windows accepts `pattern` as a zone mapping (SetZoneMapping rules, §1.5 table). */
export function zoneMappingPatternVerdict(pattern: string): ZonePatternVerdict {
  try {
    const parsed = parseZoneSitePattern(pattern);
    return parsed.setZoneMappingRefuses === null
      ? { valid: true }
      : { valid: false, reason: parsed.setZoneMappingRefuses };
  } catch (error) {
    if (error instanceof InvalidZoneSitePatternError) return { valid: false, reason: error.message };
    throw error;
  }
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
