/**
 * Builds a report from a diagnosis and the journal: only the changes made for this address,
 * and every secret removed unless the person explicitly asked to keep them.
 */
import type { Diagnosis } from '../model/diagnosis.js';
import type { JournalEntry } from '../model/journal.js';
import { redactSecrets } from './redact-secrets.js';
import { reportFormat, type ReportDocument } from './report-document.js';

export interface BuildReportOptions {
  readonly diagnosis: Diagnosis;
  readonly journal: readonly JournalEntry[];
  readonly appVersion: string;
  readonly createdAt: string;
  /** Keep tokens and other secrets (off unless the person opts in). */
  readonly includeSecrets?: boolean;
}

export function buildReport(options: BuildReportOptions): ReportDocument {
  const report: ReportDocument = {
    format: reportFormat,
    version: 1,
    createdAt: options.createdAt,
    appVersion: options.appVersion,
    secretsIncluded: options.includeSecrets === true,
    diagnosis: options.diagnosis,
    changes: options.journal.filter((entry) => entry.targetUrl === options.diagnosis.target.url),
  };
  return report.secretsIncluded ? report : { ...redactSecrets(report), secretsIncluded: false };
}
