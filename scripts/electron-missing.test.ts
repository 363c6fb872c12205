import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repositoryRoot = new URL('..', import.meta.url).pathname;
const emptyDir = mkdtempSync(join(tmpdir(), 'iwa-no-electron-'));
afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

/**
 * A machine without the Electron binary whose download is refused, made the same everywhere:
 * the binary is looked for in an empty folder (ELECTRON_OVERRIDE_DIST_PATH, which electron's
 * own index.js honours too), the download goes to a closed port on loopback (ELECTRON_MIRROR)
 * with an empty cache, so that no machine ever downloads here.
 */
function runWithoutElectron(script: string) {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env))
    if (!/^npm_config_electron_|^electron_|^ELECTRON_/i.test(name)) env[name] = value;
  Object.assign(env, {
    ELECTRON_OVERRIDE_DIST_PATH: emptyDir,
    ELECTRON_MIRROR: 'http://127.0.0.1:9/',
    electron_config_cache: emptyDir,
  });
  return spawnSync(process.execPath, [join(repositoryRoot, script)], {
    cwd: repositoryRoot,
    env,
    encoding: 'utf8',
    // A guard only: a hang fails the test instead of stalling the run.
    timeout: 120_000,
  });
}

describe('where Electron is missing and cannot be downloaded', () => {
  it('npm start tries the download, then says so in exactly one line and points to npm run web', () => {
    const run = runWithoutElectron('scripts/start-electron.js');
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^IWA Doctor: the Electron binary cannot be downloaded here \(.+\); run `npm run web`/,
      ),
    ]);
  }, 150_000);

  it('npm run dist says so in exactly one line instead of building or hanging', () => {
    const run = runWithoutElectron('scripts/dist.js');
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^IWA Doctor: cannot package: the Electron binary cannot be downloaded here \(.+\)/,
      ),
    ]);
  }, 150_000);
});
