/**
 * `iwa-doctor analyze` end to end through runCli: real logs and the real HAR of
 * ../shared/data, a folder import, generated logs that show every required pattern kind in
 * the exact `--json` shape, and bad input as one line with exit code 2.
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

async function json(...args: string[]): Promise<{ patterns: JsonPattern[]; findings: unknown[] }> {
  const result = await cli(...args, '--json');
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const document = JSON.parse(result.stdout) as { patterns: JsonPattern[]; findings: unknown[] };
  expect(Object.keys(document)).toEqual(['patterns', 'findings']);
  for (const pattern of document.patterns)
    expect(Object.keys(pattern)).toEqual(['kind', 'client', 'url', 'count', 'win32']);
  for (const finding of document.findings) findingSchema.parse(finding);
  return document;
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
    expect((await cli(empty)).stderr).toBe(
      `iwa-doctor: no u_ex*.log, httperr*.log or *.har file in ${empty}\n`,
    );
    const notHar = join(scratch, 'capture.har');
    copyFileSync(join(data, 'iislogs/msdocs-webdeploy-wmsvc-401.log'), notHar);
    expect(await cli(notHar, '--json')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'iwa-doctor: capture.har: a HAR file is a JSON object; this starts with something else\n',
    });
    expect((await cli('--format=x', notHar)).stderr).toBe('iwa-doctor: unknown option --format\n');
  });
});
