/**
 * Only the six allow-listed tools run (host.ts allowedTools); anything else is refused before
 * PowerShell is reached, and run-tool.ps1 carries the same list in its own fixed table.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HostError, allowedTools, type AllowedTool } from '../host.js';
import { createPowerShellHost } from './create-powershell-host.js';
import { defaultScriptsDirectory } from './primitive-scripts.js';
import { CapturingPowerShellSession, printedResult } from './testing/capturing-powershell-session.js';

const notInstalled = readFileSync(
  new URL('./fixtures/run-tool.not-installed.reconstructed.json', import.meta.url),
  'utf8',
).trim();

function newHost() {
  const session = new CapturingPowerShellSession(() => printedResult(notInstalled));
  return { host: createPowerShellHost({ startSession: () => session }), session };
}

describe('tool allow-list', () => {
  const refused = [
    'powershell',
    'cmd',
    'pwsh',
    'reg',
    'KLIST',
    'klist.exe',
    '..\\klist',
    'C:\\Windows\\System32\\klist.exe',
    'klist ',
    '',
    'setspn;calc',
    'appcmd"',
    'constructor',
    '__proto__',
  ];
  for (const tool of refused) {
    it(`refuses ${JSON.stringify(tool)} without sending anything`, async () => {
      const { host, session } = newHost();
      await expect(host.runTool(tool as AllowedTool, [])).rejects.toSatisfy(
        (error) => error instanceof HostError && error.code === 'invalid-argument',
      );
      expect(session.sent).toEqual([]);
    });
  }

  it('accepts each allowed tool and sends it as data', async () => {
    for (const tool of allowedTools) {
      const { host, session } = newHost();
      await host.runTool(tool, ['/?']);
      expect(session.sent).toHaveLength(1);
    }
  });

  it('refuses argument lists that are not arrays of strings, too long, or hold NUL', async () => {
    const { host, session } = newHost();
    for (const args of [
      ['a', 1],
      'klist tickets',
      new Array(65).fill('x'),
      ['x'.repeat(16_385)],
      ['a\u0000b'],
    ]) {
      await expect(host.runTool('klist', args as unknown as string[])).rejects.toBeInstanceOf(HostError);
    }
    expect(session.sent).toEqual([]);
  });

  it('run-tool.ps1 maps exactly the allowed tools to fixed paths and refuses the rest', () => {
    const script = readFileSync(`${defaultScriptsDirectory()}/run-tool.ps1`, 'utf8');
    const mapped = [
      ...script.matchAll(/^\s*'([a-z0-9]+)' \{ return \(Join-Path \$windows '([^']+)'\) \}$/gm),
    ].map((match) => [match[1], match[2]]);
    expect(mapped.map(([tool]) => tool).sort()).toEqual([...allowedTools].sort());
    for (const [tool, path] of mapped) {
      expect(path).toBe(tool === 'appcmd' ? 'System32\\inetsrv\\appcmd.exe' : `System32\\${tool}.exe`);
    }
    expect(script).toMatch(/switch -CaseSensitive \(\$Tool\)/);
    expect(script).toMatch(
      /default \{ throw \(New-IwaError 'invalid-argument' 'tool is not on the allow-list'\) \}/,
    );
    expect(script).toMatch(/UseShellExecute = \$false/);
  });
});
