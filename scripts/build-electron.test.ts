import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repositoryRoot = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const packageJson = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
  main: string;
};
const builderConfig = require('../build/electron-builder.config.cjs') as { files: string[] };
const windowSource = readFileSync(join(repositoryRoot, 'electron/main/window.ts'), 'utf8');

// electron-builder stops with "Application entry file … does not exist" when package.json
// "main" names a file the build does not write; `npm start` starts the checkout through it too.
describe('Electron bundles and package.json "main" agree', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'iwa-build-electron-'));
  let build: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    build = spawnSync(process.execPath, ['scripts/build-electron.js', '--out-dir', outDir], {
      cwd: repositoryRoot,
      encoding: 'utf8',
      timeout: 120_000,
    });
  }, 150_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('builds without a word', () => {
    expect(build.status).toBe(0);
    expect(`${build.stdout}${build.stderr}`).toBe('');
  });

  it('writes the main bundle under the name package.json gives, as an ES module', () => {
    expect(packageJson.main).toMatch(/^dist\/electron\/[^/]+\.mjs$/);
    const main = join(outDir, basename(packageJson.main));
    expect(existsSync(main)).toBe(true);
    const source = readFileSync(main, 'utf8');
    expect(source).toMatch(/^import .* from "electron";$/m);
    expect(source).not.toContain('require("electron")');
    // esbuild's shim for a require() left in an ES module bundle throws at start-up.
    expect(source).not.toContain('Dynamic require of');
  });

  it('writes the preload beside it as CommonJS, under the name the window loads', () => {
    const preloadName = /new URL\('\.\/(preload\.[a-z]+)', import\.meta\.url\)/.exec(windowSource)?.[1];
    expect(preloadName).toBe('preload.cjs');
    const preload = readFileSync(join(outDir, preloadName ?? ''), 'utf8');
    expect(preload).toContain('require("electron")');
    expect(preload).not.toMatch(/^import /m);
  });

  it('keeps the schemas out of the preload: it only forwards, the engine and the renderer validate', () => {
    const preload = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
    expect(preload).toContain('"kerberos:purge-and-retest"');
    // zod and the model schemas were once bundled here (about 800 KB) to list the channel names.
    expect(preload).not.toContain('ZodError');
  });

  it('packages the folder the main bundle is in', () => {
    expect(builderConfig.files).toContain(`${dirname(packageJson.main)}/**`);
  });
});
