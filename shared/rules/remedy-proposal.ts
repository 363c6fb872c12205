/**
 * From a rule's remedy draft to the offer a finding carries. An id is offered only once the
 * engine registers it in shared/model/remedy-ids.ts; until then the finding carries no offer
 * rather than a button the engine cannot apply. A remedy that a policy or missing rights
 * forbid is still offered, as unavailable with the reason.
 */
import type { RemedyScope } from '../causes/cause-catalog.js';
import { remedyIdSchema } from '../model/remedy-ids.js';
import type { RemedyProposal } from './rule.js';

export interface RemedyDraft<Id extends string> {
  readonly remedy: Id;
  readonly title: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly available?: boolean;
  readonly unavailableReason?: string;
}

/** The offer for a draft, or null while the engine has not registered that remedy id. */
export function proposeRemedy<Id extends string>(
  scopes: Readonly<Record<Id, RemedyScope>>,
  draft: RemedyDraft<Id>,
): RemedyProposal | null {
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

export function proposeRemedies<Id extends string>(
  scopes: Readonly<Record<Id, RemedyScope>>,
  drafts: readonly RemedyDraft<Id>[],
): RemedyProposal[] {
  return drafts
    .map((draft) => proposeRemedy(scopes, draft))
    .filter((proposal): proposal is RemedyProposal => proposal !== null);
}
