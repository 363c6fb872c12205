/**
 * The run-tool primitive's answer (scripts/run-tool.ps1): tri-state outcome as style.md asks
 * (ran and succeeded / ran and failed / could not run), exit code, both output streams.
 */
import { z } from 'zod';
import type { AllowedTool, ToolRun } from '../host.js';

const text = z.preprocess((value) => (value === null || value === undefined ? '' : value), z.string());

export const toolRunResultSchema = z
  .object({
    outcome: z.enum(['succeeded', 'failed', 'could-not-run']),
    exitCode: z.number().int().nullable(),
    stdout: text,
    stderr: text,
    reason: z.string().nullable().optional(),
    path: z.string().optional(),
  })
  .refine((run) => (run.outcome === 'could-not-run') === (run.exitCode === null), {
    message: 'exitCode must be null exactly when the tool could not run',
  })
  .refine(
    (run) => run.outcome === 'could-not-run' || (run.outcome === 'succeeded') === (run.exitCode === 0),
    {
      message: 'outcome must follow the exit code',
    },
  );
export type ToolRunResult = z.infer<typeof toolRunResultSchema>;

export function toToolRun(tool: AllowedTool, args: readonly string[], result: ToolRunResult): ToolRun {
  const run: ToolRun = {
    tool,
    args: [...args],
    outcome: result.outcome,
    exitCode: result.exitCode,
    stdout: result.stdout,
    stderr: result.stderr,
  };
  return result.reason ? { ...run, reason: result.reason } : run;
}
