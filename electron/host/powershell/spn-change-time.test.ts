/**
 * The spn-change-time primitive, Node side (scripts/spn-change-time.ps1; stale-ticket): what is
 * sent is the fixed script plus one base64 literal whatever the DN holds, the elevated session
 * refuses, bad arguments never reach PowerShell, and the 5.1 answers (reconstructed fixtures:
 * the script has not run on Windows) read back as a local time or "not known" with the reason.
 */
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HostError } from '../host.js';
import { createPowerShellHost } from './create-powershell-host.js';
import { PowerShellHost } from './powershell-host.js';
import type { PrimitiveRunner } from './primitive-runner.js';
import { defaultScriptsDirectory } from './primitive-scripts.js';
import { CapturingPowerShellSession, printedResult } from './testing/capturing-powershell-session.js';

const fixture = (name: string) =>
  readFileSync(
    new URL(`./fixtures/spn-change-time.${name}.reconstructed.json`, import.meta.url),
    'utf8',
  ).trim();
const script = readFileSync(`${defaultScriptsDirectory()}/spn-change-time.ps1`, 'utf8')
  .replace(/\r\n/g, '\n')
  .trimEnd();
const dn = 'CN=svc-intranet,CN=Users,DC=contoso,DC=com';

function hostAnswering(answer: string) {
  const session = new CapturingPowerShellSession(() => printedResult(answer));
  return { host: createPowerShellHost({ startSession: () => session }), session };
}

function sentArguments(text: string): unknown {
  const match = /-ArgumentsBase64 '([A-Za-z0-9+/]*={0,2})' \| Out-Null\n\n$/.exec(text);
  expect(match, 'fixed text + one base64 literal').not.toBeNull();
  return JSON.parse(Buffer.from(match?.[1] ?? '', 'base64').toString('utf8'));
}

describe('spn-change-time primitive', () => {
  it('reads a change time, and "not known" with Windows\' reason', async () => {
    const changed = hostAnswering(fixture('changed'));
    expect(await changed.host.servicePrincipalNameChangedAt?.(dn)).toEqual({
      changedAt: '2022-11-28T08:15:00',
      reason: null,
    });
    expect(changed.session.sent[0]).toContain(script);
    expect(sentArguments(changed.session.sent[0] ?? '')).toEqual({ account: dn });
    const missing = hostAnswering(fixture('no-such-object'));
    expect(await missing.host.servicePrincipalNameChangedAt?.(dn)).toEqual({
      changedAt: null,
      reason: 'There is no such object on the server.',
    });
  });

  it.each(["CN=svc'$(calc),DC=contoso,DC=com", 'CN=a`$b\u2019#"x,OU=Service Accounts/x,DC=contoso,DC=com'])(
    'sends the hostile DN %j only inside the base64 literal',
    async (account) => {
      const { host, session } = hostAnswering(fixture('no-such-object'));
      await host.servicePrincipalNameChangedAt?.(account);
      const sent = session.sent[0] ?? '';
      expect(sentArguments(sent)).toEqual({ account });
      expect(sent.replace(/-ArgumentsBase64 '[^']*'/, '')).not.toContain(account);
    },
  );

  it('refuses what is not a one-line DN before anything is sent', async () => {
    const { host, session } = hostAnswering(fixture('changed'));
    for (const account of ['', 'CONTOSO\\svc', 'CN=svc\nRemove-Item C:\\', `CN=${'x'.repeat(1024)}`]) {
      await expect(host.servicePrincipalNameChangedAt?.(account)).rejects.toBeInstanceOf(HostError);
    }
    expect(session.sent).toEqual([]);
  });

  it('a malformed time in the answer is refused, not passed on', async () => {
    const { host } = hostAnswering('{"ok":true,"value":{"reason":null,"changedAt":"28.11.2022 08:15"}}');
    await expect(host.servicePrincipalNameChangedAt?.(dn)).rejects.toThrow();
  });

  it('the elevated session does not answer', async () => {
    const runner: PrimitiveRunner = {
      run: () => Promise.reject(new Error('must not run')),
      close: () => Promise.resolve(),
    };
    const elevated = new PowerShellHost({ runner, scope: 'elevated' });
    await expect(elevated.servicePrincipalNameChangedAt(dn)).rejects.toThrow(
      /elevated session does not read/,
    );
  });
});
