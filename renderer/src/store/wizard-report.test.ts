/** The wizard's running, report and review logic without React or a window (issue 7). */
import { describe, expect, it } from 'vitest';
import type { ApiChannel, ApiRequest, ApiResponse } from '../../../shared/api/contract.js';
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import type { ReportEffects } from '../report/report-effects.js';
import { createWizardStore, type EngineCaller } from './wizard-store.js';

const target = { url: 'https://intranet.contoso.com/app', symptom: 'prompt-once-per-session' } as const;
const secretToken =
  'YIIDAQYGKwYBBQUCoIIC9TCCAvGgDTALBgkqhkiG9xIBAgKiggLeBIIC2mCCAtYGCSqGSIb3EgECAgEAboICxTCC';
const diagnosis: Diagnosis = {
  runId: 'r',
  target,
  host: { kind: 'scenario', machine: 'WS01' },
  startedAt: '2026-11-22T02:00:00.000Z',
  finishedAt: '2026-11-22T02:00:01.000Z',
  probes: [{ probe: 'zones:mapping', title: 'Zone', status: 'ok' }],
  evidence: [
    {
      id: 'e',
      probe: 'zones:mapping',
      kind: 'observation',
      status: 'problem',
      summary: 'Internet zone',
      facts: {},
      raw: [{ label: 'headers', text: `Authorization: Negotiate ${secretToken}` }],
    },
  ],
  ruledOut: [],
  findings: [
    {
      cause: 'zone-not-intranet',
      confidence: 'confirmed',
      title: 'Site is not in the Local intranet zone',
      explanation: 'e',
      evidence: ['e'],
      remedies: [
        {
          offerId: 'offer-1',
          remedy: 'zone.add-to-intranet',
          title: 'Add to Local intranet',
          scope: 'user',
          params: {},
          available: true,
        },
      ],
    },
  ],
};

type Answers = Partial<{
  [C in ApiChannel]: (request: ApiRequest<C>) => ApiResponse<C> | Promise<ApiResponse<C>>;
}>;

function engineWith(answers: Answers) {
  const calls: ApiChannel[] = [];
  const engine: EngineCaller = async (channel, request) => {
    calls.push(channel);
    const answer = answers[channel] as ((request: unknown) => unknown) | undefined;
    if (!answer) throw Object.assign(new Error(`${channel} failed`), { code: 'failed' });
    return (await answer(request)) as never;
  };
  return { engine, calls };
}

function recordingEffects() {
  const downloads: { fileName: string; mimeType: string; content: string | Uint8Array }[] = [];
  const copied: string[] = [];
  let prints = 0;
  const effects: ReportEffects = {
    download: (fileName, mimeType, content) => downloads.push({ fileName, mimeType, content }),
    copyText: (text) => {
      copied.push(text);
      return Promise.resolve();
    },
    print: () => {
      prints++;
    },
    now: () => '2026-11-22T02:05:00.000Z',
  };
  return { effects, downloads, copied, prints: () => prints };
}

async function storeAtFindings(answers: Answers = {}) {
  const { engine, calls } = engineWith({
    'diagnosis:run': () => diagnosis,
    'journal:list': () => [],
    'targets:recent': () => [target],
    ...answers,
  });
  const recorded = recordingEffects();
  const store = createWizardStore(engine, recorded.effects);
  store.getState().editDraft(target);
  await store.getState().runDiagnosis();
  return { store, calls, ...recorded };
}

