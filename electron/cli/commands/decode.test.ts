/**
 * `iwa-doctor decode` with captured io: the lab token from ../shared/data (reference §8.7 a),
 * the NTLM fallback verdict, the token from standard input or a file, and bad input as a
 * one-line CliUsageError. The last block runs the real CLI as a process (bin/iwa-doctor.js)
 * with the token piped in, the way `npm run -s cli -- decode -` is used.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CliUsageError, type CliInput, type CliIo } from '../cli-command.js';
import { decodeCommand } from './decode.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const [labKerberos = '', labNtlm = ''] = readFileSync(
  resolve(repoRoot, '../shared/data/tokens/lab-mit-curl.txt'),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));

/** Standard input that yields `chunks`, optionally a terminal; `read` counts the chunks taken. */
function stdinOf(chunks: readonly string[], isTTY = false): CliInput & { read: number } {
  const input = {
    isTTY,
    read: 0,
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) {
        input.read += 1;
        yield new TextEncoder().encode(chunk);
      }
    },
  };
  return input;
}

function capture(stdin?: CliInput): CliIo & { out: string; err: string } {
  const io = {
    stdin,
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

async function usageError(args: string[], stdin: CliInput = stdinOf([])): Promise<CliUsageError> {
  const io = capture(stdin);
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

describe('iwa-doctor decode: where the token comes from', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iwa-decode-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([[['-', '--json']], [['--json']]])('reads standard input for %j', async (args) => {
    const io = capture(
      stdinOf([`Authorization: Negotiate ${labKerberos.slice(0, 100)}`, `${labKerberos.slice(100)}\n`]),
    );
    expect(await decodeCommand.run(args, io)).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({
      kerberos: { realm: 'CONTOSO.TEST', spn: 'HTTP/web01.contoso.test' },
    });
    expect(io.err).toBe('');
  });

  it('on a terminal, says how to end the input (on stderr, so --json stays clean)', async () => {
    const io = capture(stdinOf([`NTLM ${labNtlm}\n`], true));
    expect(await decodeCommand.run(['--json'], io)).toBe(0);
    expect(io.err).toMatch(/^Paste the header or token, then press Ctrl-D/);
    expect(JSON.parse(io.out)).toMatchObject({ scheme: 'NTLM', ntlm: { messageType: 1 } });
  });

  it('stops reading at the limit instead of taking everything', async () => {
    const stdin = stdinOf(Array.from({ length: 1000 }, () => 'A'.repeat(64 * 1024)));
    const error = await usageError(['-'], stdin);
    expect(error.message).toBe(
      'cannot decode the token: the input is more than 131072 bytes; a Negotiate/NTLM header is never longer than 131072 characters',
    );
    expect(stdin.read).toBe(3);
  });

  it('reads --file', async () => {
    const file = join(dir, 'token.txt');
    writeFileSync(file, `WWW-Authenticate: Negotiate ${labNtlm}\r\n`);
    const io = capture();
    expect(await decodeCommand.run(['--file', file], io)).toBe(0);
    expect(io.out.split('\n')[0]).toBe('NTLM fallback inside Negotiate: no Kerberos ticket was obtained');
  });

  it.each([
    [['--file', '/nonexistent/token.txt'], /^cannot read \/nonexistent\/token.txt \(ENOENT\)$/],
    [['--file', '.'], /^cannot read \. \(EISDIR\)$/],
    [['YII=', '--file', 'token.txt'], /^give the token as an argument or with --file, not both$/],
    [['--file'], /^--file needs a value$/],
  ])('bad --file use %j is a one-line usage error', async (args, message) => {
    expect((await usageError(args)).message).toMatch(message);
  });

  it('an empty standard input, or none at all, is a usage error', async () => {
    expect((await usageError(['-'], stdinOf(['', ' \n']))).message).toMatch(
      /^decode needs a header or a base64 token/,
    );
    const io = capture(undefined);
    await expect(decodeCommand.run([], io)).rejects.toThrow(/no standard input here/);
  });

  it('--help says where the token may come from and why standard input is safer', async () => {
    const io = capture();
    expect(await decodeCommand.run(['--help'], io)).toBe(0);
    expect(io.out).toMatch(
      /^usage: iwa-doctor decode \[<header-or-base64> \| - \| --file <path>\] \[--json\]/,
    );
    expect(io.out).toMatch(/shell history/);
    expect(io.out).toMatch(/process list \(ps\)/);
  });
});

/** Runs bin/iwa-doctor.js like a person would, with `input` written to its standard input. */
function runCliProcess(args: readonly string[], input: string | Buffer) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((settle, fail) => {
    const child = spawn(process.execPath, [resolve(repoRoot, 'bin/iwa-doctor.js'), ...args], {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    // The CLI stops reading at the limit and exits: the rest of a long input meets a closed pipe.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
    child.on('error', fail);
    child.on('close', (code) => settle({ code, stdout, stderr }));
  });
}

describe('iwa-doctor decode as a process, token on standard input', () => {
  it('1 MB on stdin: exactly one line on stderr, nothing on stdout, exit 2', async () => {
    const run = await runCliProcess(['decode', '-'], Buffer.alloc(1024 * 1024, 'A'));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'iwa-doctor: cannot decode the token: the input is more than 131072 bytes; a Negotiate/NTLM header is never longer than 131072 characters\n',
    );
  }, 60_000);

  it('a real token on stdin prints its JSON, and the token is not echoed', async () => {
    const run = await runCliProcess(['decode', '-', '--json'], `Authorization: Negotiate ${labKerberos}\n`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      scheme: 'Negotiate',
      mechanism: 'kerberos',
      kerberos: {
        messageType: 'AP-REQ',
        realm: 'CONTOSO.TEST',
        spn: 'HTTP/web01.contoso.test',
        etype: 18,
        kvno: 2,
      },
      verdict: 'Kerberos ticket for HTTP/web01.contoso.test in CONTOSO.TEST',
    });
    expect(run.stdout).not.toContain(labKerberos.slice(10, 60));
  }, 60_000);
});
