/**
 * `ZoneMap\Ranges`: for URLs whose host is an IPv4 address (reference §1.3, §1.5). Each
 * arbitrarily named key (`Range1`, `Range2`, … from the UI) holds `:Range` (REG_SZ) and
 * per-scheme REG_DWORD zones. Keys are processed in enumeration order and the first match
 * wins ("this method may find a random match before it finds a match … by design", KB182569).
 *
 * `:Range` syntax accepted (INETRES explain text and SetZoneMapping patterns, §1.5), the IPv4
 * part of the one site grammar (zone-site-pattern.ts): a single address `192.168.1.10`, a
 * last-octet range `127.0.0.1-10`, and per-octet `*` or `a-b` (`172.16-31.0.*`). Anything else
 * is reported as unreadable and skipped.
 */
import type { RegistryHive } from '../host/registry.js';
import { joinRegistryPath, sameRegistryName } from '../host/registry.js';
import type { RegistryView } from '../host/registry-view.js';
import type { SiteListHit } from './domain-site-list.js';
import { zoneValueForScheme } from './domain-site-list.js';
import {
  InvalidZoneSitePatternError,
  ipv4MatchesOctets,
  parseIpv4Pattern,
  type OctetRule,
} from './zone-site-pattern.js';

export class InvalidIpRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidIpRangeError';
  }
}

/** Parses a `:Range` value into four octet rules, with the site grammar's IPv4 part (zone-site-pattern.ts). */
export function parseIpRange(spec: string): readonly OctetRule[] {
  const text = spec.trim().replace(/^\*:\/\//, '');
  if (text.length === 0 || text.length > 64)
    throw new InvalidIpRangeError('range must be 1 to 64 characters');
  try {
    return parseIpv4Pattern(text).octets;
  } catch (error) {
    if (error instanceof InvalidZoneSitePatternError) throw new InvalidIpRangeError(error.message);
    throw error;
  }
}

export function ipInRange(ip: string, spec: string): boolean {
  return ipv4MatchesOctets(ip, parseIpRange(spec));
}

export function searchRangeSiteList(
  view: RegistryView,
  hive: RegistryHive,
  rangesPath: string,
  ip: string,
  scheme: string,
  label: string,
  consulted: string[],
): SiteListHit | null {
  const keys = view.subkeys(hive, rangesPath);
  for (const key of keys) {
    const rangeValue = key.values.find((entry) => sameRegistryName(entry.name, ':Range'))?.value;
    if (!rangeValue || rangeValue.type !== 'REG_SZ') {
      consulted.push(`${label}: key "${key.name}" has no :Range string value, skipped`);
      continue;
    }
    let matches: boolean;
    try {
      matches = ipInRange(ip, rangeValue.data);
    } catch (error) {
      consulted.push(
        `${label}: key "${key.name}" has an unreadable :Range ${JSON.stringify(rangeValue.data)} (${(error as Error).message}), skipped`,
      );
      continue;
    }
    if (!matches) continue;
    const value = zoneValueForScheme(key, scheme);
    consulted.push(
      `${label}: key "${key.name}" (:Range ${rangeValue.data}) contains ${ip}${value ? ` — ${value.valueName}=${value.zone}` : `, but has no value for ${scheme} or *`}`,
    );
    if (value)
      return { hive, keyPath: joinRegistryPath(rangesPath, key.name), ...value, site: rangeValue.data };
  }
  consulted.push(
    `${label}: ${keys.length === 0 ? 'no ranges' : `no range with a zone for ${scheme} contains ${ip}`}`,
  );
  return null;
}
