// `npm start`: builds and opens the Electron app. Electron 45 installs without its binary;
// where it is missing this asks for the download (bounded, output kept) and, where that is
// refused, says so in one line and points to `npm run web`.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.js';
import { downloadElectronBinary } from './electron-download.js';
import { npmCommand } from './npm-command.js';
import { runBounded } from './run-bounded.js';

/** A cold renderer and main build takes well under a minute; ten is "something is stuck". */
const buildTimeoutMs = 10 * 60 * 1000;

let binary = findElectronBinary();
if (!binary) {
  const download = await downloadElectronBinary({
    onSlow: () =>
      console.error('IWA Doctor: downloading the Electron binary (about 100 MB, first start only)…'),
  });
  if (!download.ok) {
    console.error(
      `IWA Doctor: the Electron binary cannot be downloaded here (${download.reason}); run \`npm run web\` to use the app in a browser instead.`,
    );
    process.exit(1);
  }
  binary = download.binary;
}

const npm = npmCommand(['run', '-s', 'build']);
const built = await runBounded(npm.command, npm.args, { timeoutMs: buildTimeoutMs });
if (built.outcome !== 'succeeded') {
  console.error(
    built.outcome === 'timed-out'
      ? 'IWA Doctor: the build did not finish within 10 minutes and was stopped.'
      : built.outcome === 'could-not-run'
        ? `IWA Doctor: could not run the build (${built.reason}).`
        : 'IWA Doctor: the build failed (its output is above).',
  );
  process.exit(1);
}
// The checkout's folder: Electron starts the app the way a package does, from package.json "main".
const appDirectory = fileURLToPath(new URL('..', import.meta.url));
const child = spawn(binary, [appDirectory, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
