/** The channels the wizard added (issue 7): recent targets, per-probe progress, cancel by run id, PDF. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../shared/report/build-report.js';
import { renderReportHtml } from '../../shared/report/report-html.js';
import type { Diagnosis } from '../../shared/model/diagnosis.js';
import { createSimulationEngine } from '../engine/create-engine.js';
import { ProbeGate } from '../engine/probe-gate.js';
import { Engine } from '../engine/engine.js';
import { JournalStore } from '../engine/journal/journal-store.js';
import { ScenarioHost } from '../host/scenario/scenario-host.js';
import { loadScenarioFile } from '../host/scenario/load-scenario.js';
import { createApiDispatcher } from './api-dispatcher.js';

const scenarioFile = fileURLToPath(new URL('../../e2e/scenarios/zone-not-intranet.json', import.meta.url));
const target = { url: 'https://intranet.contoso.com/app', symptom: 'prompt-once-per-session' } as const;

let dataDirectory: string;
beforeEach(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'iwa-channels-'));
});
afterEach(async () => {
  await rm(dataDirectory, { recursive: true, force: true });
});

/** An engine on zone-not-intranet whose probes wait at the gate until the test lets them go. */
async function gatedEngine() {
  const probeGate = new ProbeGate();
  const engine = new Engine({
    version: 'test',
    transport: 'web',
    journal: JournalStore.inDirectory(dataDirectory),
    initialHost: new ScenarioHost(await loadScenarioFile(scenarioFile)),
    probeGate,
  });
  return { engine, probeGate, dispatch: createApiDispatcher(engine) };
}

