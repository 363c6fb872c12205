/**
 * The workstation rules over evidence built by the same shared readers the probes use, from
 * registry exports: what each cause needs to be reported, what rules it out, and that a setting
 * a policy enforces gets no button — only the exact change IT has to make.
 */
import { describe, expect, it } from 'vitest';
import { chromiumSilentLogon, readChromiumAuthPolicies } from '../../browsers/chromium-auth-policy.js';
import { browserPolicyRegistryRoots } from '../../browsers/browser-policy-paths.js';
import { firefoxDecision, readFirefoxAuthSettings } from '../../browsers/firefox-auth-settings.js';
import type { FirefoxPrefValue } from '../../browsers/firefox-prefs.js';
import { createRegistryView, type RegistryView } from '../../host/registry-view.js';
import type { Evidence } from '../../model/evidence.js';
import type { Target } from '../../model/target.js';
import { readWinInetProxySettings, routeThroughWinInetProxy } from '../../proxy/wininet-proxy-settings.js';
import { fetchedTreesFromExport, parseRegExport } from '../../windows-output/reg-export.js';
import { effectiveZone, type WindowsZoneName } from '../../zones/effective-zone.js';
import { internetSettingsPath, internetSettingsPolicyPath } from '../../zones/internet-settings-paths.js';
import { logonActionForZone } from '../../zones/logon-action.js';
import { mapUrlToZone } from '../../zones/map-url-to-zone.js';
import { zoneRegistryRoots } from '../../zones/zone-registry-roots.js';
import type { RuleOutcome } from '../rule.js';
import { zoneNotIntranetRule } from '../zone-not-intranet.js';
import { browserNotConfiguredRule } from './browser-not-configured-rule.js';
import { localAccountNtlmRule } from './local-account-ntlm-rule.js';
import { negotiateDisabledRule } from './negotiate-disabled-rule.js';
import { ntlmPreauthClientRule } from './ntlm-preauth-client-rule.js';
import { proxyInPathRule } from './proxy-in-path-rule.js';
import { zoneLogonPromptRule } from './zone-logon-prompt-rule.js';

const HKCU = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const HKLM = 'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const HKLM_POLICY =
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const url = 'https://intranet.contoso.com/app';
const target: Target = { url, symptom: 'prompt-once-per-session' };
const origin = { scheme: 'https', host: 'intranet.contoso.com', port: 443 };

function view(reg: string, roots: Parameters<typeof fetchedTreesFromExport>[1]): RegistryView {
  return createRegistryView(
    fetchedTreesFromExport(parseRegExport(`Windows Registry Editor Version 5.00\n${reg}`), roots),
  );
}

function zoneEvidence(reg: string, windowsAnswer: WindowsZoneName | null = null): Evidence<'zone-mapping'> {
  const registry = view(reg, zoneRegistryRoots);
  const mapping = mapUrlToZone(url, registry, { isServer: false, domainJoined: true });
  const effective = effectiveZone(mapping, windowsAnswer);
  const logon = logonActionForZone(effective.zone, registry);
  return {
    id: 'zone-mapping',
    probe: 'zones:mapping',
    kind: 'zone-mapping',
    status: 'info',
    summary: '',
    facts: { mapping, effective, logon, windowsAnswer },
    raw: [],
  };
}

function browserEvidence(
  reg: string,
  firefox: { prefs?: Record<string, FirefoxPrefValue>; running?: boolean; installed?: boolean } = {},
): Evidence<'browser-auth-policies'> {
  const registry = view(reg, browserPolicyRegistryRoots);
  const chrome = readChromiumAuthPolicies(registry, 'chrome');
  const edge = readChromiumAuthPolicies(registry, 'edge');
  const settings = readFirefoxAuthSettings(registry, new Map(Object.entries(firefox.prefs ?? {})));
  const installed = firefox.installed ?? firefox.prefs !== undefined;
  return {
    id: 'browser-auth-policies',
    probe: 'browser:allow-lists',
    kind: 'browser-auth-policies',
    status: 'info',
    summary: '',
    facts: {
      target: origin,
      chrome,
      chromeDecision: chromiumSilentLogon(chrome, origin),
      edge,
      edgeDecision: chromiumSilentLogon(edge, origin),
      firefox: settings,
      firefoxDecision: firefoxDecision(settings, origin),
      firefoxPrefsRead: firefox.prefs !== undefined,
      firefoxPresent: installed,
      firefoxProfile:
        firefox.prefs !== undefined
          ? { name: 'default-release', ref: { path: 'Profiles/k7wqz1ph.default-release', isRelative: true } }
          : null,
      firefoxRunning: firefox.running ?? false,
    },
    raw: [],
  };
}

