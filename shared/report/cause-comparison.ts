/**
 * Before and after a change, cause by cause: what the verified step shows and what a report
 * saved after a fix says (the diagnosis before it, the checks run again after it). One
 * comparison for both, so the screen and the file never disagree.
 */
import type { CauseId } from '../causes/cause-catalog.js';
import type { Diagnosis } from '../model/diagnosis.js';
import type { Confidence } from '../model/finding.js';
import { confidenceLabels } from '../wizard/plain-labels.js';

export type CauseOutcome = 'gone' | 'still-found' | 'found-now';

export interface CauseComparison {
  readonly cause: CauseId;
  readonly title: string;
  /** How sure the check before the change was; null when the cause appeared only after it. */
  readonly before: Confidence | null;
  readonly outcome: CauseOutcome;
}

export const causeOutcomeLabels: Readonly<Record<CauseOutcome, string>> = {
  gone: 'Gone',
  'still-found': 'Still found',
  'found-now': 'Found now',
};

export function beforeLabel(comparison: CauseComparison): string {
  return comparison.before === null ? 'Not found' : `Found (${confidenceLabels[comparison.before]})`;
}

/** Every cause found before (gone or still there), then every cause found only after. */
export function compareCauses(before: Diagnosis, after: Diagnosis): CauseComparison[] {
  const causesAfter = new Set(after.findings.map((finding) => finding.cause));
  const causesBefore = new Set(before.findings.map((finding) => finding.cause));
  return [
    ...before.findings.map((finding) => ({
      cause: finding.cause,
      title: finding.title,
      before: finding.confidence,
      outcome: causesAfter.has(finding.cause) ? ('still-found' as const) : ('gone' as const),
    })),
    ...after.findings
      .filter((finding) => !causesBefore.has(finding.cause))
      .map((finding) => ({
        cause: finding.cause,
        title: finding.title,
        before: null,
        outcome: 'found-now' as const,
      })),
  ];
}

/** True when every cause found before is gone and no new one appeared. */
export function fixedEverything(comparisons: readonly CauseComparison[]): boolean {
  return comparisons.every((comparison) => comparison.outcome === 'gone');
}