describe('wizard channels', () => {
  it('remembers the address after a diagnosis and reports every planned probe', async () => {
    const engine = await createSimulationEngine({ transport: 'web', scenarioFile, dataDirectory });
    const dispatch = createApiDispatcher(engine);
    expect(await dispatch('targets:recent', {})).toEqual({ ok: true, value: [] });
    expect(await dispatch('diagnosis:run', { ...target, runId: 'run-1' })).toMatchObject({
      ok: true,
      value: { runId: 'run-1' },
    });
    expect(await dispatch('targets:recent', {})).toEqual({ ok: true, value: [target] });
    const progress = await dispatch('diagnosis:progress', {});
    expect(progress).toMatchObject({ ok: true, value: { running: false } });
    const probes = (progress as { value: { probes: { probe: string; phase: string }[] } }).value.probes;
    expect(probes[0]).toMatchObject({ probe: 'zones:mapping', phase: 'ok' });
    for (const probe of probes) expect(['ok', 'failed', 'unavailable']).toContain(probe.phase);
    // A run id names one run: the same id cannot start the checks again.
    expect(await dispatch('diagnosis:run', { ...target, runId: 'run-1' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    await engine.close();
  });

  it('runs the checks the answers choose, remembers them with the address, and refuses answers the tree does not have', async () => {
    const engine = await createSimulationEngine({ transport: 'web', scenarioFile, dataDirectory });
    const dispatch = createApiDispatcher(engine);
    const answered = { ...target, answers: { 'prompt-once-other-sites': 'all-sites' } };
    const result = await dispatch('diagnosis:run', { ...answered, runId: 'run-a' });
    expect(result).toMatchObject({ ok: true, value: { target: answered } });
    const probes = (result as { value: Diagnosis }).value.probes.map((run) => run.probe);
    // "No, they all ask" leads to this computer's Kerberos client, not to the live sign-in.
    expect(probes).toContain('kerberos:domain-controller');
    expect(probes).not.toContain('live-sign-in');
    expect(await dispatch('targets:recent', {})).toEqual({ ok: true, value: [answered] });
    for (const answers of [{ 'prompt-once-other-sites': 'maybe' }, { 'no-such-question': 'yes' }])
      expect(await dispatch('diagnosis:run', { ...target, answers, runId: 'run-b' })).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    await engine.close();
  });

  it('cancels a running diagnosis by its id: its answer becomes a clear error, and nothing is remembered', async () => {
    const { engine, probeGate, dispatch } = await gatedEngine();
    probeGate.hold();
    const running = dispatch('diagnosis:run', { ...target, runId: 'run-1' });
    await expect.poll(() => probeGate.waiting()).toEqual(['zones:mapping']);
    // Another run's id stops nothing that is running.
    expect(await dispatch('diagnosis:cancel', { runId: 'run-other' })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect((await dispatch('diagnosis:progress', {})) as { value: { running: boolean } }).toMatchObject({
      value: { running: true },
    });
    expect(await dispatch('diagnosis:cancel', { runId: 'run-1' })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect(await running).toEqual({
      ok: false,
      error: { code: 'precondition-failed', message: 'the check was cancelled' },
    });
    expect(probeGate.waiting()).toEqual([]);
    expect(await dispatch('diagnosis:cancel', { runId: 'run-1' })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
    expect(await dispatch('targets:recent', {})).toEqual({ ok: true, value: [] });
    await engine.close();
  });

  it('a cancel that arrives before its run request means the run never starts and the address is not remembered', async () => {
    const { engine, probeGate, dispatch } = await gatedEngine();
    probeGate.hold();
    expect(await dispatch('diagnosis:cancel', { runId: 'run-early' })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect(await dispatch('diagnosis:run', { ...target, runId: 'run-early' })).toEqual({
      ok: false,
      error: { code: 'precondition-failed', message: 'the check was cancelled' },
    });
    // Not one probe reached the gate, so nothing ran at all.
    expect(probeGate.waiting()).toEqual([]);
    expect(await dispatch('diagnosis:progress', {})).toMatchObject({ ok: true, value: { running: false } });
    expect(await dispatch('targets:recent', {})).toEqual({ ok: true, value: [] });
    // The next run, with its own id, runs as usual.
    probeGate.open();
    expect(await dispatch('diagnosis:run', { ...target, runId: 'run-next' })).toMatchObject({ ok: true });
    expect(await dispatch('targets:recent', {})).toEqual({ ok: true, value: [target] });
    await engine.close();
  });

  it('refuses a cancel without a run id, or with one that is not an id, in one line', async () => {
    const { engine, dispatch } = await gatedEngine();
    expect(await dispatch('diagnosis:cancel', {})).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: /^diagnosis:cancel: runId: [^\n]+$/ },
    });
    expect(await dispatch('diagnosis:cancel', { runId: '../x' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    await engine.close();
  });

  it('report:pdf prints exactly the report HTML (redacted as saved), and says "unavailable" where it cannot print', async () => {
    const engine = await createSimulationEngine({ transport: 'web', scenarioFile, dataDirectory });
    const dispatch = createApiDispatcher(engine);
    const diagnosis = (await dispatch('diagnosis:run', { ...target, runId: 'run-pdf' })) as {
      value: Diagnosis;
    };
    const token = 'YIIDAQYGKwYBBQUCoIIC9TCCAvGgDTALBgkqhkiG9xIBAgKiggLeBIIC2mCCAtYGCSqGSIb3EgECAgEAboICxTCC';
    const withToken: Diagnosis = {
      ...diagnosis.value,
      evidence: diagnosis.value.evidence.map((item, index) =>
        index === 0
          ? { ...item, raw: [...item.raw, { label: 'headers', text: `Authorization: Negotiate ${token}` }] }
          : item,
      ),
    };
    const report = buildReport({
      diagnosis: withToken,
      journal: [],
      appVersion: 'test',
      createdAt: '2026-11-22T02:05:00.000Z',
    });

    expect(await dispatch('report:pdf', { report })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });

    const printed: string[] = [];
    const pdf = new TextEncoder().encode('%PDF-1.7');
    const printing = createApiDispatcher(engine, undefined, {
      printHtmlToPdf: (html) => {
        printed.push(html);
        return Promise.resolve(pdf);
      },
    });
    expect(await printing('report:pdf', { report })).toEqual({
      ok: true,
      value: { pdfBase64: Buffer.from(pdf).toString('base64') },
    });
    expect(printed).toEqual([renderReportHtml(report)]);
    expect(printed[0]).toContain('data-cause="zone-not-intranet"');
    expect(printed[0]).not.toContain(token.slice(0, 30));

    // A report that claims to keep no secrets is redacted before printing, whatever it holds.
    await printing('report:pdf', { report: { ...report, diagnosis: withToken } });
    expect(printed[1]).not.toContain(token.slice(0, 30));
    // The person's opt-in is respected.
    const kept = buildReport({
      diagnosis: withToken,
      journal: [],
      appVersion: 'test',
      createdAt: '2026-11-22T02:05:00.000Z',
      includeSecrets: true,
    });
    await printing('report:pdf', { report: kept });
    expect(printed[2]).toBe(renderReportHtml(kept));
    expect(printed[2]).toContain(token);

    expect(await printing('report:pdf', { report: { format: 'iwa-doctor-report' } })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    await engine.close();
  });
});
