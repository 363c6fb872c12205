/**
 * Remedies the workstation rules propose (issue 5, Fixes), with their scope. How a draft
 * becomes an offer (only once the engine registers the id) is rules/remedy-proposal.ts.
 */
import type { RemedyScope } from '../../causes/cause-catalog.js';
import { proposeRemedies, proposeRemedy, type RemedyDraft } from '../remedy-proposal.js';
import type { RemedyProposal } from '../rule.js';

export const workstationRemedyIds = [
  'zone.add-to-intranet',
  'zone.set-logon-automatic',
  'wininet.enable-negotiate',
  'wininet.disable-ntlm-preauth',
  'proxy.add-override',
  'firefox.trust-host',
  'credentials.remove',
  'kerberos.purge-tickets',
  'time.resync',
] as const;
export type WorkstationRemedyId = (typeof workstationRemedyIds)[number];

const scopes: Record<WorkstationRemedyId, RemedyScope> = {
  'zone.add-to-intranet': 'user',
  'zone.set-logon-automatic': 'user',
  'wininet.enable-negotiate': 'user',
  'wininet.disable-ntlm-preauth': 'user',
  'proxy.add-override': 'user',
  'firefox.trust-host': 'user',
  'credentials.remove': 'user',
  'kerberos.purge-tickets': 'user',
  'time.resync': 'machine',
};

export type WorkstationRemedyDraft = RemedyDraft<WorkstationRemedyId>;

export function workstationRemedyScope(id: WorkstationRemedyId): RemedyScope {
  return scopes[id];
}

/** The offer for a draft, or null while the engine has not registered that remedy id. */
export function proposeWorkstationRemedy(draft: WorkstationRemedyDraft): RemedyProposal | null {
  return proposeRemedy(scopes, draft);
}

export function proposeWorkstationRemedies(drafts: readonly WorkstationRemedyDraft[]): RemedyProposal[] {
  return proposeRemedies(scopes, drafts);
}