function wininetEvidence(
  enableNegotiate: number | null,
  disableNtlmPreAuth: number | null,
): Evidence<'wininet-auth-settings'> {
  const dword = (value: number | null, valueName: string) => ({
    value,
    hive: 'HKCU' as const,
    keyPath: internetSettingsPath,
    valueName,
  });
  return {
    id: 'wininet-auth-settings',
    probe: 'browser:negotiate-settings',
    kind: 'wininet-auth-settings',
    status: 'info',
    summary: '',
    facts: {
      enableNegotiate: dword(enableNegotiate, 'EnableNegotiate'),
      disableNtlmPreAuth: dword(disableNtlmPreAuth, 'DisableNTLMPreAuth'),
    },
    raw: [],
  };
}

const causes = (outcome: RuleOutcome) => outcome.findings.map((finding) => finding.cause);

describe('zone-not-intranet', () => {
  it('an Internet-zone site: the user can add it to Local intranet themselves', () => {
    const outcome = zoneNotIntranetRule({ target, evidence: [zoneEvidence('')] });
    expect(causes(outcome)).toEqual(['zone-not-intranet']);
    expect(outcome.findings[0]?.remedies).toMatchObject([
      { remedy: 'zone.add-to-intranet', available: true, params: { url } },
    ]);
    expect(outcome.findings[0]?.browsers).toBe(
      'Applies to Internet Explorer, Edge, Chrome (they follow the Windows zones). Firefox never uses Windows zones.',
    );
  });

  it('the site list is enforced by policy: no button, the Site to Zone Assignment List entry for IT', () => {
    const outcome = zoneNotIntranetRule({
      target,
      evidence: [zoneEvidence(`[${HKLM_POLICY}]\n"ListBox_Support_ZoneMapKey"=dword:00000001\n`)],
    });
    const remedy = outcome.findings[0]?.remedies[0];
    expect(remedy).toMatchObject({ available: false });
    expect(remedy?.unavailableReason).toContain('add the value name "intranet.contoso.com" with the value 1');
    expect(remedy?.unavailableReason).toContain(
      'HKLM\\Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMapKey',
    );
  });

  it('Windows itself says Local intranet although the registry reading says Internet: Windows decides, no finding', () => {
    const outcome = zoneNotIntranetRule({ target, evidence: [zoneEvidence('', 'Intranet')] });
    expect(causes(outcome)).toEqual([]);
    expect(outcome.ruledOut[0]?.summary).toContain(
      'Windows itself answers Local intranet, although the registry keys read here give Internet',
    );
  });

  it('a Trusted site with automatic logon is no finding, with the unverified Edge 87+ caveat (§1.7)', () => {
    const reg = `[${HKCU}\\ZoneMap\\Domains\\contoso.com\\intranet]\n"https"=dword:00000002\n`;
    const outcome = zoneNotIntranetRule({ target, evidence: [zoneEvidence(reg)] });
    expect(causes(outcome)).toEqual([]);
    expect(outcome.ruledOut[0]?.summary).toContain('Edge 87 and later may still ask for Trusted sites');
  });

  it('Chrome with an allowlist does not follow zones, and the finding says so', () => {
    const browsers = browserEvidence(
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome]\n"AuthServerAllowlist"="*.fabrikam.com"\n',
    );
    const outcome = zoneNotIntranetRule({ target, evidence: [zoneEvidence(''), browsers] });
    expect(outcome.findings[0]?.browsers).toContain(
      'Chrome uses the AuthServerAllowlist policy instead of zones here',
    );
  });
});