describe('running', () => {
  it('shows per-probe progress while the engine works, then the findings', async () => {
    let finish: (value: Diagnosis) => void = () => undefined;
    const { engine } = engineWith({
      'diagnosis:run': () => new Promise<Diagnosis>((resolve) => (finish = resolve)),
      'diagnosis:progress': () => ({
        running: true,
        probes: [{ probe: 'zones:mapping', title: 'Zone', phase: 'running' }],
      }),
      'targets:recent': () => [target],
    });
    const store = createWizardStore(engine, recordingEffects().effects);
    store.getState().editDraft(target);
    const running = store.getState().runDiagnosis();
    await expect
      .poll(() => {
        const step = store.getState().step;
        return step.kind === 'running' ? step.progress[0]?.phase : undefined;
      })
      .toBe('running');
    finish(diagnosis);
    await running;
    expect(store.getState().step.kind).toBe('findings');
    expect(store.getState().recentTargets).toEqual([target]);
  });

  it('cancel goes back to the start at once and ignores the late answer', async () => {
    let finish: (value: Diagnosis) => void = () => undefined;
    const { engine, calls } = engineWith({
      'diagnosis:run': () => new Promise<Diagnosis>((resolve) => (finish = resolve)),
      'diagnosis:cancel': () => ({ cancelled: true }),
    });
    const store = createWizardStore(engine, recordingEffects().effects);
    store.getState().editDraft(target);
    const running = store.getState().runDiagnosis();
    await store.getState().cancelDiagnosis();
    expect(store.getState().step).toEqual({ kind: 'start', notice: 'Stopped. Nothing was changed.' });
    expect(calls).toContain('diagnosis:cancel');
    finish(diagnosis);
    await running;
    expect(store.getState().step.kind).toBe('start');
    expect(store.getState().busy).toBe(false);
  });
});

describe('report', () => {
  it('exports HTML and JSON without the token by default, with it only after opting in', async () => {
    const { store, downloads } = await storeAtFindings();
    await store.getState().exportReport('html');
    await store.getState().exportReport('json');
    expect(downloads.map((item) => [item.fileName, item.mimeType])).toEqual([
      ['iwa-doctor-report-intranet.contoso.com-20261122T020500.html', 'text/html;charset=utf-8'],
      ['iwa-doctor-report-intranet.contoso.com-20261122T020500.json', 'application/json'],
    ]);
    for (const item of downloads) {
      expect(item.content).toContain('Site is not in the Local intranet zone');
      expect(item.content).not.toContain(secretToken.slice(0, 30));
    }
    store.getState().setIncludeSecrets(true);
    await store.getState().exportReport('json');
    expect(downloads[2]?.content).toContain(secretToken);
    expect(store.getState().reportStatus).toMatch(/^Saved the report as /);
  });

  it('makes the PDF through the engine, and falls back to the browser print where the engine cannot', async () => {
    const printing = await storeAtFindings({ 'report:pdf': () => ({ pdfBase64: btoa('%PDF-1.7') }) });
    await printing.store.getState().exportReport('pdf');
    expect(printing.downloads[0]?.mimeType).toBe('application/pdf');
    expect(new TextDecoder().decode(printing.downloads[0]?.content as Uint8Array)).toBe('%PDF-1.7');

    const { engine } = engineWith({ 'diagnosis:run': () => diagnosis });
    const unavailable: EngineCaller = (channel, request) =>
      channel === 'report:pdf'
        ? Promise.reject(Object.assign(new Error('cannot print'), { code: 'unavailable' }))
        : engine(channel, request);
    const recorded = recordingEffects();
    const store = createWizardStore(unavailable, recorded.effects);
    store.getState().editDraft(target);
    await store.getState().runDiagnosis();
    await store.getState().exportReport('pdf');
    expect(recorded.prints()).toBe(1);
    expect(recorded.downloads).toEqual([]);
    expect(store.getState().reportStatus).toMatch(/Save as PDF/);
  });

  it('copies a short summary for IT', async () => {
    const { store, copied } = await storeAtFindings();
    await store.getState().copySummary();
    expect(copied[0]?.split('\n')[0]).toBe('IWA Doctor: https://intranet.contoso.com/app');
    expect(store.getState().reportStatus).toMatch(/^Copied/);
  });

  it('opens a saved JSON report for review, and says in one line why a bad file cannot be opened', async () => {
    const { store, downloads } = await storeAtFindings();
    await store.getState().exportReport('json');
    store.getState().startOver();
    store.getState().openReportFile(downloads[0]?.content as string);
    const step = store.getState().step;
    expect(step.kind).toBe('review');
    expect(step.kind === 'review' && step.report.diagnosis.findings[0]?.cause).toBe('zone-not-intranet');
    // Review is read-only: no fix can be previewed from it.
    await store.getState().previewRemedy('offer-1');
    expect(store.getState().step.kind).toBe('review');
    store.getState().openReportFile('{"format":"iwa-doctor-report","version":1}');
    const failed = store.getState().step;
    expect(failed.kind === 'start' && failed.error).toMatch(/^This report is damaged: [^\n]+$/);
  });
});
