/**
 * A simulated Windows command-line tool for the scenario host: it answers from the
 * scenario's semantic state and prints in the real output format (cite the reference
 * section of the format in each simulator). A tool that changes state (setspn -S,
 * appcmd set, klist purge, cmdkey /delete) mutates `scenario` in place, so verify and
 * undo see the change.
 */
import type { Scenario } from '../../../shared/scenario/scenario-schema.js';

export interface SimulatedToolResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How the tool was started: `elevated` when the host runs it with administrator rights (after UAC). */
export interface SimulatedToolContext {
  readonly elevated: boolean;
}

export type SimulatedTool = (
  args: readonly string[],
  scenario: Scenario,
  context: SimulatedToolContext,
) => SimulatedToolResult;
