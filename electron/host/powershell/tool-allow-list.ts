/**
 * The allow-list check before anything reaches PowerShell (run-tool.ps1 checks again, by its
 * own fixed table). Arguments are an array of strings, never a command line: the script
 * quotes each one with the CommandLineToArgvW rules. NUL cannot be carried by a Windows
 * command line at all, so it is refused here rather than cut silently.
 */
import { HostError, allowedTools, type AllowedTool } from '../host.js';

export const maxToolArguments = 64;
/** A Windows command line holds 32 767 characters at most (CreateProcess); run-tool.ps1 checks the total. */
export const maxToolArgumentLength = 16_384;

export function assertAllowedTool(tool: unknown): asserts tool is AllowedTool {
  if (typeof tool !== 'string' || !(allowedTools as readonly string[]).includes(tool)) {
    throw new HostError(
      `${JSON.stringify(String(tool)).slice(0, 80)} is not an allowed tool (allowed: ${allowedTools.join(', ')})`,
      'invalid-argument',
    );
  }
}

export function assertToolArguments(args: unknown): asserts args is readonly string[] {
  if (!Array.isArray(args))
    throw new HostError('tool arguments must be an array of strings', 'invalid-argument');
  if (args.length > maxToolArguments)
    throw new HostError(`at most ${maxToolArguments} tool arguments`, 'invalid-argument');
  for (const argument of args) {
    if (typeof argument !== 'string')
      throw new HostError('every tool argument must be a string', 'invalid-argument');
    if (argument.length > maxToolArgumentLength)
      throw new HostError(
        `a tool argument is longer than ${maxToolArgumentLength} characters`,
        'invalid-argument',
      );
    if (argument.includes('\u0000'))
      throw new HostError(
        'a tool argument contains NUL, which a Windows command line cannot carry',
        'invalid-argument',
      );
  }
}
