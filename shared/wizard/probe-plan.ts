/**
 * Which probes are worth running for what the person sees: read from the decision tree
 * (decision-tree.ts), so the plan and the questions the wizard asks never disagree.
 */
import { probesForSymptom } from './decision-tree.js';
import type { SymptomId } from './symptoms.js';

export function probesFor(symptom: SymptomId): readonly string[] {
  return probesForSymptom(symptom);
}
