/**
 * The SetZoneMapping pattern table of reference §1.5 (Learn ms537143), row by row, and the
 * Site to Zone Assignment List entry produced for IT (§1.6).
 */
import { describe, expect, it } from 'vitest';
import { siteToZonePolicyChange, zoneMappingPatternVerdict } from './site-to-zone-policy-change.js';

describe('SetZoneMapping pattern rules (§1.5 table)', () => {
  it.each([
    ['*://*.example.com', true],
    ['http://*.contoso.co.uk', true],
    ['*://server.contoso.com', true],
    ['ftp://192.168.0.0/', true],
    ['https://example/', true],
    ['file:\\example\\share', true],
    ['*://172.16-31.0.0.*', true],
    ['http://*.server.example.com', false],
    ['ftp://*', false],
  ])('%s → valid: %s', (pattern, valid) => {
    expect(zoneMappingPatternVerdict(pattern).valid).toBe(valid);
  });

  it.each([
    ['www.contoso.com', true, 'a host alone: all schemes (policy explain text)'],
    ['http://www.contoso.com', true, 'scheme://host: that scheme only'],
    ['127.0.0.1', true, 'an IP address'],
    ['127.0.0.1-10', true, 'a last-octet range'],
    ['http://www.contoso.com/path', false, 'no path after the domain'],
    ['www.*.contoso.com', false, 'a wildcard only as the left-most label'],
    ['w*w.contoso.com', false, 'a wildcard is a whole label'],
    ['*.com', false, 'not directly left of a registrable domain'],
    ['300.1.1.1', false, 'an octet above 255'],
    ['', false, 'empty'],
  ])('%s → valid: %s (%s)', (pattern, valid) => {
    expect(zoneMappingPatternVerdict(pattern).valid).toBe(valid);
  });

  it('says why a pattern is refused', () => {
    expect(zoneMappingPatternVerdict('http://*.server.example.com')).toEqual({
      valid: false,
      reason: 'the wildcard must stand directly left of a registrable domain, not of "server.example.com"',
    });
  });
});

describe('siteToZonePolicyChange', () => {
  it('the computer policy entry: REG_SZ "1" under Policies\\...\\ZoneMapKey (§1.6)', () => {
    const change = siteToZonePolicyChange('intranet.contoso.com', 1, 'HKLM');
    expect(change).toMatchObject({
      policy: 'Site to Zone Assignment List',
      valueName: 'intranet.contoso.com',
      value: '1',
      hive: 'HKLM',
      keyPath: 'Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMapKey',
    });
    expect(change.regLine).toBe(
      'reg add "HKLM\\Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMapKey" /v "intranet.contoso.com" /t REG_SZ /d 1 /f',
    );
    expect(change.text).toContain('(Computer Configuration)');
  });

  it('the user policy when the enforced list is the user one', () => {
    expect(siteToZonePolicyChange('intranet', 1, 'HKCU').text).toContain('(User Configuration)');
  });

  it('refuses a name that is not a site, so nothing odd reaches a reg line', () => {
    expect(() => siteToZonePolicyChange('a" /f & calc', 1, 'HKLM')).toThrow(RangeError);
  });
});
