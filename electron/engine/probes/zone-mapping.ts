/**
 * Probe `zones:mapping`: reads every ZoneMap/Zones key that can influence the URL's zone in
 * one pass, and lets the pure zone engine in shared/zones decide (reference §1).
 */
import { createRegistryView, type FetchedRegistryTree } from '../../../shared/host/registry-view.js';
import { formatRegQuery } from '../../../shared/host/reg-query-format.js';
import { effectiveZone } from '../../../shared/zones/effective-zone.js';
import { logonActionForZone } from '../../../shared/zones/logon-action.js';
import { mapUrlToZone } from '../../../shared/zones/map-url-to-zone.js';
import { zoneRegistryRoots } from '../../../shared/zones/zone-registry-roots.js';
import { zoneName } from '../../../shared/zones/zone-numbers.js';
import type { Evidence } from '../../../shared/model/evidence.js';
import '../../../shared/rules/zone-mapping-evidence.js';
import type { Probe } from '../probe.js';

export const zoneMappingProbe: Probe = {
  id: 'zones:mapping',
  title:
    'Which Internet Options security zone the address falls in, and whether that zone signs you in automatically',
  async run({ host, target, machine }) {
    const fetched: FetchedRegistryTree[] = [];
    for (const root of zoneRegistryRoots) {
      fetched.push({ root: root.key, tree: await host.readRegistryTree(root.key, root.depth) });
    }
    const registry = createRegistryView(fetched);
    const mapping = mapUrlToZone(target.url, registry, {
      isServer: machine.isServer,
      domainJoined: machine.domain !== null,
    });
    const windowsAnswer = (await host.windowsZoneForUrl(target.url))?.zone ?? null;
    const effective = effectiveZone(mapping, windowsAnswer);
    const logon = logonActionForZone(effective.zone, registry);
    const evidence: Evidence<'zone-mapping'> = {
      id: 'zone-mapping',
      probe: this.id,
      kind: 'zone-mapping',
      status: logon.silentLogon ? 'ok' : 'problem',
      summary: `${mapping.host} is in the ${zoneName(effective.zone)} zone (${effective.decidedBy === 'windows' ? 'as Windows itself answers' : 'from the registry'}); logon setting there: ${logon.setting}.`,
      facts: { mapping, effective, logon, windowsAnswer },
      raw: [
        ...fetched.map(({ root, tree }) => ({
          label: `reg query "${root.hive}\\${root.path}" /s`,
          text: formatRegQuery(root, tree),
        })),
        { label: 'How the zone was decided', text: [...mapping.consulted, effective.explanation].join('\n') },
        ...(windowsAnswer !== null
          ? [
              {
                label: `[System.Security.Policy.Zone]::CreateFromUrl('${target.url}').SecurityZone`,
                text: windowsAnswer,
              },
            ]
          : []),
      ],
    };
    return [evidence];
  },
};
