/**
 * The one site grammar (zone-site-pattern.ts) on the SetZoneMapping table of reference §1.5 and
 * the policy value names of §1.6, and that the checker of IT's change and the ZoneMapKey/Ranges
 * readers agree because they parse with it.
 */
import { describe, expect, it } from 'vitest';
import { parseIpRange, InvalidIpRangeError } from './ip-range-site-list.js';
import { zoneMappingPatternVerdict } from './site-to-zone-policy-change.js';
import { InvalidZoneSitePatternError, parseZoneSitePattern } from './zone-site-pattern.js';

const setZoneMappingTable: readonly [string, boolean][] = [
  ['*://*.example.com', true],
  ['http://*.contoso.co.uk', true],
  ['*://server.contoso.com', true],
  ['ftp://192.168.0.0/', true],
  ['https://example/', true],
  ['file:\\example\\share', true],
  ['*://172.16-31.0.0.*', true],
  ['http://*.server.example.com', false],
  ['ftp://*', false],
];

describe('parseZoneSitePattern on the §1.5 table', () => {
  it.each(setZoneMappingTable)('%s: the checker says valid=%s, and the parser agrees', (pattern, valid) => {
    expect(zoneMappingPatternVerdict(pattern).valid).toBe(valid);
    let parsedCleanly: boolean;
    try {
      parsedCleanly = parseZoneSitePattern(pattern).setZoneMappingRefuses === null;
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidZoneSitePatternError);
      parsedCleanly = false;
    }
    expect(parsedCleanly).toBe(valid);
  });

  it('`*://` means every scheme, like no scheme at all', () => {
    expect(parseZoneSitePattern('*://*.example.com')).toMatchObject({
      scheme: null,
      host: { kind: 'name', name: 'example.com', wildcard: true },
      port: null,
    });
    expect(parseZoneSitePattern('*://server.contoso.com').scheme).toBeNull();
    expect(parseZoneSitePattern('server.contoso.com').scheme).toBeNull();
    expect(parseZoneSitePattern('HTTP://Server.Contoso.com').scheme).toBe('http');
  });

  it('IPv4 forms: an address, a trailing slash, a last-octet range, per-octet ranges and wildcards', () => {
    expect(parseZoneSitePattern('ftp://192.168.0.0/').host).toEqual({
      kind: 'ipv4',
      octets: [
        { low: 192, high: 192 },
        { low: 168, high: 168 },
        { low: 0, high: 0 },
        { low: 0, high: 0 },
      ],
    });
    expect(parseZoneSitePattern('127.0.0.1-10').host).toMatchObject({
      octets: [{}, {}, {}, { low: 1, high: 10 }],
    });
    const fivePart = parseZoneSitePattern('*://172.16-31.0.0.*');
    expect(fivePart.host).toMatchObject({ octets: [{ low: 172 }, { low: 16, high: 31 }, {}, {}] });
    expect(fivePart.notes.join(' ')).toContain('first four parts');
  });

  it('a network path keeps its server and path segments', () => {
    expect(parseZoneSitePattern('file:\\example\\share').host).toEqual({
      kind: 'unc',
      server: 'example',
      path: ['share'],
    });
    expect(parseZoneSitePattern('file://Example/Share/').host).toEqual({
      kind: 'unc',
      server: 'example',
      path: ['share'],
    });
  });

  it('a port (real policy list, §1.6)', () => {
    expect(parseZoneSitePattern('https://host.fabrikam.com:8443')).toMatchObject({
      scheme: 'https',
      port: 8443,
    });
  });

  it.each([
    ['', 'a site is 1 to 2048 characters'],
    ['ftp://*', 'a wildcard alone matches every site'],
    ['*.com', 'the wildcard must stand directly left of a registrable domain, not of "com"'],
    ['*.co.uk', 'the wildcard must stand directly left of a registrable domain, not of "co.uk"'],
    ['www.*.contoso.com', 'a wildcard must be the whole left-most label'],
    ['http://www.contoso.com/path', 'a site has no path'],
    ['300.1.1.1', '300 is above 255'],
    ['10.0.0.1.5', 'an IPv4 address has four numbers, "10.0.0.1.5" has 5'],
    ['10.0.0.9-1', 'the range 9-1 runs backwards'],
    ['https://host:0', 'port 0 is out of range'],
    ['a" /f & calc', 'a site has no path'],
    ['file:', 'a file: site is a network path, file:\\server\\share'],
  ])('%j is refused: %s', (pattern, reason) => {
    expect(() => parseZoneSitePattern(pattern)).toThrow(reason);
    expect(zoneMappingPatternVerdict(pattern)).toEqual({ valid: false, reason });
  });

  it('the Ranges reader uses the same IPv4 grammar: what a policy entry may hold, a :Range may too', () => {
    expect(parseIpRange('172.16-31.0.0.*')).toHaveLength(4);
    expect(parseZoneSitePattern('*://10.0.0.*').host).toEqual({
      kind: 'ipv4',
      octets: parseIpRange('*://10.0.0.*'),
    });
    expect(() => parseIpRange('10.0.0.1.5')).toThrow(InvalidIpRangeError);
    expect(() => parseZoneSitePattern('10.0.0.1.5')).toThrow(InvalidZoneSitePatternError);
  });
});
