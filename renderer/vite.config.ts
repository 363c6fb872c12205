import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { metaContentSecurityPolicy } from '../electron/harness/content-security-policy.js';

const cspMeta = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/;

/**
 * Writes the one policy (electron/harness/content-security-policy.ts) into the page's CSP meta
 * tag, so the tag and the header never differ (the tag carries the report stylesheet's hash too).
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'iwa-doctor-csp-meta',
    transformIndexHtml(html) {
      if (!cspMeta.test(html)) throw new Error('renderer/index.html has no Content-Security-Policy meta tag');
      return html.replace(cspMeta, `$1${metaContentSecurityPolicy}$2`);
    },
  };
}

// Relative asset paths: Electron loads the page from file://, the web harness from its root.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), contentSecurityPolicyMeta()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // No inline scripts or styles: the CSP allows only files from the app's own origin.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // The bundle is read from disk (Electron, file://) or from 127.0.0.1 (web harness), never
    // over a network, so splitting it into chunks would buy nothing; the warning's 500 kB
    // default would only add lines to `npm run web`, which prints exactly one. The limit
    // still catches a dependency that swells the bundle by megabytes.
    chunkSizeWarningLimit: 2048,
    rolldownOptions: {
      // Rolldown's "plugins took significant time" notice depends on machine load, not on
      // anything in this project (speed is measured by `npm run bench`).
      checks: { bundlerTimings: false },
    },
  },
  worker: {
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
