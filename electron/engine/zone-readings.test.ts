/**
 * "Both readings, and which one decided" end to end (reference §1.5: the order of the policy and
 * personal site lists is unverified; §1.8: ask Windows through CreateFromUrl). Scenario
 * zone-logon-prompt-windows-decides: the policy list says Local intranet, Alice's own list says
 * Trusted sites (set to prompt), and the simulated Windows reads her own list first. Checked in
 * the CLI's JSON and through the engine: fix, verify and undo with Windows' answer following
 * the registry.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../shared/model/diagnosis.js';
import type { Scenario } from '../../shared/scenario/scenario-schema.js';
import type { ZoneMappingFacts } from '../../shared/rules/zone-mapping-evidence.js';
import { runCli } from '../cli/main.js';
import { loadScenarioFile } from '../host/scenario/load-scenario.js';
import { ScenarioHost } from '../host/scenario/scenario-host.js';
import { Engine } from './engine.js';
import { JournalStore } from './journal/journal-store.js';

const scenarioFile = fileURLToPath(
  new URL('../../e2e/scenarios/zone-logon-prompt-windows-decides.json', import.meta.url),
);
const ownListKey = {
  hive: 'HKCU',
  path: 'Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMap\\Domains\\contoso.com\\intranet',
} as const;

let dataDirectory: string;
beforeEach(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'iwa-zone-readings-'));
});
afterEach(async () => rm(dataDirectory, { recursive: true, force: true }));

function zoneFacts(diagnosis: Pick<Diagnosis, 'evidence'>): ZoneMappingFacts {
  const item = diagnosis.evidence.find((evidence) => evidence.id === 'zone-mapping');
  if (!item) throw new Error('no zone-mapping evidence');
  return item.facts as ZoneMappingFacts;
}

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

describe('policy and personal site lists disagree; Windows answers with the personal reading', () => {
  it("CLI JSON: both readings, Windows' answer, and that it decided", async () => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['diagnose', '--scenario', scenarioFile, '--json'], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Diagnosis;
    expect(result.findings.map((finding) => finding.cause)).toEqual(['zone-logon-prompt']);
    const facts = zoneFacts(result);
    expect(facts.mapping.zone).toBe(1);
    expect(facts.mapping.decidedBy).toMatchObject({ rule: 'policy-site-list', hive: 'HKLM' });
    expect(facts.mapping.alternatives).toEqual([
      expect.objectContaining({
        zone: 2,
        decidedBy: expect.objectContaining({ rule: 'site-list', hive: 'HKCU' }),
      }),
    ]);
    expect(facts.windowsAnswer).toBe('Trusted');
    expect(facts.effective).toMatchObject({ zone: 2, decidedBy: 'windows', readingsDisagree: true });
    expect(facts.effective.explanation).toContain(
      'Windows itself answers Trusted sites, which is the reading "if your own and the machine site lists were read before the policy lists',
    );
    expect(facts.effective.explanation).toContain(
      'reading the policy lists first would have given Local intranet',
    );
    const finding = result.findings[0];
    expect(finding?.explanation).toContain('(as Windows itself answers)');
    expect(finding?.remedies).toMatchObject([
      { remedy: 'zone.set-logon-automatic', params: { zone: 2 }, available: true },
    ]);
    const raw = result.evidence.find((evidence) => evidence.id === 'zone-mapping')?.raw ?? [];
    expect(raw.map((entry) => entry.label)).toContain(
      "[System.Security.Policy.Zone]::CreateFromUrl('https://intranet.contoso.com/app').SecurityZone",
    );
  });

  it('engine: the fix is planned for the zone Windows answers, verified by asking Windows again, and undone', async () => {
    const { engine, host, scenario } = await engineFor();
    const diagnosis = await engine.runDiagnosis(scenario.target);
    const offer = diagnosis.findings[0]?.remedies[0];
    expect(offer?.params).toEqual({ zone: 2 });
    if (!offer) return;
    const before = host.stateSnapshot();
    const { entry, verification } = await engine.applyRemedy(offer.offerId);
    expect(verification.findings).toEqual([]);
    expect(zoneFacts(verification).effective).toMatchObject({ zone: 2, decidedBy: 'windows' });
    await engine.undo(entry.id);
    expect(host.stateSnapshot()).toEqual(before);
    expect((await engine.runDiagnosis(scenario.target)).findings.map((finding) => finding.cause)).toEqual([
      'zone-logon-prompt',
    ]);
  });

  it("the simulated answer is computed from the registry as it is: change Alice's own entry and Windows answers Intranet", async () => {
    const { host } = await engineFor();
    expect(await host.windowsZoneForUrl('https://intranet.contoso.com/app')).toEqual({ zone: 'Trusted' });
    await host.setRegistryValue(ownListKey, '*', { type: 'REG_DWORD', data: 1 });
    expect(await host.windowsZoneForUrl('https://intranet.contoso.com/app')).toEqual({ zone: 'Intranet' });
  });

  it('a Windows that reads the policy list first confirms the primary reading: nothing to report', async () => {
    const { engine, scenario } = await engineFor((draft) => {
      draft.workstation = {
        ...draft.workstation,
        createFromUrl: 'policy-lists-first',
      } as Scenario['workstation'];
    });
    const diagnosis = await engine.runDiagnosis(scenario.target);
    expect(diagnosis.findings).toEqual([]);
    expect(zoneFacts(diagnosis).effective).toMatchObject({
      zone: 1,
      decidedBy: 'windows',
      readingsDisagree: true,
    });
    expect(zoneFacts(diagnosis).effective.explanation).toContain(
      'which confirms the reading with the policy lists first',
    );
  });

  it('NoZone (PowerShell 7) and no answer at all leave the decision to the registry reading, and say so', async () => {
    for (const [createFromUrl, said] of [
      ['NoZone', 'Windows answered "NoZone"'],
      [undefined, 'Windows itself could not be asked here'],
    ] as const) {
      const { engine, scenario } = await engineFor((draft) => {
        const workstation = { ...draft.workstation } as NonNullable<Scenario['workstation']>;
        if (createFromUrl === undefined) delete (workstation as { createFromUrl?: unknown }).createFromUrl;
        else workstation.createFromUrl = createFromUrl;
        draft.workstation = workstation;
      });
      const diagnosis = await engine.runDiagnosis(scenario.target);
      expect(zoneFacts(diagnosis).effective).toMatchObject({ zone: 1, decidedBy: 'registry' });
      expect(zoneFacts(diagnosis).effective.explanation).toContain(said);
      expect(diagnosis.findings).toEqual([]);
    }
  });
});
