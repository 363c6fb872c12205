/**
 * Zone mapping against the case tables of reference §1.5 (Domains matching, value names,
 * Site to Zone Assignment List rules, Ranges, dotless rule, ProtocolDefaults) and the real
 * ZoneMap export of §1.3, with registry state written as regedit exports.
 */
import { describe, expect, it } from 'vitest';
import { createRegistryView, type RegistryView } from '../host/registry-view.js';
import { fetchedTreesFromExport, parseRegExport } from '../windows-output/reg-export.js';
import { mapUrlToZone, zoneUnderReading, type ZoneMachineFacts } from './map-url-to-zone.js';
import { zoneRegistryRoots } from './zone-registry-roots.js';
import { InvalidZoneUrlError } from './zone-url.js';

const HKCU = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const HKLM = 'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const HKLM_POLICY =
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const HKCU_POLICY =
  'HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

const member: ZoneMachineFacts = { isServer: false, domainJoined: true };
const workgroup: ZoneMachineFacts = { isServer: false, domainJoined: false };

function registry(reg: string): RegistryView {
  return createRegistryView(
    fetchedTreesFromExport(parseRegExport(`Windows Registry Editor Version 5.00\n${reg}`), zoneRegistryRoots),
  );
}

const protocolDefaults = `
[${HKCU}\\ZoneMap\\ProtocolDefaults]
@=""
"http"=dword:00000003
"https"=dword:00000003
"ftp"=dword:00000003
"file"=dword:00000003
"@ivt"=dword:00000001
"shell"=dword:00000000
"knownfolder"=dword:00000000
`;

function zoneOf(url: string, reg: string, machine: ZoneMachineFacts = member): number {
  return mapUrlToZone(url, registry(reg), machine).zone;
}

describe('Domains key matching (§1.5, Wine sec_mgr.c behaviour)', () => {
  const domains = `
[${HKCU}\\ZoneMap\\Domains\\google.com]
"*"=dword:00000002
[${HKCU}\\ZoneMap\\Domains\\org\\www]
"http"=dword:00000002
[${HKCU}\\ZoneMap\\Domains\\net]
"*"=dword:00000002
[${HKCU}\\ZoneMap\\Domains\\*.gc.gov]
"*"=dword:00000001
[${HKCU}\\ZoneMap\\Domains\\adatum.com\\*.ad]
"*"=dword:00000001
[${HKCU}\\ZoneMap\\Domains\\contoso.com\\intranet]
"https"=dword:00000001
"*"=dword:00000004
[${HKCU}\\ZoneMap\\Domains\\contoso.com\\www.intranet]
"*"=dword:00000002
[${HKCU}\\ZoneMap\\Domains\\fabrikam.com\\www]
"http"=dword:00000002
"ftp"="1"
${protocolDefaults}`;

  it.each([
    ['the key itself', 'http://google.com/', 2],
    ['implicit wildcard: key google.com matches www.google.com', 'http://www.google.com/', 2],
    ['implicit wildcard is label-aligned: wwwgoogle.com does not match', 'http://wwwgoogle.com/', 3],
    ['deeper hosts under a registrable domain key', 'https://a.b.google.com/', 2],
    [
      'a key that is not a domain of its own (org) only matches through an explicit subkey',
      'http://www.org/',
      2,
    ],
    ['... and not for other hosts under it', 'http://mail.org/', 3],
    ['top-level key "net" covers nothing implicitly', 'http://www.example.net/', 3],
    ['top-level *.gc.gov key (script sample) matches one label before', 'https://portal.gc.gov/', 1],
    ['subkey *.ad under adatum.com (GPO lab) matches web.ad.adatum.com', 'http://web.ad.adatum.com/', 1],
    ['*.ad does not match ad.adatum.com itself', 'http://ad.adatum.com/', 3],
    ['subkey value named like the scheme wins over *', 'https://intranet.contoso.com/', 1],
    ['* applies to the other schemes', 'http://intranet.contoso.com/', 4],
    ['a subkey holding several labels (www.intranet)', 'http://www.intranet.contoso.com/', 2],
    [
      'a matching subkey without a value for the scheme does not fall back to its domain',
      'https://www.fabrikam.com/',
      3,
    ],
    ['REG_SZ zone values are ignored (only REG_DWORD counts)', 'ftp://www.fabrikam.com/', 3],
    ['matching is case-insensitive', 'HTTP://WWW.GOOGLE.COM/', 2],
  ])('%s', (_, url, zone) => {
    expect(zoneOf(url, domains)).toBe(zone);
  });

  it('reports which key decided and why, in plain words', () => {
    const mapping = mapUrlToZone('https://intranet.contoso.com/app', registry(domains), member);
    expect(mapping).toMatchObject({
      scheme: 'https',
      host: 'intranet.contoso.com',
      zone: 1,
      decidedBy: {
        rule: 'site-list',
        hive: 'HKCU',
        keyPath:
          'Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMap\\Domains\\contoso.com\\intranet',
        valueName: 'https',
      },
    });
    expect(mapping.decidedBy.explanation).toContain(
      'your own site list puts intranet.contoso.com in Local intranet',
    );
    expect(mapping.consulted.join('\n')).toContain('contoso.com\\intranet');
  });

  it('searches HKCU before HKLM: a user entry hides the machine entry for the same site (KB182569)', () => {
    const reg = `
[${HKCU}\\ZoneMap\\Domains\\contoso.com\\app]
"*"=dword:00000002
[${HKLM}\\ZoneMap\\Domains\\contoso.com\\app]
"*"=dword:00000001
[${HKLM}\\ZoneMap\\Domains\\contoso.com\\other]
"*"=dword:00000001
${protocolDefaults}`;
    expect(zoneOf('http://app.contoso.com', reg)).toBe(2);
    const fromMachine = mapUrlToZone('http://other.contoso.com', registry(reg), member);
    expect(fromMachine.zone).toBe(1);
    expect(fromMachine.decidedBy.hive).toBe('HKLM');
    expect(fromMachine.decidedBy.explanation).toContain("this computer's site list");
  });
});

