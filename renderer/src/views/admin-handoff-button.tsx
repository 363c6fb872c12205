/**
 * The admin hand-off for an Active Directory fix, or an IIS identity change that needs a password
 * IWA Doctor never handles: a button that saves the .ps1 an administrator runs. Shown whether or
 * not the person may apply the fix themselves (IT may want the script for change control); the
 * engine writes the script from its own offer.
 * One button for all SPN forms a finding registers; one per removal, since the person picks
 * which account loses a duplicate SPN.
 */
import { handoffAudience, offersAdminHandoff } from '../../../shared/handoff/handoff-offers.js';
import type { Finding, RemedyOffer } from '../../../shared/model/finding.js';
import { useWizard } from '../store/store-context.js';

export function AdminHandoffButton({
  finding,
  remedy,
}: {
  readonly finding: Finding;
  readonly remedy: RemedyOffer;
}) {
  const busy = useWizard((state) => state.busy);
  const exportAdminHandoff = useWizard((state) => state.exportAdminHandoff);
  if (!offersAdminHandoff(remedy.remedy)) return null;
  const firstRegistration = finding.remedies.find((offer) => offer.remedy === 'domain.register-spn');
  if (remedy.remedy === 'domain.register-spn' && firstRegistration?.offerId !== remedy.offerId) return null;
  const label =
    remedy.remedy === 'domain.remove-spn'
      ? 'Save this removal as a script for a domain administrator (.ps1)'
      : `Save the commands as a script for ${handoffAudience(remedy.remedy)} (.ps1)`;
  return (
    <button type="button" disabled={busy} onClick={() => void exportAdminHandoff(remedy.offerId)}>
      {label}
    </button>
  );
}
