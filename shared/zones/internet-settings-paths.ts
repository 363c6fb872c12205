/**
 * Registry key paths (below HKCU or HKLM) that hold zone and Internet Settings data.
 * Preference keys: KB182569 (reference §1.2, §1.3). Policy keys: inetres.admx (§1.4, §1.6, §1.7).
 */
import { joinRegistryPath } from '../host/registry.js';

/** `Software\Microsoft\Windows\CurrentVersion\Internet Settings` — user or machine preferences. */
export const internetSettingsPath = 'Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
/** `Software\Policies\Microsoft\Windows\CurrentVersion\Internet Settings` — Group Policy. */
export const internetSettingsPolicyPath =
  'Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

export const zoneMapPath = joinRegistryPath(internetSettingsPath, 'ZoneMap');
export const zoneMapPolicyPath = joinRegistryPath(internetSettingsPolicyPath, 'ZoneMap');
/** Site to Zone Assignment List: REG_SZ values `<site>` = "1".."4" (§1.6). */
export const zoneMapKeyPolicyPath = joinRegistryPath(internetSettingsPolicyPath, 'ZoneMapKey');

export function zonesPath(zone: number): string {
  return joinRegistryPath(internetSettingsPath, 'Zones', String(zone));
}
export function zonesPolicyPath(zone: number): string {
  return joinRegistryPath(internetSettingsPolicyPath, 'Zones', String(zone));
}
export function lockdownZonesPolicyPath(zone: number): string {
  return joinRegistryPath(internetSettingsPolicyPath, 'Lockdown_Zones', String(zone));
}
export function lockdownZonesPath(zone: number): string {
  return joinRegistryPath(internetSettingsPath, 'Lockdown_Zones', String(zone));
}

/**
 * IE Enhanced Security Configuration state on Windows Server: Active Setup components for
 * administrators (A7) and users (A8), value `IsInstalled` (1 = on). [U: widely documented
 * by Microsoft Server docs and scripts, not in the reference; read only to choose between
 * EscDomains and Domains, and both readings are reported when it is unknown.]
 */
export const escAdminsComponentPath =
  'SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{A509B1A7-37EF-4b3f-8CFC-4F3A74704073}';
export const escUsersComponentPath =
  'SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{A509B1A8-37EF-4b3f-8CFC-4F3A74704073}';
