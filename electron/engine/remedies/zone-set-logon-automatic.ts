/**
 * Remedy `zone.set-logon-automatic` for zone-logon-prompt: set URL action 1A00 of the site's
 * zone back to Windows' default automatic setting in HKCU (reference §1.7: Local intranet
 * 0x20000 "automatic logon only in Intranet zone", My Computer and Trusted sites 0 "automatic
 * logon with current user name and password"). Only zones 0–2; refused when a policy or
 * Security_HKLM_only decides the value.
 */
import type { RegistryValue } from '../../../shared/host/registry.js';
import { defaultLogonValues, logonActionForZone } from '../../../shared/zones/logon-action.js';
import { zonesPath } from '../../../shared/zones/internet-settings-paths.js';
import { zoneRegistryRoots } from '../../../shared/zones/zone-registry-roots.js';
import { zoneName, type ZoneNumber } from '../../../shared/zones/zone-numbers.js';
import { readRegistryRoots } from '../probes/read-registry-roots.js';
import { RemedyPreconditionError } from './remedy.js';
import type { WorkstationRemedyDefinition } from './workstation-remedy.js';

export const zoneSetLogonAutomatic: WorkstationRemedyDefinition = {
  id: 'zone.set-logon-automatic',
  async change(params, { host }) {
    const zone = params['zone'];
    if (zone !== 0 && zone !== 1 && zone !== 2)
      throw new RemedyPreconditionError(
        'automatic logon is only set back for My Computer, Local intranet and Trusted sites',
      );
    const { view } = await readRegistryRoots(host, zoneRegistryRoots);
    const current = logonActionForZone(zone as ZoneNumber, view);
    if (current.silentLogon)
      throw new RemedyPreconditionError(
        `the ${zoneName(zone as ZoneNumber)} zone already signs in automatically; nothing to change`,
      );
    if (current.source.level === 'policy') {
      throw new RemedyPreconditionError(
        `Group Policy sets this (${current.source.hive}\\${current.source.keyPath}\\1A00); IT has to change it`,
      );
    }
    if (current.source.level !== 'default' && current.source.hive === 'HKLM') {
      throw new RemedyPreconditionError(
        `the machine setting ${current.source.hive}\\${current.source.keyPath}\\1A00 decides here (Security_HKLM_only); it needs administrator rights`,
      );
    }
    const value: RegistryValue = { type: 'REG_DWORD', data: defaultLogonValues[zone as ZoneNumber] };
    return {
      summary: `Set "User Authentication: Logon" of the ${zoneName(zone as ZoneNumber)} zone back to ${value.data === 0 ? 'automatic logon with your user name and password' : 'automatic logon only in the Intranet zone'}, so Windows signs you in without asking.`,
      operations: [
        { op: 'registry.setValue', key: { hive: 'HKCU', path: zonesPath(zone) }, name: '1A00', value },
      ],
      notes: ['Close every window of your browser and open it again for the change to take effect.'],
    };
  },
};
