/**
 * Reads a saved JSON report back, strictly: bounded size, JSON, then the zod schema. Any
 * problem is one line a person can read, never a crash.
 */
import {
  readableReportVersions,
  reportDocumentSchema,
  reportFormat,
  type ReportDocument,
} from './report-document.js';

export const maximumReportBytes = 20 * 1024 * 1024;

export class ReportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportFileError';
  }
}

export function parseReport(text: string): ReportDocument {
  if (text.length > maximumReportBytes)
    throw new ReportFileError(
      `This file is larger than ${maximumReportBytes / 1024 / 1024} MB; it is not an IWA Doctor report.`,
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ReportFileError('This file is not JSON, so it is not an IWA Doctor report.');
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== reportFormat) {
    throw new ReportFileError('This JSON file is not an IWA Doctor report.');
  }
  const version = (json as { version?: unknown }).version;
  if (typeof version !== 'number' || !readableReportVersions.includes(version))
    throw new ReportFileError('This report was saved by a newer IWA Doctor; update the app to open it.');
  const parsed = reportDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ReportFileError(
      `This report is damaged: ${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'invalid'}.`,
    );
  }
  return parsed.data;
}
