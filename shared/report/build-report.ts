/**
 * Builds a report from a diagnosis and the journal: only the changes made for this address,
 * the checks run again after a fix when there was one, and every secret removed unless the
 * person explicitly asked to keep them.
 */
import type { Diagnosis } from '../model/diagnosis.js';
import type { JournalEntry } from '../model/journal.js';
import { redactSecrets } from './redact-secrets.js';
import { reportFormat, reportVersion, type ReportDocument, type ReportRecheck } from './report-document.js';

export interface BuildReportOptions {
  readonly diagnosis: Diagnosis;
  readonly journal: readonly JournalEntry[];
  readonly appVersion: string;
  readonly createdAt: string;
  /** Keep tokens and other secrets (off unless the person opts in). */
  readonly includeSecrets?: boolean;
  /** Saved after a fix: the checks run again after the change. */
  readonly recheck?: ReportRecheck;
}

/**
 * A report as it may leave the app: unless it says it keeps secrets, every secret is removed
 * (again — redaction is idempotent, so a report built here passes through unchanged).
 */
export function withSecretsPolicy(report: ReportDocument): ReportDocument {
  return report.secretsIncluded ? report : { ...redactSecrets(report), secretsIncluded: false };
}

export function buildReport(options: BuildReportOptions): ReportDocument {
  const report: ReportDocument = {
    format: reportFormat,
    version: reportVersion,
    createdAt: options.createdAt,
    appVersion: options.appVersion,
    secretsIncluded: options.includeSecrets === true,
    diagnosis: options.diagnosis,
    changes: options.journal.filter((entry) => entry.targetUrl === options.diagnosis.target.url),
    ...(options.recheck ? { recheck: options.recheck } : {}),
  };
  return withSecretsPolicy(report);
}
