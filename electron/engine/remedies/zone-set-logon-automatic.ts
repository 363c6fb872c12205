/**
 * Remedy `zone.set-logon-automatic` for zone-logon-prompt: set URL action 1A00 of the site's
 * zone back to Windows' default automatic setting in HKCU (reference §1.7: Local intranet
 * 0x20000 "automatic logon only in Intranet zone", My Computer and Trusted sites 0 "automatic
 * logon with current user name and password"). Whether it can, and what it writes, is
 * shared/zones/logon-fix.ts — the same answer the rule offered the button with: only zones 0–2;
 * refused when a policy value decides (IT) or Security_HKLM_only is set (an administrator). An
 * HKLM preference value needs no refusal: HKCU is read before it, so the HKCU write wins.
 */
import type { RegistryValue } from '../../../shared/host/registry.js';
import { logonActionForZone } from '../../../shared/zones/logon-action.js';
import { logonFix } from '../../../shared/zones/logon-fix.js';
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
    const fix = logonFix(current);
    if (!fix.available) throw new RemedyPreconditionError(fix.reason);
    const value: RegistryValue = { type: 'REG_DWORD', data: fix.write.value };
    const overridesMachine =
      current.source.level === 'preference' && current.source.hive === 'HKLM'
        ? [
            `The prompt comes from this computer's setting (${current.source.hive}\\${current.source.keyPath}\\1A00); your own setting is read before it, so this change is yours alone and needs no administrator.`,
          ]
        : [];
    return {
      summary: `Set "User Authentication: Logon" of the ${zoneName(zone as ZoneNumber)} zone back to ${value.data === 0 ? 'automatic logon with your user name and password' : 'automatic logon only in the Intranet zone'}, so Windows signs you in without asking.`,
      operations: [
        {
          op: 'registry.setValue',
          key: { hive: fix.write.hive, path: fix.write.keyPath },
          name: '1A00',
          value,
        },
      ],
      notes: [
        ...overridesMachine,
        'Close every window of your browser and open it again for the change to take effect.',
      ],
    };
  },
};
