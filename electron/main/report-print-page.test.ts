/** The page the Electron printer loads is exactly the report HTML, and an oversized one is refused. */
import { describe, expect, it } from 'vitest';
import { maximumPrintUrlLength, ReportTooLargeToPrintError, reportPrintUrl } from './report-print-page.js';

describe('reportPrintUrl', () => {
  it('carries the HTML byte for byte, UTF-8 included', () => {
    const html = '<!doctype html><p>Zone — “Local intranet” ✓</p>';
    const url = reportPrintUrl(html);
    expect(url.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true);
    expect(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8')).toBe(html);
  });

  it('refuses a report Chromium would not load, in one line', () => {
    const html = 'x'.repeat((maximumPrintUrlLength / 4) * 3);
    expect(() => reportPrintUrl(html)).toThrow(ReportTooLargeToPrintError);
    expect(() => reportPrintUrl(html)).toThrow(/^this report is too large to print as PDF here; [^\n]+$/);
  });
});
