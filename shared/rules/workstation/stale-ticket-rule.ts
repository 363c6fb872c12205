/**
 * stale-ticket (causes.md; reference §6.1): a service ticket for `HTTP/<host>` is still cached
 * in this logon session while the domain controller no longer issues one for that SPN
 * (`klist get` fails now with anything but "no logon servers", e.g. KDC_ERR_S_PRINCIPAL_UNKNOWN
 * after the SPN was moved or removed). Windows keeps presenting the cached ticket until it
 * expires (up to ~10 hours), and the server cannot decrypt it. A cached ticket alone proves
 * nothing — every successful sign-in caches one — so it is only reported together with the
 * failing fresh request. Fix: `klist purge` (tickets cannot be put back; Windows fetches new ones).
 */
import { getCause } from '../../causes/cause-catalog.js';
import { windowsWideApplicability } from '../../browsers/browser-applicability.js';
import { evidenceOfKind } from '../../model/evidence.js';
import { klistFailureMeanings } from '../../windows-output/klist-output.js';
import type { RuledOut } from '../../model/finding.js';
import type { FindingDraft, Rule } from '../rule.js';
import { proposeWorkstationRemedies } from './workstation-remedies.js';
import './workstation-evidence.js';

const noLogonServers = 0xc000005e;

export const staleTicketRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  for (const item of evidenceOfKind(evidence, 'kerberos-tickets')) {
    const { ticketsForSpn, spn, get, listed } = item.facts;
    if (!listed) continue;
    if (ticketsForSpn.length === 0) {
      ruledOut.push({
        cause: 'stale-ticket',
        summary: `No ticket for ${spn} is cached, so none can be stale.`,
        evidence: [item.id],
      });
      continue;
    }
    const failure = get?.failure ?? null;
    if (failure === null || failure.status === noLogonServers) {
      ruledOut.push({
        cause: 'stale-ticket',
        summary:
          failure === null
            ? `A ticket for ${spn} is cached and the domain controller still issues one.`
            : `A ticket for ${spn} is cached; the domain controller could not be reached to compare.`,
        evidence: [item.id],
      });
      continue;
    }
    const ticket = ticketsForSpn[0];
    findings.push({
      cause: 'stale-ticket',
      confidence: 'likely',
      title: getCause('stale-ticket').title,
      explanation:
        `Windows still has a cached Kerberos ticket for ${ticket?.server ?? spn} (issued ${ticket?.startTime ?? 'at an unknown time'}, valid until ${ticket?.endTime ?? 'unknown'}), ` +
        `but the domain controller no longer issues one for that name (${klistFailureMeanings[failure.status] ?? (failure.message || `klist error 0x${failure.status.toString(16)}`)}): the service behind it changed after the ticket was issued. ` +
        'Windows keeps using the old ticket until it expires. Clearing your ticket cache (klist purge) makes it ask again; you stay signed in to Windows, and old tickets cannot be put back.',
      evidence: [item.id],
      browsers: windowsWideApplicability,
      remedies: proposeWorkstationRemedies([
        { remedy: 'kerberos.purge-tickets', title: 'Clear your Kerberos ticket cache', params: {} },
      ]),
    });
  }
  return { findings, ruledOut };
};
