/** The wizard's running, report and review logic without React or a window (issue 7). */
import { describe, expect, it } from 'vitest';
import type { ApiChannel, ApiRequest, ApiResponse } from '../../../shared/api/contract.js';
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import type { JournalEntry } from '../../../shared/model/journal.js';
import { renderReportHtml } from '../../../shared/report/report-html.js';
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
  const requests: { channel: ApiChannel; request: unknown }[] = [];
  const engine: EngineCaller = async (channel, request) => {
    calls.push(channel);
    requests.push({ channel, request });
    const answer = answers[channel] as ((request: unknown) => unknown) | undefined;
    if (!answer) throw Object.assign(new Error(`${channel} failed`), { code: 'failed' });
    return (await answer(request)) as never;
  };
  return { engine, calls, requests };
}

function recordingEffects() {
  const downloads: { fileName: string; mimeType: string; content: string | Uint8Array }[] = [];
  const copied: string[] = [];
  const printed: string[] = [];
  const effects: ReportEffects = {
    download: (fileName, mimeType, content) => downloads.push({ fileName, mimeType, content }),
    copyText: (text) => {
      copied.push(text);
      return Promise.resolve();
    },
    printHtml: (html) => {
      printed.push(html);
    },
    now: () => '2026-11-22T02:05:00.000Z',
  };
  return { effects, downloads, copied, printed };
}

