/**
 * Builds the engine that checks THIS Windows machine: the PowerShell host, started on the
 * first diagnosis (one PowerShell process per host; the elevated one only when a fix needs
 * it), and the journal in the data directory. No scenario library: a real machine is never
 * silently swapped for a simulated one.
 */
import { createPowerShellHost } from '../host/powershell/create-powershell-host.js';
import type { LiveTestOptions } from '../live/run-live-sign-in-test.js';
import { appVersion } from './app-version.js';
import { defaultDataDirectory } from './data-directory.js';
import { Engine } from './engine.js';
import { JournalStore } from './journal/journal-store.js';

export interface MachineEngineOptions {
  readonly transport: 'electron' | 'web';
  readonly dataDirectory?: string;
  /** Folder of the .ps1 primitives; a bundle must pass it (see primitive-scripts.ts). */
  readonly scriptsDirectory?: string;
  /** Start-up settings of the live sign-in and DNS probes (DNS server, trusted CAs, time limit). */
  readonly liveTestOptions?: LiveTestOptions;
}

export function createMachineEngine(options: MachineEngineOptions): Engine {
  return new Engine({
    version: appVersion(),
    transport: options.transport,
    journal: JournalStore.inDirectory(options.dataDirectory ?? defaultDataDirectory()),
    ...(options.liveTestOptions ? { liveTestOptions: options.liveTestOptions } : {}),
    createHost: () =>
      Promise.resolve(
        createPowerShellHost(options.scriptsDirectory ? { scriptsDirectory: options.scriptsDirectory } : {}),
      ),
  });
}
