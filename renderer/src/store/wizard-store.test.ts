/** The wizard's logic without React or a window: the store against a recorded engine. */
import { describe, expect, it } from 'vitest';
import type { ApiChannel, ApiRequest, ApiResponse } from '../../../shared/api/contract.js';
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import { createWizardStore, type EngineCaller } from './wizard-store.js';

const target = { url: 'https://intranet.contoso.com/app', symptom: 'prompt-once-per-session' } as const;
const diagnosis = (causes: string[]): Diagnosis => ({
  runId: 'r',
  target,
  host: { kind: 'scenario', machine: 'WS01' },
  startedAt: '',
  finishedAt: '',
  probes: [],
  evidence: [],
  ruledOut: [],
  findings: causes.map((cause) => ({
    cause: cause as 'zone-not-intranet',
    confidence: 'confirmed',
    title: 't',
    explanation: 'e',
    evidence: [],
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
  })),
});

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

const plan = {
  offerId: 'offer-1',
  remedy: 'zone.add-to-intranet',
  title: 'Add',
  scope: 'user',
  summary: 's',
  operations: [],
  exactChange: ['reg add'],
  notes: [],
  needsElevation: false,
} as unknown as ApiResponse<'remedy:preview'>;
const entry = {
  id: 'e1',
  remedy: 'zone.add-to-intranet',
  title: 'Add',
  scope: 'user',
  targetUrl: target.url,
  machine: 'm',
  exactChange: [],
  needsElevation: false,
  operations: [],
  state: 'applied',
  createdAt: '',
} as ApiResponse<'journal:list'>[number];

describe('wizard store', () => {
  it('walks start -> running -> findings -> preview -> verified -> undo -> findings, naming offers by id only', async () => {
    const { engine, calls } = recordingEngine({
      'diagnosis:run': () => diagnosis(['zone-not-intranet']),
      'remedy:preview': () => plan,
      'remedy:apply': () => ({ entry, verification: diagnosis([]) }),
      'journal:list': () => [entry],
      'journal:undo': () => ({
        entry: { ...entry, state: 'undone' },
        verification: diagnosis(['zone-not-intranet']),
      }),
    });
    const store = createWizardStore(engine);
    store.getState().editDraft(target);
    const running = store.getState().runDiagnosis();
    expect(store.getState().step.kind).toBe('running');
    await running;
    expect(store.getState().step.kind).toBe('findings');
    await store.getState().previewRemedy('offer-1');
    expect(store.getState().step.kind).toBe('preview');
    await store.getState().applyRemedy();
    const verified = store.getState().step;
    expect(verified.kind).toBe('verified');
    await store.getState().undo('e1');
    const back = store.getState().step;
    expect(back.kind === 'findings' && back.notice).toMatch(/^Undone/);
    expect(calls.find((call) => call.channel === 'remedy:apply')?.request).toEqual({ offerId: 'offer-1' });
  });

  it('keeps a failure next to the step where it happened', async () => {
    const { engine } = recordingEngine({ 'diagnosis:run': () => diagnosis(['zone-not-intranet']) });
    const store = createWizardStore(engine);
    store.getState().editDraft(target);
    await store.getState().runDiagnosis();
    await store.getState().previewRemedy('offer-1');
    const step = store.getState().step;
    expect(step.kind).toBe('findings');
    expect(step.kind === 'findings' && step.error).toBe('remedy:preview failed');
  });

  it('a failed diagnosis returns to the start step with the message', async () => {
    const { engine } = recordingEngine({});
    const store = createWizardStore(engine);
    store.getState().editDraft(target);
    await store.getState().runDiagnosis();
    expect(store.getState().step).toEqual({ kind: 'start', error: 'diagnosis:run failed' });
  });
});
