/**
 * The page the Electron printer loads for a report PDF: the report's own self-contained HTML
 * as a base64 `data:` URL, so nothing is written to disk and nothing is fetched. Chromium
 * refuses to navigate to a URL longer than 2 MiB (2,097,152 characters, its `kMaxURLChars`),
 * so a larger report is refused here in one line instead of printing a blank page.
 * No `electron` import: tested under plain Node.
 */
import { EngineError } from '../engine/engine.js';

export const maximumPrintUrlLength = 2 * 1024 * 1024;

/** An expected failure: the API answers it as one line (`precondition-failed`), never as a crash. */
export class ReportTooLargeToPrintError extends EngineError {
  constructor() {
    super(
      'this report is too large to print as PDF here; save it as a web page and print that from a browser',
      'precondition-failed',
    );
    this.name = 'ReportTooLargeToPrintError';
  }
}

export function reportPrintUrl(html: string): string {
  const url = `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
  if (url.length > maximumPrintUrlLength) throw new ReportTooLargeToPrintError();
  return url;
}
