/**
 * Engine + scenario host over every scenario in e2e/scenarios: diagnose names exactly the
 * expected causes; every remedy on offer (each one, from the same starting machine) makes its
 * cause disappear; undo brings it back and leaves the machine exactly as it was, value by value;
 * a client-side cause a person or an administrator can fix must come with an offer.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../shared/scenario/scenario-json-schema.js';
import { loadScenarioFile } from '../host/scenario/load-scenario.js';
import { ScenarioHost } from '../host/scenario/scenario-host.js';
import { createApiDispatcher } from '../api/api-dispatcher.js';
import { Engine } from './engine.js';
import { JournalStore } from './journal/journal-store.js';
import { ScenarioLibrary } from '../host/scenario/scenario-library.js';
import type { Diagnosis } from '../../shared/model/diagnosis.js';
import { getCause, type CauseId } from '../../shared/causes/cause-catalog.js';
import type { Scenario } from '../../shared/scenario/scenario-schema.js';

const scenarioDirectory = fileURLToPath(new URL('../../e2e/scenarios/', import.meta.url));
const scenarioFiles = (await readdir(scenarioDirectory)).filter((name) => name.endsWith('.json')).sort();

let dataDirectory: string;
beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'iwa-every-scenario-'));
});
afterAll(async () => rm(dataDirectory, { recursive: true, force: true }));

const causesOf = (diagnosis: Diagnosis) => diagnosis.findings.map((finding) => finding.cause).sort();

/**
 * A client-side cause whose catalog scope names someone who can act (the person, or an
 * administrator of this PC through UAC) must come with a fix that can be applied in its
 * scenario: a rule that stops offering it is a failure, not a silent skip.
 */
function mustOfferAFix(cause: CauseId): boolean {
  const definition = getCause(cause);
  return definition.side === 'client' && (definition.scope === 'user' || definition.scope === 'machine');
}

function freshEngine(scenario: Scenario, journalName: string): { host: ScenarioHost; engine: Engine } {
  const host = new ScenarioHost(scenario);
  const engine = new Engine({
    version: 'test',
    transport: 'web',
    journal: JournalStore.inDirectory(join(dataDirectory, journalName)),
    initialHost: host,
  });
  return { host, engine };
}

describe.each(scenarioFiles)('scenario %s', (file) => {
  it('is named after its id and the cause it demonstrates, <cause>-<variant>, or healthy-*', async () => {
    const scenario = await loadScenarioFile(join(scenarioDirectory, file));
    expect(`${scenario.id}.json`).toBe(file);
    if (scenario.id.startsWith('healthy-')) expect(scenario.expect.causes).toEqual([]);
    else
      expect(
        scenario.expect.causes.some((cause) => scenario.id === cause || scenario.id.startsWith(`${cause}-`)),
        `${scenario.id} names one of its expected causes`,
      ).toBe(true);
  });

  it('diagnoses exactly the expected causes; every fix on offer removes its cause; undo restores everything', async () => {
    const scenario = await loadScenarioFile(join(scenarioDirectory, file));
    const { engine } = freshEngine(scenario, scenario.id);
    const first = await engine.runDiagnosis(scenario.target);
    expect(causesOf(first)).toEqual([...scenario.expect.causes].sort());
    for (const finding of first.findings) {
      expect(finding.evidence.length, `${finding.cause} names its evidence`).toBeGreaterThan(0);
      for (const evidenceId of finding.evidence)
        expect(first.evidence.some((item) => item.id === evidenceId)).toBe(true);
    }

    for (const cause of scenario.expect.causes) {
      const offered = first.findings.find((finding) => finding.cause === cause)?.remedies ?? [];
      if (mustOfferAFix(cause))
        expect(
          offered.some((offer) => offer.available),
          `${cause} offers a fix that can be applied here`,
        ).toBe(true);
      for (const [index, expected] of offered.entries()) {
        if (!expected.available) {
          expect(
            expected.unavailableReason,
            `${cause}: ${expected.remedy} says why it is not available`,
          ).toBeTruthy();
          continue;
        }
        // Every fix from the same starting machine: a fix that cannot be undone must not change what the next one sees.
        const { host, engine: fixing } = freshEngine(scenario, `${scenario.id}-${cause}-${index}`);
        const diagnosis = await fixing.runDiagnosis(scenario.target);
        const offer = diagnosis.findings.find((finding) => finding.cause === cause)?.remedies[index];
        expect(offer, `${cause}: offer ${index} (${expected.remedy}) is made again`).toMatchObject({
          remedy: expected.remedy,
          available: true,
        });
        if (!offer) continue;
        const before = host.stateSnapshot();
        const plan = await fixing.previewRemedy(offer.offerId);
        expect(plan.exactChange.length).toBeGreaterThan(0);
        const { entry, verification } = await fixing.applyRemedy(offer.offerId);
        expect(entry.state).toBe('applied');
        expect(causesOf(verification), `${offer.remedy} removes ${cause}`).not.toContain(cause);
        if (plan.operations.some((operation) => operation.op === 'tool.run' && operation.undo === null)) {
          // Some changes cannot be reversed (a deleted saved password is gone; klist purge and a
          // clock resync have nothing to put back). The plan says so before applying, the journal
          // keeps what can be kept, and undo refuses, changing nothing.
          expect(plan.notes.join(' ')).toMatch(/undo/i);
          for (const { operation } of entry.operations) {
            if (operation.op === 'tool.run') expect(operation.describe.length).toBeGreaterThan(0);
          }
          const applied = host.stateSnapshot();
          await expect(fixing.undo(entry.id)).rejects.toThrow(/cannot be undone/);
          expect(host.stateSnapshot()).toEqual(applied);
          expect((await fixing.journalEntries()).find((item) => item.id === entry.id)?.state).toBe('applied');
          continue;
        }
        const { entry: undone, verification: after } = await fixing.undo(entry.id);
        expect(undone.state).toBe('undone');
        expect(host.stateSnapshot()).toEqual(before);
        expect(causesOf(await fixing.runDiagnosis(scenario.target))).toContain(cause);
        expect(after).not.toBeNull();
      }
    }
  });
});

