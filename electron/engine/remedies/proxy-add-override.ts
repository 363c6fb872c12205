/**
 * Remedy `proxy.add-override` for proxy-in-path: add the host to WinINet's proxy exceptions
 * (`ProxyOverride`, REG_SZ, `;`-separated, reference §7.7) in HKCU, keeping every existing entry
 * and `<local>` last, as Internet Options writes it. The host is checked to be a plain host name
 * or IPv4 address, so it can never add a second entry or a wildcard.
 */
import { proxyOverrideWithHost } from '../../../shared/proxy/proxy-override.js';
import {
  routeThroughWinInetProxy,
  readWinInetProxySettings,
} from '../../../shared/proxy/wininet-proxy-settings.js';
import {
  internetSettingsPath,
  internetSettingsPolicyPath,
} from '../../../shared/zones/internet-settings-paths.js';
import { readRegistryRoots } from '../probes/read-registry-roots.js';
import { RemedyPreconditionError } from './remedy.js';
import type { WorkstationRemedyDefinition } from './workstation-remedy.js';

const hostPattern = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))*$/i;

export const proxyAddOverride: WorkstationRemedyDefinition = {
  id: 'proxy.add-override',
  async change(params, { host }) {
    const target = params['host'];
    if (typeof target !== 'string' || !hostPattern.test(target))
      throw new RemedyPreconditionError('the offer does not name a plain host name');
    const { view } = await readRegistryRoots(host, [
      { key: { hive: 'HKCU', path: internetSettingsPath }, depth: 0 },
      { key: { hive: 'HKLM', path: internetSettingsPolicyPath }, depth: 0 },
    ]);
    const settings = readWinInetProxySettings(view);
    if (settings.perMachine)
      throw new RemedyPreconditionError(
        'proxy settings are per machine here (ProxySettingsPerUser = 0); IT has to add the exception',
      );
    const route = routeThroughWinInetProxy(settings, { scheme: 'https', host: target, port: 443 });
    const routeHttp = routeThroughWinInetProxy(settings, { scheme: 'http', host: target, port: 80 });
    if (route.route !== 'proxy' && routeHttp.route !== 'proxy')
      throw new RemedyPreconditionError(
        `${target} does not go through the proxy any more; nothing to change`,
      );
    const value = proxyOverrideWithHost(settings.override, target.toLowerCase());
    return {
      summary: `Add ${target} to the proxy exceptions ("Do not use proxy server for addresses beginning with"), so the browser talks to it directly.`,
      operations: [
        {
          op: 'registry.setValue',
          key: { hive: 'HKCU', path: internetSettingsPath },
          name: 'ProxyOverride',
          value: { type: 'REG_SZ', data: value },
        },
      ],
      notes: ['Close every window of your browser and open it again for the change to take effect.'],
    };
  },
};
