/**
 * Builds the engine for a process outside Electron's window (web harness, tests): a scenario
 * library for simulation, an optional scenario to start with, and the journal in the data
 * directory.
 */
import { fileURLToPath } from 'node:url';
import { ScenarioHost } from '../host/scenario/scenario-host.js';
import { ScenarioLibrary } from '../host/scenario/scenario-library.js';
import { loadScenarioFile } from '../host/scenario/load-scenario.js';
import { appVersion } from './app-version.js';
import { defaultDataDirectory } from './data-directory.js';
import { Engine } from './engine.js';
import { JournalStore } from './journal/journal-store.js';
import type { ProbeGate } from './probe-gate.js';

/** The scenarios that ship with the app (and drive the tests). */
export const bundledScenarioDirectory = fileURLToPath(new URL('../../e2e/scenarios/', import.meta.url));

export interface SimulationEngineOptions {
  readonly transport: 'electron' | 'web';
  readonly scenarioFile?: string;
  readonly scenarioDirectory?: string;
  readonly dataDirectory?: string;
  /** TEST-ONLY: the web harness's probe gate (IWA_DOCTOR_TEST_HOOKS=1). */
  readonly probeGate?: ProbeGate;
}

export async function createSimulationEngine(options: SimulationEngineOptions): Promise<Engine> {
  const initialHost = options.scenarioFile
    ? new ScenarioHost(await loadScenarioFile(options.scenarioFile))
    : undefined;
  return new Engine({
    version: appVersion(),
    transport: options.transport,
    journal: JournalStore.inDirectory(options.dataDirectory ?? defaultDataDirectory()),
    scenarios: new ScenarioLibrary(options.scenarioDirectory ?? bundledScenarioDirectory),
    ...(initialHost ? { initialHost } : {}),
    ...(options.probeGate ? { probeGate: options.probeGate } : {}),
  });
}
