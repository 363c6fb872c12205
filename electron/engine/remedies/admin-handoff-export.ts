/**
 * The admin hand-off export (issue 6): when a domain fix is not for the person to apply, the
 * engine writes the same setspn commands as a readable .ps1 for a domain administrator
 * (shared/handoff/admin-handoff-script.ts). The renderer names an offer by id; every value in
 * the script comes from the offers this engine made from its own evidence.
 *
 * A removal is handed off alone — the one the person picked (duplicates are never resolved
 * for them); a registration brings every SPN form the same finding registers.
 */
import { buildAdminHandoffScript, type HandoffStep } from '../../../shared/handoff/admin-handoff-script.js';
import type { Finding, RemedyOffer } from '../../../shared/model/finding.js';
import type { Target } from '../../../shared/model/target.js';
import { verdictLine, type Verdict } from '../../../shared/model/verdict.js';
import type { MachineIdentity } from '../../host/host.js';
import { RemedyPreconditionError } from './remedy.js';
import { stringParam } from './server-remedy.js';

export interface AdminHandoffFile {
  readonly fileName: string;
  readonly script: string;
}

function stepsOf(offer: RemedyOffer): HandoffStep[] {
  const spn = stringParam(offer.params, 'spn');
  const why = typeof offer.params['why'] === 'string' ? offer.params['why'] : offer.title;
  // A duplicate removed stays removed: giving it back would re-create the duplicate.
  if (offer.remedy === 'domain.remove-spn')
    return [
      { kind: 'remove-spn', spn, account: stringParam(offer.params, 'accountDn'), why, undoable: false },
    ];
  const account = stringParam(offer.params, 'account');
  const from = offer.params['fromAccountDn'];
  return [
    ...(typeof from === 'string'
      ? [
          {
            kind: 'remove-spn' as const,
            spn,
            account: from,
            why: `${spn} must leave ${from} first: one SPN belongs to one account`,
          },
        ]
      : []),
    {
      kind: 'register-spn',
      spn,
      account,
      why,
      ...(typeof offer.params['accountDn'] === 'string' ? { accountDn: offer.params['accountDn'] } : {}),
    },
  ];
}

/**
 * The verdict line of the diagnosis that made the offer (its structured `verdict`), when the
 * broken link is this finding's; otherwise the finding's title.
 */
function verdictOf(finding: Finding, verdict: Verdict | undefined): string {
  return verdict && verdict.cause === finding.cause ? verdictLine(verdict) : finding.title;
}

function fileNameFor(cause: string, url: string): string {
  const host = new URL(url).hostname
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '-')
    .slice(0, 60);
  return `iwa-doctor-${cause}-${host}.ps1`;
}

export function buildAdminHandoff(
  finding: Finding,
  offerId: string,
  target: Target,
  machine: MachineIdentity,
  now: Date,
  verdict?: Verdict,
): AdminHandoffFile {
  const chosen = finding.remedies.find((offer) => offer.offerId === offerId);
  if (!chosen || chosen.scope !== 'domain')
    throw new RemedyPreconditionError(
      'only Active Directory (SPN) fixes can be handed to an administrator as a script',
    );
  const offers =
    chosen.remedy === 'domain.remove-spn'
      ? [chosen]
      : finding.remedies.filter((offer) => offer.remedy === 'domain.register-spn');
  const seen = new Set<string>();
  const steps = offers.flatMap(stepsOf).filter((step) => {
    const key = `${step.kind} ${step.spn} ${step.account}`.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const script = buildAdminHandoffScript({
    url: target.url,
    cause: finding.cause,
    verdict: verdictOf(finding, verdict),
    computerName: machine.computerName,
    steps,
    generatedAt: now.toISOString(),
  });
  return { fileName: fileNameFor(finding.cause, target.url), script };
}
