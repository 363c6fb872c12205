/**
 * Runs a short lab command (kdb5_util, kadmin.local, kinit, klist, curl) with a hard time limit,
 * no shell, and a bounded output buffer. A failure becomes an Error naming the command and its
 * stderr, never a hang.
 */
import { execFile } from 'node:child_process';

export interface BoundedRunResult {
  readonly stdout: string;
  readonly stderr: string;
}

export class LabCommandError extends Error {
  constructor(
    message: string,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'LabCommandError';
  }
}

export function runBounded(
  command: string,
  args: readonly string[],
  options: { env: Record<string, string>; input?: string; timeoutMs?: number; cwd?: string },
): Promise<BoundedRunResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      [...args],
      {
        env: options.env,
        cwd: options.cwd,
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 4 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error) {
          const why = error.killed
            ? `timed out after ${timeoutMs} ms`
            : `failed (${error.code ?? error.message})`;
          const detail = (stderr || stdout).trim().split('\n').slice(-3).join(' | ');
          reject(new LabCommandError(`${command} ${why}${detail ? `: ${detail}` : ''}`, stdout, stderr));
          return;
        }
        resolve({ stdout, stderr });
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}
