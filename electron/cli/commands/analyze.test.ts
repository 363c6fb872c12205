/**
 * `iwa-doctor analyze` end to end through runCli: real logs and the real HAR of
 * ../shared/data, a folder import, generated logs that show every required pattern kind in
 * the exact `--json` shape, a busy log whose listing is capped fairly per kind, malformed
 * input said in the JSON and on stderr, one unreadable file among good ones, and bad input
 * as one line with exit code 2.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findingSchema } from '../../../shared/model/finding.js';
import { runCli } from '../main.js';

const data = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'iwa-analyze-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['analyze', ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

interface JsonPattern {
  kind: string;
  client: string;
  url: string;
  count: number;
  win32: { code: number; name: string }[];
}

interface JsonDocument {
  patterns: JsonPattern[];
  findings: unknown[];
  patternsNotListed: Record<string, number>;
  messages: string[];
  hosts: unknown[];
}

function parseJson(stdout: string): JsonDocument {
  const document = JSON.parse(stdout) as JsonDocument;
  expect(Object.keys(document)).toEqual(['patterns', 'findings', 'patternsNotListed', 'messages', 'hosts']);
  for (const pattern of document.patterns)
    expect(Object.keys(pattern)).toEqual(['kind', 'client', 'url', 'count', 'win32']);
  for (const finding of document.findings) findingSchema.parse(finding);
  return document;
}

/** `--json` that ran: exit 0, and every message of the document also on stderr. */
async function json(...args: string[]): Promise<JsonDocument & { stderr: string }> {
  const result = await cli(...args, '--json');
  expect(result.code).toBe(0);
  const document = parseJson(result.stdout);
  expect(result.stderr).toBe(document.messages.map((message) => `iwa-doctor: ${message}\n`).join(''));
  return { ...document, stderr: result.stderr };
}

const fieldsLine =
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';

function w3c(second: number, client: string, url: string, status: string, user = '-', port = 80): string {
  const time = `08:${String(Math.floor(second / 60)).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}`;
  return `2026-11-20 ${time} 10.0.0.1 GET ${url} - ${port} ${user} ${client} Mozilla/5.0+(Windows+NT+10.0)+Edge/120 - ${status} 15`;
}

