/**
 * Group Policy "Site to Zone Assignment List" as stored in the registry: REG_SZ values under
 * `Policies\...\Internet Settings\ZoneMapKey`, name = site, data = "1".."4" (reference §1.6).
 *
 * Each value name is parsed with the one site grammar of zone-site-pattern.ts (the same the
 * checker of IT's change uses): `www.contoso.com` (all schemes), `http://www.contoso.com` or
 * `*://www.contoso.com` (`*` = every scheme, §1.5 table), `*.contoso.com`, a dotless intranet
 * host, an IPv4 address, last-octet range or per-octet pattern (`127.0.0.1`, `127.0.0.1-10`,
 * `*://172.16-31.0.0.*`), a port (`https://host:8443`, §1.6) and a network path
 * (`file:\example\share`). The client side turns these into ZoneMap keys; how exactly is [U], so
 * entries are matched here directly: a plain name covers its subdomains only when it is a
 * registrable domain (what its Domains key would do, §1.5), `*.x` covers every host ending in
 * `.x`, a port must equal the URL's port, a network path covers the paths below it. When several
 * entries match, an exact host beats a wildcard, and a scheme-specific entry beats an all-scheme
 * one; otherwise list order decides.
 */
import type { RegistryHive, RegistryNamedValue } from '../host/registry.js';
import type { RegistryView } from '../host/registry-view.js';
import type { SiteListHit } from './domain-site-list.js';
import { isRegistrableDomain } from './registrable-domain.js';
import type { ZoneUrl } from './zone-url.js';
import { isZoneNumber, type ZoneNumber } from './zone-numbers.js';
import { ipv4MatchesOctets, parseZoneSitePattern, type ZoneSitePattern } from './zone-site-pattern.js';

function zoneFromData(entry: RegistryNamedValue): ZoneNumber | null {
  const { value } = entry;
  if (value.type === 'REG_SZ' && /^\s*[0-4]\s*$/.test(value.data))
    return Number(value.data.trim()) as ZoneNumber;
  if (value.type === 'REG_DWORD' && isZoneNumber(value.data)) return value.data;
  return null;
}

function pathCovers(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => segment === path[index]);
}

/** How an entry covers a URL's host: 2 = exactly that host (or path), 1 = wildcard/subdomain/range, null = no. */
function hostCoverage(pattern: ZoneSitePattern, url: ZoneUrl): 1 | 2 | null {
  const { host } = pattern;
  switch (host.kind) {
    case 'ipv4': {
      if (url.kind !== 'ipv4' || !ipv4MatchesOctets(url.host, host.octets)) return null;
      return host.octets.every((rule) => rule.low === rule.high) ? 2 : 1;
    }
    case 'unc':
      return url.kind === 'unc' && url.host === host.server && pathCovers(host.path, url.pathSegments)
        ? 2
        : null;
    case 'name': {
      if (url.kind === 'ipv4' || url.kind === 'ipv6' || url.kind === 'local-file') return null;
      if (host.wildcard) return url.host.endsWith(`.${host.name}`) ? 1 : null;
      if (host.name === url.host) return 2;
      return isRegistrableDomain(host.name) && url.host.endsWith(`.${host.name}`) ? 1 : null;
    }
  }
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
    let parsed: ZoneSitePattern;
    try {
      parsed = parseZoneSitePattern(entry.name);
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
    const caveats = [
      ...parsed.notes,
      ...(parsed.setZoneMappingRefuses
        ? [
            `Windows' SetZoneMapping refuses this form (${parsed.setZoneMappingRefuses}), but policy lists hold it and it is read as written`,
          ]
        : []),
    ];
    consulted.push(
      `${label}: entry ${JSON.stringify(entry.name)} = ${zone} covers ${url.host}${caveats.length > 0 ? ` (${caveats.join('; ')})` : ''}`,
    );
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
