/**
 * Which probes are worth running for what the person sees and what they answered: read from
 * the decision tree (decision-tree.ts), so the plan and the questions the wizard asks never
 * disagree. An unanswered question keeps every branch under it.
 */
import { probesForTarget, type DecisionAnswers } from './decision-tree.js';
import type { SymptomId } from './symptoms.js';

export function probesFor(target: {
  readonly symptom: SymptomId;
  readonly answers?: DecisionAnswers | undefined;
}): readonly string[] {
  return probesForTarget(target.symptom, target.answers ?? {});
}
