/**
 * `iwa-doctor decode` with captured io: the lab token from ../shared/data (reference §8.7 a),
 * the NTLM fallback verdict, and bad input as a one-line CliUsageError.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliUsageError, type CliIo } from '../cli-command.js';
import { decodeCommand } from './decode.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const [labKerberos = '', labNtlm = ''] = readFileSync(
  resolve(repoRoot, '../shared/data/tokens/lab-mit-curl.txt'),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));

function capture(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}

async function usageError(args: string[]): Promise<CliUsageError> {
  const io = capture();
  const error = await decodeCommand.run(args, io).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CliUsageError);
  expect(io.out).toBe('');
  return error as CliUsageError;
}

describe('iwa-doctor decode', () => {
  it('--json prints one JSON document with the realm and SPN of the lab token', async () => {
    const io = capture();
    expect(await decodeCommand.run([`Authorization: Negotiate ${labKerberos}`, '--json'], io)).toBe(0);
    const decoded = JSON.parse(io.out);
    expect(decoded).toMatchObject({
      scheme: 'Negotiate',
      mechanism: 'kerberos',
      kerberos: {
        messageType: 'AP-REQ',
        realm: 'CONTOSO.TEST',
        spn: 'HTTP/web01.contoso.test',
        nameType: 3,
        etype: 18,
        kvno: 2,
        errorCode: null,
      },
      ntlm: null,
      verdict: 'Kerberos ticket for HTTP/web01.contoso.test in CONTOSO.TEST',
    });
    expect(io.out).not.toContain(labKerberos.slice(10, 60));
    expect(io.err).toBe('');
  });

  it('prints a readable summary without --json, verdict first', async () => {
    const io = capture();
    expect(await decodeCommand.run(['Negotiate', labNtlm], io)).toBe(0);
    const lines = io.out.split('\n');
    expect(lines[0]).toBe('NTLM fallback inside Negotiate: no Kerberos ticket was obtained');
    expect(io.out).toMatch(/^ {2}scheme: Negotiate$/m);
    expect(io.out).toMatch(/NEGOTIATE_EXTENDED_SESSIONSECURITY: set/);
  });

  it.each([
    [['not base64'], /^cannot decode the token: the token is not base64/],
    [[], /^decode needs a header or a base64 token/],
    [['  '], /^decode needs a header or a base64 token/],
    [['A'.repeat(1024 * 1024)], /^cannot decode the token: the input is 1048576 characters/],
    [['--verbose', 'YII='], /^unknown option --verbose$/],
  ])('bad input %# is a one-line usage error', async (args, message) => {
    const error = await usageError(args);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeLessThan(300);
  });
});
