// Bundles the Electron entry points: main as ESM (Electron >= 28 loads it), preload as
// CommonJS (sandboxed preloads cannot be ES modules). The engine stays plain TypeScript
// under Node everywhere else (CLI, harness, tests).
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  external: ['electron', 'kerberos', 'node-powershell'],
  logLevel: 'warning',
  legalComments: 'none',
};

await build({
  ...common,
  entryPoints: ['electron/main/main.ts'],
  outfile: 'dist/electron/main.mjs',
  format: 'esm',
});
await build({
  ...common,
  entryPoints: ['electron/preload/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  format: 'cjs',
});
