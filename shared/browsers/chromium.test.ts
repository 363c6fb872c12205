/** Chrome/Edge AuthServerAllowlist (proxy-bypass-rule syntax), CNAME and port policies (reference §2.4). */
import { describe, expect, it } from 'vitest';
import { createRegistryView } from '../host/registry-view.js';
import { fetchedTreesFromExport, parseRegExport } from '../windows-output/reg-export.js';
import { zoneCauseApplicability } from './browser-applicability.js';
import { browserPolicyRegistryRoots } from './browser-policy-paths.js';
import { matchChromiumBypassRules, parseChromiumBypassRules } from './chromium-bypass-rules.js';
import {
  chromiumSilentLogon,
  chromiumSpn,
  negotiateSchemeDisabled,
  readChromiumAuthPolicies,
} from './chromium-auth-policy.js';

const view = (reg: string) =>
  createRegistryView(
    fetchedTreesFromExport(
      parseRegExport(`Windows Registry Editor Version 5.00\n${reg}`),
      browserPolicyRegistryRoots,
    ),
  );

describe('proxy-bypass rules as the allowlist uses them', () => {
  const match = (list: string, host: string, scheme = 'https', port: number | null = 443) =>
    matchChromiumBypassRules(parseChromiumBypassRules(list), { scheme, host, port })?.text ?? null;

  it.each([
    ['*.example.com,example.com', 'www.example.com', '*.example.com'],
    ['*.example.com,example.com', 'example.com', 'example.com'],
    ['*.example.com', 'example.com', null],
    ['*contoso.com,contoso.com', 'intranet.contoso.com', '*contoso.com'],
    ['*contoso.com', 'notcontoso.com', '*contoso.com'],
    ['example.com', 'www.example.com', null],
    ['.example.com', 'a.example.com', '.example.com'],
    ['.example.com', 'example.com', null],
    ['<local>', 'web01', '<local>'],
    ['<local>', 'web01.contoso.com', null],
    ['10.0.0.0/8', '10.20.30.40', '10.0.0.0/8'],
    ['10.0.0.0/8', '11.0.0.1', null],
    ['https://secure.contoso.com', 'secure.contoso.com', 'https://secure.contoso.com'],
    ['localhost', 'localhost', 'localhost'],
    ['*', 'anything.example.org', '*'],
  ])('list %j, host %s -> %s', (list, host, expected) => {
    expect(match(list, host)).toBe(expected);
  });

  it('scheme and port restrict a rule', () => {
    expect(match('https://secure.contoso.com', 'secure.contoso.com', 'http', 80)).toBeNull();
    expect(match('web.contoso.com:8080', 'web.contoso.com', 'http', 8080)).toBe('web.contoso.com:8080');
    expect(match('web.contoso.com:8080', 'web.contoso.com', 'http', 80)).toBeNull();
  });

  it('loopback is not implicitly allowed (the allowlist subtracts it)', () => {
    expect(match('*.example.com', 'localhost')).toBeNull();
    expect(match('*.example.com', '127.0.0.1')).toBeNull();
  });

  it('reports unreadable entries', () => {
    expect(parseChromiumBypassRules('good.com; bad entry; 10.0.0.0/40').unreadable).toEqual([
      'bad entry',
      '10.0.0.0/40',
    ]);
  });
});

describe('reading Chrome and Edge policies', () => {
  const reg = [
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome]',
    '"AuthServerAllowlist"="*.contoso.com"',
    '"EnableAuthNegotiatePort"=dword:00000001',
    '[HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Google\\Chrome]',
    '"AuthServerAllowlist"="*.fabrikam.com"',
    '"DisableAuthNegotiateCnameLookup"=dword:00000001',
    '[HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Microsoft\\Edge]',
    '"AuthServerWhitelist"="intranet.contoso.com"',
    '"AuthSchemes"="basic,ntlm"',
  ].join('\n');

  it('HKLM policy wins over HKCU; the old Whitelist name is read', () => {
    const chrome = readChromiumAuthPolicies(view(reg), 'chrome');
    expect(chrome.authServerAllowlist).toMatchObject({ value: '*.contoso.com', hive: 'HKLM' });
    expect(chrome.disableCnameLookup).toMatchObject({ value: true, hive: 'HKCU' });
    const edge = readChromiumAuthPolicies(view(reg), 'edge');
    expect(edge.authServerAllowlist).toMatchObject({
      value: 'intranet.contoso.com',
      valueName: 'AuthServerWhitelist',
    });
    expect(negotiateSchemeDisabled(edge)).toBe(true);
    expect(negotiateSchemeDisabled(chrome)).toBe(false);
  });

  it('allowlist set: it decides; unset: zones decide', () => {
    const chrome = readChromiumAuthPolicies(view(reg), 'chrome');
    expect(
      chromiumSilentLogon(chrome, { scheme: 'https', host: 'app.contoso.com', port: 443 }),
    ).toMatchObject({ decidedBy: 'allowlist', silent: true });
    expect(
      chromiumSilentLogon(chrome, { scheme: 'https', host: 'app.fabrikam.com', port: 443 }),
    ).toMatchObject({ decidedBy: 'allowlist', silent: false });
    expect(
      chromiumSilentLogon(readChromiumAuthPolicies(view(''), 'chrome'), {
        scheme: 'https',
        host: 'x',
        port: 443,
      }),
    ).toEqual({ decidedBy: 'zones' });
  });

  it('SPN: canonical name unless CNAME lookup is disabled; port only when enabled and non-standard', () => {
    const chrome = readChromiumAuthPolicies(view(reg), 'chrome');
    expect(chromiumSpn(chrome, 'web.contoso.com', 'srv01.contoso.com', 8080)).toBe(
      'HTTP/web.contoso.com:8080',
    );
    expect(chromiumSpn(chrome, 'web.contoso.com', 'srv01.contoso.com', 443)).toBe('HTTP/web.contoso.com');
    const none = readChromiumAuthPolicies(view(''), 'chrome');
    expect(chromiumSpn(none, 'web.contoso.com', 'srv01.contoso.com', 8080)).toBe('HTTP/srv01.contoso.com');
    expect(chromiumSpn(none, 'web.contoso.com', null, 80)).toBe('HTTP/web.contoso.com');
  });

  it('which browsers a zone cause applies to', () => {
    const chrome = readChromiumAuthPolicies(view(reg), 'chrome');
    const edge = readChromiumAuthPolicies(view(''), 'edge');
    const applicability = zoneCauseApplicability(chrome, edge);
    expect(applicability.zoneFollowers).toEqual(['Internet Explorer', 'Edge']);
    expect(applicability.sentence).toContain('Chrome uses the AuthServerAllowlist policy instead of zones');
    expect(applicability.sentence).toContain('Firefox never uses Windows zones');
  });
});
