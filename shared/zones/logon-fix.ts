/**
 * Whether "set 1A00 of this zone back to automatic logon" can be done by the person, and what
 * it writes — the one answer both the zone-logon-prompt rule (whether to offer the button) and
 * the `zone.set-logon-automatic` remedy (what to plan) use, so an offered fix never fails at
 * preview with a different reason.
 *
 * From the reading order of logon-action.ts (reference §1.2, §1.7): policy values (HKLM, HKCU)
 * come first, then the preference values in HKCU, then HKLM. So:
 *  - a policy value decides → IT changes the Group Policy "Logon options";
 *  - Security_HKLM_only = 1 → HKCU is ignored; only an administrator can change the machine
 *    value (machine scope, elevated) or IT by policy;
 *  - otherwise the person's own HKCU value is read before any HKLM preference value, so writing
 *    HKCU `Zones\<N>\1A00` works whether the prompt came from HKCU, from HKLM or from the default.
 * Only My Computer, Local intranet and Trusted sites are set back: an Internet or Restricted site
 * belongs in Local intranet instead (§1.7), never the other way round.
 */
import type { RegistryHive } from '../host/registry.js';
import { zonesPath } from './internet-settings-paths.js';
import { defaultLogonValues, type LogonAction } from './logon-action.js';
import { zoneName, type ZoneNumber } from './zone-numbers.js';

export type LogonFix =
  | {
      readonly available: true;
      readonly write: { readonly hive: 'HKCU'; readonly keyPath: string; readonly value: number };
    }
  | {
      readonly available: false;
      /** Plain words: why the person cannot do it here, and who can (with the exact value). */
      readonly reason: string;
      /** Who can: nobody (nothing to do), an administrator of this computer, or IT through Group Policy. */
      readonly needs: 'nothing' | 'not-this-zone' | 'administrator' | 'group-policy';
    };

function hex(value: number): string {
  return `0x${value.toString(16)}`;
}

/** The automatic value a zone is set back to (its Windows default, §1.7). */
export function automaticLogonValue(zone: ZoneNumber): number {
  return defaultLogonValues[zone];
}

export function logonFix(logon: LogonAction): LogonFix {
  const { zone } = logon;
  const name = zoneName(zone);
  if (zone > 2)
    return {
      available: false,
      needs: 'not-this-zone',
      reason: 'automatic logon is only set back for My Computer, Local intranet and Trusted sites',
    };
  if (logon.silentLogon)
    return {
      available: false,
      needs: 'nothing',
      reason: `the ${name} zone already signs in automatically; nothing to change`,
    };
  const value = automaticLogonValue(zone);
  const settingText =
    zone === 1
      ? 'Automatic logon only in Intranet zone'
      : 'Automatic logon with current user name and password';
  if (logon.source.level === 'policy' || logon.source.level === 'lockdown') {
    const where = `${logon.source.hive}\\${logon.source.keyPath}\\1A00 = ${hex(logon.value)}`;
    return {
      available: false,
      needs: 'group-policy',
      reason: `Group Policy "Logon options" for the ${name} zone sets this (${where}). For IT: set that policy to "${settingText}" (1A00 = ${hex(value)}).`,
    };
  }
  if (logon.machineSettingsOnly) {
    const machineKey: { hive: RegistryHive; keyPath: string } = { hive: 'HKLM', keyPath: zonesPath(zone) };
    const now =
      logon.source.level === 'default'
        ? "Windows' default for the zone"
        : `${logon.source.hive}\\${logon.source.keyPath}\\1A00 = ${hex(logon.value)}`;
    return {
      available: false,
      needs: 'administrator',
      reason: `Group Policy "Security Zones: Use only machine settings" (Security_HKLM_only = 1) makes Windows ignore your own zone settings, so only the machine setting counts (now: ${now}). An administrator of this computer has to set ${machineKey.hive}\\${machineKey.keyPath}\\1A00 to ${hex(value)} ("${settingText}"), or IT sets the Group Policy "Logon options" for the ${name} zone to it.`,
    };
  }
  return { available: true, write: { hive: 'HKCU', keyPath: zonesPath(zone), value } };
}
