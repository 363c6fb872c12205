/** Firefox trusted-uris matching table (reference §2.5) and prefs.js/user.js reading. */
import { describe, expect, it } from 'vitest';
import { createRegistryView } from '../host/registry-view.js';
import { fetchedTreesFromExport, parseRegExport } from '../windows-output/reg-export.js';
import { browserPolicyRegistryRoots } from './browser-policy-paths.js';
import {
  firefoxDecision,
  readFirefoxAuthSettings,
  lockedTrustedUrisPolicy,
} from './firefox-auth-settings.js';
import {
  FirefoxPrefsError,
  effectiveFirefoxPrefs,
  formatUserPref,
  parseFirefoxPrefs,
} from './firefox-prefs.js';
import {
  findTrustedUriEntry,
  firefoxWillNegotiate,
  parseTrustedUris,
  trustedHostMatches,
  trustedUrisWithHost,
} from './firefox-trusted-uris.js';

describe('trusted-uris host matching, the HttpAuthUtils.cpp table', () => {
  it.each([
    ['bar.com', 'bar.com', true],
    ['foo.bar.com', 'bar.com', true],
    ['foobar.com', 'bar.com', false],
    ['foo.bar.com', '.bar.com', true],
    ['bar.com', '.bar.com', false],
  ])('host %s, pref %s -> %s', (host, pref, accept) => {
    expect(trustedHostMatches(pref, host)).toBe(accept);
    expect(firefoxWillNegotiate(pref, false, { scheme: 'https', host, port: 443 }).allowed).toBe(accept);
  });
});

describe('trusted-uris list forms', () => {
  const list = 'https://, http://office.foo.com, intranet.contoso.com:8443, [fe80::1], ldap://x.org';
  const allowed = (scheme: string, host: string, port: number | null) =>
    findTrustedUriEntry(parseTrustedUris(list).entries, { scheme, host, port })?.text ?? null;

  it.each([
    ['https', 'anything.example.org', 443, 'https://'],
    ['http', 'office.foo.com', 80, 'http://office.foo.com'],
    ['http', 'www.office.foo.com', 80, 'http://office.foo.com'],
    ['http', 'other.foo.com', 80, null],
    ['http', 'intranet.contoso.com', 8443, 'intranet.contoso.com:8443'],
    ['http', 'intranet.contoso.com', 80, null],
    ['http', '[fe80::1]', 80, '[fe80::1]'],
  ] as const)('%s://%s:%s -> %s', (scheme, host, port, entry) => {
    expect(allowed(scheme, host, port)).toBe(entry);
  });

  it('dotless hosts: only with allow-non-fqdn or an entry for them', () => {
    expect(
      firefoxWillNegotiate('contoso.com', false, { scheme: 'http', host: 'web01', port: 80 }).allowed,
    ).toBe(false);
    expect(firefoxWillNegotiate('contoso.com', true, { scheme: 'http', host: 'web01', port: 80 })).toEqual({
      allowed: true,
      by: 'allow-non-fqdn',
    });
    expect(firefoxWillNegotiate('web01', false, { scheme: 'http', host: 'web01', port: 80 }).allowed).toBe(
      true,
    );
  });

  it('empty default list trusts nothing; unreadable entries are reported', () => {
    expect(
      firefoxWillNegotiate('', false, { scheme: 'https', host: 'intranet.contoso.com', port: 443 }).allowed,
    ).toBe(false);
    expect(parseTrustedUris('good.com, bad host, ://').unreadable).toEqual(['bad host', '://']);
  });

  it('adding a host keeps the existing list', () => {
    expect(trustedUrisWithHost('', 'intranet.contoso.com')).toBe('intranet.contoso.com');
    expect(trustedUrisWithHost('a.com, b.com ', 'intranet.contoso.com')).toBe(
      'a.com, b.com, intranet.contoso.com',
    );
  });
});

describe('prefs.js / user.js', () => {
  const prefsJs = [
    '// Mozilla User Preferences',
    '/* multi',
    '   line */',
    'user_pref("browser.startup.homepage", "https://intranet.contoso.com/");',
    'user_pref("network.negotiate-auth.trusted-uris", "contoso.com, \\"quoted\\"");',
    'user_pref("network.negotiate-auth.allow-non-fqdn", false);',
    "user_pref('app.update.lastUpdateTime.x', 1700000000);",
    '# hash comment',
  ].join('\n');

  it('reads strings with escapes, booleans and integers', () => {
    const prefs = parseFirefoxPrefs(prefsJs);
    expect(prefs.get('network.negotiate-auth.trusted-uris')).toBe('contoso.com, "quoted"');
    expect(prefs.get('network.negotiate-auth.allow-non-fqdn')).toBe(false);
    expect(prefs.get('app.update.lastUpdateTime.x')).toBe(1700000000);
  });

  it('user.js wins over prefs.js', () => {
    const prefs = effectiveFirefoxPrefs(
      prefsJs,
      'user_pref("network.negotiate-auth.allow-non-fqdn", true);\n',
    );
    expect(prefs.get('network.negotiate-auth.allow-non-fqdn')).toBe(true);
    expect(prefs.get('network.negotiate-auth.trusted-uris')).toBe('contoso.com, "quoted"');
  });

  it.each([
    ['a stray statement', 'alert(1);'],
    ['a missing semicolon', 'user_pref("a", 1)'],
    ['an unterminated string', 'user_pref("a, 1);'],
    ['an unknown escape', 'user_pref("a", "\\q");'],
    ['a non-literal value', 'user_pref("a", foo());'],
  ])('rejects %s with the line number', (_, text) => {
    expect(() => parseFirefoxPrefs(text)).toThrow(FirefoxPrefsError);
  });

  it('formatUserPref output reads back to the same value, even for hostile text', () => {
    const hostile = 'x", true); user_pref("evil", "1\n\u2028\\';
    const line = formatUserPref('network.negotiate-auth.trusted-uris', hostile);
    expect(line.split('\n')).toHaveLength(1);
    expect(parseFirefoxPrefs(line).get('network.negotiate-auth.trusted-uris')).toBe(hostile);
    expect(parseFirefoxPrefs(line).has('evil')).toBe(false);
  });
});

