/**
 * Which security zone Windows puts a URL in, and why — a re-implementation of urlmon's
 * MapUrlToZone over registry data a probe fetched (reference §1.2–§1.6), for explaining the
 * answer. Where Windows' own answer can be asked ([System.Security.Policy.Zone]::CreateFromUrl,
 * §1.8) the probe asks it too; this module says *why*.
 *
 * Order of rules (§1.5): site lists (exact mapping) → intranet rules (dotless name,
 * UNC path, proxy bypass; gated by the §1.4 switches) → ProtocolDefaults → Internet.
 *
 * Site lists, in the primary reading: HKLM policy, HKCU policy (Policies\...\ZoneMap\Domains
 * or Ranges, then ZoneMapKey), then the person's own list in HKCU, then the machine list in
 * HKLM (KB182569: HKCU sites hide HKLM sites; Wine searches HKCU first). Precedence between
 * the policy and the preference lists, and between HKLM and HKCU policy, is unverified
 * (§1.5, §10 item 3): the other readings are computed too and returned in `alternatives`
 * when they give a different zone. Under Security_HKLM_only, HKCU lists are ignored.
 *
 * On a server with IE Enhanced Security Configuration, EscDomains replaces Domains (§1.3);
 * when the ESC state cannot be read, both readings are given. Under ESC the automatic intranet
 * rules are treated as off [U: ESC's documented effect is that intranet sites fall into the
 * Internet zone unless listed].
 */
import type { RegistryHive } from '../host/registry.js';
import { formatRegistryKey, joinRegistryPath, sameRegistryName } from '../host/registry.js';
import type { RegistryView } from '../host/registry-view.js';
import { readWinInetProxySettings, routeThroughWinInetProxy } from '../proxy/wininet-proxy-settings.js';
import { searchDomainSiteList, type SiteListHit } from './domain-site-list.js';
import {
  escAdminsComponentPath,
  escUsersComponentPath,
  zoneMapKeyPolicyPath,
  zoneMapPath,
  zoneMapPolicyPath,
} from './internet-settings-paths.js';
import { readIntranetSwitches, type IntranetSwitches } from './intranet-switches.js';
import { searchRangeSiteList } from './ip-range-site-list.js';
import { searchZoneMapKeyList } from './zone-map-key-list.js';
import { isZoneNumber, zoneName, type ZoneNumber } from './zone-numbers.js';
import {
  readZonePolicyLocks,
  siteListLockDescription,
  siteListLockHive,
  type ZonePolicyLocks,
} from './zone-policy-locks.js';
import { parseZoneUrl, type ZoneUrl } from './zone-url.js';

export interface ZoneMachineFacts {
  readonly isServer: boolean;
  readonly domainJoined: boolean;
}

export type ZoneRule =
  | 'site-list'
  | 'policy-site-list'
  | 'esc-site-list'
  | 'range'
  | 'dotless-host'
  | 'proxy-bypass'
  | 'unc-path'
  | 'local-file'
  | 'protocol-default'
  | 'internet-default';

export interface ZoneDecision {
  rule: ZoneRule;
  hive?: RegistryHive;
  keyPath?: string;
  valueName?: string;
  /** plain words: why this zone */
  explanation: string;
}

export interface ZoneMapping {
  url: string;
  scheme: string;
  host: string;
  zone: ZoneNumber;
  decidedBy: ZoneDecision;
  /** where the reference marks precedence unverified: the other reading, if it gives a different zone */
  alternatives: readonly { zone: ZoneNumber; decidedBy: ZoneDecision }[];
  /** human lines: what was read and what was found */
  consulted: readonly string[];
  /** true when a policy (Site to Zone Assignment List, Security_HKLM_only, Security_zones_map_edit) stops the user from editing their own site list */
  userSiteListLocked: boolean;
  lockedBy?: string;
  /** Where IT's Site to Zone Assignment List entry belongs when the list is locked (the enforced policy's hive). */
  lockedByHive?: RegistryHive;
}

type SiteListSource = 'policy-hklm' | 'policy-hkcu' | 'preference-hkcu' | 'preference-hklm';

interface Reading {
  readonly label: string;
  readonly order: readonly SiteListSource[];
  readonly esc: boolean;
}

/**
 * The orders in which the site lists may be read (§1.5: the precedence between policy and
 * preference lists, and between HKLM and HKCU policy, is unverified). `policy-lists-first` is
 * the primary reading of mapUrlToZone; the others are its alternatives.
 */
export const siteListReadings = ['policy-lists-first', 'own-lists-first', 'user-policy-first'] as const;
export type SiteListReading = (typeof siteListReadings)[number];

