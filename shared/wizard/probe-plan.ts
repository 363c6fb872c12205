/**
 * Which probes are worth running for what the person sees. The full symptom-first decision
 * tree (issue 7) grows from this table; it lives here, as data, not in components.
 */
import type { SymptomId } from './symptoms.js';

const workstationBasics = ['zones:mapping'] as const;

export const probePlan: Readonly<Record<SymptomId, readonly string[]>> = {
  'prompt-once-per-session': workstationBasics,
  'prompt-three-times': workstationBasics,
  'http-401': workstationBasics,
  'http-400': workstationBasics,
  'works-for-me-not-others': workstationBasics,
  'works-on-server-only': workstationBasics,
  'check-everything': workstationBasics,
};

export function probesFor(symptom: SymptomId): readonly string[] {
  return probePlan[symptom];
}
