/**
 * A change applied in one session and undone after a restart: the journal carries the
 * symptom of the diagnosis it came from, so the re-check runs the same checks as before.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../host/scenario/load-scenario.js';
import { ScenarioHost } from '../host/scenario/scenario-host.js';
import { Engine } from './engine.js';
import { JournalStore } from './journal/journal-store.js';

const scenarioFile = fileURLToPath(new URL('../../e2e/scenarios/zone-not-intranet.json', import.meta.url));
const directories: string[] = [];
afterEach(async () => {
  await Promise.all(
    directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
  );
});

describe('undo after a restart', () => {
  it('re-checks with the symptom the fix was applied for and brings the cause back', async () => {
    const dataDirectory = await mkdtemp(join(tmpdir(), 'iwa-undo-restart-'));
    directories.push(dataDirectory);
    const scenario = await loadScenarioFile(scenarioFile);
    const host = new ScenarioHost(scenario);
    const target = { ...scenario.target, symptom: 'prompt-three-times' as const };

    const first = new Engine({
      version: 'test',
      transport: 'web',
      journal: JournalStore.inDirectory(dataDirectory),
      initialHost: host,
    });
    const diagnosis = await first.runDiagnosis(target);
    const offer = diagnosis.findings.find((finding) => finding.cause === 'zone-not-intranet')?.remedies[0];
    if (!offer) throw new Error('the scenario offers no zone fix');
    const { entry, verification } = await first.applyRemedy(offer.offerId);
    expect(entry.targetSymptom).toBe('prompt-three-times');
    expect(verification.findings.map((finding) => finding.cause)).not.toContain('zone-not-intranet');

    // A new engine over the same journal and machine, as after closing and reopening the app.
    const second = new Engine({
      version: 'test',
      transport: 'web',
      journal: JournalStore.inDirectory(dataDirectory),
      initialHost: host,
    });
    const undone = await second.undo(entry.id);
    expect(undone.entry.state).toBe('undone');
    expect(undone.verification?.target).toEqual(target);
    expect(undone.verification?.findings.map((finding) => finding.cause)).toContain('zone-not-intranet');
  });
});
