export interface BoundedRunOptions {
  /** After this long the process tree is stopped (TERM, then KILL 5 s later). */
  readonly timeoutMs: number;
  /** Keep stdout and stderr (their last 64 KB) instead of showing them. */
  readonly capture?: boolean;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Said once if the process is still running after `afterMs` (a long download, say). */
  readonly slowNotice?: { readonly afterMs: number; readonly print: () => void };
}

export type BoundedRun =
  | { readonly outcome: 'succeeded'; readonly output: string }
  | {
      readonly outcome: 'failed';
      readonly exitCode: number | null;
      readonly signal: NodeJS.Signals | null;
      readonly output: string;
    }
  | { readonly outcome: 'timed-out'; readonly output: string }
  | { readonly outcome: 'could-not-run'; readonly reason: string };

/**
 * Runs `command` with `args` (no shell) and says how it ended; at the time limit the process tree
 * is stopped (TERM, then KILL 5 s later), so it never waits much past it.
 */
export function runBounded(
  command: string,
  args: readonly string[],
  options: BoundedRunOptions,
): Promise<BoundedRun>;

/** The line of captured output that says why a Node program failed (not a stack frame). */
export function failureLine(output: string): string;
