/**
 * The order findings are shown in: the surest cause first, so the person reads the most
 * likely explanation before the doubtful ones; among equally sure causes, one the person can
 * fix now comes before one that needs someone else; otherwise the engine's order stands.
 */
import type { Confidence, Finding } from '../../../shared/model/finding.js';

const confidenceRank: Readonly<Record<Confidence, number>> = { confirmed: 0, likely: 1, possible: 2 };

function fixableNow(finding: Finding): boolean {
  return finding.remedies.some((remedy) => remedy.available && remedy.scope !== 'none');
}

export function rankFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        confidenceRank[a.finding.confidence] - confidenceRank[b.finding.confidence] ||
        Number(fixableNow(b.finding)) - Number(fixableNow(a.finding)) ||
        a.index - b.index,
    )
    .map(({ finding }) => finding);
}
