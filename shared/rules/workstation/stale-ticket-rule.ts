/**
 * stale-ticket (causes.md: "still fails right after an SPN fix"; "a cached service ticket for
 * the SPN predates the change"). Facts: the cached tickets of `klist` with their Start Time
 * (reference §6.1), who holds the SPN now (`setspn -Q`, §3.2) and when that account's
 * servicePrincipalName attribute last changed in the directory (the host's directory read: the
 * attribute's replication metadata on Windows [U: not in the reference, see
 * docs/powershell-host.md], the scenario's `directory` account on the simulated machine).
 *
 * Reported when a ticket for the SPN is cached and was issued before that change: it was made
 * with the key of the account that held the name then, and Windows keeps presenting a cached
 * ticket until it expires instead of asking again [U: the reference quotes the cache and the
 * purge, not the reuse rule; it is the well-known behaviour the cause is named after]. klist
 * prints dates in the user's locale, so both day/month readings are tried (klist-time.ts): all
 * before the change → likely; readings that disagree → possible.
 *
 * Not reported on a failing fresh request alone: whether `klist get` asks the domain controller
 * or hands back the cached ticket is not established by the reference [U], and when it does fail
 * with KDC_ERR_S_PRINCIPAL_UNKNOWN the SPN itself is missing — clearing the cache would remove
 * the ticket but Kerberos would still fail (that is spn-missing, for the SPN checks). The finding
 * says so: if a fresh request still fails after `klist purge`, the SPN has to be fixed.
 */
import { getCause } from '../../causes/cause-catalog.js';
import { windowsWideApplicability } from '../../browsers/browser-applicability.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import { klistFailureMeanings, type KlistTicket } from '../../windows-output/klist-output.js';
import { klistTimeBefore, localTimeText } from '../../windows-output/klist-time.js';
import type { FindingDraft, Rule } from '../rule.js';
import { proposeWorkstationRemedies } from './workstation-remedies.js';
import './workstation-evidence.js';

const noLogonServers = 0xc000005e;
const principalUnknown = 0xc000018b;

/** `CN=svc-web,OU=…` → `svc-web`, for plain words; the DN itself when it has no CN. */
function accountName(dn: string): string {
  return /^CN=((?:\\,|[^,])+)/i.exec(dn)?.[1]?.replaceAll('\\,', ',') ?? dn;
}

function issued(ticket: KlistTicket): string {
  return `issued ${ticket.startTime ?? 'at an unknown time'}, valid until ${ticket.endTime ?? 'an unknown time'}`;
}

const afterPurge =
  'Clearing your ticket cache (klist purge) makes Windows ask the domain controller for a new ticket; you stay signed in to Windows, and old tickets cannot be put back. ' +
  'If sign-in still fails after that, the new request went to the domain controller and the service principal name itself has to be fixed (see the SPN checks of the web server).';

export const staleTicketRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  for (const item of evidenceOfKind(evidence, 'kerberos-tickets')) {
    const { ticketsForSpn, spn, get, listed, registration } = item.facts;
    if (!listed) continue;
    const rule = (summary: string) => ruledOut.push({ cause: 'stale-ticket', summary, evidence: [item.id] });
    if (ticketsForSpn.length === 0) {
      rule(`No ticket for ${spn} is cached, so none can be stale.`);
      continue;
    }
    const failure = get?.failure ?? null;
    if (failure?.status === principalUnknown) {
      rule(
        `A ticket for ${spn} is cached, but the domain controller does not issue one for that name now (${klistFailureMeanings[principalUnknown] ?? failure.message}): ` +
          'the name itself is missing from the directory, so clearing the ticket cache would not help — the SPN has to be registered (see the SPN checks).',
      );
      continue;
    }
    if (failure?.status === noLogonServers) {
      rule(`A ticket for ${spn} is cached; the domain controller could not be reached to compare.`);
      continue;
    }
    const changedAt = registration?.changedAt ? localTimeText(registration.changedAt) : null;
    if (!registration || changedAt === null) {
      rule(
        `A ticket for ${spn} is cached (${issued(ticketsForSpn[0] as KlistTicket)}), but when the directory last changed that name could not be read` +
          `${registration?.unavailableReason ? ` (${registration.unavailableReason})` : ''}, so it cannot be told whether the ticket predates an SPN change. ` +
          'If it fails right after an SPN fix, clearing your ticket cache (klist purge) makes Windows ask again.',
      );
      continue;
    }
    const holder = registration.holders[0] ? accountName(registration.holders[0]) : 'the account holding it';
    const judged = ticketsForSpn.map((ticket) => ({
      ticket,
      before: ticket.startTime === null ? null : klistTimeBefore(ticket.startTime, changedAt),
    }));
    const stale = judged.find((entry) => entry.before === true);
    const unclear = judged.find((entry) => entry.before === null);
    const chosen = stale ?? unclear;
    if (!chosen) {
      rule(
        `The cached ticket for ${spn} was issued after the directory last changed the SPNs of ${holder} (${changedAt.replace('T', ' ')}), so it is not stale.`,
      );
      continue;
    }
    const { ticket } = chosen;
    findings.push({
      cause: 'stale-ticket',
      confidence: stale ? 'likely' : 'possible',
      title: getCause('stale-ticket').title,
      explanation:
        `Windows still has a Kerberos ticket for ${ticket.server} cached (${issued(ticket)}). ` +
        `The directory changed the service principal names of ${holder} (${registration.heldAs ?? spn}) at ${changedAt.replace('T', ' ')}` +
        (stale
          ? ', after that ticket was issued: '
          : `; the ticket's date (${ticket.startTime ?? ''}) can be read as day/month or month/day, and one reading is before that change: `) +
        'a ticket from before the change was made for the account that held the name then, and Windows keeps presenting it until it expires instead of asking again, so the web server cannot read it. ' +
        afterPurge,
      evidence: [item.id],
      browsers: windowsWideApplicability,
      remedies: proposeWorkstationRemedies([
        { remedy: 'kerberos.purge-tickets', title: 'Clear your Kerberos ticket cache', params: {} },
      ]),
    });
  }
  return { findings, ruledOut };
};
