/**
 * Group Policy "Site to Zone Assignment List" as stored in the registry: REG_SZ values under
 * `Policies\...\Internet Settings\ZoneMapKey`, name = site, data = "1".."4" (reference §1.6).
 *
 * Site syntax (INETRES explain text, §1.5): `www.contoso.com` (all schemes), `http://www.contoso.com`
 * (that scheme only), `*.contoso.com`, a dotless intranet host, an IP `127.0.0.1` or last-octet
 * range `127.0.0.1-10`; a port (`https://host:8443`) occurs in real lists (§1.6). The client
 * side turns these into ZoneMap keys; how exactly is [U], so entries are matched here directly:
 * a plain name covers its subdomains only when it is a registrable domain (what its Domains key
 * would do, §1.5), `*.x` covers every host ending in `.x`, a port must equal the URL's port.
 * When several entries match, an exact host beats a wildcard, and a scheme-specific entry beats
 * an all-scheme one; otherwise list order decides.
 */
import type { RegistryHive, RegistryNamedValue } from '../host/registry.js';
import type { RegistryView } from '../host/registry-view.js';
import type { SiteListHit } from './domain-site-list.js';
import { ipInRange } from './ip-range-site-list.js';
import { isRegistrableDomain } from './registrable-domain.js';
import type { ZoneUrl } from './zone-url.js';
import { isZoneNumber, type ZoneNumber } from './zone-numbers.js';

export interface ZoneMapKeyEntry {
  readonly scheme: string | null;
  readonly host: string;
  readonly port: number | null;
}

export class InvalidSiteEntryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSiteEntryError';
  }
}

const entryPattern = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/:\s]+)(?::(\d{1,5}))?\/?$/i;

export function parseZoneMapKeyEntry(name: string): ZoneMapKeyEntry {
  if (name.length === 0 || name.length > 2048)
    throw new InvalidSiteEntryError('site must be 1 to 2048 characters');
  const match = entryPattern.exec(name.trim());
  if (!match)
    throw new InvalidSiteEntryError(
      `not a site (scheme://host[:port]): ${JSON.stringify(name.slice(0, 200))}`,
    );
  const [, scheme, host, port] = match;
  const portNumber = port === undefined ? null : Number(port);
  if (portNumber !== null && (portNumber < 1 || portNumber > 65535))
    throw new InvalidSiteEntryError(`port out of range: ${port}`);
  return {
    scheme: scheme?.toLowerCase() ?? null,
    host: (host ?? '').toLowerCase().replace(/\.$/, ''),
    port: portNumber,
  };
}

function zoneFromData(entry: RegistryNamedValue): ZoneNumber | null {
  const { value } = entry;
  if (value.type === 'REG_SZ' && /^\s*[0-4]\s*$/.test(value.data))
    return Number(value.data.trim()) as ZoneNumber;
  if (value.type === 'REG_DWORD' && isZoneNumber(value.data)) return value.data;
  return null;
}

/** How an entry covers a URL: 2 = exact host, 1 = wildcard/subdomain/range, null = no. */
function hostCoverage(entry: ZoneMapKeyEntry, url: ZoneUrl): 1 | 2 | null {
  if (url.kind === 'ipv4') {
    if (entry.host === url.host) return 2;
    if (/^[\d.*-]+$/.test(entry.host)) {
      try {
        return ipInRange(url.host, entry.host) ? 1 : null;
      } catch {
        return null;
      }
    }
    return null;
  }
  if (entry.host === url.host) return 2;
  if (entry.host.startsWith('*.'))
    return url.host.endsWith(entry.host.slice(1)) && url.host.length > entry.host.length - 1 ? 1 : null;
  if (isRegistrableDomain(entry.host) && url.host.endsWith(`.${entry.host}`)) return 1;
  return null;
}

export function searchZoneMapKeyList(
  view: RegistryView,
  hive: RegistryHive,
  zoneMapKeyPath: string,
  url: ZoneUrl,
  label: string,
  consulted: string[],
): SiteListHit | null {
  const entries = view.values(hive, zoneMapKeyPath);
  let best: { hit: SiteListHit; rank: number } | null = null;
  for (const entry of entries) {
    let parsed: ZoneMapKeyEntry;
    try {
      parsed = parseZoneMapKeyEntry(entry.name);
    } catch (error) {
      consulted.push(
        `${label}: entry ${JSON.stringify(entry.name)} is not a site (${(error as Error).message}), skipped`,
      );
      continue;
    }
    const zone = zoneFromData(entry);
    if (zone === null) {
      consulted.push(
        `${label}: entry ${JSON.stringify(entry.name)} has no zone number 0–4 as its data, skipped`,
      );
      continue;
    }
    if (parsed.scheme !== null && parsed.scheme !== url.scheme) continue;
    if (parsed.port !== null && parsed.port !== url.port) continue;
    const coverage = hostCoverage(parsed, url);
    if (coverage === null) continue;
    const rank = coverage * 2 + (parsed.scheme !== null ? 1 : 0);
    consulted.push(`${label}: entry ${JSON.stringify(entry.name)} = ${zone} covers ${url.host}`);
    if (!best || rank > best.rank) {
      best = { hit: { hive, keyPath: zoneMapKeyPath, valueName: entry.name, zone, site: entry.name }, rank };
    }
  }
  if (!best)
    consulted.push(
      `${label}: ${entries.length === 0 ? (view.key(hive, zoneMapKeyPath) ? 'empty' : 'not present') : `no entry covers ${url.host}`}`,
    );
  return best?.hit ?? null;
}