describe('real ZoneMap export of a corporate workstation (§1.3)', () => {
  const realExport = `
[${HKCU}\\ZoneMap]
@=""
"ProxyByPass"=dword:00000001
"IntranetName"=dword:00000001
"UNCAsIntranet"=dword:00000001
"AutoDetect"=dword:00000000

[${HKCU}\\ZoneMap\\Domains\\carnival.com]
"*"=dword:00000002
[${HKCU}\\ZoneMap\\Domains\\cclprdcmdp1]
"http"=dword:00000002
[${HKCU}\\ZoneMap\\Domains\\intranet]
"*"=dword:00000002
[${HKCU}\\ZoneMap\\EscDomains\\microsoft.com\\*.update]
"http"=dword:00000002
"https"=dword:00000002
${protocolDefaults}`;

  it.each([
    ['a listed dotless host is Trusted, the site list beats the dotless rule', 'http://intranet/', 2],
    ['a dotless host listed for http only is Trusted over http', 'http://cclprdcmdp1/', 2],
    ['... and Local intranet over https through IntranetName', 'https://cclprdcmdp1/', 1],
    ['an unlisted dotless host is Local intranet (IntranetName=1)', 'http://web01/', 1],
    ['subdomains of a listed domain are Trusted', 'https://www.carnival.com/', 2],
    ['EscDomains is not used on a workstation', 'http://windows.update.microsoft.com/', 3],
    ['a UNC path is Local intranet (UNCAsIntranet=1)', '\\\\fileserver.corp.example\\share\\doc.txt', 1],
    ['an unlisted dotted host falls back to ProtocolDefaults (3)', 'https://intranet.contoso.com/', 3],
  ])('%s', (_, url, zone) => {
    expect(zoneOf(url, realExport, workgroup)).toBe(zone);
  });

  it('the dotless decision names the switch that made it', () => {
    const mapping = mapUrlToZone('http://web01/', registry(realExport), workgroup);
    expect(mapping.decidedBy).toMatchObject({
      rule: 'dotless-host',
      hive: 'HKCU',
      valueName: 'IntranetName',
    });
    expect(mapping.decidedBy.explanation).toContain('has no dots');
  });

  it('ProtocolDefaults decides when nothing else does, and says so', () => {
    const mapping = mapUrlToZone('https://intranet.contoso.com/', registry(realExport), workgroup);
    expect(mapping.decidedBy).toMatchObject({ rule: 'protocol-default', hive: 'HKCU', valueName: 'https' });
    expect(mapping.consulted.join('\n')).toContain('no key matches intranet.contoso.com');
  });
});

