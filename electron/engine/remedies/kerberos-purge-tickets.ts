/**
 * Remedy `kerberos.purge-tickets` (stale-ticket, user scope; reference §6.1): `klist purge`
 * empties the Kerberos ticket cache of this logon session, so Windows asks the domain
 * controller again instead of presenting a ticket issued before the service changed.
 *
 * Nothing to undo: the old tickets are worth nothing once the service changed, and Windows
 * gets new tickets by itself the next time a site or share needs one (LSA re-acquires the
 * ticket-granting ticket from the logon's cached credentials [U in the reference]; Microsoft's
 * text says you may have to sign out and in again — the plan repeats that).
 */
import type { ChangePlan } from '../../../shared/model/change-plan.js';
import { workstationRemedyScope } from '../../../shared/rules/workstation/workstation-remedies.js';
import { parseKlistOutput } from '../../../shared/windows-output/klist-output.js';
import type { Remedy } from './remedy.js';
import { RemedyPreconditionError } from './remedy.js';
import { runToolForRemedy } from './run-tool-for-remedy.js';

export const kerberosPurgeTicketsRemedy: Remedy = {
  id: 'kerberos.purge-tickets',
  async plan(offer, { host }): Promise<ChangePlan> {
    const list = await runToolForRemedy(host, 'klist', []);
    const { tickets } = parseKlistOutput(list.stdout);
    if (tickets.length === 0)
      throw new RemedyPreconditionError('your Kerberos ticket cache is already empty; nothing to clear');
    const servers = tickets.map((ticket) => ticket.server).join(', ');
    return {
      offerId: offer.offerId,
      remedy: 'kerberos.purge-tickets',
      title: offer.title,
      scope: workstationRemedyScope('kerberos.purge-tickets'),
      summary: `Clear the ${tickets.length} Kerberos ticket${tickets.length === 1 ? '' : 's'} cached for your Windows sign-in (${servers}), so Windows asks the domain controller for fresh ones.`,
      operations: [
        {
          op: 'tool.run',
          run: { tool: 'klist', args: ['purge'] },
          undo: null,
          describe: `klist purge cleared ${tickets.length} cached Kerberos ticket${tickets.length === 1 ? '' : 's'} (${servers}); there is nothing to put back, Windows gets new tickets by itself`,
        },
      ],
      exactChange: ['klist purge'],
      notes: [
        'There is nothing to undo: old tickets are not needed, and Windows gets new ones from the domain controller by itself when a site or network share asks for one.',
        'You stay signed in to Windows. If a network drive or site stops signing you in afterwards, sign out of Windows and back in (Microsoft says this can be needed after klist purge).',
      ],
      needsElevation: false,
    };
  },
};
