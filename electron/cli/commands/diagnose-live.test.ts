/**
 * `iwa-doctor diagnose <url> --live` without the Kerberos lab: bad input is one line and exit 2,
 * and real HTTP servers on loopback (anonymous 200, NTLM-only challenge, a closed port) give
 * their findings as JSON and as text. The lab cases live in e2e/live/diagnose-live-cli.test.ts.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveTestResultSchema } from '../../../shared/live/live-test-result.js';
import type { CliIo } from '../cli-command.js';
import { runCli } from '../main.js';

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

async function cli(...argv: string[]) {
  const io = capture();
  const code = await runCli(['diagnose', ...argv], io);
  return { code, out: io.out, err: io.err };
}

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` }),
    ),
  );
}

describe('iwa-doctor diagnose --live: bad input', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iwa-live-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [['--live'], /needs the URL to test/],
    [['ftp://web01.contoso.test/', '--live'], /only http:\/\/ and https:\/\//],
    [['http://alice:secret@web01/', '--live'], /remove the user name or password/],
    [['http://a/', 'http://b/', '--live'], /needs the URL to test/],
    [['http://web01/', '--live', '--scenario', 'x.json'], /leave out --scenario/],
    [['http://web01/', '--live', '--dns-server', 'dns.contoso.test'], /--dns-server takes an IP address/],
    [['http://web01/', '--live', '--dns-server', '127.0.0.1:70000'], /--dns-server takes an IP address/],
    [['http://web01/', '--live', '--timeout', '5s'], /--timeout takes milliseconds/],
    [['http://web01/', '--live', '--dns-search', 'contoso com'], /--dns-search takes up to six DNS suffixes/],
    [['http://web01/', '--dns-search', 'contoso.com'], /belongs to the live test: add --live/],
    [['http://web01/', '--live', '--ca-file', '/nonexistent/ca.pem'], /cannot be read \(ENOENT\)/],
    [['http://web01/', '--dns-server', '127.0.0.1'], /belongs to the live test: add --live/],
  ])('%j → one line, exit 2', async (argv, message) => {
    const { code, out, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('refuses a CA file without a PEM certificate', async () => {
    const file = join(dir, 'not-a-ca.pem');
    await writeFile(file, 'hello\n');
    const { code, err } = await cli('http://web01/', '--live', '--ca-file', file);
    expect(code).toBe(2);
    expect(err).toMatch(/holds no PEM certificate/);
  });
});

describe('iwa-doctor diagnose --live against loopback servers', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });

  it('--json: a site that answers 200 without a challenge is windows-auth-disabled', async () => {
    const { server, url } = await listen((_, response) =>
      response.writeHead(200, { 'Content-Type': 'text/plain' }).end('hello'),
    );
    servers.push(server);
    const { code, out, err } = await cli(url, '--live', '--json', '--timeout', '5000');
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = liveTestResultSchema.parse(JSON.parse(out));
    expect(result.url).toBe(url);
    expect(result.exchange.verdict).toBe('anonymous');
    expect(result.findings.map((finding) => finding.cause)).toEqual(['windows-auth-disabled']);
  });

  it('text: an NTLM-only challenge is providers-misconfigured, step by step', async () => {
    const { server, url } = await listen((_, response) =>
      response.writeHead(401, { 'WWW-Authenticate': 'NTLM' }).end(),
    );
    servers.push(server);
    const { code, out } = await cli(url, '--live');
    expect(code).toBe(0);
    expect(out).toContain(`Live sign-in test of ${url}`);
    expect(out).toMatch(/ 2\. . server -> client: 401 Unauthorized/);
    expect(out).toMatch(/^\* providers-misconfigured \(/m);
  });

  it('a closed port is a clear message, not a crash', async () => {
    const { server, url } = await listen(() => undefined);
    await new Promise((resolve) => server.close(resolve));
    const { code, out } = await cli(url, '--live', '--json', '--timeout', '2000');
    expect(code).toBe(0);
    const result = liveTestResultSchema.parse(JSON.parse(out));
    expect(result.exchange.verdict).toBe('network-error');
    expect(result.exchange.summary).toMatch(/refused the connection/);
  });
});
