/**
 * Matching a host against one `ZoneMap\Domains` (or `EscDomains`) tree, the way urlmon does
 * (reference §1.3 layout, §1.5 algorithm as re-implemented by Wine — behaviour reference,
 * Windows parity [U]):
 *  - top-level keys are tried in enumeration order; a key matches when it equals the host,
 *    when the host ends with `.<key>` (implicit wildcard), or when the key is `*.<rest>` and
 *    the host ends with `.<rest>`;
 *  - when labels of the host remain left of the match, the key's subkeys are compared with
 *    that remainder (exactly, or as `*.<x>` with one label before `.<x>`); the first matching
 *    subkey decides, and the key itself is used only when no subkey matched and the key name
 *    is a registrable domain (`contoso.com`, not `com`);
 *  - in the chosen key the value named like the scheme wins over `*`; only REG_DWORD values
 *    0–4 count. A matching key without a usable value does not stop the search.
 */
import type { RegistryHive, RegistryTreeNode } from '../host/registry.js';
import { joinRegistryPath, sameRegistryName } from '../host/registry.js';
import type { RegistryView } from '../host/registry-view.js';
import { isRegistrableDomain } from './registrable-domain.js';
import { isZoneNumber, type ZoneNumber } from './zone-numbers.js';

export interface SiteListHit {
  readonly hive: RegistryHive;
  /** Full key path of the key whose value decided. */
  readonly keyPath: string;
  readonly valueName: string;
  readonly zone: ZoneNumber;
  /** The site the key stands for, e.g. `www.contoso.com` for `Domains\contoso.com\www`. */
  readonly site: string;
}

/**
 * Where a domain pattern matched inside `host`: `matchedStart` is the index where the matched
 * part begins (0 = the whole host). Returns null when it does not match.
 */
export function matchDomainPattern(
  pattern: string,
  host: string,
  implicitWildcard: boolean,
): { matchedStart: number } | null {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p.length === 0 || h.length < p.length) return null;
  if (p.startsWith('*.')) {
    const suffix = p.slice(1); // ".rest"
    if (h.length <= suffix.length || !h.endsWith(suffix)) return null;
    const prefix = h.slice(0, h.length - suffix.length);
    const lastDot = prefix.lastIndexOf('.');
    if (lastDot === -1) return { matchedStart: 0 };
    return implicitWildcard ? { matchedStart: lastDot + 1 } : null;
  }
  if (implicitWildcard && h.length > p.length) {
    return h.endsWith(`.${p}`) ? { matchedStart: h.length - p.length } : null;
  }
  return h === p ? { matchedStart: 0 } : null;
}

/** The zone a key assigns to a scheme: the value named like the scheme, else `*` (both REG_DWORD 0–4). */
export function zoneValueForScheme(
  key: RegistryTreeNode,
  scheme: string,
): { valueName: string; zone: ZoneNumber } | null {
  for (const wanted of [scheme, '*']) {
    const entry = key.values.find((candidate) => sameRegistryName(candidate.name, wanted));
    if (entry && entry.value.type === 'REG_DWORD' && isZoneNumber(entry.value.data)) {
      return { valueName: entry.name, zone: entry.value.data };
    }
  }
  return null;
}

function describeValues(key: RegistryTreeNode): string {
  if (key.values.length === 0) return 'no values';
  return key.values
    .map(
      (entry) =>
        `${entry.name === '' ? '(Default)' : entry.name}=${entry.value.type === 'REG_DWORD' ? entry.value.data : `${entry.value.type} ${JSON.stringify(entry.value.data)}`}`,
    )
    .join(', ');
}

/**
 * Searches one Domains-shaped tree (`domainsPath` below `hive`) for the host. Appends what it
 * looked at to `consulted` in plain lines.
 */
export function searchDomainSiteList(
  view: RegistryView,
  hive: RegistryHive,
  domainsPath: string,
  host: string,
  scheme: string,
  label: string,
  consulted: string[],
): SiteListHit | null {
  const topKeys = view.subkeys(hive, domainsPath);
  let sawMatch = false;
  for (const top of topKeys) {
    const match = matchDomainPattern(top.name, host, true);
    if (!match) continue;
    sawMatch = true;
    const topPath = joinRegistryPath(domainsPath, top.name);
    if (match.matchedStart === 0) {
      const value = zoneValueForScheme(top, scheme);
      consulted.push(
        `${label}: key "${top.name}" matches ${host} exactly (${describeValues(top)})${value ? '' : ', but has no value for ' + scheme + ' or *'}`,
      );
      if (value) return { hive, keyPath: topPath, ...value, site: top.name };
      continue;
    }
    const remainder = host.slice(0, match.matchedStart - 1);
    const sub = top.subkeys.find(
      (candidate) => matchDomainPattern(candidate.name, remainder, false) !== null,
    );
    if (sub) {
      const value = zoneValueForScheme(sub, scheme);
      consulted.push(
        `${label}: key "${top.name}\\${sub.name}" matches ${host} (${describeValues(sub)})${value ? '' : ', but has no value for ' + scheme + ' or *'}`,
      );
      if (value)
        return {
          hive,
          keyPath: joinRegistryPath(topPath, sub.name),
          ...value,
          site: `${sub.name}.${top.name}`,
        };
      continue;
    }
    if (isRegistrableDomain(top.name)) {
      const value = zoneValueForScheme(top, scheme);
      consulted.push(
        `${label}: key "${top.name}" covers its subdomains, so it matches ${host} (${describeValues(top)})${value ? '' : ', but has no value for ' + scheme + ' or *'}`,
      );
      if (value) return { hive, keyPath: topPath, ...value, site: `*.${top.name}` };
      continue;
    }
    consulted.push(
      `${label}: key "${top.name}" ends like ${host} but is not a domain of its own and has no subkey for "${remainder}"`,
    );
  }
  if (topKeys.length === 0) {
    consulted.push(`${label}: ${view.key(hive, domainsPath) ? 'empty' : 'not present'}`);
  } else if (!sawMatch) {
    consulted.push(`${label}: no key matches ${host}`);
  }
  return null;
}
