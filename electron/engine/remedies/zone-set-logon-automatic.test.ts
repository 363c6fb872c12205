/**
 * zone.set-logon-automatic through the real engine and scenario host, on the case where the
 * prompt comes from this computer's setting (HKLM ...\Zones\1\1A00) and the person has none of
 * their own: the fix is offered and previewed without refusal (HKCU is read first, reference
 * §1.2/§1.7), the journal records that the HKCU value did not exist, and undo removes it again.
 * Under Security_HKLM_only the rule and the remedy refuse with the same reason.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scenario } from '../../../shared/scenario/scenario-schema.js';
import { loadScenarioFile } from '../../host/scenario/load-scenario.js';
import { ScenarioHost } from '../../host/scenario/scenario-host.js';
import { Engine } from '../engine.js';
import { JournalStore } from '../journal/journal-store.js';
import { planWorkstationChange } from './workstation-remedy.js';
import { zoneSetLogonAutomatic } from './zone-set-logon-automatic.js';

const scenarioFile = fileURLToPath(
  new URL('../../../e2e/scenarios/zone-logon-prompt-machine-preference.json', import.meta.url),
);
const zone1 = {
  hive: 'HKCU',
  path: 'Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Zones\\1',
} as const;

let dataDirectory: string;
beforeEach(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'iwa-logon-automatic-'));
});
afterEach(async () => rm(dataDirectory, { recursive: true, force: true }));

async function engineFor(change?: (scenario: Scenario) => void) {
  const scenario = await loadScenarioFile(scenarioFile);
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

async function hkcu1A00(host: ScenarioHost) {
  const key = await host.readRegistryTree(zone1, 0);
  return key?.values.find((value) => value.name === '1A00')?.value ?? null;
}

describe('zone.set-logon-automatic when the prompt is the machine preference (HKLM), HKCU has no 1A00', () => {
  it('is offered, previews the HKCU write, journals "did not exist", and undo removes the value again', async () => {
    const { engine, host, scenario } = await engineFor();
    expect(await hkcu1A00(host)).toBeNull();
    const diagnosis = await engine.runDiagnosis(scenario.target);
    const offer = diagnosis.findings.find((finding) => finding.cause === 'zone-logon-prompt')?.remedies[0];
    expect(offer).toMatchObject({ remedy: 'zone.set-logon-automatic', available: true });
    if (!offer) return;

    const plan = await engine.previewRemedy(offer.offerId);
    expect(plan.exactChange).toEqual([
      'reg add "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Zones\\1" /v "1A00" /t REG_DWORD /d 0x20000 /f',
    ]);
    expect(plan.notes.join(' ')).toContain('your own setting is read before it');

    const { entry, verification } = await engine.applyRemedy(offer.offerId);
    expect(entry.operations).toEqual([
      expect.objectContaining({ previous: { keysCreated: [], value: null } }),
    ]);
    expect(await hkcu1A00(host)).toEqual({ type: 'REG_DWORD', data: 0x20000 });
    expect(verification.findings.map((finding) => finding.cause)).not.toContain('zone-logon-prompt');

    await engine.undo(entry.id);
    expect(await hkcu1A00(host)).toBeNull();
    const machine = await host.readRegistryTree({ hive: 'HKLM', path: zone1.path }, 0);
    expect(machine?.values.find((value) => value.name === '1A00')?.value).toEqual({
      type: 'REG_DWORD',
      data: 0x10000,
    });
  });

  it('with Security_HKLM_only = 1 the rule offers no button and the remedy refuses with the same reason', async () => {
    const { engine, host, scenario } = await engineFor((draft) => {
      draft.registry.push(
        {
          key: 'HKLM\\Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings',
          values: { Security_HKLM_only: { type: 'REG_DWORD', data: 1 } },
        },
        {
          key: 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMap\\Domains\\contoso.com\\intranet',
          values: { https: { type: 'REG_DWORD', data: 1 } },
        },
      );
    });
    const diagnosis = await engine.runDiagnosis(scenario.target);
    const offer = diagnosis.findings.find((finding) => finding.cause === 'zone-logon-prompt')?.remedies[0];
    expect(offer).toMatchObject({ remedy: 'zone.set-logon-automatic', available: false });
    expect(offer?.unavailableReason).toContain('An administrator of this computer has to set HKLM');
    if (!offer) return;
    await expect(
      planWorkstationChange(
        zoneSetLogonAutomatic,
        { ...offer, available: true },
        { host, machine: await host.machineIdentity() },
      ),
    ).rejects.toThrow(offer.unavailableReason ?? 'never');
  });
});
