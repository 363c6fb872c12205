/**
 * Factory of the production host. One PowerShell process per host (= per diagnosis), started
 * on the first primitive and ended by close(); the elevated one only when elevated() is called.
 */
import { platform } from 'node:os';
import { encodeArguments } from './argument-encoding.js';
import { startElevatedPrimitiveRunner } from './elevated-session.js';
import { PowerShellHost } from './powershell-host.js';
import { loadPrimitiveScripts } from './primitive-scripts.js';
import { SessionPrimitiveRunner } from './primitive-runner.js';
import { startNodePowerShellSession, type PowerShellSession } from './powershell-session.js';
import { parsePrimitiveResult } from './result-envelope.js';
import { z } from 'zod';

export function isWindows(): boolean {
  return platform() === 'win32';
}

export interface PowerShellHostFactoryOptions {
  /** Folder of the .ps1 files; default ./scripts beside this module. Packaged app: resources/powershell-scripts. */
  readonly scriptsDirectory?: string;
  /** Replaces node-powershell (tests pass a capturing fake here). */
  readonly startSession?: () => PowerShellSession;
  readonly invocationTimeoutMs?: number;
  readonly toolTimeoutMs?: number;
}

export function createPowerShellHost(options: PowerShellHostFactoryOptions = {}): PowerShellHost {
  const scripts = loadPrimitiveScripts(options.scriptsDirectory);
  const startSession =
    options.startSession ??
    (() => startNodePowerShellSession({ invocationTimeoutMs: options.invocationTimeoutMs }));
  const runner = new SessionPrimitiveRunner(scripts, startSession);
  return new PowerShellHost({
    runner,
    scope: 'user',
    toolTimeoutMs: options.toolTimeoutMs,
    openElevatedRunner: () =>
      startElevatedPrimitiveRunner({
        scripts,
        launch: async (encodedCommand) => {
          const output = await runner.run('start-elevated', encodeArguments({ encodedCommand }));
          parsePrimitiveResult('start-elevated', output, z.object({ processId: z.number().int() }));
        },
      }),
  });
}
