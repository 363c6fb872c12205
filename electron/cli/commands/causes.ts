/** `iwa-doctor causes [--json]`: the cause catalog (ids are the contract of ../shared/causes.md). */
import { causeCatalog } from '../../../shared/causes/cause-catalog.js';
import { CliUsageError, type CliCommand } from '../cli-command.js';
import { parseArguments } from '../parse-arguments.js';

export const causesCommand: CliCommand = {
  name: 'causes',
  usage: 'causes [--json]                      list the causes IWA Doctor can find',
  async run(args, io) {
    const { positional, flags } = parseArguments(args, { valued: [], switches: ['json'] });
    if (positional.length > 0) throw new CliUsageError(`causes takes no arguments (got "${positional[0]}")`);
    const causes = causeCatalog.map(({ id, title, scope, side, seeds, reference }) => ({
      id,
      title,
      scope,
      side,
      seed: seeds.length > 0 ? seeds.join(', ') : 'beyond',
      reference,
    }));
    if (flags.has('json')) io.stdout(`${JSON.stringify({ causes }, null, 2)}\n`);
    else
      io.stdout(
        causes.map((cause) => `${cause.id.padEnd(30)} ${cause.scope.padEnd(8)} ${cause.title}`).join('\n') +
          '\n',
      );
    return 0;
  },
};