describe('Enhanced Security Configuration on servers (§1.3 EscDomains)', () => {
  const reg = `
[${HKCU}\\ZoneMap\\Domains\\contoso.com\\intranet]
"*"=dword:00000001
[${HKCU}\\ZoneMap\\EscDomains\\microsoft.com\\*.update]
"https"=dword:00000002
${protocolDefaults}`;
  const escOn = `
[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{A509B1A7-37EF-4b3f-8CFC-4F3A74704073}]
"IsInstalled"=dword:00000001
[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{A509B1A8-37EF-4b3f-8CFC-4F3A74704073}]
"IsInstalled"=dword:00000001`;
  const escOff = escOn.replaceAll('dword:00000001', 'dword:00000000');
  const server: ZoneMachineFacts = { isServer: true, domainJoined: true };

  it('with ESC on, EscDomains decides and Domains is not read', () => {
    const mapping = mapUrlToZone('https://download.update.microsoft.com/', registry(reg + escOn), server);
    expect(mapping.zone).toBe(2);
    expect(mapping.decidedBy.rule).toBe('esc-site-list');
    expect(mapping.alternatives).toEqual([]);
    expect(zoneOf('https://intranet.contoso.com/', reg + escOn, server)).toBe(3);
  });

  it('with ESC on, dotless names are not put in Local intranet automatically', () => {
    expect(zoneOf('http://web01/', reg + escOn, server)).toBe(3);
  });

  it('with ESC off, Domains decides', () => {
    expect(zoneOf('https://intranet.contoso.com/', reg + escOff, server)).toBe(1);
    expect(zoneOf('https://download.update.microsoft.com/', reg + escOff, server)).toBe(3);
  });

  it('when the ESC state cannot be read, both readings are returned', () => {
    const mapping = mapUrlToZone('https://intranet.contoso.com/', registry(reg), server);
    expect(mapping.zone).toBe(3);
    expect(mapping.alternatives).toHaveLength(1);
    expect(mapping.alternatives[0]).toMatchObject({ zone: 1, decidedBy: { rule: 'site-list' } });
    expect(mapping.alternatives[0]?.decidedBy.explanation).toMatch(
      /^if Enhanced Security Configuration is off/,
    );
  });
});

describe('Ranges for IP hosts (§1.3, §1.5)', () => {
  const reg = `
[${HKCU}\\ZoneMap\\Ranges\\Range1]
"http"=dword:00000002
":Range"="192.168.1.10"
[${HKCU}\\ZoneMap\\Ranges\\Range2]
"*"=dword:00000001
":Range"="127.0.0.1-10"
[${HKCU}\\ZoneMap\\Ranges\\Range3]
"*"=dword:00000001
":Range"="172.16-31.*.*"
[${HKCU}\\ZoneMap\\Ranges\\Range4]
"*"=dword:00000004
":Range"="not an address"
[${HKCU}\\ZoneMap\\Ranges\\Range5]
"*"=dword:00000004
":Range"="10.0.0.*"
[${HKCU}\\ZoneMap\\Ranges\\Range6]
"*"=dword:00000001
":Range"="10.0.0.5"
${protocolDefaults}`;

  it.each([
    ['a single address, scheme value', 'http://192.168.1.10/', 2],
    ['a single address, other scheme has no value', 'https://192.168.1.10/', 3],
    ['a last-octet range', 'http://127.0.0.7/', 1],
    ['outside the last-octet range', 'http://127.0.0.11/', 3],
    ['per-octet ranges and wildcards', 'https://172.20.3.4/', 1],
    ['first matching range wins, in enumeration order (KB182569 "random match")', 'http://10.0.0.5/', 4],
  ])('%s', (_, url, zone) => {
    expect(zoneOf(url, reg)).toBe(zone);
  });

  it('an IP host is never matched against Domains, and a bad :Range is reported, not fatal', () => {
    const mapping = mapUrlToZone(
      'http://10.0.0.5/',
      registry(reg + `\n[${HKCU}\\ZoneMap\\Domains\\10.0.0.5]\n"*"=dword:00000001\n`),
      member,
    );
    expect(mapping.zone).toBe(4);
    expect(mapping.decidedBy.rule).toBe('range');
    expect(mapping.consulted.join('\n')).toContain('unreadable :Range "not an address"');
  });
});

