// `npm run dist`: packages the Windows installers with electron-builder. It needs Electron
// (electron-builder fetches the Windows build of it from the same place as the binary
// `npm start` uses) and, for NSIS, a Windows or wine toolchain. Every step has a time limit;
// where a step cannot be done, one line says which and why, and the exit code is 1.
import { createRequire } from 'node:module';
import { findElectronBinary } from './electron-binary.js';
import { downloadElectronBinary } from './electron-download.js';
import { npmCommand } from './npm-command.js';
import { runBounded } from './run-bounded.js';

const require = createRequire(import.meta.url);
const minute = 60 * 1000;

/** @param {string} message */
function stop(message) {
  console.error(`IWA Doctor: cannot package: ${message}`);
  process.exit(1);
}

// Where Electron cannot be downloaded, electron-builder cannot fetch it either: say so now,
// before a build and a packaging run that would only fail (or retry) much later.
if (!findElectronBinary()) {
  const download = await downloadElectronBinary({
    onSlow: () => console.error('IWA Doctor: downloading the Electron binary (about 100 MB)…'),
  });
  if (!download.ok)
    stop(
      `the Electron binary cannot be downloaded here (${download.reason}); run \`npm run dist\` where Electron's downloads are reachable.`,
    );
}

const build = npmCommand(['run', '-s', 'build']);
const steps = [
  { name: 'the build', command: build.command, args: build.args, timeoutMs: 10 * minute },
  {
    // Downloads Electron for Windows and the NSIS toolchain on a first run; packaging itself takes a few minutes.
    name: 'electron-builder',
    command: process.execPath,
    args: [
      require.resolve('electron-builder/cli.js'),
      '--config',
      'build/electron-builder.config.cjs',
      '--win',
    ],
    timeoutMs: 20 * minute,
  },
];
for (const step of steps) {
  const run = await runBounded(step.command, step.args, { timeoutMs: step.timeoutMs });
  if (run.outcome === 'timed-out')
    stop(`${step.name} did not finish within ${step.timeoutMs / minute} minutes and was stopped.`);
  if (run.outcome === 'could-not-run') stop(`${step.name} could not start (${run.reason}).`);
  if (run.outcome === 'failed') stop(`${step.name} failed (its output is above).`);
}
