/**
 * The simulated `[System.Security.Policy.Zone]::CreateFromUrl(url).SecurityZone` (reference
 * §1.8), as the scenario's `workstation.createFromUrl` says Windows answers: computed from the
 * simulated registry as it is now — so Windows' answer follows a fix and its undo — with the
 * site lists read in the order the scenario gives (one of the readings §1.5 leaves unverified),
 * or `NoZone` (what PowerShell 7 may answer [U]). Absent: null, Windows cannot be asked.
 */
import { createRegistryView } from '../../../shared/host/registry-view.js';
import type { Scenario } from '../../../shared/scenario/scenario-schema.js';
import { zoneUnderReading } from '../../../shared/zones/map-url-to-zone.js';
import { zoneRegistryRoots } from '../../../shared/zones/zone-registry-roots.js';
import type { ZoneNumber } from '../../../shared/zones/zone-numbers.js';
import type { WindowsZoneAnswer } from '../host.js';
import type { SimulatedRegistry } from './simulated-registry.js';

/** System.Security.SecurityZone names (Learn "SecurityZone Enum", §1.8). */
const securityZoneNames: Readonly<Record<ZoneNumber, WindowsZoneAnswer['zone']>> = {
  0: 'MyComputer',
  1: 'Intranet',
  2: 'Trusted',
  3: 'Internet',
  4: 'Untrusted',
};

export function simulateWindowsZone(
  scenario: Scenario,
  registry: SimulatedRegistry,
  url: string,
): WindowsZoneAnswer | null {
  const reading = scenario.workstation?.createFromUrl;
  if (reading === undefined) return null;
  if (reading === 'NoZone') return { zone: 'NoZone' };
  const view = createRegistryView(
    zoneRegistryRoots.map((root) => ({ root: root.key, tree: registry.readTree(root.key, root.depth) })),
  );
  const zone = zoneUnderReading(
    url,
    view,
    { isServer: scenario.machine.isServer, domainJoined: scenario.machine.domain !== null },
    reading,
  );
  return { zone: securityZoneNames[zone] };
}
