/**
 * Remedies the workstation rules propose (issue 5, Fixes), with their scope. As on the server
 * side (rules/server/server-remedies.ts), an id is offered only once the engine registers it
 * in shared/model/remedy-ids.ts; until then a finding carries no offer instead of one the
 * engine cannot apply. A remedy a policy or missing rights forbid is offered unavailable, with
 * the change IT has to make.
 */
import type { RemedyScope } from '../../causes/cause-catalog.js';
import { remedyIdSchema } from '../../model/remedy-ids.js';
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

export interface WorkstationRemedyDraft {
  readonly remedy: WorkstationRemedyId;
  readonly title: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly available?: boolean;
  readonly unavailableReason?: string;
}

export function workstationRemedyScope(id: WorkstationRemedyId): RemedyScope {
  return scopes[id];
}

/** The offer for a draft, or null while the engine has not registered that remedy id. */
export function proposeWorkstationRemedy(draft: WorkstationRemedyDraft): RemedyProposal | null {
  const id = remedyIdSchema.safeParse(draft.remedy);
  if (!id.success) return null;
  return {
    remedy: id.data,
    title: draft.title,
    scope: scopes[draft.remedy],
    params: { ...draft.params },
    available: draft.available ?? true,
    ...(draft.unavailableReason ? { unavailableReason: draft.unavailableReason } : {}),
  };
}

export function proposeWorkstationRemedies(drafts: readonly WorkstationRemedyDraft[]): RemedyProposal[] {
  return drafts.map(proposeWorkstationRemedy).filter((proposal): proposal is RemedyProposal => proposal !== null);
}