describe('Firefox enterprise policy (§2.5)', () => {
  const view = (reg: string) =>
    createRegistryView(
      fetchedTreesFromExport(
        parseRegExport(`Windows Registry Editor Version 5.00\n${reg}`),
        browserPolicyRegistryRoots,
      ),
    );

  it('SPNEGO policy list beats prefs and is joined with ", "', () => {
    const registry = view(
      '[HKEY_LOCAL_MACHINE\\Software\\Policies\\Mozilla\\Firefox\\Authentication\\SPNEGO]\n"2"="fabrikam.com"\n"1"="contoso.com"\n' +
        '[HKEY_LOCAL_MACHINE\\Software\\Policies\\Mozilla\\Firefox\\Authentication\\AllowNonFQDN]\n"SPNEGO"=dword:00000001\n',
    );
    const settings = readFirefoxAuthSettings(
      registry,
      new Map([['network.negotiate-auth.trusted-uris', 'other.org']]),
    );
    expect(settings).toMatchObject({
      trustedUris: 'contoso.com, fabrikam.com',
      trustedUrisSource: { level: 'policy', hive: 'HKLM' },
      allowNonFqdn: true,
    });
    expect(
      firefoxDecision(settings, { scheme: 'https', host: 'intranet.contoso.com', port: 443 }).allowed,
    ).toBe(true);
    expect(firefoxDecision(settings, { scheme: 'https', host: 'www.other.org', port: 443 }).allowed).toBe(
      false,
    );
  });

  const spnegoPolicy =
    '[HKEY_LOCAL_MACHINE\\Software\\Policies\\Mozilla\\Firefox\\Authentication\\SPNEGO]\n"1"="fabrikam.com"\n';
  const lockedValue = (data: number) =>
    `[HKEY_LOCAL_MACHINE\\Software\\Policies\\Mozilla\\Firefox\\Authentication]\n"Locked"=dword:0000000${data}\n`;
  const ownList = new Map([['network.negotiate-auth.trusted-uris', 'contoso.com']]);

  it('Locked absent: the policy locks the list (Firefox default, Policies.jsm), the profile value is ignored', () => {
    const settings = readFirefoxAuthSettings(view(spnegoPolicy), ownList);
    expect(settings).toMatchObject({
      trustedUris: 'fabrikam.com',
      trustedUrisSource: { level: 'policy', hive: 'HKLM', locked: true },
    });
    expect(lockedTrustedUrisPolicy(settings)).toEqual({
      hive: 'HKLM',
      keyPath: 'Software\\Policies\\Mozilla\\Firefox\\Authentication\\SPNEGO',
    });
  });

  it('Locked = 1 locks too', () => {
    const settings = readFirefoxAuthSettings(view(spnegoPolicy + lockedValue(1)), ownList);
    expect(settings.trustedUrisSource).toMatchObject({ level: 'policy', locked: true });
  });

  it('Locked = 0: the policy list is only a default; a value of the profile wins, none keeps the default', () => {
    const overridden = readFirefoxAuthSettings(view(spnegoPolicy + lockedValue(0)), ownList);
    expect(overridden).toMatchObject({
      trustedUris: 'contoso.com',
      trustedUrisSource: { level: 'prefs', overridesPolicy: { hive: 'HKLM' } },
    });
    expect(lockedTrustedUrisPolicy(overridden)).toBeNull();
    const asDefault = readFirefoxAuthSettings(view(spnegoPolicy + lockedValue(0)), new Map());
    expect(asDefault).toMatchObject({
      trustedUris: 'fabrikam.com',
      trustedUrisSource: { level: 'policy', locked: false },
    });
    expect(lockedTrustedUrisPolicy(asDefault)).toBeNull();
  });

  it('without policy, prefs decide; without prefs, the empty default', () => {
    expect(
      readFirefoxAuthSettings(view(''), new Map([['network.negotiate-auth.trusted-uris', 'contoso.com']])),
    ).toMatchObject({
      trustedUris: 'contoso.com',
      trustedUrisSource: { level: 'prefs' },
      allowNonFqdn: false,
    });
    expect(readFirefoxAuthSettings(view(''), new Map())).toMatchObject({
      trustedUris: '',
      trustedUrisSource: { level: 'default' },
    });
  });
});
