/**
 * Machine/user policies that change whose zone settings count or stop a person from editing
 * their own site list (reference §1.2, §1.6):
 *  - `Security_HKLM_only` = 1 (HKLM policy, class Machine): only machine settings are used;
 *    HKCU site lists and zone values are ignored (though still displayed).
 *  - `ListBox_Support_ZoneMapKey` = 1 (HKLM or HKCU policy): "Site to Zone Assignment List" is
 *    enforced; "If you disable or do not configure this policy setting, users may choose their
 *    own site-to-zone assignments."
 *  - `Security_zones_map_edit` = 1: "Do not allow users to add/delete sites" (0/1 encoding [U]).
 */
import type { RegistryHive } from '../host/registry.js';
import type { RegistryView } from '../host/registry-view.js';
import { internetSettingsPolicyPath } from './internet-settings-paths.js';

export interface ZonePolicyLocks {
  readonly hklmOnly: boolean;
  readonly siteListPolicy: { readonly hive: RegistryHive } | null;
  readonly mapEditDenied: { readonly hive: RegistryHive } | null;
}

function dwordIsOne(view: RegistryView, hive: RegistryHive, name: string): boolean {
  const value = view.value(hive, internetSettingsPolicyPath, name);
  return value?.type === 'REG_DWORD' && value.data === 1;
}

function firstHiveWith(view: RegistryView, name: string, hklmOnly: boolean): { hive: RegistryHive } | null {
  const hives: RegistryHive[] = hklmOnly ? ['HKLM'] : ['HKLM', 'HKCU'];
  const hive = hives.find((candidate) => dwordIsOne(view, candidate, name));
  return hive ? { hive } : null;
}

export function readZonePolicyLocks(view: RegistryView): ZonePolicyLocks {
  const hklmOnly = dwordIsOne(view, 'HKLM', 'Security_HKLM_only');
  return {
    hklmOnly,
    siteListPolicy: firstHiveWith(view, 'ListBox_Support_ZoneMapKey', hklmOnly),
    mapEditDenied: firstHiveWith(view, 'Security_zones_map_edit', hklmOnly),
  };
}

/** Plain words naming the policy that stops the person editing their own site list, or null. */
export function siteListLockDescription(locks: ZonePolicyLocks): string | null {
  const where = (hive: RegistryHive) => `${hive}\\${internetSettingsPolicyPath}`;
  if (locks.siteListPolicy) {
    return `Group Policy "Site to Zone Assignment List" (${where(locks.siteListPolicy.hive)}\\ListBox_Support_ZoneMapKey = 1)`;
  }
  if (locks.hklmOnly) {
    return `Group Policy "Security Zones: Use only machine settings" (${where('HKLM')}\\Security_HKLM_only = 1), so sites you add for yourself are ignored`;
  }
  if (locks.mapEditDenied) {
    return `Group Policy "Security Zones: Do not allow users to add/delete sites" (${where(locks.mapEditDenied.hive)}\\Security_zones_map_edit = 1)`;
  }
  return null;
}

/** Where IT's Site to Zone Assignment List entry belongs: the enforced list's hive, else the computer policy. */
export function siteListLockHive(locks: ZonePolicyLocks): RegistryHive | null {
  if (locks.siteListPolicy) return locks.siteListPolicy.hive;
  if (locks.hklmOnly || locks.mapEditDenied) return 'HKLM';
  return null;
}
