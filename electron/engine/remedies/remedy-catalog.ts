/** Every remedy the engine can apply, by id. */
import type { RemedyId } from '../../../shared/model/remedy-ids.js';
import { kerberosClientRemedies } from './kerberos-client-remedies.js';
import type { Remedy } from './remedy.js';
import { serverRemedies } from './server-remedies.js';
import { workstationRemedies } from './workstation-remedies.js';
import { zoneAddToIntranetRemedy } from './zone-add-to-intranet.js';

const remedies: readonly Remedy[] = [
  zoneAddToIntranetRemedy,
  ...workstationRemedies,
  ...kerberosClientRemedies,
  ...serverRemedies,
];

export function findRemedy(id: RemedyId): Remedy | undefined {
  return remedies.find((remedy) => remedy.id === id);
}
