/**
 * Probe `dns:name`: how the site's host name resolves (A and CNAME records, a short name's
 * search suffix) and the SPN browsers build from it — the canonical name, not the alias
 * (reference §2.4, §7.3). On a real machine through Node's resolver with the engine's DNS
 * settings (electron/live/network.ts); on a simulated one through the scenario's DNS.
 */
import { dnsNameProbeId, type DnsNameFacts } from '../../../shared/live/dns-name-evidence.js';
import type { Evidence } from '../../../shared/model/evidence.js';
import { browserSpnForms } from '../../../shared/spn/browser-spn.js';
import { createNodeNetwork, type NameResolution } from '../../live/network.js';
import type { Probe } from '../probe.js';

function describe(resolution: NameResolution, spn: string | null): string {
  if (resolution.failure) return resolution.failure.message;
  const name =
    resolution.searchSuffix !== null
      ? `${resolution.host} (a short name, found as ${resolution.queriedName})`
      : resolution.host;
  const records = resolution.canonicalName
    ? `${name} is an alias (CNAME) of ${resolution.canonicalName}, at ${resolution.addresses.join(', ')}`
    : `${name} is an A record for ${resolution.addresses.join(', ')}`;
  return `${records}. ${spn ? `Browsers ask for ${spn}.` : 'Browsers use no Kerberos for an IP address.'}`;
}

function recordLines(resolution: NameResolution): string {
  const lines = [
    ...resolution.cnameChain
      .slice(0, -1)
      .map((name, index) => `${name}\tCNAME\t${resolution.cnameChain[index + 1] ?? ''}`),
    ...resolution.addresses.map(
      (address) => `${resolution.cnameChain.at(-1) ?? resolution.host}\tA\t${address}`,
    ),
  ];
  if (resolution.failure) lines.push(`${resolution.host}: ${resolution.failure.message}`);
  return lines.join('\n');
}

export const dnsNameProbe: Probe = {
  id: dnsNameProbeId,
  title: 'How this computer finds the site’s name in DNS, and which service name (SPN) browsers ask for',
  async run({ host, target, liveTest }) {
    const url = new URL(target.url);
    const simulated = host.simulatedSignIn?.(target.url) ?? null;
    const network =
      simulated?.network ??
      createNodeNetwork({
        ...(liveTest?.timeoutMs !== undefined ? { timeoutMs: liveTest.timeoutMs } : {}),
        ...(liveTest?.dnsServer ? { dnsServer: liveTest.dnsServer } : {}),
        ...(liveTest?.dnsSearch ? { dnsSearch: liveTest.dnsSearch } : {}),
      });
    const resolution = await network.resolve(url.hostname);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const forms = browserSpnForms({
      host: resolution.failure ? url.hostname : resolution.queriedName,
      port,
      scheme: url.protocol === 'https:' ? 'https' : 'http',
      canonicalName: resolution.canonicalName,
      dnsDomain: resolution.searchSuffix,
    });
    const facts: DnsNameFacts = {
      host: resolution.host,
      resolver: resolution.resolver,
      queriedName: resolution.queriedName,
      searchSuffix: resolution.searchSuffix,
      cnameChain: [...resolution.cnameChain],
      canonicalName: resolution.canonicalName,
      addresses: [...resolution.addresses],
      failure: resolution.failure,
      browserSpn: forms.requested,
      aliasSpn: forms.aliasForm,
    };
    const evidence: Evidence<'dns-name'> = {
      id: `dns-name-${url.hostname}`,
      probe: dnsNameProbeId,
      kind: 'dns-name',
      status: resolution.failure ? 'problem' : 'info',
      summary: `${simulated ? 'Simulated: ' : ''}${describe(resolution, forms.requested)}`,
      facts,
      raw: [
        { label: `DNS lookup of ${url.hostname} (${resolution.resolver})`, text: recordLines(resolution) },
      ],
    };
    return [evidence];
  },
};
