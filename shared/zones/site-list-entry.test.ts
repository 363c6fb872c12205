/** "Add to Local intranet" writes an entry mapUrlToZone then finds (reference §1.3, §1.5). */
import { describe, expect, it } from 'vitest';
import { createRegistryView, type RegistryView } from '../host/registry-view.js';
import { formatRegistryKey, type RegistryValue } from '../host/registry.js';
import { fetchedTreesFromExport, parseRegExport } from '../windows-output/reg-export.js';
import { mapUrlToZone } from './map-url-to-zone.js';
import { intranetSiteListEntry } from './site-list-entry.js';
import { zoneRegistryRoots } from './zone-registry-roots.js';
import { InvalidZoneUrlError } from './zone-url.js';

const HKCU = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const DOMAINS = 'Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMap\\Domains';
const RANGES = 'Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMap\\Ranges';
const member = { isServer: false, domainJoined: true };
const workgroup = { isServer: false, domainJoined: false };

function regLine(name: string, value: RegistryValue): string {
  const quoted = `"${name.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  if (value.type === 'REG_DWORD') return `${quoted}=dword:${value.data.toString(16).padStart(8, '0')}`;
  if (value.type === 'REG_SZ') return `${quoted}="${value.data}"`;
  throw new Error(`test helper does not write ${value.type}`);
}

function withEntry(
  reg: string,
  url: string,
): { view: RegistryView; entry: ReturnType<typeof intranetSiteListEntry>; after: RegistryView } {
  const parse = (text: string) =>
    createRegistryView(
      fetchedTreesFromExport(
        parseRegExport(`Windows Registry Editor Version 5.00\n${text}`),
        zoneRegistryRoots,
      ),
    );
  const view = parse(reg);
  const entry = intranetSiteListEntry(url, view);
  const lines = [
    `[${formatRegistryKey(entry.key)}]`,
    regLine(entry.valueName, entry.value),
    ...(entry.extraValues ?? []).map((extra) => regLine(extra.name, extra.value)),
  ];
  return { view, entry, after: parse(`${reg}\n${lines.join('\n')}\n`) };
}

describe('intranetSiteListEntry', () => {
  it.each([
    ['https://intranet.contoso.com/app', `${DOMAINS}\\contoso.com\\intranet`],
    ['http://www.intranet.contoso.co.uk/', `${DOMAINS}\\contoso.co.uk\\www.intranet`],
    ['http://contoso.com/', `${DOMAINS}\\contoso.com`],
    ['http://web01/', `${DOMAINS}\\web01`],
    ['http://hp.com/', `${DOMAINS}\\hp.com`],
    ['\\\\files.contoso.com\\share', `${DOMAINS}\\contoso.com\\files`],
  ])('%s is written to %s with value * = 1 and then maps to Local intranet', (url, path) => {
    const { entry, after } = withEntry('', url);
    expect(entry).toMatchObject({
      key: { hive: 'HKCU', path },
      valueName: '*',
      value: { type: 'REG_DWORD', data: 1 },
    });
    expect(mapUrlToZone(url, after, workgroup)).toMatchObject({
      zone: 1,
      decidedBy: { rule: 'site-list', hive: 'HKCU' },
    });
  });

  it('reuses an existing key for exactly this host, and overwrites the scheme value that would win over *', () => {
    const reg = `[${HKCU}\\ZoneMap\\Domains\\Intranet.Contoso.com]\n"https"=dword:00000003\n`;
    const { view, entry, after } = withEntry(reg, 'https://intranet.contoso.com/');
    expect(mapUrlToZone('https://intranet.contoso.com/', view, member).zone).toBe(3);
    expect(entry).toMatchObject({ key: { path: `${DOMAINS}\\Intranet.Contoso.com` }, valueName: 'https' });
    expect(mapUrlToZone('https://intranet.contoso.com/', after, member).zone).toBe(1);
  });

  it('a more specific subkey beats a domain-wide entry that put the host elsewhere', () => {
    const reg = `[${HKCU}\\ZoneMap\\Domains\\contoso.com]\n"*"=dword:00000004\n`;
    const { view, after } = withEntry(reg, 'https://intranet.contoso.com/');
    expect(mapUrlToZone('https://intranet.contoso.com/', view, member).zone).toBe(4);
    expect(mapUrlToZone('https://intranet.contoso.com/', after, member).zone).toBe(1);
    expect(mapUrlToZone('https://other.contoso.com/', after, member).zone).toBe(4);
  });

  it('an IPv4 host gets the next free RangeN with :Range', () => {
    const reg = `[${HKCU}\\ZoneMap\\Ranges\\Range1]\n"*"=dword:00000002\n":Range"="10.1.1.1"\n`;
    const { entry, after } = withEntry(reg, 'http://192.168.1.10/');
    expect(entry).toMatchObject({
      key: { hive: 'HKCU', path: `${RANGES}\\Range2` },
      valueName: '*',
      extraValues: [{ name: ':Range', value: { type: 'REG_SZ', data: '192.168.1.10' } }],
    });
    expect(mapUrlToZone('http://192.168.1.10/', after, member)).toMatchObject({
      zone: 1,
      decidedBy: { rule: 'range' },
    });
  });

  it('an IPv4 host already in a range key reuses that key', () => {
    const reg = `[${HKCU}\\ZoneMap\\Ranges\\Range1]\n"http"=dword:00000002\n":Range"="192.168.1.10"\n`;
    const { entry, after } = withEntry(reg, 'http://192.168.1.10/');
    expect(entry).toMatchObject({ key: { path: `${RANGES}\\Range1` }, valueName: 'http' });
    expect(entry.extraValues).toBeUndefined();
    expect(mapUrlToZone('http://192.168.1.10/', after, member).zone).toBe(1);
  });

  it.each(['file:///C:/x.html', 'http://[::1]/', 'nonsense'])('refuses %s with a typed error', (url) => {
    expect(() => withEntry('', url)).toThrow(InvalidZoneUrlError);
  });
});
