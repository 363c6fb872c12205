/** Runs an allow-listed tool and turns "could not run" into ProbeUnavailableError, keeping the raw output for evidence. */
import type { RawOutput } from '../../../shared/model/evidence.js';
import type { AllowedTool, Host, ToolRun } from '../../host/host.js';
import { ProbeUnavailableError } from '../probe.js';

export async function runToolForProbe(
  host: Host,
  tool: AllowedTool,
  args: readonly string[],
): Promise<{ run: ToolRun; raw: RawOutput }> {
  const run = await host.runTool(tool, args);
  if (run.outcome === 'could-not-run')
    throw new ProbeUnavailableError(
      `${tool} ${args.join(' ')} could not run: ${run.reason ?? 'unknown reason'}`,
    );
  const text = [run.stdout, run.stderr].filter((part) => part.length > 0).join('\n');
  return { run, raw: { label: `${tool} ${args.join(' ')}`, text } };
}
