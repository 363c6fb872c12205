/**
 * The Internet Options and browser probes of the workstation (issue 5), under the ids the
 * decision tree plans (shared/wizard/decision-tree.ts):
 *  - `browser:negotiate-settings`: EnableNegotiate and DisableNTLMPreAuth (reference §2.1, §2.2);
 *  - `proxy:settings`: whether WinINet sends the target through a fixed proxy (§7.7);
 *  - `browser:allow-lists`: Chrome/Edge `AuthServerAllowlist` and Firefox's trusted-uris (policy and
 *    profile prefs, read through the host from profiles.ini, prefs.js and user.js) (§2.4, §2.5).
 */
import {
  chromiumSilentLogon,
  readChromiumAuthPolicies,
} from '../../../shared/browsers/chromium-auth-policy.js';
import { firefoxDecision, readFirefoxAuthSettings } from '../../../shared/browsers/firefox-auth-settings.js';
import {
  browserPolicyRegistryRoots,
  firefoxAuthenticationPolicyPath,
} from '../../../shared/browsers/browser-policy-paths.js';
import type { RegistryView } from '../../../shared/host/registry-view.js';
import type { Evidence } from '../../../shared/model/evidence.js';
import {
  readWinInetProxySettings,
  routeThroughWinInetProxy,
} from '../../../shared/proxy/wininet-proxy-settings.js';
import type { RegistryDword } from '../../../shared/rules/workstation/workstation-evidence.js';
import '../../../shared/rules/workstation/workstation-evidence.js';
import {
  internetSettingsPath,
  internetSettingsPolicyPath,
} from '../../../shared/zones/internet-settings-paths.js';
import { parseZoneUrl } from '../../../shared/zones/zone-url.js';
import type { Probe } from '../probe.js';
import { readFirefoxProfile } from './firefox-profiles.js';
import { readRegistryRoots } from './read-registry-roots.js';

function hkcuDword(view: RegistryView, valueName: string): RegistryDword {
  const value = view.value('HKCU', internetSettingsPath, valueName);
  return {
    value: value?.type === 'REG_DWORD' ? value.data : null,
    hive: 'HKCU',
    keyPath: internetSettingsPath,
    valueName,
  };
}

function originOf(url: string): { scheme: string; host: string; port: number | null } {
  const parsed = parseZoneUrl(url);
  return { scheme: parsed.scheme, host: parsed.host, port: parsed.port };
}

export const negotiateSettingsProbe: Probe = {
  id: 'browser:negotiate-settings',
  title: 'Whether Windows sign-in is switched on in Internet Options',
  async run({ host }) {
    const { view, raw } = await readRegistryRoots(host, [
      { key: { hive: 'HKCU', path: internetSettingsPath }, depth: 0 },
    ]);
    const enableNegotiate = hkcuDword(view, 'EnableNegotiate');
    const disableNtlmPreAuth = hkcuDword(view, 'DisableNTLMPreAuth');
    const evidence: Evidence<'wininet-auth-settings'> = {
      id: 'wininet-auth-settings',
      probe: this.id,
      kind: 'wininet-auth-settings',
      status: enableNegotiate.value === 0 ? 'problem' : 'ok',
      summary: `Integrated Windows Authentication ${enableNegotiate.value === 0 ? 'is switched off' : 'is on'}; pre-authentication ${disableNtlmPreAuth.value === 1 ? 'is off (DisableNTLMPreAuth = 1)' : 'is on (the Windows default)'}.`,
      facts: { enableNegotiate, disableNtlmPreAuth },
      raw,
    };
    return [evidence];
  },
};