const readingOrders: Readonly<Record<SiteListReading, { label: string; order: readonly SiteListSource[] }>> =
  {
    'policy-lists-first': {
      label: 'policy lists first',
      order: ['policy-hklm', 'policy-hkcu', 'preference-hkcu', 'preference-hklm'],
    },
    'own-lists-first': {
      label: 'if your own and the machine site lists were read before the policy lists',
      order: ['preference-hkcu', 'preference-hklm', 'policy-hklm', 'policy-hkcu'],
    },
    'user-policy-first': {
      label: 'if the user policy list were read before the machine policy list',
      order: ['policy-hkcu', 'policy-hklm', 'preference-hkcu', 'preference-hklm'],
    },
  };

interface Context {
  readonly view: RegistryView;
  readonly url: ZoneUrl;
  readonly switches: IntranetSwitches;
  readonly locks: ZonePolicyLocks;
}

const sourceHive: Record<SiteListSource, RegistryHive> = {
  'policy-hklm': 'HKLM',
  'policy-hkcu': 'HKCU',
  'preference-hkcu': 'HKCU',
  'preference-hklm': 'HKLM',
};

type ZonedDecision = ZoneDecision & { readonly zone: ZoneNumber };

function hitDecision(hit: SiteListHit, rule: ZoneRule, url: ZoneUrl): ZonedDecision {
  const where = `${formatRegistryKey({ hive: hit.hive, path: hit.keyPath })}, value "${hit.valueName}" = ${hit.zone}`;
  const whose =
    rule === 'policy-site-list'
      ? "your organisation's policy site list (Site to Zone Assignment List)"
      : rule === 'esc-site-list'
        ? 'the Enhanced Security Configuration site list of this server'
        : rule === 'range'
          ? `the IP address ranges list (${hit.site})`
          : hit.hive === 'HKCU'
            ? 'your own site list'
            : "this computer's site list";
  return {
    zone: hit.zone,
    rule,
    hive: hit.hive,
    keyPath: hit.keyPath,
    valueName: hit.valueName,
    explanation: `${whose} puts ${url.host} in ${zoneName(hit.zone)} (${where})`,
  };
}

function searchSource(
  context: Context,
  source: SiteListSource,
  esc: boolean,
  consulted: string[],
): ZonedDecision | null {
  const { view, url } = context;
  const hive = sourceHive[source];
  const isPolicy = source.startsWith('policy');
  const zoneMap = isPolicy ? zoneMapPolicyPath : zoneMapPath;
  const where = (sub: string) =>
    `${hive} ${joinRegistryPath(zoneMap, sub).replace(/^.*?Internet Settings/, isPolicy ? 'Policies\\…\\Internet Settings' : '…\\Internet Settings')}`;
  if (url.kind === 'ipv4') {
    const hit = searchRangeSiteList(
      view,
      hive,
      joinRegistryPath(zoneMap, 'Ranges'),
      url.host,
      url.scheme,
      where('Ranges'),
      consulted,
    );
    if (hit) return hitDecision(hit, 'range', url);
  } else if (url.kind !== 'ipv6' && url.kind !== 'local-file') {
    const listName = esc && !isPolicy ? 'EscDomains' : 'Domains';
    const hit = searchDomainSiteList(
      view,
      hive,
      joinRegistryPath(zoneMap, listName),
      url.host,
      url.scheme,
      where(listName),
      consulted,
    );
    if (hit)
      return hitDecision(hit, isPolicy ? 'policy-site-list' : esc ? 'esc-site-list' : 'site-list', url);
  }
  if (isPolicy && url.kind !== 'local-file') {
    const label = `${hive} Policies\\…\\Internet Settings\\ZoneMapKey`;
    const hit = searchZoneMapKeyList(view, hive, zoneMapKeyPolicyPath, url, label, consulted);
    if (hit) return hitDecision(hit, 'policy-site-list', url);
  }
  return null;
}

