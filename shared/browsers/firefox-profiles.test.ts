/**
 * Firefox profiles.ini (which profile Firefox starts with) and user.js editing (reference §2.5).
 * The profiles.ini fixtures are reconstructed from the documented format (names say so).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firefoxProfileRefSchema } from './firefox-profile-files.js';
import { FirefoxPrefsError, parseFirefoxPrefs } from './firefox-prefs.js';
import {
  FirefoxProfilesIniError,
  firefoxStartupProfile,
  parseFirefoxProfilesIni,
} from './firefox-profiles-ini.js';
import { userJsWithPref } from './firefox-user-js.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const trusted = 'network.negotiate-auth.trusted-uris';

describe('profiles.ini', () => {
  it('the [Install…] default decides over Default=1 (Firefox 67 and later)', () => {
    const ini = parseFirefoxProfilesIni(fixture('profiles.reconstructed.ini'));
    expect(ini.profiles.map((entry) => entry.name)).toEqual(['default', 'default-release']);
    expect(firefoxStartupProfile(ini)).toMatchObject({
      name: 'default-release',
      profile: { path: 'Profiles/k7wqz1ph.default-release', isRelative: true },
    });
  });

  it('an absolute profile path (IsRelative=0), CRLF line ends', () => {
    const ini = parseFirefoxProfilesIni(fixture('profiles-absolute.reconstructed.ini'));
    expect(firefoxStartupProfile(ini)).toMatchObject({
      name: 'work',
      profile: { path: 'D:\\FirefoxProfiles\\work', isRelative: false },
    });
  });

  it('without an install default: Default=1, else the only profile, else none', () => {
    expect(
      firefoxStartupProfile(parseFirefoxProfilesIni('[Profile0]\nPath=a\n[Profile1]\nPath=b\nDefault=1\n'))
        ?.profile.path,
    ).toBe('b');
    expect(firefoxStartupProfile(parseFirefoxProfilesIni('[Profile0]\nPath=only\n'))?.profile.path).toBe(
      'only',
    );
    expect(
      firefoxStartupProfile(parseFirefoxProfilesIni('[Profile0]\nPath=a\n[Profile1]\nPath=b\n')),
    ).toBeNull();
  });

  it('refuses paths that leave the profile directory and lines it cannot read', () => {
    expect(() => parseFirefoxProfilesIni('[Profile0]\nIsRelative=1\nPath=../../Windows\n')).toThrow(
      FirefoxProfilesIniError,
    );
    expect(() => parseFirefoxProfilesIni('[Profile0]\nIsRelative=1\nPath=C:\\Windows\n')).toThrow(
      /relative profile path/,
    );
    expect(() => parseFirefoxProfilesIni('Path=outside-a-section\n')).toThrow(/line 1/);
    expect(firefoxProfileRefSchema.safeParse({ path: 'Profiles/a\nb', isRelative: true }).success).toBe(
      false,
    );
  });
});

describe('user.js with one pref set', () => {
  it('creates the file when there is none', () => {
    const text = userJsWithPref(null, trusted, 'intranet.contoso.com');
    expect(text).toBe('user_pref("network.negotiate-auth.trusted-uris", "intranet.contoso.com");\n');
  });

  it('replaces the existing line in place and keeps every other line (comments included)', () => {
    const existing =
      '// managed by hand\nuser_pref("browser.startup.homepage", "https://intranet.contoso.com");\nuser_pref("network.negotiate-auth.trusted-uris", "fabrikam.com");\n';
    const text = userJsWithPref(existing, trusted, 'fabrikam.com, intranet.contoso.com');
    expect(text.split('\n')).toEqual([
      '// managed by hand',
      'user_pref("browser.startup.homepage", "https://intranet.contoso.com");',
      'user_pref("network.negotiate-auth.trusted-uris", "fabrikam.com, intranet.contoso.com");',
      '',
    ]);
  });

  it('keeps CRLF line ends and appends when the pref is not there', () => {
    const text = userJsWithPref('user_pref("a.b", true);\r\n', trusted, 'x.contoso.com');
    expect(text).toBe(
      'user_pref("a.b", true);\r\nuser_pref("network.negotiate-auth.trusted-uris", "x.contoso.com");\r\n',
    );
  });

  it('hostile host text stays one string value', () => {
    const value = 'a"); user_pref("network.negotiate-auth.delegation-uris", "*';
    const prefs = parseFirefoxPrefs(userJsWithPref(null, trusted, value));
    expect([...prefs.entries()]).toEqual([[trusted, value]]);
  });

  it('refuses to edit a user.js it cannot read', () => {
    expect(() => userJsWithPref('user_pref("broken", ;\n', trusted, 'x')).toThrow(FirefoxPrefsError);
  });
});