describe('scenario format', () => {
  it('docs/scenario.schema.json is what `npm run schema` writes today', async () => {
    const committed = JSON.parse(
      await readFile(fileURLToPath(new URL('../../docs/scenario.schema.json', import.meta.url)), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
  });
});

describe('API dispatcher', () => {
  const engine = new Engine({
    version: 'test',
    transport: 'web',
    journal: JournalStore.inDirectory(join(tmpdir(), 'iwa-dispatcher-unused')),
    scenarios: new ScenarioLibrary(scenarioDirectory),
  });
  const dispatch = createApiDispatcher(engine);

  it('refuses unknown channels and malformed requests with one line, changing nothing', async () => {
    expect(await dispatch('shell:run', {})).toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'unknown API channel' },
    });
    const badUrl = await dispatch('diagnosis:run', {
      url: 'javascript:alert(1)',
      symptom: 'http-401',
      runId: 'run-bad-url',
    });
    expect(badUrl).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: /^diagnosis:run: url: / },
    });
    const badRunId = await dispatch('diagnosis:run', {
      url: 'https://intranet.contoso.com/',
      symptom: 'http-401',
      runId: 'Run 1; rm -rf',
    });
    expect(badRunId).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: /^diagnosis:run: runId: / },
    });
    const extra = await dispatch('remedy:apply', { offerId: 'abc', script: 'Remove-Item C:\\' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const traversal = await dispatch('scenario:load', { id: '../../etc/passwd' });
    expect(traversal).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('needs a machine before a diagnosis, and an offer the engine made before a fix', async () => {
    expect(
      await dispatch('diagnosis:run', {
        url: 'https://intranet.contoso.com/',
        symptom: 'http-401',
        runId: 'run-no-machine',
      }),
    ).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(await dispatch('remedy:apply', { offerId: 'not-offered' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('loads a scenario by id and diagnoses it', async () => {
    const loaded = await dispatch('scenario:load', { id: 'zone-not-intranet' });
    expect(loaded).toMatchObject({
      ok: true,
      value: { host: { kind: 'scenario', scenario: { id: 'zone-not-intranet' } } },
    });
    const result = await dispatch('diagnosis:run', {
      url: 'https://intranet.contoso.com/app',
      symptom: 'prompt-once-per-session',
      runId: 'run-loaded',
    });
    expect(result).toMatchObject({
      ok: true,
      value: { runId: 'run-loaded', findings: [{ cause: 'zone-not-intranet' }] },
    });
  });
});