describe('iwa-doctor analyze', () => {
  it('real logs: the §5.2 patterns of the samples, win32 codes by name', async () => {
    const document = await json(
      join(data, 'iislogs/msdocs-webdeploy-wmsvc-401.log'),
      join(data, 'iislogs/msdocs-401-1-preauth-2148074254.log'),
      join(data, 'iislogs/elfie-arriba-u_ex-iis85-winauth.log'),
    );
    const rows = document.patterns.map(
      (pattern) =>
        `${pattern.kind} ${pattern.client} ${pattern.url} ${pattern.count} ${pattern.win32.map((info) => info.name).join(',')}`,
    );
    expect(rows).toEqual([
      'logon-denied 192.168.0.203 /msdeploy.axd 1 ERROR_ACCESS_DENIED,ERROR_LOGON_FAILURE',
      'ntlm-preauth 2001:4898:0:fff:0:5efe:172.18.100.183 /App1/default.aspx 1 SEC_E_NO_CREDENTIALS',
      'challenge-unanswered 10.10.1.4 /allBasics 1 ERROR_ACCESS_DENIED',
      'normal-kerberos 10.10.1.2 /allBasics 1 ERROR_ACCESS_DENIED',
      'normal-kerberos 10.10.1.2 /suggest 1 ERROR_ACCESS_DENIED',
      'normal-kerberos 10.10.1.3 /allBasics 1 ERROR_ACCESS_DENIED',
    ]);
    expect(document.findings.map((finding) => (finding as { cause: string }).cause)).toEqual([
      'stored-credentials',
      'ntlm-preauth-kernel-mode',
      'challenge-normal',
    ]);
    // Two samples have no #Fields line: the assumed layout is said in the JSON and on stderr.
    expect(document.messages).toEqual([
      expect.stringMatching(
        /^msdocs-webdeploy-wmsvc-401\.log:1: no #Fields line: assumed the 14-column IIS default/,
      ),
      expect.stringMatching(/^msdocs-401-1-preauth-2148074254\.log:1: no #Fields line: assumed/),
    ]);
    expect(document.patternsNotListed).toEqual({});
    expect(document.hosts).toEqual([]);
  });

  it('the real HAR: the proxy exchange as patterns and its findings', async () => {
    const document = await json(join(data, 'har/DERIVED-arkime-http-ntlm-proxy-auth.har'));
    expect(document.patterns).toEqual([
      {
        kind: 'normal-ntlm',
        client: 'DERIVED-arkime-http-ntlm-proxy-auth.har',
        url: 'http://www.purple.com/',
        count: 1,
        win32: [],
      },
      {
        kind: 'proxy-auth',
        client: 'DERIVED-arkime-http-ntlm-proxy-auth.har',
        url: 'http://www.purple.com/',
        count: 1,
        win32: [],
      },
    ]);
    expect(document.findings).toMatchObject([
      { cause: 'challenge-normal', confidence: 'confirmed', evidence: ['har-normal-0'] },
    ]);
    expect(document.hosts).toEqual([
      {
        file: 'DERIVED-arkime-http-ntlm-proxy-auth.har',
        host: 'www.purple.com',
        requests: 3,
        exchanges: 1,
        serverIps: ['10.122.144.182'],
        connections: [
          { id: '10252', serverIp: '10.122.144.182', requests: 1, exchanges: [0] },
          { id: '10258', serverIp: '10.122.144.182', requests: 2, exchanges: [0] },
        ],
        connectionsNotListed: 0,
      },
    ]);
  });

  it('the real HAR in text: its host with both connections, then its exchange', async () => {
    const result = await cli(join(data, 'har/DERIVED-arkime-http-ntlm-proxy-auth.har'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      [
        'DERIVED-arkime-http-ntlm-proxy-auth.har: 3 requests, 1 sign-in exchange, 1 host',
        '  www.purple.com: 3 requests, 1 sign-in exchange, 2 connections, server 10.122.144.182',
        '    connection 10252 to 10.122.144.182: 1 request, sign-in exchange #0',
        '    connection 10258 to 10.122.144.182: 2 requests, sign-in exchange #0',
        '    #0 proxy http://www.purple.com/: success, ntlm:',
      ].join('\n'),
    );
  });

  it('a busy log: the listing keeps every kind (most frequent groups of each), the rest counted per kind and said on stderr', async () => {
    const lines: string[] = [fieldsLine];
    // 2,100 prompt-loop groups: more than the 2,000 listing slots on their own.
    for (let index = 0; index < 2_100; index++) {
      const client = `10.${8 + (index >> 8)}.${index & 255}.1`;
      for (let round = 0; round < 3; round++)
        lines.push(
          w3c(round * 10, client, '/loop/', '401 2 5'),
          w3c(round * 10 + 1, client, '/loop/', '401 1 2148074254'),
        );
    }
    lines.push(
      w3c(50, '10.1.0.2', '/skew/', '401 2 5'),
      w3c(50, '10.1.0.2', '/skew/', '401 1 2148074276'),
      w3c(51, '10.1.0.3', '/farm/', '401 2 5'),
      w3c(51, '10.1.0.3', '/farm/', '401 1 2148074248'),
      w3c(52, '10.1.0.4', '/ok/', '401 2 5'),
      w3c(52, '10.1.0.4', '/ok/', '200 0 0', 'CONTOSO\\alice'),
    );
    const file = join(scratch, 'u_ex261122.log');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const result = await cli(file, '--json');
    expect(result.code).toBe(0);
    const document = parseJson(result.stdout);
    expect(document.patterns).toHaveLength(2_000);
    const kinds = new Set(document.patterns.map((pattern) => pattern.kind));
    expect([...kinds].sort()).toEqual(['invalid-token', 'normal-kerberos', 'prompt-loop', 'time-skew']);
    expect(document.patternsNotListed).toEqual({ 'prompt-loop': 103 });
    expect(result.stderr).toBe(
      'iwa-doctor: 2000 patterns listed, 103 more not listed (prompt-loop 103): each kind keeps its most frequent client/URL groups; "patternsNotListed" has the counts\n',
    );
  });

  it('generated logs in a folder: every required pattern kind, httperr included', async () => {
    const folder = join(scratch, 'W3SVC1');
    mkdirSync(folder, { recursive: true });
    const lines = [
      w3c(1, '10.0.0.11', '/kerberos/', '401 2 5'),
      w3c(1, '10.0.0.11', '/kerberos/', '200 0 0', 'CONTOSO\\alice'),
      w3c(2, '10.0.0.12', '/ntlm/', '401 2 5'),
      w3c(2, '10.0.0.12', '/ntlm/', '401 1 2148074254'),
      w3c(2, '10.0.0.12', '/ntlm/', '200 0 0', 'CONTOSO\\bob'),
      ...[10, 20, 30].flatMap((second) => [
        w3c(second, '10.0.0.13', '/loop/', '401 2 5'),
        w3c(second + 1, '10.0.0.13', '/loop/', '401 1 2148074254'),
      ]),
      w3c(40, '10.0.0.14', '/denied/', '401 2 5'),
      w3c(40, '10.0.0.14', '/denied/', '401 1 2148074252'),
      w3c(41, '10.0.0.15', '/farm/', '401 2 5'),
      w3c(41, '10.0.0.15', '/farm/', '401 1 2148074254'),
      w3c(41, '10.0.0.15', '/farm/', '401 1 2148074248'),
      w3c(42, '10.0.0.16', '/skew/', '401 2 5'),
      w3c(42, '10.0.0.16', '/skew/', '401 1 2148074276'),
      w3c(43, '10.0.0.17', '/epa/', '401 2 5', '-', 443),
      w3c(43, '10.0.0.17', '/epa/', '401 1 2148074310', '-', 443),
      w3c(44, '10.0.0.18', '/public/', '200 0 0'),
      w3c(45, '10.0.0.18', '/public/', '200 0 0'),
    ];
    // Two daily files with CRLF, the second starting with its own #Fields block (§5.3).
    writeFileSync(
      join(folder, 'u_ex261120.log'),
      `#Software: Microsoft Internet Information Services 10.0\r\n${fieldsLine}\r\n${lines.slice(0, 11).join('\r\n')}\r\n`,
    );
    writeFileSync(join(folder, 'u_ex261121.log'), `${fieldsLine}\r\n${lines.slice(11).join('\r\n')}\r\n`);
    writeFileSync(join(folder, 'notes.txt'), 'not picked up from a folder\n');
    const httperr = join(scratch, 'HTTPERR');
    mkdirSync(httperr, { recursive: true });
    writeFileSync(
      join(httperr, 'httperr1.log'),
      '#Software: Microsoft HTTP API 1.0\r\n#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-reason\r\n2026-11-20 08:01:00 10.0.0.19 50000 10.0.0.1 80 HTTP/1.1 GET /big/ 400 FieldLength\r\n',
    );

    const document = await json(folder, httperr);
    const kinds = new Set(document.patterns.map((pattern) => pattern.kind));
    for (const kind of [
      'normal-kerberos',
      'normal-ntlm',
      'prompt-loop',
      'logon-denied',
      'invalid-token',
      'time-skew',
      'bad-bindings',
      'header-too-long',
      'anonymous-only',
    ])
      expect(kinds).toContain(kind);
    expect(document.patterns.find((pattern) => pattern.kind === 'invalid-token')).toEqual({
      kind: 'invalid-token',
      client: '10.0.0.15',
      url: '/farm/',
      count: 1,
      win32: [
        {
          code: 5,
          hex: '0x5',
          name: 'ERROR_ACCESS_DENIED',
          meaning: 'anonymous request to a resource that needs sign-in (the normal first leg)',
        },
        {
          code: 2148074248,
          hex: '0x80090308',
          name: 'SEC_E_INVALID_TOKEN',
          meaning: 'the token is invalid (NTLM legs split across connections or servers)',
        },
        {
          code: 2148074254,
          hex: '0x8009030E',
          name: 'SEC_E_NO_CREDENTIALS',
          meaning: 'challenge sent mid-handshake (normal NTLM leg)',
        },
      ],
    });
    expect(document.patterns.find((pattern) => pattern.kind === 'header-too-long')).toMatchObject({
      client: '10.0.0.19',
      url: '/big/',
      count: 1,
    });
    const causes = document.findings.map((finding) => (finding as { cause: string }).cause);
    for (const cause of [
      'spn-missing',
      'farm-shared-name',
      'clock-skew',
      'epa-channel-binding',
      'kerberos-token-too-large',
      'windows-auth-disabled',
      'challenge-normal',
    ])
      expect(causes).toContain(cause);
  });

  it('prints a readable summary without --json: the table by pattern says "consistent with"', async () => {
    const result = await cli(join(data, 'iislogs/msdocs-401-1-preauth-2148074254.log'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Summary by pattern');
    expect(result.stdout).toMatch(/ntlm-preauth +log +1 +consistent with ntlm-preauth-kernel-mode/);
    expect(result.stdout).toContain('2012-08-22T17:41:09Z /App1/default.aspx ntlm-preauth: 401.1 0x8009030E');
  });

  it('a log without sc-substatus / sc-win32-status: said once, no -1 codes in the JSON', async () => {
    const file = join(scratch, 'u_ex261123.log');
    writeFileSync(
      file,
      [
        '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status time-taken',
        '2026-11-20 08:00:01 10.0.0.1 GET /app/ - 80 - 10.0.0.5 Edge 401 1',
        '2026-11-20 08:00:01 10.0.0.1 GET /app/ - 80 CONTOSO\\alice 10.0.0.5 Edge 200 3',
      ].join('\r\n'),
    );
    const document = await json(file);
    expect(document.patterns).toEqual([
      { kind: 'normal-kerberos', client: '10.0.0.5', url: '/app/', count: 1, win32: [] },
    ]);
    expect(document.messages).toEqual([
      expect.stringMatching(
        /^u_ex261123\.log:1: the #Fields line has no sc-substatus and sc-win32-status column/,
      ),
    ]);
    expect(document.findings).toMatchObject([{ cause: 'challenge-normal', confidence: 'possible' }]);
  });

  it('malformed input in --json: the messages in the document, exit 2 with one line when nothing was read', async () => {
    const binary = join(scratch, 'u_ex261124.log');
    writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256)));
    const oneLine = join(scratch, 'u_ex261125.log');
    writeFileSync(oneLine, 'A'.repeat(200 * 1024));
    for (const [file, expected] of [
      [binary, /binary data \(control bytes\) instead of a log line; skipped/],
      [oneLine, /^u_ex261125\.log:1: line of 204800 bytes is longer than the 65536-byte limit; skipped/],
    ] as const) {
      const result = await cli(file, '--json');
      expect(result.code).toBe(2);
      const document = parseJson(result.stdout);
      expect(document.patterns).toEqual([]);
      expect(document.messages.some((message) => expected.test(message))).toBe(true);
      // Bad input: one line, with the first message and how many more the document holds.
      const more = document.messages.length - 1;
      expect(result.stderr).toBe(
        `iwa-doctor: nothing could be read: no log record and no HAR request in ${file} (${document.messages[0]}${more === 0 ? '' : `; ${more} more message${more === 1 ? '' : 's'} in the output`})\n`,
      );
    }
  });

  it('a HAR whose every entry is skipped gave nothing to read: exit 2 with one line', async () => {
    const file = join(scratch, 'shapeless.har');
    writeFileSync(file, JSON.stringify({ log: { version: '1.2', entries: [{ foo: 1 }, { bar: 2 }] } }));
    const result = await cli(file, '--json');
    expect(result.code).toBe(2);
    expect(parseJson(result.stdout).messages).toEqual([
      'shapeless.har: entry 0: entry has no request/response object; skipped',
      'shapeless.har: entry 1: entry has no request/response object; skipped',
    ]);
    expect(result.stderr).toBe(
      `iwa-doctor: nothing could be read: no log record and no HAR request in ${file} (shapeless.har: entry 0: entry has no request/response object; skipped; 1 more message in the output)\n`,
    );
  });

  it('one unreadable HAR among good files: named on stderr, the rest analyzed, exit 0', async () => {
    const notHar = join(scratch, 'broken.har');
    writeFileSync(notHar, 'this is not json');
    const log = join(data, 'iislogs/msdocs-webdeploy-wmsvc-401.log');
    const text = await cli(notHar, log);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/logon-denied +log +1 +consistent with stored-credentials/);
    expect(text.stderr).toBe(
      'iwa-doctor: broken.har: a HAR file is a JSON object; this starts with something else\n',
    );
    const document = await json(notHar, log);
    expect(document.patterns.map((pattern) => pattern.kind)).toEqual(['logon-denied']);
    expect(document.messages).toContain(
      'broken.har: a HAR file is a JSON object; this starts with something else',
    );
  });

  it('a folder without capture file names beside a file: the folder is said with how to name its files, the file is read', async () => {
    const folder = join(scratch, 'renamed');
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(data, 'iislogs/msdocs-webdeploy-wmsvc-401.log'), join(folder, 'site1.log'));
    const result = await cli(folder, join(data, 'iislogs/msdocs-401-1-preauth-2148074254.log'));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `iwa-doctor: no IIS log, HTTP.sys log or HAR file in ${folder} (it holds site1.log: none named u_ex*.log, httperr*.log or *.har, none starting with the #Software: line IIS and HTTP.sys write); a file named directly is read as a log, e.g. analyze ${join(folder, 'site1.log')}\n`,
    );
    expect(result.stdout).toContain('ntlm-preauth');
  });

  it('a folder of logs renamed when copied off the servers: those starting with the IIS or HTTP.sys header are read, other text is not', async () => {
    const folder = join(scratch, 'collected');
    mkdirSync(join(folder, 'web02'), { recursive: true });
    copyFileSync(
      join(data, 'iislogs/elfie-arriba-u_ex-iis85-winauth.log'),
      join(folder, 'web01-u_ex170513.log'),
    );
    // The HTTP.sys header and line as iwa-reference.md §5.3 quotes them, saved by an editor that added a BOM.
    writeFileSync(
      join(folder, 'web02', 'errors.txt'),
      '\uFEFF#Software: Microsoft HTTP API 2.0\r\n#Version: 1.0\r\n#Date: 2012-11-14 20:35:02\r\n#Fields: date time cs-version cs-method cs-uri sc-status s-reason\r\n2012-11-14 20:36:36 HTTP/1.1 GET /1234567890/time.asp 400 FieldLength\r\n',
    );
    writeFileSync(join(folder, 'notes.txt'), '#Software: Notepad\r\nasked the user to sign in again\r\n');
    writeFileSync(join(folder, 'web.config'), '<configuration/>');
    const document = await json(folder);
    expect(document.messages).toEqual([]);
    expect(document.patterns.map((pattern) => pattern.kind)).toContain('header-too-long');
    const text = await cli(folder);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');
    expect(text.stdout).toMatch(/^Read 2 files \(2 log, 0 HAR\)/);
  });

  it('bad input: one line on stderr and exit 2', async () => {
    expect(await cli()).toEqual({
      code: 2,
      stdout: '',
      stderr: 'iwa-doctor: analyze needs files or a folder, e.g. analyze u_ex261120.log capture.har\n',
    });
    const missing = join(scratch, 'missing.log');
    expect(await cli(missing)).toEqual({
      code: 2,
      stdout: '',
      stderr: `iwa-doctor: no such file or folder: ${missing}\n`,
    });
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    expect((await cli(empty)).stderr).toBe(`iwa-doctor: no IIS log, HTTP.sys log or HAR file in ${empty}\n`);
    // The only file is not a HAR: the (empty) document printed, one line why, exit 2.
    const notHar = join(scratch, 'capture.har');
    copyFileSync(join(data, 'iislogs/msdocs-webdeploy-wmsvc-401.log'), notHar);
    const result = await cli(notHar, '--json');
    expect(result.code).toBe(2);
    expect(parseJson(result.stdout)).toMatchObject({
      patterns: [],
      messages: ['capture.har: a HAR file is a JSON object; this starts with something else'],
    });
    expect(result.stderr).toBe(
      `iwa-doctor: nothing could be read: no log record and no HAR request in ${notHar} (capture.har: a HAR file is a JSON object; this starts with something else)\n`,
    );
    expect((await cli(notHar)).stderr).toBe(result.stderr);
    expect((await cli('--format=x', notHar)).stderr).toBe('iwa-doctor: unknown option --format\n');
  });
});
