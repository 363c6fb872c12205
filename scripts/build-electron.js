// Bundles the Electron entry points. Main goes where package.json "main" says (electron-builder
// refuses to package when that file is missing; `npm start` runs the checkout through it too),
// as an ES module: main.ts awaits at top level, and Electron (>= 28) loads an `.mjs` main as
// ESM. The preload goes beside it as CommonJS, because sandboxed preloads cannot be ES modules
// (electron/main/window.ts loads it as ./preload.cjs). The engine stays plain TypeScript under
// Node everywhere else (CLI, harness, tests).
//
// `--out-dir <dir>` writes both files to another folder (the build test uses it).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The name electron/main/window.ts gives the preload, next to the main bundle. */
const preloadFileName = 'preload.cjs';

const { main } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
if (typeof main !== 'string' || !main.endsWith('.mjs')) {
  console.error(
    `build-electron: package.json "main" must name an .mjs file (the main process is an ES module), not ${JSON.stringify(main)}`,
  );
  process.exit(1);
}
const outDirFlag = process.argv.indexOf('--out-dir');
const outDir = outDirFlag === -1 ? dirname(main) : process.argv[outDirFlag + 1];
if (!outDir) {
  console.error('build-electron: --out-dir needs a folder');
  process.exit(1);
}

/** @type {import('esbuild').BuildOptions} */
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
  outfile: join(outDir, basename(main)),
  format: 'esm',
});
await build({
  ...common,
  entryPoints: ['electron/preload/preload.ts'],
  outfile: join(outDir, preloadFileName),
  format: 'cjs',
});
