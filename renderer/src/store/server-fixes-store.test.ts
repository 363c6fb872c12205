/** The store's server-fix actions (issue 6): the admin hand-off download and klist purge + re-test, against a recorded engine. */
import { describe, expect, it } from 'vitest';
import type { ApiChannel, ApiRequest, ApiResponse } from '../../../shared/api/contract.js';
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import type { ReportEffects } from '../report/report-effects.js';
import { createWizardStore, type EngineCaller } from './wizard-store.js';

const target = { url: 'https://intranet.contoso.com/', symptom: 'prompt-three-times' } as const;
const diagnosis = (causes: string[]): Diagnosis => ({
  runId: 'r',
  target,
  host: { kind: 'scenario', machine: 'WEB01' },
  startedAt: '',
  finishedAt: '',
  probes: [],
  evidence: [],
  ruledOut: [],
  findings: causes.map((cause) => ({
    cause: cause as 'spn-missing',
    confidence: 'confirmed',
    title: 't',
    explanation: 'e',
    evidence: [],
    remedies: [
      {
        offerId: 'offer-1',
        remedy: 'domain.register-spn',
        title: 'Register',
        scope: 'domain',
        params: {},
        available: false,
        unavailableReason: 'needs a domain administrator',
      },
    ],
  })),
});
const entry = {
  id: 'e1',
  remedy: 'domain.register-spn',
  title: 'Register',
  scope: 'domain',
  targetUrl: target.url,
  machine: 'm',
  exactChange: [],
  needsElevation: false,
  operations: [],
  state: 'applied',
  createdAt: '',
} as ApiResponse<'journal:list'>[number];

function recordingEngine(
  answers: Partial<{ [C in ApiChannel]: (request: ApiRequest<C>) => ApiResponse<C> }>,
) {
  const calls: { channel: ApiChannel; request: unknown }[] = [];
  const engine: EngineCaller = async (channel, request) => {
    calls.push({ channel, request });
    const answer = answers[channel] as ((request: unknown) => unknown) | undefined;
    if (!answer) throw new Error(`${channel} failed`);
    return answer(request) as never;
  };
  return { engine, calls };
}

function recordingEffects() {
  const downloads: { fileName: string; mimeType: string; content: string | Uint8Array }[] = [];
  const effects: ReportEffects = {
    download: (fileName, mimeType, content) => downloads.push({ fileName, mimeType, content }),
    copyText: async () => undefined,
    printHtml: () => undefined,
    now: () => '2026-11-22T00:00:00Z',
  };
  return { effects, downloads };
}

describe('server fixes in the wizard store', () => {
  it('saves the hand-off the engine wrote for the offer named by id, and says what to do with it', async () => {
    const { engine, calls } = recordingEngine({
      'diagnosis:run': () => diagnosis(['spn-missing']),
      'handoff:export': () => ({
        fileName: 'iwa-doctor-spn-missing-intranet.contoso.com.ps1',
        script: "setspn.exe -S 'HTTP/intranet' 'CONTOSO\\svc-web'\r\n",
      }),
    });
    const { effects, downloads } = recordingEffects();
    const store = createWizardStore(engine, effects);
    store.getState().editDraft(target);
    await store.getState().runDiagnosis();
    await store.getState().exportAdminHandoff('offer-1');
    expect(calls.find((call) => call.channel === 'handoff:export')?.request).toEqual({ offerId: 'offer-1' });
    expect(downloads).toEqual([
      {
        fileName: 'iwa-doctor-spn-missing-intranet.contoso.com.ps1',
        mimeType: 'text/plain;charset=utf-8',
        content: "setspn.exe -S 'HTTP/intranet' 'CONTOSO\\svc-web'\r\n",
      },
    ]);
    const step = store.getState().step;
    expect(step.kind === 'findings' ? step.notice : null).toMatch(
      /^Saved iwa-doctor-spn-missing-intranet\.contoso\.com\.ps1\. Give it to a domain administrator/,
    );
  });

  it('a refused hand-off shows the engine’s reason beside the findings and saves nothing', async () => {
    const { engine } = recordingEngine({ 'diagnosis:run': () => diagnosis(['spn-missing']) });
    const { effects, downloads } = recordingEffects();
    const store = createWizardStore(engine, effects);
    store.getState().editDraft(target);
    await store.getState().runDiagnosis();
    await store.getState().exportAdminHandoff('offer-1');
    const step = store.getState().step;
    expect(step.kind === 'findings' ? step.error : null).toBe('handoff:export failed');
    expect(downloads).toEqual([]);
  });

  it('after an SPN change, klist purge and the checks again are kept beside before/after', async () => {
    const { engine, calls } = recordingEngine({
      'diagnosis:run': () => diagnosis(['spn-missing']),
      'remedy:preview': () =>
        ({
          offerId: 'offer-1',
          remedy: 'domain.register-spn',
          title: 'Register',
          scope: 'domain',
          summary: 's',
          operations: [],
          exactChange: ['setspn -S'],
          notes: [],
          needsElevation: false,
        }) as unknown as ApiResponse<'remedy:preview'>,
      'remedy:apply': () => ({ entry, verification: diagnosis([]) }),
      'journal:list': () => [entry],
      'kerberos:purge-and-retest': () => ({ purge: 'Ran klist purge', verification: diagnosis([]) }),
    });
    const store = createWizardStore(engine);
    store.getState().editDraft(target);
    await store.getState().runDiagnosis();
    const step = store.getState().step;
    if (step.kind !== 'findings') throw new Error('expected findings');
    store.setState({
      step: {
        ...step,
        diagnosis: {
          ...step.diagnosis,
          findings: step.diagnosis.findings.map((finding) => ({
            ...finding,
            remedies: finding.remedies.map((remedy) => ({ ...remedy, available: true })),
          })),
        },
      },
    });
    await store.getState().previewRemedy('offer-1');
    await store.getState().applyRemedy();
    await store.getState().purgeTicketsAndRetest();
    expect(calls.find((call) => call.channel === 'kerberos:purge-and-retest')?.request).toEqual({
      entryId: 'e1',
    });
    const verified = store.getState().step;
    expect(verified.kind === 'verified' ? verified.retest : null).toEqual({
      purge: 'Ran klist purge',
      after: diagnosis([]),
    });
  });
});
