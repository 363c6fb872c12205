/**
 * After a diagnosis, asks each offered remedy whether the person can apply it here (e.g.
 * whether they may write SPNs in the domain), so an offer they cannot use is shown as
 * unavailable with the reason — and, for domain fixes, with the admin hand-off — instead of
 * failing half-way through.
 */
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import type { RemedyOffer } from '../../../shared/model/finding.js';
import type { RemedyId } from '../../../shared/model/remedy-ids.js';
import type { Remedy, RemedyContext } from './remedy.js';

async function checked(
  offer: RemedyOffer,
  remedy: Remedy | undefined,
  context: RemedyContext,
): Promise<RemedyOffer> {
  if (!offer.available || !remedy?.unavailableReason) return offer;
  // A check that cannot be made leaves the offer as it is: the tool itself will say no.
  const reason = await remedy.unavailableReason(offer, context).catch(() => null);
  return reason === null ? offer : { ...offer, available: false, unavailableReason: reason };
}

export async function withOfferAvailability(
  diagnosis: Diagnosis,
  context: RemedyContext,
  findRemedy: (id: RemedyId) => Remedy | undefined,
): Promise<Diagnosis> {
  const findings = [];
  for (const finding of diagnosis.findings) {
    const remedies = [];
    for (const offer of finding.remedies)
      remedies.push(await checked(offer, findRemedy(offer.remedy), context));
    findings.push({ ...finding, remedies });
  }
  return { ...diagnosis, findings };
}