describe('zone-logon-prompt', () => {
  it("1A00 = prompt in the person's own settings: set it back (user)", () => {
    const reg = `[${HKCU}\\ZoneMap\\Domains\\contoso.com\\intranet]\n"https"=dword:00000001\n[${HKCU}\\Zones\\1]\n"1A00"=dword:00010000\n`;
    const outcome = zoneLogonPromptRule({ target, evidence: [zoneEvidence(reg)] });
    expect(outcome.findings[0]?.remedies).toMatchObject([
      { remedy: 'zone.set-logon-automatic', params: { zone: 1 }, available: true },
    ]);
  });

  it('1A00 = prompt by Group Policy "Logon options": no button, the policy value for IT', () => {
    const reg = `[${HKCU}\\ZoneMap\\Domains\\contoso.com\\intranet]\n"https"=dword:00000001\n[${HKLM_POLICY}\\Zones\\1]\n"1A00"=dword:00010000\n`;
    const remedy = zoneLogonPromptRule({ target, evidence: [zoneEvidence(reg)] }).findings[0]?.remedies[0];
    expect(remedy).toMatchObject({ available: false });
    expect(remedy?.unavailableReason).toContain(
      'For IT: set that policy to "Automatic logon only in Intranet zone" (1A00 = 0x20000)',
    );
  });

  it('1A00 = prompt only in the machine preferences (HKLM), nothing in HKCU: the HKCU fix is offered, since HKCU is read first', () => {
    const reg = `[${HKCU}\\ZoneMap\\Domains\\contoso.com\\intranet]\n"https"=dword:00000001\n[${HKLM}\\Zones\\1]\n"1A00"=dword:00010000\n`;
    const finding = zoneLogonPromptRule({ target, evidence: [zoneEvidence(reg)] }).findings[0];
    expect(finding?.remedies).toMatchObject([
      { remedy: 'zone.set-logon-automatic', params: { zone: 1 }, available: true },
    ]);
    expect(finding?.explanation).toContain('your own setting is read before the machine one');
  });

  it('the same under Security_HKLM_only = 1: no button, an administrator has to change the machine value', () => {
    const reg = `[${HKCU}\\ZoneMap\\Domains\\contoso.com\\intranet]\n"https"=dword:00000001\n[${HKLM}\\ZoneMap\\Domains\\contoso.com\\intranet]\n"https"=dword:00000001\n[${HKLM}\\Zones\\1]\n"1A00"=dword:00010000\n[${HKLM_POLICY}]\n"Security_HKLM_only"=dword:00000001\n`;
    const remedy = zoneLogonPromptRule({ target, evidence: [zoneEvidence(reg)] }).findings[0]?.remedies[0];
    expect(remedy).toMatchObject({ remedy: 'zone.set-logon-automatic', available: false });
    expect(remedy?.unavailableReason).toContain(
      'An administrator of this computer has to set HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Zones\\1\\1A00 to 0x20000',
    );
  });

  it('a locked-down zone set to prompt is reported, not taken for the browser setting (§1.7)', () => {
    const reg = `[${HKCU}\\ZoneMap\\Domains\\contoso.com\\intranet]\n"https"=dword:00000001\n[${HKCU}\\Lockdown_Zones\\1]\n"1A00"=dword:00010000\n`;
    const outcome = zoneLogonPromptRule({ target, evidence: [zoneEvidence(reg)] });
    expect(causes(outcome)).toEqual([]);
    expect(outcome.ruledOut[0]?.summary).toContain(
      'only applies to programs running under Local Machine Zone Lockdown',
    );
  });
});

