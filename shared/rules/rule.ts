/**
 * A rule: pure code that reads evidence and says which causes it proves (findings) and
 * which it rules out. Rules propose remedies; the engine gives each proposal an offer id
 * the renderer can name back.
 */
import type { Evidence } from '../model/evidence.js';
import type { Finding, RemedyOffer, RuledOut } from '../model/finding.js';
import type { Target } from '../model/target.js';

export type RemedyProposal = Omit<RemedyOffer, 'offerId'>;

export type FindingDraft = Omit<Finding, 'remedies'> & { readonly remedies: readonly RemedyProposal[] };

export interface RuleInput {
  readonly target: Target;
  readonly evidence: readonly Evidence[];
}

export interface RuleOutcome {
  readonly findings: readonly FindingDraft[];
  readonly ruledOut: readonly RuledOut[];
}

export type Rule = (input: RuleInput) => RuleOutcome;
