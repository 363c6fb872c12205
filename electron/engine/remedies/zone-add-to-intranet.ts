/**
 * Remedy `zone.add-to-intranet` for zone-not-intranet: add the host to the user's own Local
 * intranet site list in HKCU ZoneMap (reference §1.3), exactly where urlmon looks for it.
 * User scope: no elevation. The precondition is re-checked against the registry as it is now.
 */
import { createRegistryView, type FetchedRegistryTree } from '../../../shared/host/registry-view.js';
import { formatRegistryData, formatRegistryKey } from '../../../shared/host/registry.js';
import type { ChangeOperation } from '../../../shared/model/change-plan.js';
import { effectiveZone } from '../../../shared/zones/effective-zone.js';
import { mapUrlToZone } from '../../../shared/zones/map-url-to-zone.js';
import { intranetSiteListEntry } from '../../../shared/zones/site-list-entry.js';
import { zoneRegistryRoots } from '../../../shared/zones/zone-registry-roots.js';
import { zoneName } from '../../../shared/zones/zone-numbers.js';
import { RemedyPreconditionError, type Remedy } from './remedy.js';

export const zoneAddToIntranetRemedy: Remedy = {
  id: 'zone.add-to-intranet',
  async plan(offer, { host, machine }) {
    const url = offer.params['url'];
    if (typeof url !== 'string') throw new RemedyPreconditionError('the offer does not name a URL');
    const fetched: FetchedRegistryTree[] = [];
    for (const root of zoneRegistryRoots)
      fetched.push({ root: root.key, tree: await host.readRegistryTree(root.key, root.depth) });
    const registry = createRegistryView(fetched);
    const mapping = mapUrlToZone(url, registry, {
      isServer: machine.isServer,
      domainJoined: machine.domain !== null,
    });
    // The zone the finding went by: Windows' own answer when it can be asked (effective-zone.ts).
    const effective = effectiveZone(mapping, (await host.windowsZoneForUrl(url))?.zone ?? null);
    if (effective.zone === 1)
      throw new RemedyPreconditionError(
        `${mapping.host} is already in the Local intranet zone; nothing to change`,
      );
    if (mapping.userSiteListLocked) {
      throw new RemedyPreconditionError(
        `the site list is now set by policy (${mapping.lockedBy ?? 'Group Policy'}); IT has to add ${mapping.host}`,
      );
    }
    const entry = intranetSiteListEntry(url, registry);
    const values = [{ name: entry.valueName, value: entry.value }, ...(entry.extraValues ?? [])];
    const operations: ChangeOperation[] = values.map(({ name, value }) => ({
      op: 'registry.setValue',
      key: entry.key,
      name,
      value,
    }));
    return {
      offerId: offer.offerId,
      remedy: 'zone.add-to-intranet',
      title: offer.title,
      scope: 'user',
      summary: `Add ${mapping.host} to your Local intranet sites (it is in the ${zoneName(effective.zone)} zone now), so Windows signs you in to it automatically.`,
      operations,
      exactChange: values.map(
        ({ name, value }) =>
          `reg add "${formatRegistryKey(entry.key)}" /v "${name}" /t ${value.type} /d ${formatRegistryData(value)} /f`,
      ),
      notes: ['Close every window of your browser and open it again for the change to take effect.'],
      needsElevation: false,
    };
  },
};
