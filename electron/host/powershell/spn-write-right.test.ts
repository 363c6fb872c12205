/**
 * The spn-write-right primitive, Node side (scripts/spn-write-right.ps1; issue 6): what is
 * sent is the fixed script plus one base64 literal whatever the account name holds, the
 * elevated session refuses, bad arguments never reach PowerShell, and the 5.1 answers
 * (reconstructed fixtures) read back as allowed / not allowed / cannot tell.
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
    new URL(`./fixtures/spn-write-right.${name}.reconstructed.json`, import.meta.url),
    'utf8',
  ).trim();
const script = readFileSync(`${defaultScriptsDirectory()}/spn-write-right.ps1`, 'utf8')
  .replace(/\r\n/g, '\n')
  .trimEnd();

function hostAnswering(answer: string) {
  const session = new CapturingPowerShellSession(() => printedResult(answer));
  return { host: createPowerShellHost({ startSession: () => session }), session };
}

function sentArguments(text: string): unknown {
  const match = /-ArgumentsBase64 '([A-Za-z0-9+/]*={0,2})' \| Out-Null\n\n$/.exec(text);
  expect(match, 'fixed text + one base64 literal').not.toBeNull();
  return JSON.parse(Buffer.from(match?.[1] ?? '', 'base64').toString('utf8'));
}

describe('spn-write-right primitive', () => {
  it.each([
    ['allowed', true],
    ['not-allowed', false],
    ['no-domain-controller', null],
  ] as const)('reads the %s answer', async (name, expected) => {
    const { host, session } = hostAnswering(fixture(name));
    expect(await host.canWriteServicePrincipalName('CONTOSO\\svc-web')).toBe(expected);
    expect(session.sent[0]).toContain(script);
    expect(sentArguments(session.sent[0] ?? '')).toEqual({ account: 'CONTOSO\\svc-web' });
  });

  it.each([
    "CONTOSO\\svc'$(calc)",
    'CONTOSO\\a`$b\u2019#"x',
    'CN=svc web\\, old,OU=Service Accounts/x,DC=contoso,DC=com',
  ])('sends the hostile account %j only inside the base64 literal', async (account) => {
    const { host, session } = hostAnswering(fixture('not-allowed'));
    await host.canWriteServicePrincipalName(account);
    const sent = session.sent[0] ?? '';
    expect(sentArguments(sent)).toEqual({ account });
    expect(sent.replace(/-ArgumentsBase64 '[^']*'/, '')).not.toContain(account);
  });

  it('refuses an empty, multi-line or oversized account before anything is sent', async () => {
    const { host, session } = hostAnswering(fixture('allowed'));
    for (const account of ['', 'CONTOSO\\svc\nRemove-Item C:\\', 'x'.repeat(1025)]) {
      await expect(host.canWriteServicePrincipalName(account)).rejects.toBeInstanceOf(HostError);
    }
    expect(session.sent).toEqual([]);
  });

  it('the elevated session does not answer (it may hold another administrator’s credentials)', async () => {
    const runner: PrimitiveRunner = {
      run: () => Promise.reject(new Error('must not run')),
      close: () => Promise.resolve(),
    };
    const elevated = new PowerShellHost({ runner, scope: 'elevated' });
    await expect(elevated.canWriteServicePrincipalName('CONTOSO\\svc-web')).rejects.toThrow(
      /elevated session does not answer/,
    );
  });
});
