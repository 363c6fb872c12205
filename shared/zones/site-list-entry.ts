/**
 * Where "Add this website to the Local intranet zone" writes for a host, in the person's own
 * site list (HKCU), shaped the way Internet Options stores it (reference §1.3) so that
 * mapUrlToZone finds it:
 *  - DNS name: `ZoneMap\Domains\<registrable domain>\<the labels left of it>` (e.g.
 *    `Domains\contoso.com\intranet`, `Domains\contoso.co.uk\www.intranet`), value = zone;
 *  - a name without a registrable domain (dotless `web01`, or `hp.com`, see registrable-domain.ts):
 *    a top-level key `Domains\<host>` (real export: `Domains\intranet`);
 *  - an IPv4 host: `ZoneMap\Ranges\Range<N>` with `:Range` = the address (real shape `Range1`).
 * An existing key for exactly this host is reused. The value name is `*` (all schemes, as in
 * real exports) unless that key already has a value for the URL's scheme, which would win over
 * `*` (§1.5), in which case that value is the one written.
 *
 * Known limit: a broader entry that urlmon reads first (a top-level `*.contoso.com` key
 * enumerated before `contoso.com`) still wins; the remedy's verify step shows it.
 */
import type { RegistryKeyRef, RegistryValue } from '../host/registry.js';
import { joinRegistryPath, sameRegistryName } from '../host/registry.js';
import type { RegistryView } from '../host/registry-view.js';
import { zoneMapPath } from './internet-settings-paths.js';
import { registrableDomain } from './registrable-domain.js';
import { parseZoneUrl, InvalidZoneUrlError } from './zone-url.js';

export interface SiteListEntry {
  key: RegistryKeyRef;
  valueName: string;
  value: RegistryValue;
  extraValues?: readonly { name: string; value: RegistryValue }[];
}

const intranetZone: RegistryValue = { type: 'REG_DWORD', data: 1 };
const domainsPath = joinRegistryPath(zoneMapPath, 'Domains');
const rangesPath = joinRegistryPath(zoneMapPath, 'Ranges');

function valueNameFor(existing: RegistryView, keyPath: string, scheme: string): string {
  const schemeValue = existing.values('HKCU', keyPath).find((entry) => sameRegistryName(entry.name, scheme));
  return schemeValue ? schemeValue.name : '*';
}

function rangeEntry(ip: string, scheme: string, existing: RegistryView): SiteListEntry {
  const ranges = existing.subkeys('HKCU', rangesPath);
  const same = ranges.find((key) =>
    key.values.some(
      (entry) =>
        sameRegistryName(entry.name, ':Range') &&
        entry.value.type === 'REG_SZ' &&
        entry.value.data.trim() === ip,
    ),
  );
  if (same) {
    const keyPath = joinRegistryPath(rangesPath, same.name);
    return {
      key: { hive: 'HKCU', path: keyPath },
      valueName: valueNameFor(existing, keyPath, scheme),
      value: intranetZone,
    };
  }
  const used = new Set(ranges.map((key) => key.name.toLowerCase()));
  let n = 1;
  while (used.has(`range${n}`)) n += 1;
  return {
    key: { hive: 'HKCU', path: joinRegistryPath(rangesPath, `Range${n}`) },
    valueName: '*',
    value: intranetZone,
    extraValues: [{ name: ':Range', value: { type: 'REG_SZ', data: ip } }],
  };
}

export function intranetSiteListEntry(url: string, existing: RegistryView): SiteListEntry {
  const parsed = parseZoneUrl(url);
  if (parsed.kind === 'local-file')
    throw new InvalidZoneUrlError(
      'a file on this computer is always in the My Computer zone; it cannot be added to Local intranet',
    );
  if (parsed.kind === 'ipv6')
    throw new InvalidZoneUrlError(
      'IPv6 addresses cannot be added to the Local intranet site list (Ranges hold IPv4 addresses only)',
    );
  if (parsed.kind === 'ipv4') return rangeEntry(parsed.host, parsed.scheme, existing);

  const host = parsed.host;
  const exactTop = existing.subkeys('HKCU', domainsPath).find((key) => sameRegistryName(key.name, host));
  let keyPath: string;
  if (exactTop) {
    keyPath = joinRegistryPath(domainsPath, exactTop.name);
  } else {
    const domain = registrableDomain(host);
    if (domain === null || domain === host) {
      keyPath = joinRegistryPath(domainsPath, host);
    } else {
      const existingDomainKey = existing
        .subkeys('HKCU', domainsPath)
        .find((key) => sameRegistryName(key.name, domain));
      keyPath = joinRegistryPath(
        domainsPath,
        existingDomainKey?.name ?? domain,
        host.slice(0, host.length - domain.length - 1),
      );
    }
  }
  return {
    key: { hive: 'HKCU', path: keyPath },
    valueName: valueNameFor(existing, keyPath, parsed.scheme),
    value: intranetZone,
  };
}
