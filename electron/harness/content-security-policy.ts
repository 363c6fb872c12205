/**
 * The one Content-Security-Policy of the renderer, sent by the web harness as a header and
 * set by Electron on every response (the page also carries it as a meta tag). Nothing
 * inline, nothing remote: scripts, styles and API calls only from the app's own origin.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