async function storeAtFindings(answers: Answers = {}) {
  const { engine, calls, requests } = engineWith({
    'diagnosis:run': () => diagnosis,
    'journal:list': () => [],
    'targets:recent': () => [target],
    ...answers,
  });
  const recorded = recordingEffects();
  const store = createWizardStore(engine, recorded.effects);
  store.getState().editDraft(target);
  await store.getState().runDiagnosis();
  return { store, calls, requests, ...recorded };
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

  it('cancel goes back to the start at once, names the run it stops, and ignores the late answer', async () => {
    let finish: (value: Diagnosis) => void = () => undefined;
    const { engine, requests } = engineWith({
      'diagnosis:run': () => new Promise<Diagnosis>((resolve) => (finish = resolve)),
      'diagnosis:cancel': () => ({ cancelled: true }),
    });
    const runIds = ['run-a', 'run-b'];
    const store = createWizardStore(engine, recordingEffects().effects, () => runIds.shift() ?? 'run-z');
    store.getState().editDraft(target);
    const running = store.getState().runDiagnosis();
    await store.getState().cancelDiagnosis();
    expect(store.getState().step).toEqual({ kind: 'start', notice: 'Stopped. Nothing was changed.' });
    // The run request and the cancel carry the same id, made before either left the page.
    expect(requests.find((call) => call.channel === 'diagnosis:run')?.request).toEqual({
      ...target,
      runId: 'run-a',
    });
    expect(requests.find((call) => call.channel === 'diagnosis:cancel')?.request).toEqual({ runId: 'run-a' });
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

  it('makes the PDF in the engine from the report itself (the redacted document), never from the window', async () => {
    const printing = await storeAtFindings({ 'report:pdf': () => ({ pdfBase64: btoa('%PDF-1.7') }) });
    await printing.store.getState().exportReport('pdf');
    expect(printing.downloads[0]?.mimeType).toBe('application/pdf');
    expect(new TextDecoder().decode(printing.downloads[0]?.content as Uint8Array)).toBe('%PDF-1.7');
    const sent = printing.requests.find((call) => call.channel === 'report:pdf')?.request as {
      report: unknown;
    };
    expect(sent.report).toEqual(printing.store.getState().currentReport());
    expect(JSON.stringify(sent)).not.toContain(secretToken.slice(0, 30));
    expect(JSON.stringify(sent)).toContain('Site is not in the Local intranet zone');
  });

  it('where the engine cannot print, prints exactly the report HTML in the page, with the redaction chosen', async () => {
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
    const report = store.getState().currentReport();
    expect(report).not.toBeNull();
    expect(recorded.printed).toEqual([renderReportHtml(report!)]);
    expect(recorded.printed[0]).toContain('data-cause="zone-not-intranet"');
    expect(recorded.printed[0]).not.toContain(secretToken.slice(0, 30));
    expect(recorded.downloads).toEqual([]);
    expect(store.getState().reportStatus).toMatch(/Save as PDF/);

    // Opting in to secrets is respected in print as in the files.
    store.getState().setIncludeSecrets(true);
    await store.getState().exportReport('pdf');
    expect(recorded.printed[1]).toContain(secretToken);
  });

  it('in the web harness prints in the page without asking the engine', async () => {
    const { engine, calls } = engineWith({
      'app:info': () => ({
        version: '0.1.0',
        transport: 'web',
        host: null,
        simulation: true,
        scenarios: [],
        target: null,
      }),
      'journal:list': () => [],
      'targets:recent': () => [],
      'diagnosis:run': () => diagnosis,
    });
    const recorded = recordingEffects();
    const store = createWizardStore(engine, recorded.effects);
    await store.getState().initialise();
    store.getState().editDraft(target);
    await store.getState().runDiagnosis();
    await store.getState().exportReport('pdf');
    expect(calls).not.toContain('report:pdf');
    expect(recorded.printed).toEqual([renderReportHtml(store.getState().currentReport()!)]);
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

describe('report after a fix', () => {
  const after: Diagnosis = { ...diagnosis, runId: 'after', findings: [] };
  const entry = {
    id: 'entry-1',
    remedy: 'zone.add-to-intranet',
    title: 'Add to Local intranet',
    scope: 'user',
    targetUrl: target.url,
    machine: 'scenario:zone-not-intranet',
    exactChange: ['reg add "HKCU\\…\\contoso.com\\intranet" /v https /t REG_DWORD /d 1 /f'],
    needsElevation: false,
    operations: [],
    state: 'applied',
    createdAt: '2026-11-22T02:01:00.000Z',
  } as JournalEntry;

  async function storeAtVerified(answers: Answers = {}) {
    const journal: JournalEntry[] = [];
    const { engine } = engineWith({
      'diagnosis:run': () => diagnosis,
      'targets:recent': () => [],
      'journal:list': () => journal,
      'remedy:preview': () =>
        ({
          offerId: 'offer-1',
          remedy: 'zone.add-to-intranet',
          title: 'Add to Local intranet',
          scope: 'user',
          summary: 's',
          operations: [],
          exactChange: entry.exactChange,
          notes: [],
          needsElevation: false,
        }) as unknown as ApiResponse<'remedy:preview'>,
      'remedy:apply': () => {
        journal.push(entry);
        return { entry, verification: after };
      },
      'journal:undo': () => {
        journal[0] = { ...entry, state: 'undone', undoneAt: '2026-11-22T02:06:00.000Z' };
        return { entry: journal[0], verification: diagnosis };
      },
      ...answers,
    });
    const recorded = recordingEffects();
    const store = createWizardStore(engine, recorded.effects);
    store.getState().editDraft(target);
    await store.getState().runDiagnosis();
    await store.getState().previewRemedy('offer-1');
    await store.getState().applyRemedy();
    expect(store.getState().step.kind).toBe('verified');
    return { store, ...recorded };
  }

  it('describes the checks run again after the change and the change itself, not only the state before', async () => {
    const { store, downloads } = await storeAtVerified();
    const report = store.getState().currentReport();
    expect(report?.diagnosis.runId).toBe('r');
    // The re-check is the diagnosis after the change, redacted like the rest of the report.
    expect(report?.recheck).toMatchObject({ entryId: 'entry-1', ticketsPurged: false });
    expect(report?.recheck?.diagnosis.runId).toBe('after');
    expect(JSON.stringify(report?.recheck)).not.toContain(secretToken.slice(0, 30));
    expect(report?.changes.map((change) => [change.id, change.state])).toEqual([['entry-1', 'applied']]);
    await store.getState().exportReport('html');
    const html = downloads[0]?.content as string;
    expect(html).toContain('<h2>Checked again after the change</h2>');
    expect(html).toContain('Result: fixed — every cause found before is gone.');
    expect(html).toMatch(/data-cause="zone-not-intranet" data-outcome="gone"/);
    expect(html).toMatch(/<strong>Add to Local intranet<\/strong> — Applied/);
  });

  it('after klist purge, describes the checks that ran after it', async () => {
    const purged: Diagnosis = { ...after, runId: 'purged' };
    const { store } = await storeAtVerified({
      'kerberos:purge-and-retest': () => ({ purge: 'Ticket(s) purged!', verification: purged }),
    });
    await store.getState().purgeTicketsAndRetest();
    const recheck = store.getState().currentReport()?.recheck;
    expect(recheck).toMatchObject({ entryId: 'entry-1', ticketsPurged: true });
    expect(recheck?.diagnosis.runId).toBe('purged');
  });

  it('after the undo, says the change was undone', async () => {
    const { store, downloads } = await storeAtVerified();
    await store.getState().undo('entry-1');
    await store.getState().exportReport('html');
    const html = downloads[0]?.content as string;
    expect(html).toMatch(/<strong>Add to Local intranet<\/strong> — Undone/);
    expect(html).toContain('undone 2026-11-22T02:06:00.000Z');
    expect(store.getState().currentReport()?.recheck).toBeUndefined();
  });
});
