/**
 * One persistent PowerShell process for a diagnosis, behind a two-method interface so tests
 * can capture the exact text sent (the fake is the only test double of this host).
 *
 * The production session wraps node-powershell v5 (`new PowerShell(...).invoke(text)`), used
 * ONLY to carry text we built from fixed scripts and a base64 literal: its `$` tagged template
 * and its converters put data inside double quotes, where `$(...)` runs, and are never used
 * (eslint forbids the template; design.md, Seams → Host).
 */
import { PowerShell } from 'node-powershell';
import { resultSentinel } from './result-envelope.js';

export interface PowerShellSession {
  /** Sends one complete invocation text and resolves with everything it printed on stdout. */
  invoke(scriptText: string): Promise<string>;
  dispose(): Promise<void>;
}

/** The session itself failed (stderr output, timeout, process gone), as opposed to a primitive failing. */
export class PowerShellSessionError extends Error {
  constructor(
    message: string,
    readonly reason: 'stderr' | 'timeout' | 'exited' | 'start',
  ) {
    super(message);
    this.name = 'PowerShellSessionError';
  }
}

export interface NodePowerShellSessionOptions {
  /** Absolute path of powershell.exe; default: the 64-bit Windows PowerShell 5.1 of this Windows. */
  readonly executable?: string;
  /** Per-invocation limit; the session is unusable after a timeout and must be disposed. */
  readonly invocationTimeoutMs?: number;
}

/**
 * Windows PowerShell 5.1 by absolute path (never through PATH). From a 32-bit process,
 * System32 is redirected to SysWOW64 (32-bit PowerShell, 32-bit registry view); Sysnative
 * reaches the 64-bit one. Electron builds for x64/arm64 run as 64-bit, so System32 is right;
 * the Sysnative branch is for a 32-bit Node on 64-bit Windows (PROCESSOR_ARCHITEW6432 is set).
 */
export function defaultPowerShellExecutable(environment: NodeJS.ProcessEnv = process.env): string {
  const windows = environment.SystemRoot ?? environment.windir ?? 'C:\\Windows';
  const systemDirectory = environment.PROCESSOR_ARCHITEW6432 ? 'Sysnative' : 'System32';
  return `${windows}\\${systemDirectory}\\WindowsPowerShell\\v1.0\\powershell.exe`;
}

export function startNodePowerShellSession(options: NodePowerShellSessionOptions = {}): PowerShellSession {
  // node-powershell lets NODE_POWERSHELL replace the executable silently; refuse instead of
  // running whatever that variable names with our scripts.
  if (process.env.NODE_POWERSHELL) {
    throw new PowerShellSessionError(
      'NODE_POWERSHELL is set and would replace powershell.exe; unset it to use the PowerShell host',
      'start',
    );
  }
  const timeout = options.invocationTimeoutMs ?? 120_000;
  let shell: PowerShell;
  try {
    shell = new PowerShell({
      executable: options.executable ?? defaultPowerShellExecutable(),
      // -NoProfile: a profile could print text or redefine commands. -NonInteractive: a
      // prompt (e.g. a mandatory parameter) fails instead of waiting for input forever.
      executableOptions: { '-NoProfile': true, '-NonInteractive': true },
      spawnOptions: { windowsHide: true },
      invocationTimeout: timeout,
      throwOnInvocationError: false,
    });
  } catch (error) {
    throw new PowerShellSessionError(`PowerShell could not be started: ${(error as Error).message}`, 'start');
  }
  let broken: PowerShellSessionError | null = null;
  return {
    async invoke(scriptText) {
      if (broken) throw broken;
      let result;
      try {
        result = await shell.invoke(scriptText);
      } catch (error) {
        broken = new PowerShellSessionError(
          `PowerShell stopped: ${(error as Error).message.split('\n')[0] ?? ''}`,
          'exited',
        );
        throw broken;
      }
      if (result.hadErrors) {
        if (result.stdout === undefined) {
          // node-powershell leaves stdout unset when its invocationTimeout fired.
          broken = new PowerShellSessionError(
            `PowerShell did not answer within ${Math.round(timeout / 1000)} s`,
            'timeout',
          );
          throw broken;
        }
        // Something wrote to stderr; if the primitive still printed its result, that result
        // (ok or error envelope) is the answer and the session stays in step.
        const stdout = result.stdout.toString('utf8');
        if (stdout.includes(resultSentinel)) return stdout;
        const stderr = result.raw.replace(/\s+/g, ' ').trim().slice(0, 500);
        throw new PowerShellSessionError(`PowerShell reported an error: ${stderr}`, 'stderr');
      }
      return result.raw;
    },
    async dispose() {
      try {
        await shell.dispose();
      } catch {
        // The process may already be gone; disposing twice or after a crash is not an error.
      }
    },
  };
}