describe('Intranet switches and the dotless rule (§1.4)', () => {
  it.each([
    ['domain member, nothing set: AutoDetect default turns the dotless rule on', '', member, 1],
    ['workgroup machine, nothing set: no intranet is detected', '', workgroup, 3],
    [
      'workgroup machine, IntranetName=1 set by the user',
      `[${HKCU}\\ZoneMap]\n"IntranetName"=dword:00000001\n`,
      workgroup,
      1,
    ],
    [
      'domain member, AutoDetect=0 and IntranetName=0',
      `[${HKCU}\\ZoneMap]\n"AutoDetect"=dword:00000000\n"IntranetName"=dword:00000000\n`,
      member,
      3,
    ],
    [
      'domain member, AutoDetect on overrides IntranetName=0 (KB 2028170)',
      `[${HKCU}\\ZoneMap]\n"AutoDetect"=dword:00000001\n"IntranetName"=dword:00000000\n`,
      member,
      1,
    ],
    [
      'policy IntranetName=0 beats the user preference IntranetName=1 on a workgroup machine',
      `[${HKLM_POLICY}\\ZoneMap]\n"IntranetName"=dword:00000000\n[${HKCU}\\ZoneMap]\n"IntranetName"=dword:00000001\n`,
      workgroup,
      3,
    ],
  ])('%s', (_, reg, machine, zone) => {
    expect(zoneOf('http://web01/app', reg + protocolDefaults, machine)).toBe(zone);
  });

  it('dotted names are not covered by the dotless rule', () => {
    expect(zoneOf('http://web01.contoso.com/', protocolDefaults, member)).toBe(3);
  });
});

describe('proxy bypass rule (§1.4 ProxyByPass, §7.7 ProxyOverride)', () => {
  const proxy = `
[${HKCU}]
"ProxyEnable"=dword:00000001
"ProxyServer"="proxy.contoso.com:8080"
"ProxyOverride"="*.corp.contoso.com;<local>"
[${HKCU}\\ZoneMap]
"AutoDetect"=dword:00000000
"ProxyByPass"=dword:00000001
"IntranetName"=dword:00000000
${protocolDefaults}`;

  it('a host matching a ProxyOverride pattern is Local intranet', () => {
    const mapping = mapUrlToZone('https://app.corp.contoso.com/', registry(proxy), workgroup);
    expect(mapping.zone).toBe(1);
    expect(mapping.decidedBy).toMatchObject({ rule: 'proxy-bypass', valueName: 'ProxyOverride' });
    expect(mapping.decidedBy.explanation).toContain('*.corp.contoso.com');
  });

  it('<local> makes dotless hosts bypass the proxy, hence Local intranet even with IntranetName off', () => {
    expect(zoneOf('http://web01/', proxy, workgroup)).toBe(1);
  });

  it('a host going through the proxy stays Internet', () => {
    const mapping = mapUrlToZone('https://www.contoso.com/', registry(proxy), workgroup);
    expect(mapping.zone).toBe(3);
    expect(mapping.consulted.join('\n')).toContain('goes through the proxy proxy.contoso.com:8080');
  });

  it('no proxy enabled: the bypass rule does not apply', () => {
    expect(
      zoneOf(
        'https://app.corp.contoso.com/',
        proxy.replace('"ProxyEnable"=dword:00000001', '"ProxyEnable"=dword:00000000'),
        workgroup,
      ),
    ).toBe(3);
  });
});

