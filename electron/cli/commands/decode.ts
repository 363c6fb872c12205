/**
 * `iwa-doctor decode [<header-or-base64> | - | --file <path>] [--json]`: decodes one
 * Negotiate / Kerberos / NTLM token (reference §8) and prints the plain-words verdict and the
 * field tree, or with `--json` the whole DecodedAuthToken as one JSON document (design.md,
 * CLI). The token comes from the argument, standard input (`-` or no argument) or a file
 * (decode-input.ts). Decoded facts only: the token itself is never echoed. Bad input is a
 * one-line CliUsageError (exit 2).
 */
import { decodeAuthToken, TokenDecodeError } from '../../../shared/tokens/decode-auth-token.js';
import type { DecodedAuthToken } from '../../../shared/tokens/decoded-auth-token.js';
import { maxAuthInputCharacters } from '../../../shared/tokens/auth-header.js';
import type { TokenField } from '../../../shared/tokens/token-field.js';
import { CliUsageError, type CliCommand, type CliIo } from '../cli-command.js';
import { parseArguments } from '../parse-arguments.js';
import { readTokenFromFile, readTokenFromStdin } from './decode-input.js';

export const decodeHelp = `usage: iwa-doctor decode [<header-or-base64> | - | --file <path>] [--json]

Decodes one Negotiate, Kerberos or NTLM token and says first, in plain words, what it
means (did the browser get a Kerberos ticket, for which SPN?). It takes a whole header
("Authorization: Negotiate YII…", "WWW-Authenticate: Negotiate oRQw…, NTLM"), a scheme
and token ("NTLM TlRM…") or bare base64. Nothing is sent anywhere.

Where the token comes from:
  <header-or-base64>   the argument (quote it)
  -  or no argument    standard input, e.g.  xclip -o | iwa-doctor decode
                       (on a terminal: paste, then Ctrl-D)
  --file <path>        a file holding the header or the token

Tokens are secrets. Standard input and --file keep the token out of your shell history
and out of the process list (ps), where other users of the machine can read arguments;
they also avoid the command line's length limit.

  --json   print the decoded facts as one JSON document (never the token itself)
  --help   this text

Input longer than ${maxAuthInputCharacters} characters, an empty input or anything that is not a
token is refused with one line on stderr and exit code 2.
`;

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

/** The input text: the argument, standard input, or a file. */
async function inputText(
  positional: readonly string[],
  file: string | true | undefined,
  io: CliIo,
): Promise<string> {
  if (typeof file === 'string') {
    if (positional.length > 0)
      throw new CliUsageError('give the token as an argument or with --file, not both');
    return readTokenFromFile(file);
  }
  if (positional.length === 0 || (positional.length === 1 && positional[0] === '-')) {
    return readTokenFromStdin(io.stdin, (text) => io.stderr(text));
  }
  // A header pasted without quotes arrives as several words: put it back together.
  return positional.join(' ');
}

export const decodeCommand: CliCommand = {
  name: 'decode',
  usage:
    'decode [<header-or-base64> | - | --file <path>] [--json]  decode a Negotiate/Kerberos/NTLM token (- or none: stdin)',
  async run(args, io) {
    const { positional, flags } = parseArguments(args, { valued: ['file'], switches: ['json', 'help'] });
    if (flags.has('help') || (positional.length === 1 && positional[0] === '-h')) {
      io.stdout(decodeHelp);
      return 0;
    }
    const input = await inputText(positional, flags.get('file'), io);
    if (input.trim() === '') {
      throw new CliUsageError(
        'decode needs a header or a base64 token, e.g. decode "Authorization: Negotiate YII…" (or on standard input; see decode --help)',
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
