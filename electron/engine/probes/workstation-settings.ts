/**
 * Probe `workstation:internet-settings`: Internet Options switches that change Windows sign-in
 * (EnableNegotiate, DisableNTLMPreAuth; reference §2.1, §2.2), the WinINet proxy route for the
 * target (§7.7), and the Chrome/Edge/Firefox authentication policies (§2.4, §2.5), read from the
 * registry in one pass. Firefox's profile prefs need a file read the host does not offer yet:
 * only its policy part is known, and the evidence says so.
 */
import { chromiumSilentLogon, readChromiumAuthPolicies } from '../../../shared/browsers/chromium-auth-policy.js';
import { firefoxDecision, readFirefoxAuthSettings } from '../../../shared/browsers/firefox-auth-settings.js';
import { browserPolicyRegistryRoots, firefoxAuthenticationPolicyPath } from '../../../shared/browsers/browser-policy-paths.js';
import type { RegistryView } from '../../../shared/host/registry-view.js';
import type { Evidence } from '../../../shared/model/evidence.js';
import { readWinInetProxySettings, routeThroughWinInetProxy } from '../../../shared/proxy/wininet-proxy-settings.js';
import type { RegistryDword } from '../../../shared/rules/workstation/workstation-evidence.js';
import '../../../shared/rules/workstation/workstation-evidence.js';
import { internetSettingsPath, internetSettingsPolicyPath } from '../../../shared/zones/internet-settings-paths.js';
import { parseZoneUrl } from '../../../shared/zones/zone-url.js';
import type { Probe } from '../probe.js';
import { readRegistryRoots } from './read-registry-roots.js';

function hkcuDword(view: RegistryView, valueName: string): RegistryDword {
  const value = view.value('HKCU', internetSettingsPath, valueName);
  return { value: value?.type === 'REG_DWORD' ? value.data : null, hive: 'HKCU', keyPath: internetSettingsPath, valueName };
}

export const workstationSettingsProbe: Probe = {
  id: 'workstation:internet-settings',
  title: 'Internet Options sign-in switches, the proxy, and the browsers’ sign-in policies',
  async run({ host, target }) {
    const { view, raw } = await readRegistryRoots(host, [
      { key: { hive: 'HKCU', path: internetSettingsPath }, depth: 0 },
      { key: { hive: 'HKLM', path: internetSettingsPath }, depth: 0 },
      { key: { hive: 'HKLM', path: internetSettingsPolicyPath }, depth: 0 },
      ...browserPolicyRegistryRoots,
    ]);
    const url = parseZoneUrl(target.url);
    const origin = { scheme: url.scheme, host: url.host, port: url.port };

    const enableNegotiate = hkcuDword(view, 'EnableNegotiate');
    const disableNtlmPreAuth = hkcuDword(view, 'DisableNTLMPreAuth');
    const wininet: Evidence<'wininet-auth-settings'> = {
      id: 'wininet-auth-settings',
      probe: this.id,
      kind: 'wininet-auth-settings',
      status: enableNegotiate.value === 0 ? 'problem' : 'ok',
      summary: `Integrated Windows Authentication ${enableNegotiate.value === 0 ? 'is switched off' : 'is on'}; pre-authentication ${disableNtlmPreAuth.value === 1 ? 'is off (DisableNTLMPreAuth = 1)' : 'is on (default)'}.`,
      facts: { enableNegotiate, disableNtlmPreAuth },
      raw: raw.filter((output) => output.label.includes('Microsoft\\Windows\\CurrentVersion\\Internet Settings"')),
    };

    const settings = readWinInetProxySettings(view);
    const route = routeThroughWinInetProxy(settings, origin);
    const proxy: Evidence<'proxy-route'> = {
      id: 'proxy-route',
      probe: this.id,
      kind: 'proxy-route',
      status: route.route === 'proxy' ? 'problem' : 'ok',
      summary:
        route.route === 'proxy'
          ? `${url.host} is reached through the proxy ${route.proxy}.`
          : route.route === 'bypassed'
            ? `${url.host} bypasses the proxy (ProxyOverride "${route.entry.text}").`
            : `${url.host} is reached directly (${route.reason === 'proxy-disabled' ? 'no fixed proxy' : `no proxy for ${url.scheme}`}).`,
      facts: { target: origin, settings, route },
      raw: raw.filter((output) => output.label.includes('Internet Settings"')),
    };

    const chrome = readChromiumAuthPolicies(view, 'chrome');
    const edge = readChromiumAuthPolicies(view, 'edge');
    const firefox = readFirefoxAuthSettings(view, new Map());
    const firefoxPolicyPresent = view.key('HKLM', firefoxAuthenticationPolicyPath) !== null || view.key('HKCU', firefoxAuthenticationPolicyPath) !== null;
    const browsers: Evidence<'browser-auth-policies'> = {
      id: 'browser-auth-policies',
      probe: this.id,
      kind: 'browser-auth-policies',
      status: 'info',
      summary: `Chrome: ${chrome.authServerAllowlist ? `AuthServerAllowlist "${chrome.authServerAllowlist.value}"` : 'follows zones'}; Edge: ${
        edge.authServerAllowlist ? `AuthServerAllowlist "${edge.authServerAllowlist.value}"` : 'follows zones'
      }; Firefox: ${firefox.trustedUrisSource.level === 'policy' ? `policy trusts "${firefox.trustedUris}"` : 'profile settings not read'}.`,
      facts: {
        target: origin,
        chrome,
        chromeDecision: chromiumSilentLogon(chrome, origin),
        edge,
        edgeDecision: chromiumSilentLogon(edge, origin),
        firefox,
        firefoxDecision: firefoxDecision(firefox, origin),
        firefoxPrefsRead: false,
        firefoxPresent: firefoxPolicyPresent ? true : null,
      },
      raw: raw.filter((output) => output.label.includes('Policies\\Google') || output.label.includes('Policies\\Microsoft\\Edge') || output.label.includes('Mozilla')),
    };
    return [wininet, proxy, browsers];
  },
};
