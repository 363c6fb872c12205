/**
 * "Copy summary for IT": a few plain lines that fit in a ticket or a chat message — the
 * address, what the person saw, each cause with its fix and who may apply it, what could not
 * be checked, the checks run again after a fix, and what was changed or undone. Secrets are
 * removed unless the report kept them.
 */
import { confidenceLabels, scopeLabels, symptomLabel } from '../wizard/plain-labels.js';
import { takesEffectAfter } from '../model/restart-required.js';
import { causeOutcomeLabels, compareCauses } from './cause-comparison.js';
import type { ReportDocument } from './report-document.js';

export function renderReportSummary(report: ReportDocument): string {
  const { diagnosis } = report;
  const lines = [
    `IWA Doctor: ${diagnosis.target.url}`,
    `Seen: ${symptomLabel(diagnosis.target.symptom)}`,
    `Checked on ${diagnosis.host.machine}${diagnosis.host.kind === 'scenario' ? ' (simulation)' : ''} at ${diagnosis.finishedAt}`,
  ];
  if (diagnosis.findings.length === 0) lines.push('Found: no cause.');
  for (const finding of diagnosis.findings) {
    lines.push(`Found (${confidenceLabels[finding.confidence]}): ${finding.title} [${finding.cause}]`);
    for (const remedy of finding.remedies)
      lines.push(
        `  Fix: ${remedy.title} — ${scopeLabels[remedy.scope]}${remedy.available ? '' : ` (${remedy.unavailableReason ?? 'not available here'})`}`,
      );
  }
  const notRun = diagnosis.probes.filter((probe) => probe.status !== 'ok');
  if (notRun.length > 0) lines.push(`Could not check: ${notRun.map((probe) => probe.title).join('; ')}`);
  lines.push(`Ruled out: ${diagnosis.ruledOut.length} check${diagnosis.ruledOut.length === 1 ? '' : 's'}`);
  const { recheck } = report;
  if (recheck) {
    const outcomes = compareCauses(diagnosis, recheck.diagnosis).map(
      (comparison) => `${comparison.cause} ${causeOutcomeLabels[comparison.outcome].toLowerCase()}`,
    );
    // A change read only at a restart is never reported as working before it.
    const restart = report.changes.find((entry) => entry.id === recheck.entryId)?.restartRequired;
    lines.push(
      `Checked again after the change: ${outcomes.length > 0 ? outcomes.join('; ') : 'nothing found'}${restart ? ` (${takesEffectAfter(restart)})` : ''}`,
    );
  }
  for (const entry of report.changes)
    lines.push(
      `Changed: ${entry.title} — ${entry.state}${entry.undoneAt ? ` (undone ${entry.undoneAt})` : ''}`,
    );
  return lines.join('\n');
}
