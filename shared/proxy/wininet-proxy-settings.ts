/**
 * WinINet proxy settings as the registry holds them (reference §7.7): `ProxyEnable` (DWORD),
 * `ProxyServer` (`host:port` or `http=host:port;https=…`), `ProxyOverride`, `AutoConfigURL`,
 * under `Software\Microsoft\Windows\CurrentVersion\Internet Settings` of HKCU — or of HKLM
 * when the machine policy `ProxySettingsPerUser` = 0. The binary `Connections` blob is not
 * decoded here (precedence [U]); the readable values are reported as what they are.
 */
import type { RegistryHive } from '../host/registry.js';
import type { RegistryView } from '../host/registry-view.js';
import { internetSettingsPath, internetSettingsPolicyPath } from '../zones/internet-settings-paths.js';
import { findProxyBypassEntry, parseProxyOverride, type ProxyOverrideEntry } from './proxy-override.js';

export interface WinInetProxySettings {
  readonly hive: RegistryHive;
  readonly keyPath: string;
  readonly enabled: boolean;
  readonly server: string | null;
  readonly override: string | null;
  readonly overrideEntries: readonly ProxyOverrideEntry[];
  readonly unreadableOverrideEntries: readonly string[];
  readonly autoConfigUrl: string | null;
  /** True when the machine policy makes proxy settings per machine (ProxySettingsPerUser = 0). */
  readonly perMachine: boolean;
}

function stringValue(view: RegistryView, hive: RegistryHive, name: string): string | null {
  const value = view.value(hive, internetSettingsPath, name);
  return value && (value.type === 'REG_SZ' || value.type === 'REG_EXPAND_SZ') && value.data.length > 0
    ? value.data
    : null;
}

export function readWinInetProxySettings(view: RegistryView): WinInetProxySettings {
  const perUser = view.value('HKLM', internetSettingsPolicyPath, 'ProxySettingsPerUser');
  const perMachine = perUser?.type === 'REG_DWORD' && perUser.data === 0;
  const hive: RegistryHive = perMachine ? 'HKLM' : 'HKCU';
  const enable = view.value(hive, internetSettingsPath, 'ProxyEnable');
  const override = stringValue(view, hive, 'ProxyOverride');
  const parsed = parseProxyOverride(override ?? '');
  return {
    hive,
    keyPath: internetSettingsPath,
    enabled: enable?.type === 'REG_DWORD' && enable.data === 1,
    server: stringValue(view, hive, 'ProxyServer'),
    override,
    overrideEntries: parsed.entries,
    unreadableOverrideEntries: parsed.skipped,
    autoConfigUrl: stringValue(view, hive, 'AutoConfigURL'),
    perMachine,
  };
}

/** The proxy `host:port` WinINet uses for a scheme, from `ProxyServer` (`a:1` or `http=a:1;https=b:2`). */
export function proxyServerForScheme(server: string | null, scheme: string): string | null {
  if (server === null) return null;
  const parts = server
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (parts.length === 0) return null;
  if (!parts.some((part) => part.includes('='))) return parts[0] ?? null;
  for (const part of parts) {
    const [name, address] = part.split('=', 2);
    if (name?.trim().toLowerCase() === scheme && address) return address.trim();
  }
  return null;
}

export type ProxyRoute =
  | { readonly route: 'direct'; readonly reason: 'proxy-disabled' | 'no-proxy-for-scheme' }
  | { readonly route: 'bypassed'; readonly entry: ProxyOverrideEntry }
  | { readonly route: 'proxy'; readonly proxy: string };

/** Whether WinINet sends a request for this target through the fixed proxy (PAC scripts are not evaluated). */
export function routeThroughWinInetProxy(
  settings: WinInetProxySettings,
  target: { scheme: string; host: string; port: number | null },
): ProxyRoute {
  if (!settings.enabled) return { route: 'direct', reason: 'proxy-disabled' };
  const proxy = proxyServerForScheme(settings.server, target.scheme);
  if (proxy === null) return { route: 'direct', reason: 'no-proxy-for-scheme' };
  const entry = findProxyBypassEntry(settings.overrideEntries, target);
  return entry ? { route: 'bypassed', entry } : { route: 'proxy', proxy };
}
