/**
 * The Kerberos client checks and fixes through the PowerShell host (Node side; nothing here
 * runs powershell.exe): the exact argument arrays the probes and remedies send reach run-tool.ps1
 * only as base64 JSON, and what run-tool answers (reconstructed 5.1 envelopes around the tool
 * outputs of shared/windows-output/fixtures) reads back into the shared parsers the rules use.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCmdkeyList } from '../../../shared/windows-output/cmdkey-list.js';
import { parseKlistOutput } from '../../../shared/windows-output/klist-output.js';
import { parseNltestDsGetDc } from '../../../shared/windows-output/nltest-dsgetdc.js';
import { medianOffsetSeconds, parseW32tmStripchart } from '../../../shared/windows-output/w32tm-output.js';
import { createPowerShellHost } from './create-powershell-host.js';
import { CapturingPowerShellSession, printedResult } from './testing/capturing-powershell-session.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}.reconstructed.json`, import.meta.url), 'utf8').trim();

function hostAnswering(name: string) {
  const session = new CapturingPowerShellSession(() => printedResult(fixture(name)));
  return { host: createPowerShellHost({ startSession: () => session }), session };
}

/** The one base64 literal of an invocation, decoded (the rest of the text is the fixed scripts). */
function sentArguments(text: string): unknown {
  const literal = /\} -ArgumentsBase64 '([A-Za-z0-9+/]*={0,2})' \| Out-Null\n\n$/.exec(text)?.[1];
  expect(literal).toBeDefined();
  return JSON.parse(Buffer.from(literal ?? '', 'base64').toString('utf8'));
}

describe('Kerberos client tools through run-tool', () => {
  it('nltest /dsgetdc: the DC, its address and the KDC flag; and the locator failure', async () => {
    const { host, session } = hostAnswering('run-tool.nltest-dsgetdc');
    const run = await host.runTool('nltest', ['/dsgetdc:contoso.com']);
    expect(sentArguments(session.sent[0] ?? '')).toEqual({
      tool: 'nltest',
      args: ['/dsgetdc:contoso.com'],
      timeoutMs: 60_000,
    });
    expect(session.sent[0]).not.toContain('contoso.com');
    expect(parseNltestDsGetDc(run.stdout)).toMatchObject({
      found: true,
      dcName: 'DC01.contoso.com',
      dcAddress: '10.0.0.10',
      isKdc: true,
    });

    const failed = await hostAnswering('run-tool.nltest-no-such-domain').host.runTool('nltest', [
      '/dsgetdc:contoso.com',
    ]);
    expect(failed).toMatchObject({ outcome: 'failed', exitCode: 1355 });
    expect(parseNltestDsGetDc(failed.stdout)).toEqual({
      found: false,
      status: 1355,
      statusName: 'ERROR_NO_SUCH_DOMAIN',
    });
  });

  it('w32tm /stripchart: the offset to the DC, a failed sample left out', async () => {
    const { host } = hostAnswering('run-tool.w32tm-stripchart-skew');
    const run = await host.runTool('w32tm', [
      '/stripchart',
      '/computer:DC01.contoso.com',
      '/samples:3',
      '/dataonly',
    ]);
    const chart = parseW32tmStripchart(run.stdout);
    expect(chart.samples.map((sample) => sample.error)).toEqual([null, null, '0x800705B4']);
    expect(medianOffsetSeconds(chart)).toBeCloseTo(-437.502, 3);
  });

  it('w32tm /resync /rediscover: the arguments the elevated fix sends, success, and access denied without elevation', async () => {
    const { host, session } = hostAnswering('run-tool.w32tm-resync');
    const done = await host.runTool('w32tm', ['/resync', '/rediscover']);
    expect(sentArguments(session.sent[0] ?? '')).toEqual({
      tool: 'w32tm',
      args: ['/resync', '/rediscover'],
      timeoutMs: 60_000,
    });
    expect(done).toMatchObject({ outcome: 'succeeded', exitCode: 0 });
    const denied = await hostAnswering('run-tool.w32tm-resync-access-denied').host.runTool('w32tm', [
      '/resync',
      '/rediscover',
    ]);
    expect(denied).toMatchObject({ outcome: 'failed', exitCode: -2147024891 });
    expect(denied.stdout).toContain('Access is denied. (0x80070005)');
  });

  it('klist purge: the fix runs it with one argument and the output says the tickets are gone', async () => {
    const { host, session } = hostAnswering('run-tool.klist-purge');
    const run = await host.runTool('klist', ['purge']);
    expect(sentArguments(session.sent[0] ?? '')).toMatchObject({ tool: 'klist', args: ['purge'] });
    expect(parseKlistOutput(run.stdout)).toMatchObject({ purged: true, tickets: [], failure: null });
  });

  it('cmdkey /delete:<target>: the target travels as one array element inside the base64 literal, never as script text', async () => {
    const target = 'intranet.contoso.com';
    const { host, session } = hostAnswering('run-tool.cmdkey-delete');
    const run = await host.runTool('cmdkey', [`/delete:${target}`]);
    expect(session.sent[0]).not.toContain(target);
    expect(sentArguments(session.sent[0] ?? '')).toEqual({
      tool: 'cmdkey',
      args: [`/delete:${target}`],
      timeoutMs: 60_000,
    });
    expect(run).toMatchObject({ outcome: 'succeeded', exitCode: 0 });
    expect(run.stdout).toContain('CMDKEY: Credential deleted successfully.');
    const listed = await hostAnswering('run-tool.cmdkey-list').host.runTool('cmdkey', ['/list']);
    expect(parseCmdkeyList(listed.stdout).map((credential) => credential.targetKind)).toContain('Domain');
  });
});
