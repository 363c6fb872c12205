/**
 * The wizard's steps as a discriminated union: each step carries exactly the data it shows,
 * and its own error, so a failure is shown next to the step where it happened.
 */
import type { ChangePlan } from '../../../shared/model/change-plan.js';
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import type { RemedyOffer } from '../../../shared/model/finding.js';
import type { JournalEntry } from '../../../shared/model/journal.js';
import type { Target } from '../../../shared/model/target.js';
import type { ReportDocument, ReportRecheck } from '../../../shared/report/report-document.js';
import type { ProbeProgress } from '../../../shared/wizard/probe-progress.js';

export type WizardStep =
  | { readonly kind: 'start'; readonly error?: string; readonly notice?: string }
  | {
      readonly kind: 'running';
      readonly target: Target;
      /** The name this run has for the engine (made by the store; cancel names it too). */
      readonly runId: string;
      readonly progress: readonly ProbeProgress[];
    }
  | {
      readonly kind: 'findings';
      readonly diagnosis: Diagnosis;
      readonly notice?: string;
      readonly error?: string;
    }
  | {
      readonly kind: 'preview';
      readonly diagnosis: Diagnosis;
      readonly offer: RemedyOffer;
      readonly plan: ChangePlan;
      readonly error?: string;
    }
  | {
      readonly kind: 'applying';
      readonly diagnosis: Diagnosis;
      readonly offer: RemedyOffer;
      readonly plan: ChangePlan;
    }
  | {
      readonly kind: 'verified';
      readonly before: Diagnosis;
      readonly after: Diagnosis;
      readonly entry: JournalEntry;
      /** After an SPN change: what klist purge did and the checks run after it. */
      readonly retest?: { readonly purge: string; readonly after: Diagnosis };
      readonly error?: string;
    }
  /** A saved report opened for review: read-only, no fixes are offered from it. */
  | { readonly kind: 'review'; readonly report: ReportDocument };

export type WizardStepKind = WizardStep['kind'];

export function assertNever(value: never): never {
  throw new Error(`unexpected wizard step ${JSON.stringify(value)}`);
}

/** The diagnosis a step shows (and a report would describe), if any. */
export function diagnosisOfStep(step: WizardStep): Diagnosis | null {
  switch (step.kind) {
    case 'findings':
    case 'preview':
    case 'applying':
      return step.diagnosis;
    case 'verified':
      return step.before;
    case 'review':
      return step.report.diagnosis;
    case 'start':
    case 'running':
      return null;
    default:
      return assertNever(step);
  }
}

/**
 * After a fix, the checks the engine ran again by itself (after klist purge, when the person
 * asked for it): a report saved at that moment describes them, not only the state before.
 */
export function recheckOfStep(step: WizardStep): ReportRecheck | null {
  if (step.kind !== 'verified') return null;
  return {
    entryId: step.entry.id,
    ticketsPurged: step.retest !== undefined,
    diagnosis: step.retest?.after ?? step.after,
  };
}
