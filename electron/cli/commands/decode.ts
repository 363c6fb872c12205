/**
 * `iwa-doctor decode <header-or-base64> [--json]`: decodes one Negotiate / Kerberos / NTLM
 * token (reference §8) and prints the plain-words verdict and the field tree, or with
 * `--json` the whole DecodedAuthToken as one JSON document (design.md, CLI). Decoded facts
 * only: the token itself is never echoed. Bad input is a one-line CliUsageError (exit 2).
 */
import { decodeAuthToken, TokenDecodeError } from '../../../shared/tokens/decode-auth-token.js';
import type { DecodedAuthToken } from '../../../shared/tokens/decoded-auth-token.js';
import type { TokenField } from '../../../shared/tokens/token-field.js';
import { CliUsageError, type CliCommand } from '../cli-command.js';
import { parseArguments } from '../parse-arguments.js';

function fieldLines(fields: readonly TokenField[], depth: number): string[] {
  return fields.flatMap((node) => [
    `${'  '.repeat(depth)}${node.value === '' ? node.label : `${node.label}: ${node.value}`}`,
    ...fieldLines(node.children, depth + 1),
  ]);
}

/** The readable form: verdict first, then the facts people ask about, then the whole field tree. */
export function formatDecodedToken(decoded: DecodedAuthToken): string {
  return [decoded.verdict, '', ...fieldLines(decoded.fields, 0)].join('\n') + '\n';
}

export const decodeCommand: CliCommand = {
  name: 'decode',
  usage: 'decode <header-or-base64> [--json]  decode a Negotiate/Kerberos/NTLM token',
  async run(args, io) {
    const { positional, flags } = parseArguments(args, { valued: [], switches: ['json'] });
    // A header pasted without quotes arrives as several words: put it back together.
    const input = positional.join(' ');
    if (input.trim() === '') {
      throw new CliUsageError(
        'decode needs a header or a base64 token, e.g. decode "Authorization: Negotiate YII…"',
      );
    }
    let decoded: DecodedAuthToken;
    try {
      decoded = decodeAuthToken(input);
    } catch (error) {
      if (error instanceof TokenDecodeError)
        throw new CliUsageError(`cannot decode the token: ${error.message}`);
      throw error;
    }
    io.stdout(flags.has('json') ? `${JSON.stringify(decoded, null, 2)}\n` : formatDecodedToken(decoded));
    return 0;
  },
};