describe('policy site lists (§1.6) and their unverified precedence (§1.5)', () => {
  it('Site to Zone Assignment List REG_SZ entries map hosts, with scheme, wildcard and port forms', () => {
    const reg = `
[${HKLM_POLICY}]
"ListBox_Support_ZoneMapKey"=dword:00000001
[${HKLM_POLICY}\\ZoneMapKey]
"https://*.ad.adatum.com"="1"
"www.contoso.com"="2"
"http://intranet.fabrikam.com"="1"
"https://host.fabrikam.com:8443"="1"
"127.0.0.1-10"="1"
"intranet"="1"
"tailspin.com"="1"
${protocolDefaults}`;
    const cases: [string, number][] = [
      ['https://web.ad.adatum.com/', 1],
      ['http://web.ad.adatum.com/', 3],
      ['ftp://www.contoso.com/', 2],
      ['https://www.contoso.com/', 2],
      ['http://intranet.fabrikam.com/', 1],
      ['https://intranet.fabrikam.com/', 3],
      ['https://host.fabrikam.com:8443/', 1],
      ['https://host.fabrikam.com/', 3],
      ['http://127.0.0.5/', 1],
      ['http://intranet/', 1],
      ['https://app.tailspin.com/', 1],
    ];
    for (const [url, zone] of cases) {
      expect(zoneOf(url, reg, workgroup), url).toBe(zone);
    }
    const mapping = mapUrlToZone('https://web.ad.adatum.com/', registry(reg), workgroup);
    expect(mapping.decidedBy).toMatchObject({
      rule: 'policy-site-list',
      hive: 'HKLM',
      valueName: 'https://*.ad.adatum.com',
    });
    expect(mapping.userSiteListLocked).toBe(true);
    expect(mapping.lockedBy).toContain('Site to Zone Assignment List');
  });

  it('Policies\\...\\ZoneMap\\Domains (what the policy writes) maps hosts too', () => {
    const reg = `
[${HKCU_POLICY}\\ZoneMap\\Domains\\adatum.com\\*.ad]
"*"=dword:00000001
${protocolDefaults}`;
    const mapping = mapUrlToZone('http://srv.ad.adatum.com/', registry(reg), workgroup);
    expect(mapping).toMatchObject({ zone: 1, decidedBy: { rule: 'policy-site-list', hive: 'HKCU' } });
  });

  it('policy and user lists disagree: the policy reading is primary, the other is returned as an alternative', () => {
    const reg = `
[${HKLM_POLICY}\\ZoneMapKey]
"intranet.contoso.com"="1"
[${HKCU}\\ZoneMap\\Domains\\contoso.com\\intranet]
"*"=dword:00000004
${protocolDefaults}`;
    const mapping = mapUrlToZone('https://intranet.contoso.com/', registry(reg), member);
    expect(mapping.zone).toBe(1);
    expect(mapping.alternatives).toHaveLength(1);
    expect(mapping.alternatives[0]).toMatchObject({
      zone: 4,
      decidedBy: { rule: 'site-list', hive: 'HKCU' },
    });
    expect(mapping.alternatives[0]?.decidedBy.explanation).toMatch(
      /^if your own and the machine site lists were read before the policy lists/,
    );
  });

  it('HKLM and HKCU policy lists disagree: HKLM first, HKCU as the alternative', () => {
    const reg = `
[${HKLM_POLICY}\\ZoneMapKey]
"intranet.contoso.com"="1"
[${HKCU_POLICY}\\ZoneMapKey]
"intranet.contoso.com"="2"
${protocolDefaults}`;
    const mapping = mapUrlToZone('https://intranet.contoso.com/', registry(reg), member);
    expect(mapping.zone).toBe(1);
    expect(mapping.alternatives.map((alternative) => alternative.zone)).toEqual([2]);
  });

  it('no alternatives when every reading agrees', () => {
    const reg = `
[${HKCU}\\ZoneMap\\Domains\\contoso.com\\intranet]
"*"=dword:00000001
${protocolDefaults}`;
    expect(mapUrlToZone('https://intranet.contoso.com/', registry(reg), member).alternatives).toEqual([]);
  });

  it('Security_HKLM_only = 1: the user list is ignored and the user cannot fix it themselves', () => {
    const reg = `
[${HKLM_POLICY}]
"Security_HKLM_only"=dword:00000001
[${HKCU}\\ZoneMap\\Domains\\contoso.com\\intranet]
"*"=dword:00000001
[${HKLM}\\ZoneMap\\ProtocolDefaults]
"https"=dword:00000003
`;
    const mapping = mapUrlToZone('https://intranet.contoso.com/', registry(reg), member);
    expect(mapping.zone).toBe(3);
    expect(mapping.decidedBy).toMatchObject({ rule: 'protocol-default', hive: 'HKLM' });
    expect(mapping.userSiteListLocked).toBe(true);
    expect(mapping.lockedBy).toContain('Security_HKLM_only');
    expect(mapping.consulted.join('\n')).toContain('Security_HKLM_only = 1');
  });

  it('Security_zones_map_edit = 1 locks the site list', () => {
    const mapping = mapUrlToZone(
      'https://x.contoso.com/',
      registry(`[${HKCU_POLICY}]\n"Security_zones_map_edit"=dword:00000001\n`),
      member,
    );
    expect(mapping.userSiteListLocked).toBe(true);
    expect(mapping.lockedBy).toContain('Security_zones_map_edit');
  });

  it('nothing set: not locked', () => {
    const mapping = mapUrlToZone('https://x.contoso.com/', registry(''), member);
    expect(mapping.userSiteListLocked).toBe(false);
    expect(mapping.lockedBy).toBeUndefined();
  });
});