function intranetRuleDecision(context: Context, esc: boolean, consulted: string[]): ZoneDecision | null {
  const { url, switches, view } = context;
  if (esc) {
    consulted.push(
      'Enhanced Security Configuration is on: the automatic Local intranet rules are not applied',
    );
    return null;
  }
  if (url.kind === 'dotless-name') {
    consulted.push(
      `IntranetName (names without dots are Local intranet): ${switches.intranetName.enabled ? 'on' : 'off'} — ${switches.intranetName.reason}`,
    );
    if (switches.intranetName.enabled) {
      return {
        rule: 'dotless-host',
        explanation: `the name "${url.host}" has no dots, and Windows treats such names as Local intranet (${switches.intranetName.reason})`,
        ...(switches.intranetName.source
          ? {
              hive: switches.intranetName.source.hive,
              keyPath: switches.intranetName.source.keyPath,
              valueName: 'IntranetName',
            }
          : {}),
      };
    }
  }
  if (url.kind === 'unc') {
    consulted.push(
      `UNCAsIntranet (network paths are Local intranet): ${switches.uncAsIntranet.enabled ? 'on' : 'off'} — ${switches.uncAsIntranet.reason}`,
    );
    if (switches.uncAsIntranet.enabled) {
      return {
        rule: 'unc-path',
        explanation: `it is a network path, and Windows treats network paths as Local intranet (${switches.uncAsIntranet.reason})`,
        ...(switches.uncAsIntranet.source
          ? {
              hive: switches.uncAsIntranet.source.hive,
              keyPath: switches.uncAsIntranet.source.keyPath,
              valueName: 'UNCAsIntranet',
            }
          : {}),
      };
    }
  }
  const proxy = readWinInetProxySettings(view);
  const route = routeThroughWinInetProxy(proxy, url);
  if (route.route === 'bypassed') {
    consulted.push(
      `ProxyByPass (sites that bypass the proxy are Local intranet): ${switches.proxyByPass.enabled ? 'on' : 'off'} — ${switches.proxyByPass.reason}; ${url.host} bypasses the proxy through ProxyOverride entry "${route.entry.text}"`,
    );
    if (switches.proxyByPass.enabled) {
      return {
        rule: 'proxy-bypass',
        hive: proxy.hive,
        keyPath: proxy.keyPath,
        valueName: 'ProxyOverride',
        explanation: `${url.host} bypasses the proxy server (ProxyOverride entry "${route.entry.text}"), and Windows treats sites that bypass the proxy as Local intranet (${switches.proxyByPass.reason})`,
      };
    }
  } else if (route.route === 'proxy') {
    consulted.push(
      `Proxy: ${url.host} goes through the proxy ${route.proxy} (no ProxyOverride entry matches), so the proxy-bypass intranet rule does not apply`,
    );
  } else {
    consulted.push(
      `Proxy: ${route.reason === 'proxy-disabled' ? 'no fixed proxy is enabled' : `no proxy is set for ${url.scheme}`}, so the proxy-bypass intranet rule does not apply`,
    );
  }
  if (proxy.autoConfigUrl !== null && switches.proxyByPass.enabled) {
    consulted.push(
      `A proxy script (AutoConfigURL ${proxy.autoConfigUrl}) is set: if it returns DIRECT for ${url.host}, Windows may also treat it as Local intranet — that script is not evaluated here`,
    );
  }
  return null;
}

function protocolDefaultDecision(context: Context, consulted: string[]): ZonedDecision {
  const { view, url, locks } = context;
  const path = joinRegistryPath(zoneMapPath, 'ProtocolDefaults');
  const hives: RegistryHive[] = locks.hklmOnly ? ['HKLM'] : ['HKCU', 'HKLM'];
  for (const hive of hives) {
    const entry = view.values(hive, path).find((candidate) => sameRegistryName(candidate.name, url.scheme));
    if (entry && entry.value.type === 'REG_DWORD' && isZoneNumber(entry.value.data)) {
      consulted.push(`${hive} …\\ZoneMap\\ProtocolDefaults: ${entry.name} = ${entry.value.data}`);
      return {
        zone: entry.value.data,
        rule: 'protocol-default',
        hive,
        keyPath: path,
        valueName: entry.name,
        explanation: `no site list or intranet rule covers ${url.host}, and ProtocolDefaults puts every ${url.scheme} address in ${zoneName(entry.value.data)} (${formatRegistryKey({ hive, path })}, value "${entry.name}" = ${entry.value.data})`,
      };
    }
    consulted.push(`${hive} …\\ZoneMap\\ProtocolDefaults: no usable value for ${url.scheme}`);
  }
  return {
    zone: 3,
    rule: 'internet-default',
    explanation: `no site list or intranet rule covers ${url.host}, so it falls into the Internet zone, Windows' default`,
  };
}

function decide(context: Context, reading: Reading, consulted: string[]): ZonedDecision {
  const { url, locks } = context;
  if (url.kind === 'local-file') {
    return {
      zone: 0,
      rule: 'local-file',
      explanation: 'it is a file on this computer, which Windows puts in the My Computer zone',
    };
  }
  for (const source of reading.order) {
    if (locks.hklmOnly && sourceHive[source] === 'HKCU') continue;
    const decision = searchSource(context, source, reading.esc, consulted);
    if (decision) return decision;
  }
  const intranet = intranetRuleDecision(context, reading.esc, consulted);
  if (intranet) return { ...intranet, zone: 1 };
  return protocolDefaultDecision(context, consulted);
}

