/** The words a person reads for the engine's codes: who may fix, how sure we are, how a check went. */
import type { RemedyScope } from '../causes/cause-catalog.js';
import type { Confidence } from '../model/finding.js';
import type { ProbeProgress } from './probe-progress.js';
import { symptoms, type SymptomId } from './symptoms.js';

export const scopeLabels: Readonly<Record<RemedyScope, string>> = {
  none: 'Nothing to change',
  user: 'You can do this',
  machine: 'Needs an administrator of this PC',
  iis: 'Needs the IIS administrator',
  domain: 'Needs a domain administrator',
};

export const confidenceLabels: Readonly<Record<Confidence, string>> = {
  confirmed: 'Proven',
  likely: 'Likely',
  possible: 'Possible',
};

export const probePhaseLabels: Readonly<Record<ProbeProgress['phase'], string>> = {
  waiting: 'Waiting',
  running: 'Checking now',
  ok: 'Done',
  failed: 'Could not finish',
  unavailable: 'Could not run here',
};

export function symptomLabel(id: SymptomId): string {
  return symptoms.find((symptom) => symptom.id === id)?.label ?? id;
}
