/**
 * The Local intranet detection switches (reference §1.4), ZoneMap REG_DWORD values:
 * `IntranetName` (dotless host names), `ProxyByPass` (sites that bypass the proxy),
 * `UNCAsIntranet` (network paths), `AutoDetect` (apply the intranet rules automatically on a
 * domain member).
 *
 * Where each is read, first found wins: HKLM policy, HKCU policy (policy form,
 * `Policies\...\ZoneMap`, class Both), then the preference form in HKCU and HKLM
 * (HKLM only under Security_HKLM_only). Precedence HKLM-policy over HKCU-policy is the usual
 * Group Policy convention [U for these values].
 *
 * Effective state:
 *  - AutoDetect on a domain member turns all three on "regardless of what is configured
 *    through domain policy" (KB 2028170, §1.4).
 *  - Not set anywhere: AutoDetect defaults to on [U: Internet Options shows it ticked on a
 *    fresh profile]; with AutoDetect on, the three follow domain membership (off on a
 *    workgroup machine, where Internet Options says intranet settings are off); with
 *    AutoDetect explicitly off, an unset switch counts as on (the boxes Internet Options shows
 *    ticked) [U].
 */
import type { RegistryHive } from '../host/registry.js';
import type { RegistryView } from '../host/registry-view.js';
import { zoneMapPath, zoneMapPolicyPath } from './internet-settings-paths.js';

export type IntranetSwitchName = 'IntranetName' | 'ProxyByPass' | 'UNCAsIntranet' | 'AutoDetect';

export interface IntranetSwitch {
  readonly name: IntranetSwitchName;
  readonly enabled: boolean;
  /** Where the value was found, or null when it is not set anywhere. */
  readonly source: {
    readonly level: 'policy' | 'preference';
    readonly hive: RegistryHive;
    readonly keyPath: string;
    readonly value: number;
  } | null;
  /** Plain words: why it is on or off. */
  readonly reason: string;
}

export interface IntranetSwitches {
  readonly intranetName: IntranetSwitch;
  readonly proxyByPass: IntranetSwitch;
  readonly uncAsIntranet: IntranetSwitch;
  readonly autoDetect: IntranetSwitch;
}

function readSwitch(
  view: RegistryView,
  name: IntranetSwitchName,
  hklmOnly: boolean,
): IntranetSwitch['source'] {
  const places: { level: 'policy' | 'preference'; hive: RegistryHive; keyPath: string }[] = [
    { level: 'policy', hive: 'HKLM', keyPath: zoneMapPolicyPath },
    ...(hklmOnly ? [] : [{ level: 'policy' as const, hive: 'HKCU' as const, keyPath: zoneMapPolicyPath }]),
    ...(hklmOnly ? [] : [{ level: 'preference' as const, hive: 'HKCU' as const, keyPath: zoneMapPath }]),
    { level: 'preference', hive: 'HKLM', keyPath: zoneMapPath },
  ];
  for (const place of places) {
    const value = view.value(place.hive, place.keyPath, name);
    if (value?.type === 'REG_DWORD') return { ...place, value: value.data };
  }
  return null;
}

function describeSource(source: NonNullable<IntranetSwitch['source']>, name: IntranetSwitchName): string {
  return `${source.level === 'policy' ? 'policy' : 'setting'} ${source.hive}\\${source.keyPath}\\${name} = ${source.value}`;
}

export function readIntranetSwitches(
  view: RegistryView,
  domainJoined: boolean,
  hklmOnly: boolean,
): IntranetSwitches {
  const autoSource = readSwitch(view, 'AutoDetect', hklmOnly);
  const autoEnabled = autoSource ? autoSource.value === 1 : true;
  const autoDetect: IntranetSwitch = {
    name: 'AutoDetect',
    enabled: autoEnabled,
    source: autoSource,
    reason: autoSource
      ? describeSource(autoSource, 'AutoDetect')
      : 'AutoDetect is not set, so Windows uses its default (on)',
  };
  const resolve = (name: Exclude<IntranetSwitchName, 'AutoDetect'>): IntranetSwitch => {
    const source = readSwitch(view, name, hklmOnly);
    const where = source ? describeSource(source, name) : `${name} is not set`;
    if (autoEnabled && domainJoined) {
      return {
        name,
        enabled: true,
        source,
        reason: `AutoDetect is on and this computer is a domain member, which turns ${name} on whatever else is set (KB 2028170; ${where})`,
      };
    }
    if (source) return { name, enabled: source.value === 1, source, reason: where };
    if (autoEnabled) {
      return {
        name,
        enabled: false,
        source,
        reason: `${where}, and with AutoDetect on a computer that is not a domain member detects no intranet`,
      };
    }
    return {
      name,
      enabled: true,
      source,
      reason: `${where}; with AutoDetect off, Windows' default for it is on`,
    };
  };
  return {
    intranetName: resolve('IntranetName'),
    proxyByPass: resolve('ProxyByPass'),
    uncAsIntranet: resolve('UNCAsIntranet'),
    autoDetect,
  };
}
