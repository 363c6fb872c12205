/**
 * The read-kerberos-events primitive, Node side: only two bounded integers are sent (as base64
 * JSON, like every primitive), out-of-range values never reach PowerShell, and the 5.1 answer —
 * reconstructed in fixtures/, with one-item arrays collapsed and null data — becomes the
 * events the Kerberos rules read (reference §6.2).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kerberosEventFromRecord } from '../../../shared/windows-output/kerberos-events.js';
import { createPowerShellHost } from './create-powershell-host.js';
import { defaultScriptsDirectory } from './primitive-scripts.js';
import { CapturingPowerShellSession, printedResult } from './testing/capturing-powershell-session.js';

const fixture = (name: string) =>
  printedResult(
    readFileSync(
      new URL(`./fixtures/read-kerberos-events.${name}.reconstructed.json`, import.meta.url),
      'utf8',
    ).trim(),
  );
const script = readFileSync(`${defaultScriptsDirectory()}/read-kerberos-events.ps1`, 'utf8')
  .replace(/\r\n/g, '\n')
  .trimEnd();

function hostAnswering(answer: string) {
  const session = new CapturingPowerShellSession(() => answer);
  return { host: createPowerShellHost({ startSession: () => session }), session };
}

function sentArguments(text: string): unknown {
  const base64 = /\n\} -ArgumentsBase64 '([A-Za-z0-9+/]*={0,2})' \| Out-Null\n\n$/.exec(text)?.[1];
  expect(base64).toBeDefined();
  return JSON.parse(Buffer.from(base64 ?? '', 'base64').toString('utf8'));
}

describe('read-kerberos-events primitive', () => {
  it('sends the fixed script with only the two numbers as base64 JSON', async () => {
    const { host, session } = hostAnswering(fixture('none'));
    expect(await host.readKerberosEvents({ sinceHours: 24, maxEvents: 50 })).toEqual({
      events: [],
      skipped: [],
    });
    expect(session.sent).toHaveLength(1);
    expect(session.sent[0]).toContain(script);
    expect(sentArguments(session.sent[0] ?? '')).toEqual({ sinceHours: 24, maxEvents: 50 });
  });

  it('refuses out-of-range or fractional values before anything is sent', async () => {
    const { host, session } = hostAnswering(fixture('none'));
    for (const query of [
      { sinceHours: 0, maxEvents: 10 },
      { sinceHours: 721, maxEvents: 10 },
      { sinceHours: 1.5, maxEvents: 10 },
      { sinceHours: 24, maxEvents: 0 },
      { sinceHours: 24, maxEvents: 201 },
      { sinceHours: Number.NaN, maxEvents: 10 },
    ]) {
      await expect(host.readKerberosEvents(query)).rejects.toMatchObject({ code: 'invalid-argument' });
    }
    expect(session.sent).toEqual([]);
  });

  it('reads the 5.1 answer: a collapsed one-item data list, null data, a collapsed skipped list, \\u escapes', async () => {
    const { host } = hostAnswering(fixture('etype-and-modified'));
    const reading = await host.readKerberosEvents({ sinceHours: 24, maxEvents: 50 });
    expect(reading.skipped).toEqual([
      {
        source: 'Microsoft-Windows-Kerberos-Key-Distribution-Center',
        reason:
          'There is not an event provider on the localhost computer that matches “Microsoft-Windows-Kerberos-Key-Distribution-Center”.',
      },
    ]);
    expect(reading.events.map((event) => [event.id, event.time, event.data.length])).toEqual([
      [3, '2026-11-21T08:14:02.0000000Z', 1],
      [4, '2026-11-21T08:10:44.1230000Z', 0],
    ]);
    const [etype, modified] = reading.events.map(kerberosEventFromRecord);
    expect([etype?.errorCode, etype?.name]).toEqual([14, 'HTTP/web01.contoso.com']);
    expect([modified?.errorCode, modified?.name]).toEqual([41, 'HTTP/web01.contoso.com']);
  });

  it('reports an answer of the wrong shape as one failed call, never a crash', async () => {
    const { host } = hostAnswering(
      printedResult('{"ok":true,"value":{"events":[{"id":"four"}],"skipped":[]}}'),
    );
    await expect(host.readKerberosEvents({ sinceHours: 24, maxEvents: 50 })).rejects.toMatchObject({
      name: 'HostError',
    });
  });
});
