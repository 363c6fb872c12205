/**
 * Where `iwa-doctor decode` gets its token: the argument, standard input (`-` or no
 * argument) or `--file <path>`. Standard input and files have no command-line length limit
 * (a long token as an argument can exceed Linux's 128 KB per argument, and npm's `sh -c`
 * then fails before the CLI runs) and keep the token out of shell history and `ps`.
 *
 * Reading stops as soon as the input is longer than any real header can be
 * (`maxAuthInputCharacters`), so `decode - < /dev/zero` ends with a one-line error instead
 * of filling memory.
 */
import { createReadStream } from 'node:fs';
import { maxAuthInputCharacters } from '../../../shared/tokens/auth-header.js';
import { CliUsageError, type CliInput } from '../cli-command.js';

const tooLong = `the input is more than ${maxAuthInputCharacters} bytes; a Negotiate/NTLM header is never longer than ${maxAuthInputCharacters} characters`;

/** Reads `source` as UTF-8 text, at most `maxAuthInputCharacters` bytes; more is a CliUsageError. */
export async function readBoundedText(source: AsyncIterable<Uint8Array | string>): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  // Leaving the loop early (the throw) closes the stream: nothing more is read.
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    total += bytes.length;
    if (total > maxAuthInputCharacters) throw new CliUsageError(`cannot decode the token: ${tooLong}`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readTokenFromStdin(
  stdin: CliInput | undefined,
  hint: (text: string) => void,
): Promise<string> {
  if (!stdin)
    throw new CliUsageError('decode: there is no standard input here; give the token as an argument');
  if (stdin.isTTY) hint('Paste the header or token, then press Ctrl-D (Ctrl-Z then Enter on Windows).\n');
  return readBoundedText(stdin);
}

export async function readTokenFromFile(path: string): Promise<string> {
  try {
    return await readBoundedText(createReadStream(path));
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code))
      throw new CliUsageError(`cannot read ${path} (${code})`);
    throw error;
  }
}