describe('defaults and input checking', () => {
  it('no registry data at all: Internet by Windows default', () => {
    const mapping = mapUrlToZone('https://intranet.contoso.com/', registry(''), member);
    expect(mapping.zone).toBe(3);
    expect(mapping.decidedBy.rule).toBe('internet-default');
  });

  it('a local file is My Computer', () => {
    expect(mapUrlToZone('file:///C:/temp/a.html', registry(''), member)).toMatchObject({
      zone: 0,
      decidedBy: { rule: 'local-file' },
    });
  });

  it.each(['', 'not a url', 'http://', '/relative/path', 'x'.repeat(5000)])(
    'rejects %j with a typed one-line error',
    (url) => {
      expect(() => mapUrlToZone(url, registry(''), member)).toThrow(InvalidZoneUrlError);
    },
  );
});

describe('every location of §1.2–§1.6 is read: HKLM and HKCU, preferences and both policy forms', () => {
  it.each([
    [
      'machine preference list (HKLM ZoneMap\\Domains) when the user has none',
      `[${HKLM}\\ZoneMap\\Domains\\contoso.com\\intranet]\n"https"=dword:00000001\n`,
      'https://intranet.contoso.com/',
      { zone: 1, decidedBy: { rule: 'site-list', hive: 'HKLM' } },
    ],
    [
      'machine policy Ranges (Policies\\...\\ZoneMap\\Ranges) for an IP host',
      `[${HKLM_POLICY}\\ZoneMap\\Ranges\\Range1]\n"*"=dword:00000001\n":Range"="10.1.2.3"\n`,
      'http://10.1.2.3/',
      { zone: 1, decidedBy: { rule: 'range', hive: 'HKLM' } },
    ],
    [
      'user policy ZoneMapKey (HKCU Policies, REG_SZ)',
      `[${HKCU_POLICY}\\ZoneMapKey]\n"intranet.contoso.com"="2"\n`,
      'https://intranet.contoso.com/',
      { zone: 2, decidedBy: { rule: 'policy-site-list', hive: 'HKCU' } },
    ],
    [
      'ProtocolDefaults from HKLM when HKCU has no value for the scheme',
      `[${HKLM}\\ZoneMap\\ProtocolDefaults]\n"https"=dword:00000004\n`,
      'https://nowhere.example.org/',
      { zone: 4, decidedBy: { rule: 'protocol-default', hive: 'HKLM' } },
    ],
  ])('%s', (_, reg, url, expected) => {
    expect(mapUrlToZone(url, registry(reg), workgroup)).toMatchObject(expected);
  });

  it('UNCAsIntranet = 0 with AutoDetect off: a network path stays in the Internet zone', () => {
    const reg = `[${HKCU}\\ZoneMap]\n"AutoDetect"=dword:00000000\n"UNCAsIntranet"=dword:00000000\n${protocolDefaults}`;
    const mapping = mapUrlToZone('\\\\fileserver.corp.example\\share\\doc.txt', registry(reg), member);
    expect(mapping.zone).toBe(3);
    expect(mapping.consulted.join('\n')).toContain('UNCAsIntranet (network paths are Local intranet): off');
  });

  it('ProxyByPass from the machine policy wins over the user preference (policy form, §1.4)', () => {
    const reg = `
[${HKCU}]
"ProxyEnable"=dword:00000001
"ProxyServer"="proxy.corp.example:8080"
"ProxyOverride"="*.corp.example"
[${HKCU}\\ZoneMap]
"AutoDetect"=dword:00000000
"ProxyByPass"=dword:00000001
[${HKLM_POLICY}\\ZoneMap]
"ProxyByPass"=dword:00000000
${protocolDefaults}`;
    expect(zoneOf('https://app.corp.example/', reg, member)).toBe(3);
    expect(
      zoneOf(
        'https://app.corp.example/',
        reg.replace(`[${HKLM_POLICY}\\ZoneMap]\n"ProxyByPass"=dword:00000000\n`, ''),
        member,
      ),
    ).toBe(1);
  });

  it('a locked site list names the hive IT has to put the entry in', () => {
    expect(
      mapUrlToZone(
        'https://x.contoso.com/',
        registry(`[${HKCU_POLICY}]\n"ListBox_Support_ZoneMapKey"=dword:00000001\n`),
        member,
      ),
    ).toMatchObject({
      userSiteListLocked: true,
      lockedByHive: 'HKCU',
    });
    expect(
      mapUrlToZone(
        'https://x.contoso.com/',
        registry(`[${HKLM_POLICY}]\n"Security_HKLM_only"=dword:00000001\n`),
        member,
      ).lockedByHive,
    ).toBe('HKLM');
  });
});

