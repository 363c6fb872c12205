/**
 * `iwa-doctor`: the engine from a terminal, under plain Node (design.md, CLI). Exit code 0
 * when it ran; 2 with one line on stderr for bad input; 1 for an unexpected failure.
 */
import { HostError } from '../host/host.js';
import { ScenarioFileError } from '../host/scenario/load-scenario.js';
import { CliUsageError, type CliCommand, type CliIo } from './cli-command.js';
import { analyzeCommand } from './commands/analyze.js';
import { causesCommand } from './commands/causes.js';
import { decodeCommand } from './commands/decode.js';
import { diagnoseCommand } from './commands/diagnose.js';

const commands: readonly CliCommand[] = [diagnoseCommand, decodeCommand, analyzeCommand, causesCommand];

function usage(): string {
  return (
    ['usage: iwa-doctor <command> [options]', '', ...commands.map((command) => `  ${command.usage}`)].join(
      '\n',
    ) + '\n'
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`iwa-doctor: unknown command "${oneLine(name).slice(0, 80)}" (try --help)\n`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliUsageError || error instanceof ScenarioFileError) {
      io.stderr(`iwa-doctor: ${oneLine(error.message)}\n`);
      return 2;
    }
    if (error instanceof HostError) {
      io.stderr(`iwa-doctor: ${oneLine(error.message)}\n`);
      return 1;
    }
    io.stderr(
      `iwa-doctor: unexpected error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`,
    );
    return 1;
  }
}
