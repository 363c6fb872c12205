/**
 * URL action 1A00 "User Authentication: Logon" for a zone (reference §1.7): whether IE/WinINet,
 * and Chrome/Edge on Windows without an AuthServerAllowlist policy, sign in silently with the
 * logged-on user's credentials.
 *
 * Where it is read, first found wins: policy `Policies\...\Internet Settings\Zones\<N>` in HKLM
 * then HKCU (policy "Logon options", class Both; HKLM before HKCU is the usual Group Policy
 * convention [U]), then preferences `...\Internet Settings\Zones\<N>` in HKCU then HKLM (Wine's
 * get_action_policy reads HKCU then HKLM; Security_HKLM_only → HKLM only, §1.2), then the
 * Windows default. Defaults (§1.7 policy explain texts and a real export): My Computer and
 * Trusted sites automatic logon, Local intranet and Internet "automatic logon only in Intranet
 * zone", Restricted sites prompt [U for per-zone defaults on current Windows].
 *
 * Locked-down zones (`Lockdown_Zones\<N>`, policy and preference) hold the settings used by
 * processes running with Local Machine Zone Lockdown; browsers visiting web sites use the
 * normal zone settings, so a locked-down 1A00 is reported in `lockdown` and does not decide.
 */
import type { RegistryHive } from '../host/registry.js';
import type { RegistryView } from '../host/registry-view.js';
import {
  lockdownZonesPath,
  lockdownZonesPolicyPath,
  zonesPath,
  zonesPolicyPath,
} from './internet-settings-paths.js';
import { internetSettingsPolicyPath } from './internet-settings-paths.js';
import type { ZoneNumber } from './zone-numbers.js';

export type LogonSetting = 'automatic' | 'intranet-only' | 'prompt' | 'anonymous';

export type LogonSource =
  { level: 'policy' | 'lockdown' | 'preference'; hive: RegistryHive; keyPath: string } | { level: 'default' };

export interface LogonAction {
  zone: ZoneNumber;
  value: number;
  setting: LogonSetting;
  source: LogonSource;
  /** true when IE/Edge/Chrome (zones) log on silently for this zone */
  silentLogon: boolean;
  /** Security_HKLM_only = 1 (§1.2): only the machine (HKLM) values count, HKCU ones are ignored. */
  machineSettingsOnly: boolean;
  /** A 1A00 value that is none of the four documented ones (Chromium treats it as "not silent"). */
  unrecognisedValue?: boolean;
  /** The locked-down zone's 1A00, when one is set (reported, not used for web browsing). */
  lockdown?: {
    value: number;
    setting: LogonSetting;
    hive: RegistryHive;
    keyPath: string;
    level: 'policy' | 'preference';
  };
}

/** urlmon.h URLPOLICY_CREDENTIALS_* values (§1.7). */
export const logonValues: Readonly<Record<LogonSetting, number>> = {
  automatic: 0x00000000,
  prompt: 0x00010000,
  'intranet-only': 0x00020000,
  anonymous: 0x00030000,
};

export const defaultLogonValues: Readonly<Record<ZoneNumber, number>> = {
  0: logonValues.automatic,
  1: logonValues['intranet-only'],
  2: logonValues.automatic,
  3: logonValues['intranet-only'],
  4: logonValues.prompt,
};

export function logonSettingOf(value: number): LogonSetting | null {
  switch (value) {
    case 0x00000000:
      return 'automatic';
    case 0x00010000:
      return 'prompt';
    case 0x00020000:
      return 'intranet-only';
    case 0x00030000:
      return 'anonymous';
    default:
      return null;
  }
}

/**
 * Whether the browser signs in silently, exactly as Chromium's url_security_manager_win.cc
 * decides from ProcessUrlAction(URLACTION_CREDENTIALS_USE) (§1.7): automatic → yes;
 * intranet-only → only when the zone is My Computer or Local intranet; otherwise no.
 */
export function logsOnSilently(zone: ZoneNumber, value: number): boolean {
  const setting = logonSettingOf(value);
  if (setting === 'automatic') return true;
  if (setting === 'intranet-only') return zone <= 1;
  return false;
}

function hklmOnly(view: RegistryView): boolean {
  const value = view.value('HKLM', internetSettingsPolicyPath, 'Security_HKLM_only');
  return value?.type === 'REG_DWORD' && value.data === 1;
}

function first1A00(
  view: RegistryView,
  places: readonly { level: 'policy' | 'preference'; hive: RegistryHive; keyPath: string }[],
): { level: 'policy' | 'preference'; hive: RegistryHive; keyPath: string; value: number } | null {
  for (const place of places) {
    const value = view.value(place.hive, place.keyPath, '1A00');
    if (value?.type === 'REG_DWORD') return { ...place, value: value.data };
  }
  return null;
}

export function logonActionForZone(zone: ZoneNumber, registry: RegistryView): LogonAction {
  const machineOnly = hklmOnly(registry);
  const hives: RegistryHive[] = machineOnly ? ['HKLM'] : ['HKLM', 'HKCU'];
  const preferenceHives: RegistryHive[] = machineOnly ? ['HKLM'] : ['HKCU', 'HKLM'];
  const found = first1A00(registry, [
    ...hives.map((hive) => ({ level: 'policy' as const, hive, keyPath: zonesPolicyPath(zone) })),
    ...preferenceHives.map((hive) => ({ level: 'preference' as const, hive, keyPath: zonesPath(zone) })),
  ]);
  const lockdownFound = first1A00(registry, [
    ...hives.map((hive) => ({ level: 'policy' as const, hive, keyPath: lockdownZonesPolicyPath(zone) })),
    ...preferenceHives.map((hive) => ({
      level: 'preference' as const,
      hive,
      keyPath: lockdownZonesPath(zone),
    })),
  ]);
  const value = found?.value ?? defaultLogonValues[zone];
  const setting = logonSettingOf(value);
  const lockdownSetting = lockdownFound ? logonSettingOf(lockdownFound.value) : null;
  return {
    zone,
    value,
    setting: setting ?? 'prompt',
    source: found ? { level: found.level, hive: found.hive, keyPath: found.keyPath } : { level: 'default' },
    silentLogon: logsOnSilently(zone, value),
    machineSettingsOnly: machineOnly,
    ...(setting === null ? { unrecognisedValue: true } : {}),
    ...(lockdownFound
      ? {
          lockdown: {
            value: lockdownFound.value,
            setting: lockdownSetting ?? 'prompt',
            hive: lockdownFound.hive,
            keyPath: lockdownFound.keyPath,
            level: lockdownFound.level,
          },
        }
      : {}),
  };
}
