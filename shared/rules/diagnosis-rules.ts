/**
 * Every rule of a diagnosis over its evidence: the machine, server and directory rules
 * (rule-catalog.ts) and the live sign-in rule, reconciled so that each cause is one finding and
 * nothing found is also ruled out (live-finding-reconciliation.ts).
 */
import type { RuledOut } from '../model/finding.js';
import type { Verdict } from '../model/verdict.js';
import { reconcileLiveFindings } from './live-finding-reconciliation.js';
import { liveSignInRule } from './live-sign-in.js';
import { ruleCatalog } from './rule-catalog.js';
import type { FindingDraft, RuleInput, RuleOutcome } from './rule.js';

export function evaluateDiagnosisRules(input: RuleInput): RuleOutcome {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  let verdict: Verdict | undefined;
  for (const rule of ruleCatalog) {
    const outcome = rule(input);
    findings.push(...outcome.findings);
    ruledOut.push(...outcome.ruledOut);
    verdict ??= outcome.verdict;
  }
  const reconciled = reconcileLiveFindings(input.target, { findings, ruledOut }, liveSignInRule(input));
  return { ...reconciled, ...(verdict ? { verdict } : {}) };
}
