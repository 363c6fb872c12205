/**
 * A long-running lab daemon (krb5kdc, apache2, dnsmasq) that can never outlive the test run.
 *
 * Three independent guarantees, because a stray KDC or web server on a shared machine is worse
 * than a failed test:
 * 1. `stop()` asks politely (SIGTERM), waits a bounded time, then SIGKILLs the whole process group.
 * 2. The daemon runs under a tiny `sh` watchdog that holds our stdin pipe: when this Node process
 *    dies for any reason (crash, SIGKILL, worker torn down), the pipe closes, `cat` sees EOF and the
 *    watchdog terminates the daemon.
 * 3. On a normal Node exit, every still-running group is SIGKILLed synchronously.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface SupervisedProcess {
  readonly name: string;
  /** Process id of the watchdog; it leads the process group the daemon runs in. */
  readonly pid: number;
  readonly exited: Promise<ProcessExit>;
  /** True until the daemon (and its watchdog) have exited. */
  running(): boolean;
  /** The last few kilobytes of stdout+stderr, for error messages. */
  output(): string;
  stop(timeoutMs?: number): Promise<void>;
}

const outputLimitChars = 16_384;
const liveGroups = new Set<number>();

// Guarantee 3: a normal exit (including vitest tearing down after a failed test) kills what is left.
process.once('exit', () => {
  for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
});

/**
 * The watchdog: runs the daemon with stdin from /dev/null (background jobs would get that anyway),
 * keeps our pipe on fd 3 for `cat`, and forwards TERM. `"$0" "$@"` keeps every argument a separate
 * word: nothing we pass is ever parsed as shell text.
 */
const watchdogScript = [
  'exec 3<&0',
  '"$0" "$@" </dev/null &',
  'child=$!',
  'trap \'kill -TERM "$child" 2>/dev/null\' TERM INT',
  '(cat <&3 >/dev/null; kill -TERM "$child" 2>/dev/null) &',
  'wait "$child"',
  'status=$?',
  // `wait` returns early when a trapped signal arrives: wait again for the daemon itself.
  'while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done',
  'exit "$status"',
].join('\n');

export function startSupervised(
  name: string,
  command: string,
  args: readonly string[],
  options: { env: Record<string, string>; cwd?: string },
): SupervisedProcess {
  const child: ChildProcess = spawn('/bin/sh', ['-c', watchdogScript, command, ...args], {
    env: options.env,
    cwd: options.cwd,
    detached: true, // own process group, so stop() can take down the daemon's own children too
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const pid = child.pid;
  liveGroups.add(pid);

  let captured = '';
  const capture = (chunk: Buffer): void => {
    captured = (captured + chunk.toString('utf8')).slice(-outputLimitChars);
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);
  child.stdin?.on('error', () => undefined); // EPIPE once the watchdog is gone is expected

  let isRunning = true;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      isRunning = false;
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      isRunning = false;
      capture(Buffer.from(`${error.message}\n`));
      resolve({ code: null, signal: null });
    });
  });
  void exited.then(() => {
    child.stdin?.end();
    // The daemon may have left children (Apache workers); the group dies with its leader's exit.
    killGroup(pid, 'SIGKILL');
    liveGroups.delete(pid);
  });

  return {
    name,
    pid,
    exited,
    running: () => isRunning,
    output: () => captured,
    async stop(timeoutMs = 5_000) {
      if (!isRunning) {
        await exited;
        return;
      }
      child.stdin?.end(); // guarantee 2 doubles as the polite path
      killGroup(pid, 'SIGTERM');
      if (!(await settlesWithin(exited, timeoutMs))) {
        killGroup(pid, 'SIGKILL');
        await settlesWithin(exited, 2_000);
      }
      killGroup(pid, 'SIGKILL');
      liveGroups.delete(pid);
    },
  };
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone, which is what we want.
  }
}

async function settlesWithin(promise: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** True when some process in the group still exists. */
export function processGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