describe('every SetZoneMapping pattern of the §1.5 table, as a ZoneMapKey entry of the policy list (§1.6)', () => {
  const policyList = (name: string, zone: number) => `
[${HKLM_POLICY}]
"ListBox_Support_ZoneMapKey"=dword:00000001
[${HKLM_POLICY}\\ZoneMapKey]
${JSON.stringify(name)}="${zone}"
${protocolDefaults}`;

  it.each<[string, number, string[], string[]]>([
    [
      '*://*.example.com',
      2,
      ['https://a.example.com/', 'http://a.example.com/', 'ftp://b.c.example.com/'],
      ['https://example.com/', 'https://notexample.com/'],
    ],
    ['http://*.contoso.co.uk', 1, ['http://www.contoso.co.uk/'], ['https://www.contoso.co.uk/']],
    [
      '*://server.contoso.com',
      1,
      ['https://server.contoso.com/', 'ftp://server.contoso.com/'],
      ['https://www.server.contoso.com/'],
    ],
    ['ftp://192.168.0.0/', 1, ['ftp://192.168.0.0/'], ['http://192.168.0.0/', 'ftp://192.168.0.1/']],
    ['https://example/', 2, ['https://example/'], ['http://example/']],
    [
      'file:\\example\\share',
      2,
      ['\\\\example\\share\\doc.txt', '\\\\EXAMPLE\\Share\\dir\\x.txt'],
      ['\\\\example\\other\\doc.txt'],
    ],
    [
      '*://172.16-31.0.0.*',
      1,
      ['http://172.20.0.0/', 'https://172.31.0.0/'],
      ['http://172.15.0.0/', 'http://172.20.1.5/'],
    ],
    ['127.0.0.1', 1, ['http://127.0.0.1/', 'https://127.0.0.1:8443/'], ['http://127.0.0.2/']],
  ])('%s = "%d"', (pattern, zone, covered, notCovered) => {
    const reg = policyList(pattern, zone);
    for (const url of covered) {
      const mapping = mapUrlToZone(url, registry(reg), workgroup);
      expect(mapping.zone, url).toBe(zone);
      expect(mapping.decidedBy, url).toMatchObject({ rule: 'policy-site-list', valueName: pattern });
    }
    for (const url of notCovered) {
      const mapping = mapUrlToZone(url, registry(reg), workgroup);
      expect(mapping.decidedBy.rule, url).not.toBe('policy-site-list');
      expect(mapping.consulted.join('\n'), url).not.toContain('skipped');
    }
  });

  it('the issue case: *://*.example.com = "2" puts https://a.example.com/ in Trusted sites, not Internet', () => {
    expect(zoneOf('https://a.example.com/', policyList('*://*.example.com', 2), workgroup)).toBe(2);
  });

  it('the five-part *://172.16-31.0.0.* is read as its first four parts and says so', () => {
    const mapping = mapUrlToZone(
      'http://172.20.0.0/',
      registry(policyList('*://172.16-31.0.0.*', 1)),
      workgroup,
    );
    expect(mapping.consulted.join('\n')).toContain('read as its first four parts');
  });

  it('http://*.server.example.com (refused by SetZoneMapping) is still read from a policy list, with that caveat', () => {
    const mapping = mapUrlToZone(
      'http://a.server.example.com/',
      registry(policyList('http://*.server.example.com', 1)),
      workgroup,
    );
    expect(mapping.zone).toBe(1);
    expect(mapping.consulted.join('\n')).toContain("Windows' SetZoneMapping refuses this form");
  });

  it('ftp://* (invalid in the table) is skipped with the reason, and matches nothing', () => {
    const mapping = mapUrlToZone('ftp://files.example.com/', registry(policyList('ftp://*', 1)), workgroup);
    expect(mapping.zone).toBe(3);
    expect(mapping.consulted.join('\n')).toContain(
      'entry "ftp://*" is not a site (a wildcard alone matches every site), skipped',
    );
  });

  it('an exact single-IP entry beats a range covering the same address', () => {
    const reg = `
[${HKLM_POLICY}\\ZoneMapKey]
"127.0.0.1-10"="2"
"127.0.0.1"="1"
${protocolDefaults}`;
    expect(mapUrlToZone('http://127.0.0.1/', registry(reg), workgroup).decidedBy.valueName).toBe('127.0.0.1');
    expect(zoneOf('http://127.0.0.5/', reg, workgroup)).toBe(2);
  });
});

describe('zoneUnderReading: the zone one order of the site lists gives (what a simulated Windows answers)', () => {
  const reg = `
[${HKLM_POLICY}\\ZoneMapKey]
"intranet.contoso.com"="1"
[${HKCU_POLICY}\\ZoneMapKey]
"intranet.contoso.com"="4"
[${HKCU}\\ZoneMap\\Domains\\contoso.com\\intranet]
"*"=dword:00000002
${protocolDefaults}`;

  it.each([
    ['policy-lists-first', 1],
    ['own-lists-first', 2],
    ['user-policy-first', 4],
  ] as const)(
    '%s → %i, the same zones mapUrlToZone gives as primary reading and alternatives',
    (reading, zone) => {
      expect(zoneUnderReading('https://intranet.contoso.com/', registry(reg), member, reading)).toBe(zone);
    },
  );

  it('mapUrlToZone names exactly those readings', () => {
    const mapping = mapUrlToZone('https://intranet.contoso.com/', registry(reg), member);
    expect([mapping.zone, ...mapping.alternatives.map((alternative) => alternative.zone)]).toEqual([1, 2, 4]);
  });
});
