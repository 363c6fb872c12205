/** Runs an allow-listed tool while planning a remedy; a tool that cannot run makes the plan impossible, said in one line. */
import type { AllowedTool, Host, ToolRun } from '../../host/host.js';
import { RemedyPreconditionError } from './remedy.js';

export async function runToolForRemedy(
  host: Host,
  tool: AllowedTool,
  args: readonly string[],
): Promise<ToolRun> {
  const run = await host.runTool(tool, args);
  if (run.outcome === 'could-not-run') {
    throw new RemedyPreconditionError(
      `${tool} ${args.join(' ')} could not run (${run.reason ?? 'unknown reason'}), so this fix cannot be prepared`,
    );
  }
  return run;
}
