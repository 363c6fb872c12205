// Where the Electron binary would be, without require('electron'): that call starts a
// download on first use (Electron 45+), which must only happen when asked for and with a
// time limit (scripts/electron-download.js).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The electron package's folder, or null when it is not installed (npm ci --omit=dev). */
export function electronPackageDirectory() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The path of the Electron executable, or null when it was never downloaded. */
export function findElectronBinary() {
  const packageDir = electronPackageDirectory();
  if (packageDir === null) return null;
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  // Honoured as electron's own index.js does: an Electron installed somewhere else.
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const binary = join(override, executable || (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return existsSync(binary) ? binary : null;
  }
  if (executable === null) return null;
  const binary = join(packageDir, 'dist', executable);
  return existsSync(binary) ? binary : null;
}
