/**
 * A rule: pure code that reads evidence and says which causes it proves (findings) and
 * which it rules out. Rules propose remedies; the engine gives each proposal an offer id
 * the renderer can name back.
 */
import type { Evidence } from '../model/evidence.js';
import type { Finding, RemedyOffer, RuledOut } from '../model/finding.js';
import type { Target } from '../model/target.js';
import type { Verdict } from '../model/verdict.js';

export type RemedyProposal = Omit<RemedyOffer, 'offerId'>;

export type FindingDraft = Omit<Finding, 'remedies'> & { readonly remedies: readonly RemedyProposal[] };

export interface RuleInput {
  readonly target: Target;
  readonly evidence: readonly Evidence[];
}

export interface RuleOutcome {
  readonly findings: readonly FindingDraft[];
  readonly ruledOut: readonly RuledOut[];
  /** The server verdict chain, from the one rule that walks it (decryption-chain-rule.ts). */
  readonly verdict?: Verdict;
}

export type Rule = (input: RuleInput) => RuleOutcome;
