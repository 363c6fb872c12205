import { describe, expect, it } from 'vitest';
import {
  findProxyBypassEntry,
  globMatches,
  parseProxyOverride,
  proxyOverrideWithHost,
} from './proxy-override.js';
import { proxyServerForScheme } from './wininet-proxy-settings.js';

describe('ProxyOverride (reference §7.7)', () => {
  const { entries, skipped } = parseProxyOverride(
    '*.contoso.com; 10.*;web01:8080;https://secure.fabrikam.com;<local>;bad entry/x',
  );
  const bypass = (host: string, scheme = 'http', port: number | null = 80) =>
    findProxyBypassEntry(entries, { scheme, host, port })?.text ?? null;

  it.each([
    ['app.contoso.com', 'http', 80, '*.contoso.com'],
    ['a.b.contoso.com', 'http', 80, '*.contoso.com'],
    ['contoso.com', 'http', 80, null],
    ['10.1.2.3', 'http', 80, '10.*'],
    ['web01', 'http', 8080, 'web01:8080'],
    ['web01', 'http', 80, '<local>'],
    ['secure.fabrikam.com', 'https', 443, 'https://secure.fabrikam.com'],
    ['secure.fabrikam.com', 'http', 80, null],
    ['intranet', 'https', 443, '<local>'],
    ['www.example.org', 'https', 443, null],
  ] as const)('%s (%s:%s) -> %s', (host, scheme, port, expected) => {
    expect(bypass(host, scheme, port)).toBe(expected);
  });

  it('<local> does not cover dotted names or IP literals', () => {
    const local = parseProxyOverride('<local>').entries;
    expect(
      findProxyBypassEntry(local, { scheme: 'http', host: 'intranet.contoso.com', port: 80 }),
    ).toBeNull();
    expect(findProxyBypassEntry(local, { scheme: 'http', host: '[::1]', port: 80 })).toBeNull();
  });

  it('reports unreadable entries instead of guessing', () => {
    expect(skipped).toEqual(['bad entry/x']);
  });

  it('globMatches is case-insensitive and anchored', () => {
    expect(globMatches('*.CONTOSO.com', 'www.contoso.COM')).toBe(true);
    expect(globMatches('contoso.com', 'www.contoso.com')).toBe(false);
    expect(globMatches('*a*b*c', 'xxaxxbxxc')).toBe(true);
    expect(globMatches('*a*b*c', 'xxaxxcxxb')).toBe(false);
  });

  it('ProxyServer per scheme', () => {
    expect(proxyServerForScheme('proxy:8080', 'https')).toBe('proxy:8080');
    expect(proxyServerForScheme('http=p1:80;https=p2:443', 'https')).toBe('p2:443');
    expect(proxyServerForScheme('http=p1:80', 'https')).toBeNull();
    expect(proxyServerForScheme(null, 'http')).toBeNull();
  });
});

describe('proxyOverrideWithHost', () => {
  it('adds the host before <local>, keeping every entry', () => {
    expect(proxyOverrideWithHost('*.fabrikam.com;<local>', 'intranet.contoso.com')).toBe(
      '*.fabrikam.com;intranet.contoso.com;<local>',
    );
    expect(proxyOverrideWithHost(null, 'web01')).toBe('web01');
    expect(proxyOverrideWithHost(' a.com ; ;<LOCAL>', 'b.com')).toBe('a.com;b.com;<LOCAL>');
  });
});
