/** The channels the wizard added (issue 7): recent targets, per-probe progress, cancel, PDF. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulationEngine } from '../engine/create-engine.js';
import { createApiDispatcher } from './api-dispatcher.js';

const scenarioFile = fileURLToPath(new URL('../../e2e/scenarios/zone-not-intranet.json', import.meta.url));
const target = { url: 'https://intranet.contoso.com/app', symptom: 'prompt-once-per-session' };

let dataDirectory: string;
beforeEach(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'iwa-channels-'));
});
afterEach(async () => {
  await rm(dataDirectory, { recursive: true, force: true });
});

describe('wizard channels', () => {
  it('remembers the address after a diagnosis and reports every planned probe', async () => {
    const engine = await createSimulationEngine({ transport: 'web', scenarioFile, dataDirectory });
    const dispatch = createApiDispatcher(engine);
    expect(await dispatch('targets:recent', {})).toEqual({ ok: true, value: [] });
    expect(await dispatch('diagnosis:run', target)).toMatchObject({ ok: true });
    expect(await dispatch('targets:recent', {})).toEqual({ ok: true, value: [target] });
    const progress = await dispatch('diagnosis:progress', {});
    expect(progress).toMatchObject({ ok: true, value: { running: false } });
    const probes = (progress as { value: { probes: { probe: string; phase: string }[] } }).value.probes;
    expect(probes[0]).toMatchObject({ probe: 'zones:mapping', phase: 'ok' });
    for (const probe of probes) expect(['ok', 'failed', 'unavailable']).toContain(probe.phase);
    await engine.close();
  });

  it('cancels a running diagnosis: its answer becomes a clear error, and nothing is remembered', async () => {
    const engine = await createSimulationEngine({ transport: 'web', scenarioFile, dataDirectory });
    const dispatch = createApiDispatcher(engine);
    const running = dispatch('diagnosis:run', target);
    expect(await dispatch('diagnosis:cancel', {})).toEqual({ ok: true, value: { cancelled: true } });
    expect(await running).toEqual({
      ok: false,
      error: { code: 'precondition-failed', message: 'the check was cancelled' },
    });
    expect(await dispatch('diagnosis:cancel', {})).toEqual({ ok: true, value: { cancelled: false } });
    expect(await dispatch('targets:recent', {})).toEqual({ ok: true, value: [] });
    await engine.close();
  });

  it('answers report:pdf with "unavailable" where the transport cannot print, and with the PDF where it can', async () => {
    const engine = await createSimulationEngine({ transport: 'web', dataDirectory });
    expect(await createApiDispatcher(engine)('report:pdf', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    const pdf = new TextEncoder().encode('%PDF-1.7');
    expect(
      await createApiDispatcher(engine, undefined, { printToPdf: () => Promise.resolve(pdf) })(
        'report:pdf',
        {},
      ),
    ).toEqual({ ok: true, value: { pdfBase64: Buffer.from(pdf).toString('base64') } });
    await engine.close();
  });
});
