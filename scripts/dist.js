// `npm run dist`: packages the Windows installers with electron-builder. It needs the Electron
// binary (and, for NSIS, a Windows or wine toolchain); where that is missing it says so in
// one line instead of starting a download or hanging.
import { spawnSync } from 'node:child_process';
import { findElectronBinary } from './electron-binary.js';

if (!findElectronBinary()) {
  console.error(
    'IWA Doctor: cannot package: the Electron binary is not installed here; run `npx install-electron` where downloads are allowed, then `npm run dist`.',
  );
  process.exit(1);
}
for (const step of [
  ['run', '-s', 'build'],
  ['exec', '--', 'electron-builder', '--config', 'build/electron-builder.config.cjs', '--win'],
]) {
  const result = spawnSync('npm', step, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    timeout: 30 * 60 * 1000,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
