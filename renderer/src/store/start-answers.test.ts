/** The start page's answers to the decision tree travel with the target the engine checks. */
import { describe, expect, it } from 'vitest';
import type { ApiChannel } from '../../../shared/api/contract.js';
import { targetSchema } from '../../../shared/model/target.js';
import { createWizardStore, type EngineCaller } from './wizard-store.js';

function engineRecordingRuns() {
  const runs: unknown[] = [];
  const engine: EngineCaller = async (channel: ApiChannel, request) => {
    if (channel === 'diagnosis:run') runs.push(request);
    throw new Error(`${channel} is not answered in this test`);
  };
  return { engine, runs };
}

describe('answers on the start page', () => {
  it('sends the answers with the diagnosis request, and "I do not know" as no answer', async () => {
    const { engine, runs } = engineRecordingRuns();
    const store = createWizardStore(engine, undefined, () => 'run-1');
    store.getState().editDraft({ url: 'https://web01.contoso.com/', symptom: 'http-401' });
    store.getState().answerQuestion('which-401', '401-1');
    store.getState().answerQuestion('load-balanced', 'yes');
    store.getState().answerQuestion('load-balanced', null);
    await store.getState().runDiagnosis();
    expect(runs).toEqual([
      {
        url: 'https://web01.contoso.com/',
        symptom: 'http-401',
        answers: { 'which-401': '401-1' },
        runId: 'run-1',
      },
    ]);
    expect(targetSchema.safeParse(store.getState().draft).success).toBe(true);
  });

  it('drops answers another symptom or another answer made moot', () => {
    const store = createWizardStore(engineRecordingRuns().engine);
    store.getState().editDraft({ symptom: 'http-401' });
    store.getState().answerQuestion('which-401', '401-1');
    store.getState().answerQuestion('load-balanced', 'yes');
    store.getState().answerQuestion('which-401', '401-2');
    expect(store.getState().draft.answers).toEqual({ 'which-401': '401-2' });
    store.getState().editDraft({ symptom: 'http-400' });
    expect(store.getState().draft.answers).toBeUndefined();
  });
});
