/**
 * `ZoneMap\Ranges`: for URLs whose host is an IPv4 address (reference §1.3, §1.5). Each
 * arbitrarily named key (`Range1`, `Range2`, … from the UI) holds `:Range` (REG_SZ) and
 * per-scheme REG_DWORD zones. Keys are processed in enumeration order and the first match
 * wins ("this method may find a random match before it finds a match … by design", KB182569).
 *
 * `:Range` syntax accepted (INETRES explain text and SetZoneMapping patterns, §1.5): a single
 * address `192.168.1.10`, a last-octet range `127.0.0.1-10`, and per-octet `*` or `a-b`
 * (`172.16-31.0.*`). Anything else is reported as unreadable and skipped.
 */
import type { RegistryHive } from '../host/registry.js';
import { joinRegistryPath, sameRegistryName } from '../host/registry.js';
import type { RegistryView } from '../host/registry-view.js';
import type { SiteListHit } from './domain-site-list.js';
import { zoneValueForScheme } from './domain-site-list.js';

type OctetRule = { readonly low: number; readonly high: number };

export class InvalidIpRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidIpRangeError';
  }
}

function parseOctet(text: string): number {
  if (!/^\d{1,3}$/.test(text)) throw new InvalidIpRangeError(`not an octet: ${JSON.stringify(text)}`);
  const value = Number(text);
  if (value > 255) throw new InvalidIpRangeError(`octet above 255: ${text}`);
  return value;
}

/** Parses a `:Range` value into four octet rules. */
export function parseIpRange(spec: string): readonly OctetRule[] {
  const text = spec.trim().replace(/^\*:\/\//, '');
  if (text.length === 0 || text.length > 64)
    throw new InvalidIpRangeError('range must be 1 to 64 characters');
  const parts = text.split('.');
  if (parts.length !== 4) throw new InvalidIpRangeError(`expected four octets: ${JSON.stringify(spec)}`);
  return parts.map((part) => {
    if (part === '*') return { low: 0, high: 255 };
    const dash = part.indexOf('-');
    if (dash === -1) {
      const value = parseOctet(part);
      return { low: value, high: value };
    }
    const low = parseOctet(part.slice(0, dash));
    const high = parseOctet(part.slice(dash + 1));
    if (low > high) throw new InvalidIpRangeError(`range ${part} runs backwards`);
    return { low, high };
  });
}

export function ipInRange(ip: string, spec: string): boolean {
  const rules = parseIpRange(spec);
  const octets = ip.split('.').map(Number);
  return (
    octets.length === 4 &&
    rules.every((rule, i) => {
      const octet = octets[i] ?? -1;
      return octet >= rule.low && octet <= rule.high;
    })
  );
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
