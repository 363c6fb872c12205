/**
 * A small, strict argument reader for the CLI: known flags only, values where a flag takes
 * one, everything else positional. Unknown flags are bad input (one-line error, exit 2).
 */
import { CliUsageError } from './cli-command.js';

export interface ParsedArguments {
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

export function parseArguments(
  args: readonly string[],
  spec: { readonly valued: readonly string[]; readonly switches: readonly string[] },
): ParsedArguments {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--') {
      positional.push(...args.slice(index + 1));
      break;
    }
    if (!arg.startsWith('--') || arg.length === 2) {
      positional.push(arg);
      continue;
    }
    const [name = '', inlineValue] = arg.slice(2).split(/=(.*)/s, 2);
    if (spec.switches.includes(name)) {
      if (inlineValue !== undefined) throw new CliUsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else if (spec.valued.includes(name)) {
      const value = inlineValue ?? args[++index];
      if (value === undefined || value === '') throw new CliUsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else {
      throw new CliUsageError(`unknown option --${name}`);
    }
  }
  return { positional, flags };
}
