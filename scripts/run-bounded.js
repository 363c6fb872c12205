// A child process with a time limit, owned the way style.md asks (electron/fiddle exec.ts):
// an argument array and never a shell string, the kill escalated (TERM, then KILL) to the
// whole process tree (npm starts grandchildren), and a result that says which of four things
// happened: succeeded, failed, timed out, could not run.
import { spawn, spawnSync } from 'node:child_process';

/** How long a stopped process gets to end by itself before it is killed outright. */
const killGraceMs = 5_000;
/** Captured output keeps its end, where a failure says why. */
const maxCapturedChars = 64 * 1024;

/** @param {number} pid @param {'SIGTERM' | 'SIGKILL'} signal */
function signalTree(pid, signal) {
  if (process.platform === 'win32') {
    // No process groups on Windows: taskkill walks the tree (/T); /F is the hard kill.
    spawnSync('taskkill', ['/pid', String(pid), '/T', ...(signal === 'SIGKILL' ? ['/F'] : [])], {
      stdio: 'ignore',
    });
    return;
  }
  try {
    // The child leads its own process group (detached), so -pid reaches its children too.
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * @param {string} command
 * @param {readonly string[]} args
 * @param {import('./run-bounded.js').BoundedRunOptions} options
 * @returns {Promise<import('./run-bounded.js').BoundedRun>}
 */
export function runBounded(command, args, options) {
  const { timeoutMs, capture = false, cwd, env, slowNotice } = options;
  return new Promise((resolve) => {
    /** @type {import('node:child_process').ChildProcess} */
    let child;
    try {
      child = spawn(command, [...args], {
        cwd,
        env: env ?? process.env,
        stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
    } catch (error) {
      resolve({ outcome: 'could-not-run', reason: error instanceof Error ? error.message : String(error) });
      return;
    }
    let output = '';
    const keep = (/** @type {Buffer} */ chunk) => {
      output = (output + chunk.toString('utf8')).slice(-maxCapturedChars);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);

    let timedOut = false;
    /** @type {NodeJS.Timeout | undefined} */
    let hardKill;
    const stopTree = () => {
      if (child.pid === undefined) return;
      const pid = child.pid;
      signalTree(pid, 'SIGTERM');
      hardKill = setTimeout(() => signalTree(pid, 'SIGKILL'), killGraceMs);
    };
    const limit = setTimeout(() => {
      timedOut = true;
      stopTree();
    }, timeoutMs);
    const slow = slowNotice ? setTimeout(slowNotice.print, slowNotice.afterMs) : undefined;
    // A detached child is not in the terminal's process group: Ctrl-C must reach it through us.
    const onInterrupt = () => {
      stopTree();
      process.exit(130);
    };
    process.once('SIGINT', onInterrupt);
    process.once('SIGTERM', onInterrupt);

    const finish = (/** @type {import('./run-bounded.js').BoundedRun} */ result) => {
      clearTimeout(limit);
      clearTimeout(slow);
      process.removeListener('SIGINT', onInterrupt);
      process.removeListener('SIGTERM', onInterrupt);
      resolve(result);
    };
    child.once('error', (error) => {
      clearTimeout(hardKill);
      finish({ outcome: 'could-not-run', reason: error.message });
    });
    child.once('close', (exitCode, signal) => {
      // The group may still hold a grandchild that ignored TERM; the hard kill stays armed for it.
      if (!timedOut) clearTimeout(hardKill);
      else hardKill?.unref();
      if (timedOut) finish({ outcome: 'timed-out', output });
      else if (exitCode === 0) finish({ outcome: 'succeeded', output });
      else finish({ outcome: 'failed', exitCode, signal, output });
    });
  });
}

/**
 * The line of captured output that says why a Node program failed: the first one that is not
 * a stack frame, without the noise around it.
 * @param {string} output
 * @returns {string}
 */
export function failureLine(output) {
  const line = output
    .split(/\r?\n/)
    .map((text) => text.trim())
    .find((text) => text !== '' && !text.startsWith('at '));
  return (line ?? 'no explanation given').slice(0, 160);
}