describe('browser-not-configured', () => {
  it('Chrome policy excludes the host: no button, the AuthServerAllowlist value for IT; Edge without policy follows zones', () => {
    const outcome = browserNotConfiguredRule({
      target,
      evidence: [
        browserEvidence(
          '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome]\n"AuthServerAllowlist"="*.fabrikam.com"\n',
        ),
      ],
    });
    expect(causes(outcome)).toEqual(['browser-not-configured']);
    expect(outcome.findings[0]?.remedies).toEqual([]);
    expect(outcome.findings[0]?.explanation).toContain(
      'set AuthServerAllowlist to "*.fabrikam.com,intranet.contoso.com"',
    );
    expect(outcome.ruledOut.map((item) => item.summary)).toContain(
      'Edge has no AuthServerAllowlist policy, so it follows the Windows zones.',
    );
  });

  it('AuthSchemes without negotiate: no Kerberos in that browser, the scheme list for IT', () => {
    const outcome = browserNotConfiguredRule({
      target,
      evidence: [
        browserEvidence(
          '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge]\n"AuthSchemes"="basic,ntlm"\n',
        ),
      ],
    });
    expect(outcome.findings[0]?.explanation).toContain('leaves out "negotiate"');
    expect(outcome.findings[0]?.explanation).toContain('IT can set AuthSchemes to "basic,ntlm,negotiate"');
    expect(outcome.findings[0]?.browsers).toBe("Edge only (the setting is Edge's own).");
  });

  it('several browsers at once: one finding names each, and only Firefox gets a button', () => {
    const reg =
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome]\n"AuthServerAllowlist"="*.fabrikam.com"\n' +
      '[HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Microsoft\\Edge]\n"AuthServerWhitelist"="web01"\n';
    const outcome = browserNotConfiguredRule({ target, evidence: [browserEvidence(reg, { prefs: {} })] });
    expect(causes(outcome)).toEqual(['browser-not-configured']);
    expect(outcome.findings[0]?.browsers).toBe('Chrome, Edge and Firefox only (each has its own settings).');
    expect(outcome.findings[0]?.explanation).toContain(
      'HKCU\\SOFTWARE\\Policies\\Microsoft\\Edge\\AuthServerWhitelist = "web01"',
    );
    expect(outcome.findings[0]?.remedies.map((remedy) => remedy.remedy)).toEqual(['firefox.trust-host']);
  });

  it('Firefox prefs lack the host, Firefox closed: the user.js fix is offered', () => {
    const outcome = browserNotConfiguredRule({
      target,
      evidence: [browserEvidence('', { prefs: { 'network.negotiate-auth.trusted-uris': 'fabrikam.com' } })],
    });
    expect(outcome.findings[0]?.remedies).toMatchObject([
      {
        remedy: 'firefox.trust-host',
        available: true,
        params: { host: 'intranet.contoso.com', value: 'fabrikam.com, intranet.contoso.com' },
      },
    ]);
  });

  it('Firefox open: no button until it is closed, and the finding says why', () => {
    const outcome = browserNotConfiguredRule({
      target,
      evidence: [browserEvidence('', { prefs: {}, running: true })],
    });
    expect(outcome.findings[0]?.remedies[0]).toMatchObject({
      available: false,
      unavailableReason: expect.stringContaining('Firefox is open') as unknown,
    });
  });

  it('Firefox policy list (Locked absent, so locked): no button, what IT adds under the SPNEGO policy key', () => {
    const reg =
      '[HKEY_LOCAL_MACHINE\\Software\\Policies\\Mozilla\\Firefox\\Authentication\\SPNEGO]\n"1"="fabrikam.com"\n';
    const remedy = browserNotConfiguredRule({ target, evidence: [browserEvidence(reg, { prefs: {} })] })
      .findings[0]?.remedies[0];
    expect(remedy).toMatchObject({ available: false });
    expect(remedy?.unavailableReason).toContain(
      'Software\\Policies\\Mozilla\\Firefox\\Authentication\\SPNEGO',
    );
  });

  it('Firefox policy list with Locked = 0 (a default): the user.js fix is offered, keeping the policy sites', () => {
    const reg =
      '[HKEY_LOCAL_MACHINE\\Software\\Policies\\Mozilla\\Firefox\\Authentication]\n"Locked"=dword:00000000\n' +
      '[HKEY_LOCAL_MACHINE\\Software\\Policies\\Mozilla\\Firefox\\Authentication\\SPNEGO]\n"1"="fabrikam.com"\n';
    const finding = browserNotConfiguredRule({ target, evidence: [browserEvidence(reg, { prefs: {} })] })
      .findings[0];
    expect(finding?.remedies).toMatchObject([
      {
        remedy: 'firefox.trust-host',
        available: true,
        params: { host: 'intranet.contoso.com', value: 'fabrikam.com, intranet.contoso.com' },
      },
    ]);
    expect(finding?.explanation).toContain('Locked = 0: a default you may change');
  });

  it('Firefox unlocked policy but the profile could not be read: not reported (the profile may override it)', () => {
    const reg =
      '[HKEY_LOCAL_MACHINE\\Software\\Policies\\Mozilla\\Firefox\\Authentication]\n"Locked"=dword:00000000\n' +
      '[HKEY_LOCAL_MACHINE\\Software\\Policies\\Mozilla\\Firefox\\Authentication\\SPNEGO]\n"1"="fabrikam.com"\n';
    const outcome = browserNotConfiguredRule({
      target,
      evidence: [browserEvidence(reg, { installed: true })],
    });
    expect(outcome.findings).toEqual([]);
  });

  it('Firefox trusting the domain, or not installed: nothing to report', () => {
    expect(
      causes(
        browserNotConfiguredRule({
          target,
          evidence: [
            browserEvidence('', { prefs: { 'network.negotiate-auth.trusted-uris': '.contoso.com' } }),
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      causes(browserNotConfiguredRule({ target, evidence: [browserEvidence('', { installed: false })] })),
    ).toEqual([]);
  });
});

describe('Internet Options switches', () => {
  it('EnableNegotiate = 0 is negotiate-disabled; unset is the default (on)', () => {
    expect(causes(negotiateDisabledRule({ target, evidence: [wininetEvidence(0, null)] }))).toEqual([
      'negotiate-disabled',
    ]);
    const unset = negotiateDisabledRule({ target, evidence: [wininetEvidence(null, null)] });
    expect(causes(unset)).toEqual([]);
    expect(unset.ruledOut[0]?.summary).toContain('the default');
  });

  it('pre-authentication on (the Windows default) is no finding without server evidence; DisableNTLMPreAuth = 1 rules the cause out', () => {
    expect(
      ntlmPreauthClientRule({ target: { url, symptom: 'http-401' }, evidence: [wininetEvidence(1, null)] }),
    ).toEqual({ findings: [], ruledOut: [] });
    expect(ntlmPreauthClientRule({ target, evidence: [wininetEvidence(1, 1)] }).ruledOut).toHaveLength(1);
  });
});

describe('proxy-in-path', () => {
  const proxyEvidence = (reg: string): Evidence<'proxy-route'> => {
    const registry = view(reg, [
      { key: { hive: 'HKCU', path: internetSettingsPath }, depth: 0 },
      { key: { hive: 'HKLM', path: internetSettingsPath }, depth: 0 },
      { key: { hive: 'HKLM', path: internetSettingsPolicyPath }, depth: 0 },
    ]);
    const settings = readWinInetProxySettings(registry);
    return {
      id: 'proxy-route',
      probe: 'proxy:settings',
      kind: 'proxy-route',
      status: 'info',
      summary: '',
      facts: { target: origin, settings, route: routeThroughWinInetProxy(settings, origin) },
      raw: [],
    };
  };
  const proxied = `[${HKCU}]\n"ProxyEnable"=dword:00000001\n"ProxyServer"="proxy.contoso.com:8080"\n"ProxyOverride"="<local>"\n"AutoConfigURL"="http://wpad.contoso.com/proxy.pac"\n`;

  it('through the proxy: add the host to ProxyOverride (user); the proxy script is reported, not evaluated', () => {
    const finding = proxyInPathRule({ target, evidence: [proxyEvidence(proxied)] }).findings[0];
    expect(finding?.remedies).toMatchObject([{ remedy: 'proxy.add-override', available: true }]);
    expect(finding?.explanation).toContain('AutoConfigURL http://wpad.contoso.com/proxy.pac');
  });

  it('per-machine proxy settings (ProxySettingsPerUser = 0): no button', () => {
    const reg = `${proxied.replace(HKCU, 'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings')}[${HKLM_POLICY}]\n"ProxySettingsPerUser"=dword:00000000\n`;
    const remedy = proxyInPathRule({ target, evidence: [proxyEvidence(reg)] }).findings[0]?.remedies[0];
    expect(remedy).toMatchObject({ available: false });
    expect(remedy?.unavailableReason).toContain(
      'set HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ProxyOverride to "intranet.contoso.com;<local>"',
    );
  });
});

describe('local-account-ntlm', () => {
  const logon = (kind: 'domain' | 'local', machineDomain: string | null): Evidence<'logon-account'> => ({
    id: 'logon-account',
    probe: 'account:logon',
    kind: 'logon-account',
    status: 'info',
    summary: '',
    facts: {
      user: { name: 'alice', domain: kind === 'local' ? 'WS01' : 'CONTOSO', kind },
      computerName: 'WS01',
      machineDomain,
    },
    raw: [],
  });
  it('a local account, or a workgroup machine, is reported with nothing to click; a domain account rules it out', () => {
    expect(localAccountNtlmRule({ target, evidence: [logon('local', 'CONTOSO')] }).findings[0]).toMatchObject(
      { cause: 'local-account-ntlm', remedies: [] },
    );
    expect(causes(localAccountNtlmRule({ target, evidence: [logon('domain', null)] }))).toEqual([
      'local-account-ntlm',
    ]);
    expect(causes(localAccountNtlmRule({ target, evidence: [logon('domain', 'CONTOSO')] }))).toEqual([]);
  });
});