function escState(
  view: RegistryView,
  machine: ZoneMachineFacts,
): { on: boolean; known: boolean; line: string } {
  if (!machine.isServer)
    return {
      on: false,
      known: true,
      line: 'Not a server: Enhanced Security Configuration (EscDomains) does not apply',
    };
  const read = (path: string) => {
    const value = view.value('HKLM', path, 'IsInstalled');
    return value?.type === 'REG_DWORD' ? value.data === 1 : null;
  };
  const admins = read(escAdminsComponentPath);
  const users = read(escUsersComponentPath);
  if (admins !== null && admins === users) {
    return {
      on: admins,
      known: true,
      line: `Server: IE Enhanced Security Configuration is ${admins ? 'on' : 'off'} (Active Setup IsInstalled = ${admins ? 1 : 0} for administrators and users)`,
    };
  }
  return {
    on: true,
    known: false,
    line: `Server: IE Enhanced Security Configuration state unclear (administrators: ${admins ?? 'not set'}, users: ${users ?? 'not set'}); reading EscDomains as Windows Server's default, and Domains as the other reading`,
  };
}

/**
 * The zone one reading of the site lists gives (no explanation): what a Windows that reads the
 * lists in that order would answer. The scenario host's simulated CreateFromUrl uses it.
 */
export function zoneUnderReading(
  url: string,
  registry: RegistryView,
  machine: ZoneMachineFacts,
  reading: SiteListReading,
): ZoneNumber {
  const parsed = parseZoneUrl(url);
  const locks = readZonePolicyLocks(registry);
  const switches = readIntranetSwitches(registry, machine.domainJoined, locks.hklmOnly);
  const context: Context = { view: registry, url: parsed, switches, locks };
  return decide(context, { ...readingOrders[reading], esc: escState(registry, machine).on }, []).zone;
}

/**
 * Maps a URL to its zone from the fetched registry. Throws InvalidZoneUrlError for input that
 * is not an absolute URL with a host (or a UNC path).
 */
export function mapUrlToZone(url: string, registry: RegistryView, machine: ZoneMachineFacts): ZoneMapping {
  const parsed = parseZoneUrl(url);
  const locks = readZonePolicyLocks(registry);
  const switches = readIntranetSwitches(registry, machine.domainJoined, locks.hklmOnly);
  const context: Context = { view: registry, url: parsed, switches, locks };
  const esc = escState(registry, machine);
  const consulted: string[] = [esc.line];
  if (locks.hklmOnly)
    consulted.push(
      'Security_HKLM_only = 1: only machine (HKLM) zone settings count; your own (HKCU) site list is ignored',
    );

  const policyFirst = readingOrders['policy-lists-first'].order;
  const primary: Reading = { ...readingOrders['policy-lists-first'], esc: esc.on };
  const others: Reading[] = [
    { ...readingOrders['own-lists-first'], esc: esc.on },
    { ...readingOrders['user-policy-first'], esc: esc.on },
    ...(esc.known
      ? []
      : [
          {
            label: 'if Enhanced Security Configuration is off for you (Domains instead of EscDomains)',
            order: policyFirst,
            esc: !esc.on,
          },
        ]),
  ];

  const decision = decide(context, primary, consulted);
  const { zone, ...decidedBy } = decision;
  const alternatives: { zone: ZoneNumber; decidedBy: ZoneDecision }[] = [];
  for (const reading of others) {
    const other = decide(context, reading, []);
    if (other.zone === zone || alternatives.some((alternative) => alternative.zone === other.zone)) continue;
    const { zone: otherZone, ...otherDecidedBy } = other;
    alternatives.push({
      zone: otherZone,
      decidedBy: { ...otherDecidedBy, explanation: `${reading.label}: ${otherDecidedBy.explanation}` },
    });
  }
  const lockedBy = siteListLockDescription(locks);
  const lockedByHive = siteListLockHive(locks);
  return {
    url,
    scheme: parsed.scheme,
    host: parsed.host,
    zone,
    decidedBy,
    alternatives,
    consulted,
    userSiteListLocked: lockedBy !== null,
    ...(lockedBy !== null ? { lockedBy } : {}),
    ...(lockedByHive !== null ? { lockedByHive } : {}),
  };
}