export const proxySettingsProbe: Probe = {
  id: 'proxy:settings',
  title: 'Whether the browser reaches the site through a proxy server',
  async run({ host, target }) {
    const { view, raw } = await readRegistryRoots(host, [
      { key: { hive: 'HKCU', path: internetSettingsPath }, depth: 0 },
      { key: { hive: 'HKLM', path: internetSettingsPath }, depth: 0 },
      { key: { hive: 'HKLM', path: internetSettingsPolicyPath }, depth: 0 },
    ]);
    const origin = originOf(target.url);
    const settings = readWinInetProxySettings(view);
    const route = routeThroughWinInetProxy(settings, origin);
    const evidence: Evidence<'proxy-route'> = {
      id: 'proxy-route',
      probe: this.id,
      kind: 'proxy-route',
      status: route.route === 'proxy' ? 'problem' : 'ok',
      summary:
        route.route === 'proxy'
          ? `${origin.host} is reached through the proxy ${route.proxy}.`
          : route.route === 'bypassed'
            ? `${origin.host} bypasses the proxy (ProxyOverride "${route.entry.text}").`
            : `${origin.host} is reached directly (${route.reason === 'proxy-disabled' ? 'no fixed proxy' : `no proxy for ${origin.scheme}`}).`,
      facts: { target: origin, settings, route },
      raw,
    };
    return [evidence];
  },
};

export const browserAllowListsProbe: Probe = {
  id: 'browser:allow-lists',
  title: 'Which servers Chrome, Edge and Firefox are allowed to sign in to',
  async run({ host, target }) {
    const { view, raw } = await readRegistryRoots(host, browserPolicyRegistryRoots);
    const origin = originOf(target.url);
    const profiles = await readFirefoxProfile(host);
    const chrome = readChromiumAuthPolicies(view, 'chrome');
    const edge = readChromiumAuthPolicies(view, 'edge');
    const firefox = readFirefoxAuthSettings(view, profiles.prefs);
    const firefoxPolicyPresent =
      view.key('HKLM', firefoxAuthenticationPolicyPath) !== null ||
      view.key('HKCU', firefoxAuthenticationPolicyPath) !== null;
    const firefoxPresent =
      profiles.profile !== null || firefoxPolicyPresent ? true : profiles.read ? false : null;
    const firefoxPart =
      firefox.trustedUrisSource.level === 'policy'
        ? `${firefox.trustedUrisSource.locked ? 'policy' : 'unlocked policy (a default)'} trusts "${firefox.trustedUris}"`
        : profiles.profile !== null
          ? `profile trusts "${firefox.trustedUris}"`
          : profiles.read
            ? 'not installed for you'
            : 'profile settings not read';
    // The SPN policies (§2.4) do not stop sign-in by themselves; they change which SPN is asked for.
    const spnNotes = [chrome, edge].flatMap((policies) => {
      const name = policies.browser === 'chrome' ? 'Chrome' : 'Edge';
      return [
        ...(policies.disableCnameLookup?.value
          ? [`${name} asks for HTTP/<the name as typed> (DisableAuthNegotiateCnameLookup)`]
          : []),
        ...(policies.enablePortInSpn?.value
          ? [`${name} adds a non-standard port to the SPN (EnableAuthNegotiatePort)`]
          : []),
      ];
    });
    const evidence: Evidence<'browser-auth-policies'> = {
      id: 'browser-auth-policies',
      probe: this.id,
      kind: 'browser-auth-policies',
      status: 'info',
      summary: `Chrome: ${chrome.authServerAllowlist ? `AuthServerAllowlist "${chrome.authServerAllowlist.value}"` : 'follows zones'}; Edge: ${
        edge.authServerAllowlist ? `AuthServerAllowlist "${edge.authServerAllowlist.value}"` : 'follows zones'
      }; Firefox: ${firefoxPart}.${spnNotes.length > 0 ? ` ${spnNotes.join('; ')}.` : ''}`,
      facts: {
        target: origin,
        chrome,
        chromeDecision: chromiumSilentLogon(chrome, origin),
        edge,
        edgeDecision: chromiumSilentLogon(edge, origin),
        firefox,
        firefoxDecision: firefoxDecision(firefox, origin),
        firefoxPrefsRead: profiles.profile !== null,
        firefoxPresent,
        firefoxProfile: profiles.profile ? { name: profiles.profile.name, ref: profiles.profile.ref } : null,
        firefoxRunning: profiles.running,
      },
      raw: [...raw, ...profiles.raw],
    };
    return [evidence];
  },
};
