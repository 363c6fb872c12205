// `npm start`: builds and opens the Electron app; where the Electron binary is not there
// (it downloads on first use, and some networks refuse that), says so in one line.
import { spawn, spawnSync } from 'node:child_process';
import { findElectronBinary } from './electron-binary.js';

const binary = findElectronBinary();
if (!binary) {
  console.error(
    'IWA Doctor: the Electron binary is not installed here (its download was not possible); run `npm run web` to use the app in a browser instead.',
  );
  process.exit(1);
}
const built = spawnSync('npm', ['run', '-s', 'build'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (built.status !== 0) process.exit(built.status ?? 1);
const child = spawn(binary, ['dist/electron/main.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
