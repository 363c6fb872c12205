/**
 * Host-level behaviour around the session: one session per host, replaced only when it broke,
 * closed by close(); the elevated twin refuses HKCU. The session is the capturing fake.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HostError } from '../host.js';
import { createPowerShellHost } from './create-powershell-host.js';
import { PowerShellHost } from './powershell-host.js';
import { loadPrimitiveScripts } from './primitive-scripts.js';
import { SessionPrimitiveRunner } from './primitive-runner.js';
import { PowerShellSessionError, type PowerShellSession } from './powershell-session.js';
import { CapturingPowerShellSession, printedResult } from './testing/capturing-powershell-session.js';

const zone = printedResult(
  readFileSync(
    new URL('./fixtures/windows-zone-for-url.intranet-name.reconstructed.json', import.meta.url),
    'utf8',
  ).trim(),
);
const written = printedResult(
  readFileSync(
    new URL('./fixtures/set-registry-value.written.reconstructed.json', import.meta.url),
    'utf8',
  ).trim(),
);

describe('PowerShellHost session handling', () => {
  it('uses one session for many primitives and disposes it on close', async () => {
    const sessions: CapturingPowerShellSession[] = [];
    const host = createPowerShellHost({
      startSession: () => {
        const session = new CapturingPowerShellSession(() => zone);
        sessions.push(session);
        return session;
      },
    });
    expect(sessions).toHaveLength(0);
    await host.windowsZoneForUrl('http://a/');
    await host.windowsZoneForUrl('http://b/');
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.sent).toHaveLength(2);
    await host.close();
    expect(sessions[0]!.disposed).toBe(true);
    await expect(host.windowsZoneForUrl('http://c/')).rejects.toThrow(/closed/);
  });

  it('replaces a session that timed out, keeps one that only wrote to stderr', async () => {
    const failures: PowerShellSessionError[] = [
      new PowerShellSessionError('PowerShell did not answer within 120 s', 'timeout'),
      new PowerShellSessionError('PowerShell reported an error: x', 'stderr'),
    ];
    let started = 0;
    const host = createPowerShellHost({
      startSession: (): PowerShellSession => {
        started += 1;
        return {
          invoke: async () => {
            const failure = failures.shift();
            if (failure) throw failure;
            return zone;
          },
          dispose: async () => undefined,
        };
      },
    });
    await expect(host.windowsZoneForUrl('http://a/')).rejects.toMatchObject({
      code: 'failed',
      message: 'windows-zone-for-url: PowerShell did not answer within 120 s',
    });
    await expect(host.windowsZoneForUrl('http://a/')).rejects.toMatchObject({
      code: 'failed',
      message: 'windows-zone-for-url: PowerShell reported an error: x',
    });
    await expect(host.windowsZoneForUrl('http://a/')).resolves.toEqual({ zone: 'Intranet' });
    expect(started).toBe(2);
  });

  it('says not-supported when PowerShell cannot be started at all', async () => {
    const host = createPowerShellHost({
      startSession: () => {
        throw new PowerShellSessionError(
          'PowerShell could not be started: spawn powershell.exe ENOENT',
          'start',
        );
      },
    });
    await expect(host.machineIdentity()).rejects.toMatchObject({ code: 'not-supported' });
  });

  it('validates keys and depth before sending', async () => {
    const session = new CapturingPowerShellSession(() => zone);
    const host = createPowerShellHost({ startSession: () => session });
    await expect(host.readRegistryTree({ hive: 'HKCR' as 'HKCU', path: 'x' }, 0)).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await expect(host.readRegistryTree({ hive: 'HKCU', path: '\\Software' }, 0)).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await expect(host.readRegistryTree({ hive: 'HKCU', path: 'Software' }, 17)).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await expect(
      host.setRegistryValue({ hive: 'HKCU', path: 'Software\\X' }, 'v', { type: 'REG_DWORD', data: 2 ** 32 }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(host.deleteEmptyRegistryKey({ hive: 'HKCU', path: 'Software' })).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    expect(session.sent).toEqual([]);
  });
});

describe('elevated host', () => {
  it('refuses HKCU (its HKCU may be another administrator’s) and runs HKLM writes', async () => {
    const session = new CapturingPowerShellSession(() => written);
    const host = new PowerShellHost({
      runner: new SessionPrimitiveRunner(loadPrimitiveScripts(), () => session),
      scope: 'elevated',
    });
    await expect(
      host.setRegistryValue({ hive: 'HKCU', path: 'Software\\X' }, 'v', { type: 'REG_DWORD', data: 1 }),
    ).rejects.toSatisfy(
      (error) =>
        error instanceof HostError && error.code === 'invalid-argument' && /HKCU/.test(error.message),
    );
    expect(session.sent).toHaveLength(0);
    await host.setRegistryValue(
      { hive: 'HKLM', path: 'SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0' },
      'BackConnectionHostNames',
      { type: 'REG_MULTI_SZ', data: ['web01'] },
    );
    expect(session.sent).toHaveLength(1);
    await expect(host.elevated()).rejects.toMatchObject({ code: 'not-supported' });
  });

  it('lets a declined UAC prompt be asked again', async () => {
    let attempts = 0;
    const host = new PowerShellHost({
      runner: new SessionPrimitiveRunner(
        loadPrimitiveScripts(),
        () => new CapturingPowerShellSession(() => zone),
      ),
      scope: 'user',
      openElevatedRunner: async () => {
        attempts += 1;
        throw new HostError(
          'start-elevated: The administrator prompt (UAC) was declined.',
          'elevation-refused',
        );
      },
    });
    await expect(host.elevated()).rejects.toMatchObject({ code: 'elevation-refused' });
    await expect(host.elevated()).rejects.toMatchObject({ code: 'elevation-refused' });
    expect(attempts).toBe(2);
  });
});
