/**
 * The "Test sign-in" store: only `{ url }` goes to the engine, a bad address never leaves the
 * window, a second click while a test runs sends nothing, and engine errors become a message.
 * The engine end is a recording caller here; the real channel runs in e2e/specs/live-sign-in.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import type { ApiChannel, ApiRequest, ApiResponse } from '../../../../shared/api/contract.js';
import type { EngineCaller } from '../../store/wizard-store.js';
import { createLiveTestStore } from './live-test-store.js';

const anonymousResult: ApiResponse<'live:test'> = {
  url: 'http://web08.contoso.test/',
  exchange: {
    url: 'http://web08.contoso.test/',
    participants: [
      { id: 'client', label: 'This computer' },
      { id: 'server', label: 'Web server web08.contoso.test' },
      { id: 'kdc', label: 'Domain KDC' },
    ],
    spn: null,
    legs: [],
    verdict: 'anonymous',
    summary: 'The site answered 200 without asking anyone to sign in.',
  },
  evidence: [],
  findings: [],
  ruledOut: [],
  elapsedMs: 12,
};

function recordingCaller(answer: () => Promise<unknown>) {
  const calls: { channel: ApiChannel; request: unknown }[] = [];
  const call = (<C extends ApiChannel>(channel: C, request: ApiRequest<C>) => {
    calls.push({ channel, request });
    return answer() as Promise<ApiResponse<C>>;
  }) as EngineCaller;
  return { calls, call };
}

describe('live test store', () => {
  it('sends only the URL on live:test and keeps the result', async () => {
    const { calls, call } = recordingCaller(() => Promise.resolve(anonymousResult));
    const store = createLiveTestStore(call);
    store.getState().setUrl('  http://web08.contoso.test/  ');
    const running = store.getState().test();
    expect(store.getState().run).toEqual({ status: 'running', url: 'http://web08.contoso.test/' });
    await running;
    expect(calls).toEqual([{ channel: 'live:test', request: { url: 'http://web08.contoso.test/' } }]);
    expect(store.getState().run).toEqual({ status: 'done', result: anonymousResult });
  });

  it('checks the address first: a bad one never reaches the engine', async () => {
    const { calls, call } = recordingCaller(() => Promise.resolve(anonymousResult));
    const store = createLiveTestStore(call, 'file:///etc/passwd');
    await store.getState().test();
    expect(calls).toEqual([]);
    expect(store.getState().run).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/only http:\/\/ and https:\/\//),
    });
  });

  it('a second click while the test runs sends nothing more', async () => {
    let finish: (value: unknown) => void = () => undefined;
    const { calls, call } = recordingCaller(() => new Promise((resolve) => (finish = resolve)));
    const store = createLiveTestStore(call, 'http://web01.contoso.test/');
    const first = store.getState().test();
    await store.getState().test();
    expect(calls).toHaveLength(1);
    finish(anonymousResult);
    await first;
    expect(store.getState().run.status).toBe('done');
  });

  it('an engine refusal becomes a message the view shows', async () => {
    const { call } = recordingCaller(() =>
      Promise.reject(new Error('a sign-in test is already running; wait for its result')),
    );
    const store = createLiveTestStore(call, 'http://web01.contoso.test/');
    await store.getState().test();
    expect(store.getState().run).toEqual({
      status: 'error',
      message: 'a sign-in test is already running; wait for its result',
    });
  });
});
