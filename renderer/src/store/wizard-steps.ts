/**
 * The wizard's steps as a discriminated union: each step carries exactly the data it shows,
 * and its own error, so a failure is shown next to the step where it happened.
 */
import type { ChangePlan } from '../../../shared/model/change-plan.js';
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import type { RemedyOffer } from '../../../shared/model/finding.js';
import type { JournalEntry } from '../../../shared/model/journal.js';
import type { Target } from '../../../shared/model/target.js';

export type WizardStep =
  | { readonly kind: 'start'; readonly error?: string }
  | { readonly kind: 'running'; readonly target: Target }
  | { readonly kind: 'findings'; readonly diagnosis: Diagnosis; readonly notice?: string; readonly error?: string }
  | { readonly kind: 'preview'; readonly diagnosis: Diagnosis; readonly offer: RemedyOffer; readonly plan: ChangePlan; readonly error?: string }
  | { readonly kind: 'applying'; readonly diagnosis: Diagnosis; readonly offer: RemedyOffer; readonly plan: ChangePlan }
  | {
      readonly kind: 'verified';
      readonly before: Diagnosis;
      readonly after: Diagnosis;
      readonly entry: JournalEntry;
      readonly error?: string;
    };

export type WizardStepKind = WizardStep['kind'];

export function assertNever(value: never): never {
  throw new Error(`unexpected wizard step ${JSON.stringify(value)}`);
}
