// Electron 45 installs without its binary and fetches it on first use (node_modules/electron/
// install.js, which electron's index.js runs with no time limit and its output on screen).
// `npm start` and `npm run dist` ask for that download themselves, bounded in time and with
// its output kept, so that where downloads are refused they can say so in one line.
// Never from a postinstall: installing must not depend on the network beyond the registry.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { electronPackageDirectory, findElectronBinary } from './electron-binary.js';
import { failureLine, runBounded } from './run-bounded.js';

/** About 100 MB; a slow line may need minutes, a refused one answers at once. */
export const electronDownloadTimeoutMs = 5 * 60 * 1000;

/** electron's own installer script, or null when the electron package is not installed. */
export function electronInstallScript() {
  const packageDir = electronPackageDirectory();
  if (packageDir === null) return null;
  const script = join(packageDir, 'install.js');
  return existsSync(script) ? script : null;
}

/**
 * @param {import('./electron-download.js').ElectronDownloadOptions} [options]
 * @returns {Promise<import('./electron-download.js').ElectronDownload>}
 */
export async function downloadElectronBinary(options = {}) {
  const {
    installScript = electronInstallScript(),
    timeoutMs = electronDownloadTimeoutMs,
    findBinary = findElectronBinary,
    onSlow,
  } = options;
  if (installScript === null) return { ok: false, reason: 'the electron package is not installed' };
  const run = await runBounded(process.execPath, [installScript], {
    timeoutMs,
    capture: true,
    // Its progress bar goes nowhere useful when the output is kept.
    env: { ...process.env, ELECTRON_GET_NO_PROGRESS: '1' },
    ...(onSlow ? { slowNotice: { afterMs: 5_000, print: onSlow } } : {}),
  });
  switch (run.outcome) {
    case 'succeeded': {
      const binary = findBinary();
      return binary === null
        ? { ok: false, reason: 'the download ended but no Electron binary is there' }
        : { ok: true, binary };
    }
    case 'failed':
      return { ok: false, reason: failureLine(run.output) };
    case 'timed-out':
      return {
        ok: false,
        reason: `no complete download within ${timeoutMs >= 60_000 ? `${timeoutMs / 60_000} minutes` : `${timeoutMs / 1000} s`}`,
      };
    case 'could-not-run':
      return { ok: false, reason: run.reason };
  }
}
