/**
 * The firefox-files primitive, Node side (scripts/firefox-files.ps1; reference §2.5): what is
 * sent is fixed text plus one base64 literal whatever the profile path or user.js text holds,
 * profiles that would leave the Firefox folder are refused before anything is sent, the
 * elevated session never touches them, and the 5.1 answers (reconstructed fixtures) parse.
 */
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { effectiveFirefoxPrefs } from '../../../shared/browsers/firefox-prefs.js';
import {
  firefoxStartupProfile,
  parseFirefoxProfilesIni,
} from '../../../shared/browsers/firefox-profiles-ini.js';
import { HostError } from '../host.js';
import { createPowerShellHost } from './create-powershell-host.js';
import { PowerShellHost } from './powershell-host.js';
import type { PrimitiveRunner } from './primitive-runner.js';
import { defaultScriptsDirectory } from './primitive-scripts.js';
import { CapturingPowerShellSession, printedResult } from './testing/capturing-powershell-session.js';

const fixture = (name: string) =>
  readFileSync(
    new URL(`./fixtures/firefox-files.${name}.reconstructed.json`, import.meta.url),
    'utf8',
  ).trim();
const script = readFileSync(`${defaultScriptsDirectory()}/firefox-files.ps1`, 'utf8')
  .replace(/\r\n/g, '\n')
  .trimEnd();

function hostAnswering(answer: string) {
  const session = new CapturingPowerShellSession(() => printedResult(answer));
  return { host: createPowerShellHost({ startSession: () => session }), session };
}

function sentArguments(text: string): unknown {
  const match = /-ArgumentsBase64 '([A-Za-z0-9+/]*={0,2})' \| Out-Null\n\n$/.exec(text);
  expect(match, 'fixed text + one base64 literal').not.toBeNull();
  return JSON.parse(Buffer.from(match?.[1] ?? '', 'base64').toString('utf8'));
}

const profile = { path: 'Profiles/k7wqz1ph.default-release', isRelative: true };

describe('firefox-files primitive', () => {
  it('reads profiles.ini, then the startup profile, from 5.1 output (CRLF, \\u escapes)', async () => {
    const { host, session } = hostAnswering(fixture('read-profile'));
    const read = await host.readFirefoxFiles(profile);
    expect(session.sent[0]).toContain(script);
    expect(sentArguments(session.sent[0] ?? '')).toEqual({ action: 'read', profile });
    expect(read.running).toBe(false);
    expect(read.userJs).toBeNull();
    expect(firefoxStartupProfile(parseFirefoxProfilesIni(read.profilesIni ?? ''))?.profile).toEqual(profile);
    const prefs = effectiveFirefoxPrefs(read.prefsJs, read.userJs);
    expect(prefs.get('browser.startup.homepage')).toBe('https://intranet.contoso.com/caf\u00e9');
    expect(prefs.get('network.negotiate-auth.trusted-uris')).toBe('fabrikam.com');
  });

  it('Firefox never run for this user: every file null, and it says whether Firefox runs', async () => {
    const { host, session } = hostAnswering(fixture('not-installed'));
    expect(await host.readFirefoxFiles(null)).toEqual({
      profilesIni: null,
      running: true,
      prefsJs: null,
      userJs: null,
    });
    expect(sentArguments(session.sent[0] ?? '')).toEqual({ action: 'read', profile: null });
  });

  it("a write while Firefox runs is the script's one-line refusal", async () => {
    const { host } = hostAnswering(fixture('write-while-running'));
    await expect(host.writeFirefoxUserJs(profile, 'user_pref("a", 1);\n')).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringContaining('Firefox is open') as unknown,
    });
  });

  it('hostile user.js text and profile names travel only inside the base64 literal', async () => {
    const hostile = "$(calc) `whoami` '; calc; ' \"; calc; \" \u2018x\u2019 @'\nhere\n'@ \u{1F600}";
    const { host, session } = hostAnswering('{"ok":true,"value":{"written":true}}');
    await host.writeFirefoxUserJs({ path: 'Profiles/$(calc) \u2018x\u2019', isRelative: true }, hostile);
    const sent = session.sent[0] ?? '';
    expect(sent).not.toContain('$(calc) `whoami`');
    expect(sent).not.toContain('\u2018x\u2019');
    expect(sentArguments(sent)).toEqual({
      action: 'write-user-js',
      profile: { path: 'Profiles/$(calc) \u2018x\u2019', isRelative: true },
      text: hostile,
    });
  });

  it('refuses before sending: "..", a rooted "relative" path, control characters, an over-long text', async () => {
    const { host, session } = hostAnswering('{"ok":true,"value":{"written":true}}');
    for (const bad of [
      { path: 'Profiles/../../../Windows', isRelative: true },
      { path: 'C:\\Windows', isRelative: true },
      { path: 'Profiles/a\nb', isRelative: true },
      { path: 'Profiles/a*', isRelative: true },
    ]) {
      await expect(host.readFirefoxFiles(bad)).rejects.toBeInstanceOf(HostError);
    }
    await expect(host.writeFirefoxUserJs(profile, 'x'.repeat(512 * 1024 + 1))).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    expect(session.sent).toEqual([]);
  });

  it("the elevated session refuses: its %APPDATA% may be another administrator's", async () => {
    const runner: PrimitiveRunner = {
      run: () => Promise.reject(new Error('must not run')),
      close: () => Promise.resolve(),
    };
    const elevated = new PowerShellHost({ runner, scope: 'elevated' });
    await expect(elevated.readFirefoxFiles(profile)).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(elevated.writeFirefoxUserJs(profile, null)).rejects.toMatchObject({
      code: 'invalid-argument',
    });
  });
});
