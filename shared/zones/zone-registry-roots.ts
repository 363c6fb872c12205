/**
 * Every registry key the zone engine may read, so a probe fetches them all in one pass
 * (`Host.readRegistryTree(key, depth)`, depth 0 = the key's own values).
 *
 * Depths: `ZoneMap\Domains\<domain>\<subdomain>` sits 3 levels below ZoneMap; one more level
 * is read so a hand-made deeper key is seen (and reported) rather than silently missed.
 * The policy root holds ZoneMap\Domains (4 below it), ZoneMapKey, Zones\N and Lockdown_Zones\N.
 */
import type { RegistryKeyRef } from '../host/registry.js';
import {
  escAdminsComponentPath,
  escUsersComponentPath,
  internetSettingsPath,
  internetSettingsPolicyPath,
  zoneMapPath,
} from './internet-settings-paths.js';
import { joinRegistryPath } from '../host/registry.js';

export const zoneRegistryRoots: readonly { key: RegistryKeyRef; depth: number }[] = [
  // Preference values directly under Internet Settings: proxy (ProxyEnable/ProxyServer/ProxyOverride/AutoConfigURL, §7.7).
  { key: { hive: 'HKCU', path: internetSettingsPath }, depth: 0 },
  { key: { hive: 'HKLM', path: internetSettingsPath }, depth: 0 },
  { key: { hive: 'HKCU', path: zoneMapPath }, depth: 4 },
  { key: { hive: 'HKLM', path: zoneMapPath }, depth: 4 },
  { key: { hive: 'HKCU', path: joinRegistryPath(internetSettingsPath, 'Zones') }, depth: 1 },
  { key: { hive: 'HKLM', path: joinRegistryPath(internetSettingsPath, 'Zones') }, depth: 1 },
  { key: { hive: 'HKCU', path: joinRegistryPath(internetSettingsPath, 'Lockdown_Zones') }, depth: 1 },
  { key: { hive: 'HKLM', path: joinRegistryPath(internetSettingsPath, 'Lockdown_Zones') }, depth: 1 },
  { key: { hive: 'HKLM', path: internetSettingsPolicyPath }, depth: 5 },
  { key: { hive: 'HKCU', path: internetSettingsPolicyPath }, depth: 5 },
  { key: { hive: 'HKLM', path: escAdminsComponentPath }, depth: 0 },
  { key: { hive: 'HKLM', path: escUsersComponentPath }, depth: 0 },
];
