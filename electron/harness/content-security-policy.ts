/**
 * The one Content-Security-Policy of the renderer, sent by the web harness as a header and
 * set by Electron on every response (the page also carries it as a meta tag, written from
 * `metaContentSecurityPolicy` when the renderer is built). Nothing inline, nothing remote:
 * scripts, styles and API calls only from the app's own origin — with one exact exception:
 * the report's own stylesheet, allowed by its SHA-256 hash. The web harness prints the report
 * from a sandboxed srcdoc frame, and such a frame inherits this page's policy (CSP 3, policy
 * container), so without the hash the printed report would lose its layout.
 */
import { createHash } from 'node:crypto';
import { reportStyleSheet } from '../../shared/report/report-html.js';

/** `'sha256-…'` of the report stylesheet, exactly as report-html.ts writes it inside <style>. */
export const reportStyleSource = `'sha256-${createHash('sha256').update(reportStyleSheet, 'utf8').digest('base64')}'`;

const directives = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' ${reportStyleSource}`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
];

export const contentSecurityPolicy = directives.join('; ');

/** The same policy for the page's <meta> tag, which may not carry frame-ancestors (CSP 3 §6.4). */
export const metaContentSecurityPolicy = directives
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');
