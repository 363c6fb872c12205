/**
 * The Kerberos client remedies through the real engine and scenario host: what each plan says
 * before it runs, what the journal keeps, that undo refuses the irreversible ones without
 * changing anything, and the elevated clock resync (UAC accepted, UAC refused).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import type { Scenario } from '../../../shared/scenario/scenario-schema.js';
import { loadScenarioFile } from '../../host/scenario/load-scenario.js';
import { ScenarioHost } from '../../host/scenario/scenario-host.js';
import { Engine } from '../engine.js';
import { JournalStore } from '../journal/journal-store.js';
import { credentialsRemoveRemedy } from './credentials-remove.js';
import { kerberosPurgeTicketsRemedy } from './kerberos-purge-tickets.js';

const scenarioDirectory = fileURLToPath(new URL('../../../e2e/scenarios/', import.meta.url));

let dataDirectory: string;
beforeEach(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'iwa-kerberos-remedies-'));
});
afterEach(async () => rm(dataDirectory, { recursive: true, force: true }));

async function engineFor(
  id: string,
  change?: (scenario: Scenario) => void,
): Promise<{ engine: Engine; host: ScenarioHost; scenario: Scenario }> {
  const scenario = await loadScenarioFile(join(scenarioDirectory, `${id}.json`));
  change?.(scenario);
  const host = new ScenarioHost(scenario);
  const engine = new Engine({
    version: 'test',
    transport: 'web',
    journal: JournalStore.inDirectory(dataDirectory),
    initialHost: host,
  });
  return { engine, host, scenario };
}

function offerFor(diagnosis: Diagnosis, cause: string) {
  const offer = diagnosis.findings.find((finding) => finding.cause === cause)?.remedies[0];
  if (!offer) throw new Error(`no offer for ${cause}`);
  return offer;
}

describe('credentials.remove', () => {
  it('says before applying that the password cannot come back, removes only that entry, and journals address, type and user', async () => {
    const { engine, host, scenario } = await engineFor('stored-credentials');
    const offer = offerFor(await engine.runDiagnosis(scenario.target), 'stored-credentials');
    const plan = await engine.previewRemedy(offer.offerId);
    expect(plan.exactChange).toEqual(['cmdkey /delete:intranet.contoso.com']);
    expect(plan.needsElevation).toBe(false);
    expect(plan.notes[0]).toMatch(/cannot be undone.*saved password/);
    expect(plan.operations).toEqual([
      expect.objectContaining({
        op: 'tool.run',
        run: { tool: 'cmdkey', args: ['/delete:intranet.contoso.com'] },
        undo: null,
      }),
    ]);

    const { entry } = await engine.applyRemedy(offer.offerId);
    expect(host.scenario.workstation?.credentials.map((credential) => credential.target)).toEqual([
      'WindowsLive:target=virtualapp/didlogical',
    ]);
    const journal = await readFile(join(dataDirectory, 'journal.json'), 'utf8');
    expect(journal).toContain(
      'Domain:target=intranet.contoso.com (type Domain Password, user CONTOSO\\\\bob)',
    );

    await expect(engine.undo(entry.id)).rejects.toThrow(
      /cannot be undone \(remove the saved sign-in Domain:target=intranet.contoso.com.*nothing was changed/,
    );
    expect(host.scenario.workstation?.credentials).toHaveLength(1);
  });

  it('refuses a target cmdkey could read as more than one argument, and one that is gone', async () => {
    const { engine, host, scenario } = await engineFor('stored-credentials');
    const offer = offerFor(await engine.runDiagnosis(scenario.target), 'stored-credentials');
    const machine = await host.machineIdentity();
    for (const target of ['a" /add:evil', 'two words', 'tab\there', '']) {
      await expect(
        credentialsRemoveRemedy.plan({ ...offer, params: { target } }, { host, machine }),
      ).rejects.toThrow(/cannot pass to cmdkey safely/);
    }
    await expect(
      credentialsRemoveRemedy.plan({ ...offer, params: { target: 'web99.contoso.com' } }, { host, machine }),
    ).rejects.toThrow(/no longer holds a saved sign-in for web99\.contoso\.com/);
  });
});

describe('kerberos.purge-tickets', () => {
  it('says there is nothing to undo, empties the cache (the re-check then gets a fresh ticket from after the SPN change), and a purge of an empty cache has nothing to clear', async () => {
    const { engine, host, scenario } = await engineFor('stale-ticket');
    const offer = offerFor(await engine.runDiagnosis(scenario.target), 'stale-ticket');
    const plan = await engine.previewRemedy(offer.offerId);
    expect(plan.exactChange).toEqual(['klist purge']);
    expect(plan.notes[0]).toMatch(/nothing to undo/);
    expect(plan.summary).toMatch(/2 Kerberos tickets .*krbtgt\/CONTOSO\.COM, HTTP\/intranet\.contoso\.com/);
    const { entry, verification } = await engine.applyRemedy(offer.offerId);
    expect(verification.findings.map((finding) => finding.cause)).toEqual([]);
    // The 07:40 ticket is gone; the re-check's `klist get` asked the KDC again at the machine's time (09:30).
    expect(host.scenario.workstation?.tickets.map((ticket) => ticket.startTime)).toEqual([
      '11/28/2022 9:30:00',
    ]);
    await expect(engine.undo(entry.id)).rejects.toThrow(
      /cannot be undone \(klist purge cleared 2 cached Kerberos tickets/,
    );
    await host.runTool('klist', ['purge']);
    await expect(
      kerberosPurgeTicketsRemedy.plan(offer, { host, machine: await host.machineIdentity() }),
    ).rejects.toThrow(/already empty; nothing to clear/);
  });
});

describe('time.resync (machine scope, elevated)', () => {
  it('runs w32tm /resync through the elevated host after UAC is accepted', async () => {
    const { engine, host, scenario } = await engineFor('clock-skew');
    expect(host.scenario.machine.elevated).toBe(false);
    const offer = offerFor(await engine.runDiagnosis(scenario.target), 'clock-skew');
    const plan = await engine.previewRemedy(offer.offerId);
    expect(plan).toMatchObject({
      needsElevation: true,
      scope: 'machine',
      exactChange: ['w32tm /resync /rediscover'],
    });
    expect(plan.summary).toMatch(/7 min 32 s away from DC01\.contoso\.com/);
    expect(plan.notes.join(' ')).toMatch(/UAC.*If you choose No, nothing is changed.*nothing to undo/);
    const { entry, verification } = await engine.applyRemedy(offer.offerId);
    expect(entry).toMatchObject({ state: 'applied', needsElevation: true });
    expect(host.scenario.workstation?.clockOffsetSeconds).toBe(0);
    expect(verification.findings.map((finding) => finding.cause)).not.toContain('clock-skew');
  });

  it('UAC refused: nothing runs, nothing is journaled, the clock is as it was, and the message says why', async () => {
    const { engine, host, scenario } = await engineFor('clock-skew', (edited) => {
      edited.machine.uac = 'deny';
    });
    const offer = offerFor(await engine.runDiagnosis(scenario.target), 'clock-skew');
    const before = host.stateSnapshot();
    await expect(engine.applyRemedy(offer.offerId)).rejects.toThrow(
      'the administrator prompt (UAC) was refused, so nothing was changed',
    );
    expect(host.stateSnapshot()).toEqual(before);
    expect(await engine.journalEntries()).toEqual([]);
    expect((await engine.runDiagnosis(scenario.target)).findings.map((finding) => finding.cause)).toEqual([
      'clock-skew',
    ]);
  });

  it('without elevation w32tm /resync is refused, as on Windows', async () => {
    const { host } = await engineFor('clock-skew');
    const run = await host.runTool('w32tm', ['/resync', '/rediscover']);
    expect(run).toMatchObject({ outcome: 'failed', exitCode: 5 });
    expect(run.stderr).toMatch(/Access is denied/);
    expect(host.scenario.workstation?.clockOffsetSeconds).toBe(452.25);
  });

  it('offers nothing to change once the clock is within five minutes', async () => {
    const { engine, host, scenario } = await engineFor('clock-skew');
    const offer = offerFor(await engine.runDiagnosis(scenario.target), 'clock-skew');
    if (host.scenario.workstation) host.scenario.workstation.clockOffsetSeconds = -12.5;
    await expect(engine.previewRemedy(offer.offerId)).rejects.toThrow(
      /already within 12\.5 s of DC01\.contoso\.com; nothing to change/,
    );
  });
});
