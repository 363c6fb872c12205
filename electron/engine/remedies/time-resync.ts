/**
 * Remedy `time.resync` (clock-skew, machine scope; reference §6.3): `w32tm /resync /rediscover`
 * asks the Windows Time service to find a time source in the domain again and set the clock
 * from it. Setting the system time needs administrator rights, so it runs through the elevated
 * host (one UAC prompt); if the person says no at the prompt, nothing runs and nothing is
 * journaled (remedy-runner.ts elevates before anything else).
 *
 * Nothing to undo: the previous time was wrong, and setting it wrong again would only break
 * Kerberos again. The journal keeps the offset that was measured before.
 */
import type { ChangePlan } from '../../../shared/model/change-plan.js';
import { workstationRemedyScope } from '../../../shared/rules/workstation/workstation-remedies.js';
import { medianOffsetSeconds, parseW32tmStripchart } from '../../../shared/windows-output/w32tm-output.js';
import { kerberosClockToleranceSeconds } from '../probes/clock-offset.js';
import type { Remedy } from './remedy.js';
import { RemedyPreconditionError } from './remedy.js';
import { runToolForRemedy } from './run-tool-for-remedy.js';

/** A DNS name or NetBIOS name as the DC locator prints it. */
const dcNamePattern = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))*$/i;

export function describeOffset(seconds: number): string {
  const abs = Math.abs(seconds);
  const minutes = Math.floor(abs / 60);
  const rest = Math.round(abs - minutes * 60);
  return minutes > 0 ? `${minutes} min ${rest} s` : `${abs.toFixed(1)} s`;
}

export const timeResyncRemedy: Remedy = {
  id: 'time.resync',
  async plan(offer, { host }): Promise<ChangePlan> {
    const dc = offer.params['dc'];
    if (typeof dc !== 'string' || !dcNamePattern.test(dc))
      throw new RemedyPreconditionError('the offer does not name a domain controller');
    const chart = await runToolForRemedy(host, 'w32tm', [
      '/stripchart',
      `/computer:${dc}`,
      '/samples:3',
      '/dataonly',
    ]);
    const offset = medianOffsetSeconds(parseW32tmStripchart(chart.stdout));
    if (offset === null)
      throw new RemedyPreconditionError(
        `the clock of ${dc} cannot be read right now, so there is nothing to synchronise with`,
      );
    if (Math.abs(offset) < kerberosClockToleranceSeconds) {
      throw new RemedyPreconditionError(
        `this computer's clock is already within ${describeOffset(offset)} of ${dc}; nothing to change`,
      );
    }
    return {
      offerId: offer.offerId,
      remedy: 'time.resync',
      title: offer.title,
      scope: workstationRemedyScope('time.resync'),
      summary: `Set this computer's clock from the domain again: it is ${describeOffset(offset)} away from ${dc}, and Kerberos accepts less than ${kerberosClockToleranceSeconds / 60} minutes.`,
      operations: [
        {
          op: 'tool.run',
          run: { tool: 'w32tm', args: ['/resync', '/rediscover'] },
          undo: null,
          describe: `w32tm /resync /rediscover set the clock from the domain (it was ${describeOffset(offset)} away from ${dc}); there is nothing to undo, the old time was wrong`,
        },
      ],
      exactChange: ['w32tm /resync /rediscover'],
      notes: [
        'Changing the clock needs administrator rights: Windows asks for permission (UAC). If you choose No, nothing is changed.',
        'There is nothing to undo: the old time was wrong, and setting it back would break Windows sign-in again.',
      ],
      needsElevation: true,
    };
  },
};
