/**
 * Parsing what Windows PowerShell 5.1 prints, per primitive, from the reconstructed fixtures
 * in ./fixtures (see fixtures/README.md for what each is based on: the fixed scripts, the
 * documented 5.1 ConvertTo-Json behaviour, and the tool outputs quoted in iwa-reference.md).
 * The session is the capturing fake; the host, the envelope reader and the schemas are real.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HostError } from '../host.js';
import { createPowerShellHost } from './create-powershell-host.js';
import { CapturingPowerShellSession, printedResult } from './testing/capturing-powershell-session.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}.reconstructed.json`, import.meta.url), 'utf8').trim();

function hostAnswering(output: string) {
  const session = new CapturingPowerShellSession(() => output);
  return createPowerShellHost({ startSession: () => session });
}

async function hostErrorOf(promise: Promise<unknown>): Promise<HostError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HostError) return error;
    throw error;
  }
  throw new Error('expected a HostError');
}

describe('machine-identity', () => {
  it('reads a domain user on a workstation, with non-ASCII text and a \\/Date()\\/ clock', async () => {
    const host = hostAnswering(printedResult(fixture('machine-identity.domain-user')));
    const reading = await host.machineReading();
    expect(reading.clockUtc.toISOString()).toBe('2025-11-22T02:16:17.123Z');
    expect(await host.machineIdentity()).toEqual({
      computerName: 'WS042',
      domain: 'CONTOSO',
      dnsDomain: 'contoso.com',
      user: { name: 'jürgen.müller', domain: 'CONTOSO', kind: 'domain' },
      os: 'Microsoft Windows 11 Pro für Workstations 10.0.22631 (build 22631)',
      isServer: false,
      elevated: false,
    });
    expect(host.describe()).toEqual({ kind: 'powershell', machine: 'WS042' });
  });

  it('reads a local administrator on a workgroup server, with a Get-Date style clock object', async () => {
    const host = hostAnswering(printedResult(fixture('machine-identity.workgroup-local-user')));
    const reading = await host.machineReading();
    expect(reading.clockUtc.getTime()).toBe(1763777777000);
    const identity = await host.machineIdentity();
    expect(identity).toMatchObject({
      domain: null,
      dnsDomain: null,
      isServer: true,
      elevated: true,
      user: { kind: 'local', domain: 'WEB01' },
    });
  });
});

describe('read-registry-tree', () => {
  it('rebuilds the flat node list with every 5.1 quirk undone', async () => {
    const host = hostAnswering(printedResult(fixture('read-registry-tree.zonemap')));
    const tree = await host.readRegistryTree(
      { hive: 'HKCU', path: 'Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMap' },
      3,
    );
    expect(tree).not.toBeNull();
    expect(tree!.name).toBe('ZoneMap');
    expect(tree!.values).toEqual([
      { name: 'ProxyBypass', value: { type: 'REG_DWORD', data: 1 } },
      // 0xFFFFFFFF stays unsigned (Get-ItemProperty would have said -1, reference §1.8).
      { name: 'IntranetName', value: { type: 'REG_DWORD', data: 4294967295 } },
      // Kind 4 = RegistryValueKind.DWord written as a number.
      { name: 'UNCAsIntranet', value: { type: 'REG_DWORD', data: 1 } },
    ]);
    const [domains, ranges] = tree!.subkeys;
    // "values": null is an empty list; a bare object is a one-item list.
    expect(domains!.values).toEqual([]);
    expect(ranges!.values).toEqual([
      { name: 'AutoConfigURL', value: { type: 'REG_SZ', data: 'http://proxy.contoso.com/wpad.dat' } },
    ]);
    const [contoso, equipe] = domains!.subkeys;
    expect(contoso!.values).toEqual([
      { name: 'https', value: { type: 'REG_DWORD', data: 1 } },
      { name: 'Big', value: { type: 'REG_QWORD', data: '18446744073709551615' } },
    ]);
    expect(equipe!.name).toBe('für-équipe.contoso.com');
    expect(equipe!.truncated).toBe(true);
    expect(equipe!.values).toEqual([
      { name: 'Hosts', value: { type: 'REG_MULTI_SZ', data: ['intranet.contoso.com'] } },
      { name: 'Empty', value: { type: 'REG_MULTI_SZ', data: [] } },
      { name: 'Two', value: { type: 'REG_MULTI_SZ', data: ['a', "b'c"] } },
      { name: 'Blob', value: { type: 'REG_BINARY', data: '0a00ff' } },
      { name: 'Path', value: { type: 'REG_EXPAND_SZ', data: '%SystemRoot%\\System32' } },
      { name: '', value: { type: 'REG_SZ', data: '' } },
      // "LinkValue" (RegistryValueKind.Unknown) has no RegistryValue form and is left out.
    ]);
    expect('truncated' in contoso!).toBe(false);
  });

  it('answers null for an absent key', async () => {
    const host = hostAnswering(printedResult(fixture('read-registry-tree.not-found')));
    expect(await host.readRegistryTree({ hive: 'HKLM', path: 'Software\\Nothing' }, 0)).toBeNull();
  });

  it('names ConvertTo-Json -Depth truncation instead of crashing', async () => {
    const host = hostAnswering(printedResult(fixture('read-registry-tree.depth-cut')));
    const error = await hostErrorOf(host.readRegistryTree({ hive: 'HKCU', path: 'Software' }, 1));
    expect(error.code).toBe('failed');
    expect(error.message).toMatch(/-Depth/);
    expect(error.message).toContain('System.Collections.Hashtable');
  });

  it('folds a signed Int32 DWORD and a signed Int64 QWORD back to unsigned', async () => {
    const json = JSON.stringify({
      ok: true,
      value: {
        found: true,
        nodes: {
          id: 0,
          parent: -1,
          name: 'K',
          truncated: false,
          values: [
            { name: 'd', kind: 'DWord', data: -2147483648 },
            { name: 'q', kind: 'QWord', data: '-1' },
          ],
        },
      },
    });
    const tree = await hostAnswering(printedResult(json)).readRegistryTree({ hive: 'HKCU', path: 'K' }, 0);
    expect(tree!.values).toEqual([
      { name: 'd', value: { type: 'REG_DWORD', data: 0x80000000 } },
      { name: 'q', value: { type: 'REG_QWORD', data: '18446744073709551615' } },
    ]);
  });

  it('refuses a node list whose parents are impossible', async () => {
    const json = JSON.stringify({
      ok: true,
      value: {
        found: true,
        nodes: [
          { id: 0, parent: -1, name: 'A', truncated: false, values: [] },
          { id: 1, parent: 5, name: 'B', truncated: false, values: [] },
        ],
      },
    });
    const error = await hostErrorOf(
      hostAnswering(printedResult(json)).readRegistryTree({ hive: 'HKCU', path: 'A' }, 1),
    );
    expect(error.message).toMatch(/impossible parent/);
  });
});

describe('registry writes', () => {
  it('maps a localised access-denied error to HostError access-denied', async () => {
    const host = hostAnswering(printedResult(fixture('set-registry-value.access-denied')));
    const error = await hostErrorOf(
      host.setRegistryValue({ hive: 'HKLM', path: 'Software\\Policies\\X' }, 'v', {
        type: 'REG_DWORD',
        data: 1,
      }),
    );
    expect(error.code).toBe('access-denied');
    expect(error.message).toBe('set-registry-value: Der angeforderte Registrierungszugriff ist unzulässig.');
  });

  it('reports a key that is not empty as not deleted', async () => {
    const host = hostAnswering(printedResult(fixture('delete-empty-registry-key.not-empty')));
    expect(await host.deleteEmptyRegistryKey({ hive: 'HKCU', path: 'Software\\IWA' })).toBe(false);
  });

  it('treats deleting an absent value as done', async () => {
    const host = hostAnswering(printedResult(fixture('delete-registry-value.absent')));
    await expect(
      host.deleteRegistryValue({ hive: 'HKCU', path: 'Software\\IWA' }, 'gone'),
    ).resolves.toBeUndefined();
  });
});

describe('run-tool', () => {
  it('keeps a failed klist run with its exact output (CRLF, reference §6.1)', async () => {
    const host = hostAnswering(printedResult(fixture('run-tool.klist-get-failed')));
    const run = await host.runTool('klist', ['get', 'http/webserver.contoso.com']);
    expect(run).toMatchObject({
      tool: 'klist',
      args: ['get', 'http/webserver.contoso.com'],
      outcome: 'failed',
      exitCode: -1073741429,
      stderr: '',
    });
    expect(run.stdout).toContain('klist failed with 0xc000018b/-1073741429:');
    expect(run.stdout).toContain('\r\n');
    expect('reason' in run).toBe(false);
  });

  it('decodes non-ASCII tool output and a null stderr', async () => {
    const run = await hostAnswering(printedResult(fixture('run-tool.cmdkey-list'))).runTool('cmdkey', [
      '/list',
    ]);
    expect(run.outcome).toBe('succeeded');
    expect(run.stdout).toContain('User: CONTOSO\\renée');
    expect(run.stderr).toBe('');
  });

  it('says why a tool could not run: not installed, timed out', async () => {
    const missing = await hostAnswering(printedResult(fixture('run-tool.not-installed'))).runTool('setspn', [
      '-L',
      'web01',
    ]);
    expect(missing).toMatchObject({
      outcome: 'could-not-run',
      exitCode: null,
      reason: 'setspn.exe is not installed on this machine',
    });
    const slow = await hostAnswering(printedResult(fixture('run-tool.timed-out'))).runTool('nltest', [
      '/dsgetdc:contoso.com',
    ]);
    expect(slow).toMatchObject({
      outcome: 'could-not-run',
      reason: 'nltest.exe did not finish within 60 s and was stopped',
    });
  });

  it('refuses an outcome that contradicts the exit code', async () => {
    const json = JSON.stringify({
      ok: true,
      value: { outcome: 'succeeded', exitCode: 1, stdout: '', stderr: '' },
    });
    const error = await hostErrorOf(hostAnswering(printedResult(json)).runTool('klist', []));
    expect(error.message).toMatch(/outcome must follow the exit code/);
  });
});

describe('windows-zone-for-url', () => {
  it('reads the zone by name, by enum number, and null outside Windows PowerShell', async () => {
    expect(
      await hostAnswering(printedResult(fixture('windows-zone-for-url.intranet-name'))).windowsZoneForUrl(
        'http://web01/',
      ),
    ).toEqual({ zone: 'Intranet' });
    expect(
      await hostAnswering(printedResult(fixture('windows-zone-for-url.enum-number'))).windowsZoneForUrl(
        'https://a.example/',
      ),
    ).toEqual({ zone: 'Internet' });
    expect(
      await hostAnswering(printedResult(fixture('windows-zone-for-url.powershell-7'))).windowsZoneForUrl(
        'http://web01/',
      ),
    ).toBeNull();
  });
});

describe('what else comes through stdout', () => {
  const identity = fixture('windows-zone-for-url.intranet-name');

  it('skips a BOM and lines a profile or module printed before the result', async () => {
    const output = `\uFEFFWelcome to contoso's profile\r\nWARNING: something\r\n${printedResult(identity)}\r\n`;
    expect(await hostAnswering(output).windowsZoneForUrl('http://web01/')).toEqual({ zone: 'Intranet' });
  });

  it('is a clear HostError when the sentinel is missing, the JSON is broken, or the envelope is odd', async () => {
    const missing = await hostErrorOf(
      hostAnswering('The term "x" is not recognized').windowsZoneForUrl('http://a/'),
    );
    expect(missing).toMatchObject({ code: 'failed' });
    expect(missing.message).toMatch(/printed no result/);
    const broken = await hostErrorOf(
      hostAnswering(printedResult('{"ok":true,"value":{"zone":')).windowsZoneForUrl('http://a/'),
    );
    expect(broken.message).toMatch(/not valid JSON/);
    const odd = await hostErrorOf(hostAnswering(printedResult('["ok"]')).windowsZoneForUrl('http://a/'));
    expect(odd.message).toMatch(/neither/);
    const unknownZone = await hostErrorOf(
      hostAnswering(printedResult('{"ok":true,"value":{"zone":"Elsewhere"}}')).windowsZoneForUrl('http://a/'),
    );
    expect(unknownZone.message).toMatch(/^windows-zone-for-url: unexpected result at zone/);
  });

  it('maps an unknown error code from a script to failed', async () => {
    const error = await hostErrorOf(
      hostAnswering(
        printedResult('{"ok":false,"error":{"code":"weird","message":"x\\r\\ny"}}'),
      ).windowsZoneForUrl('http://a/'),
    );
    expect(error).toMatchObject({ code: 'failed', message: 'windows-zone-for-url: x y' });
  });
});
