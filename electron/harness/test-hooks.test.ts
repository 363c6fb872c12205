/**
 * The harness's TEST-ONLY hooks: absent unless given (the default), and when given they act as
 * documented: the probe gate, and one setspn of a hand-off with a domain administrator's right.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiDispatcher } from '../api/api-dispatcher.js';
import { Engine } from '../engine/engine.js';
import { JournalStore } from '../engine/journal/journal-store.js';
import { ProbeGate } from '../engine/probe-gate.js';
import { loadScenarioFile } from '../host/scenario/load-scenario.js';
import { ScenarioHost } from '../host/scenario/scenario-host.js';
import { startHarness, type RunningHarness } from './harness-server.js';
import { createTestHooks, testHooksRequested } from './test-hooks.js';

const scenarioFile = fileURLToPath(new URL('../../e2e/scenarios/spn-missing.json', import.meta.url));
const token = 'a'.repeat(48);

let directory: string;
let harness: RunningHarness | undefined;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'iwa-test-hooks-'));
  await writeFile(join(directory, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await rm(directory, { recursive: true, force: true });
});

async function spnMissingEngine() {
  const host = new ScenarioHost(await loadScenarioFile(scenarioFile));
  const probeGate = new ProbeGate();
  const engine = new Engine({
    version: 'test',
    transport: 'web',
    journal: JournalStore.inDirectory(directory),
    initialHost: host,
    probeGate,
  });
  return { host, engine, probeGate };
}

function post(base: RunningHarness, path: string, body: unknown) {
  return fetch(`http://127.0.0.1:${base.port}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-IWA-Token': token },
    body: JSON.stringify(body),
  });
}

describe('test hooks', () => {
  it('are on only when IWA_DOCTOR_TEST_HOOKS is exactly "1"', () => {
    expect(testHooksRequested({})).toBe(false);
    expect(testHooksRequested({ IWA_DOCTOR_TEST_HOOKS: 'true' })).toBe(false);
    expect(testHooksRequested({ IWA_DOCTOR_TEST_HOOKS: '1' })).toBe(true);
  });

  it('are not served by a harness started without them', async () => {
    const { engine, probeGate } = await spnMissingEngine();
    harness = await startHarness({
      dispatch: createApiDispatcher(engine),
      staticDirectory: directory,
      token,
      port: 0,
    });
    // Only a page or an asset could be there, and those are never POSTed: refused as such.
    const response = await post(harness, '/test-hooks/probes:hold', {});
    expect(response.status).toBe(405);
    // Nothing was held: a diagnosis runs straight through.
    await engine.runDiagnosis({ url: 'https://intranet.contoso.com/', symptom: 'prompt-three-times' });
    expect(probeGate.waiting()).toEqual([]);
  });

  it('need the token like the API, and validate their bodies', async () => {
    const { engine, probeGate } = await spnMissingEngine();
    harness = await startHarness({
      dispatch: createApiDispatcher(engine),
      staticDirectory: directory,
      token,
      port: 0,
      testHooks: createTestHooks(engine, probeGate),
    });
    const withoutToken = await fetch(`http://127.0.0.1:${harness.port}/test-hooks/probes:hold`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(withoutToken.status).toBe(403);
    expect(await (await post(harness, '/test-hooks/probes:hold', { extra: 1 })).json()).toMatchObject({
      ok: false,
    });
    expect(await (await post(harness, '/test-hooks/shell:run', {})).json()).toEqual({
      ok: false,
      error: 'no test hook "shell:run"',
    });
    expect(await (await post(harness, '/test-hooks/probes:hold', {})).json()).toEqual({
      ok: true,
      value: {},
    });
  });

  it('hold the probes of a diagnosis one by one until released', async () => {
    const { engine, probeGate } = await spnMissingEngine();
    const hooks = createTestHooks(engine, probeGate);
    await hooks('probes:hold', {});
    const running = engine.runDiagnosis({
      url: 'https://intranet.contoso.com/',
      symptom: 'prompt-three-times',
    });
    await expect.poll(() => probeGate.waiting().length).toBe(1);
    const first = probeGate.waiting()[0];
    expect(engine.diagnosisProgress().probes.find((probe) => probe.probe === first)?.phase).toBe('running');
    await hooks('probes:step', {});
    await expect.poll(() => probeGate.waiting().length === 1 && probeGate.waiting()[0] !== first).toBe(true);
    expect(engine.diagnosisProgress().probes.find((probe) => probe.probe === first)?.phase).toBe('ok');
    expect(await hooks('probes:waiting', {})).toEqual({ ok: true, value: { waiting: probeGate.waiting() } });
    await hooks('probes:open', {});
    expect((await running).findings.map((finding) => finding.cause)).toContain('spn-missing');
  });

  it('run one setspn of a hand-off as a domain administrator, and only that', async () => {
    const { host, engine, probeGate } = await spnMissingEngine();
    const hooks = createTestHooks(engine, probeGate);
    const target = { url: 'https://intranet.contoso.com/', symptom: 'prompt-three-times' } as const;
    expect((await engine.runDiagnosis(target)).findings.map((finding) => finding.cause)).toContain(
      'spn-missing',
    );
    // The person may not write SPNs; the scenario says so and keeps saying so afterwards.
    expect(host.scenario.directory?.spnWriteAllowed).toBe(false);
    expect(
      (await host.runTool('setspn', ['-S', 'HTTP/intranet.contoso.com', 'CONTOSO\\svc-web'])).exitCode,
    ).toBe(1);

    const run = await hooks('directory:run-as-domain-admin', {
      tool: 'setspn',
      args: ['-S', 'HTTP/intranet.contoso.com', 'CONTOSO\\svc-web'],
    });
    expect(run).toMatchObject({ ok: true, value: { exitCode: 0 } });
    expect(host.scenario.directory?.spnWriteAllowed).toBe(false);
    expect(
      host.scenario.directory?.accounts.find((account) => account.samAccountName === 'svc-web')?.spns,
    ).toEqual(['HTTP/intranet.contoso.com']);

    for (const body of [
      { tool: 'klist', args: ['purge'] },
      { tool: 'setspn', args: ['-X'] },
      { tool: 'setspn', args: ['-S', 'HTTP/x', 'CONTOSO\\svc-web', 'extra'] },
    ])
      expect(await hooks('directory:run-as-domain-admin', body)).toMatchObject({ ok: false });
  });
});
