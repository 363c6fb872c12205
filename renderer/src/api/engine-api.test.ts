import { afterEach, describe, expect, it } from 'vitest';
import type { ApiChannel } from '../../../shared/api/contract.js';
import { createDomainApi } from '../../../shared/api/domain-api.js';
import { callEngine, EngineCallError } from './engine-api.js';

const page = globalThis as unknown as { window?: { iwaDoctor?: unknown } };

/** Puts a domain API on `window` (as the preload or the bridge would) that answers `answer`. */
function connect(answer: (channel: ApiChannel, request: unknown) => unknown) {
  const sent: ApiChannel[] = [];
  page.window = {
    iwaDoctor: createDomainApi(async (channel, request) => {
      sent.push(channel);
      return answer(channel, request);
    }),
  };
  return sent;
}

describe('callEngine (the renderer side of the API)', () => {
  afterEach(() => {
    delete page.window;
  });

  it('calls the channel’s method and returns the validated value', async () => {
    const sent = connect(() => ({ ok: true, value: [] }));
    await expect(callEngine('journal:list', {})).resolves.toEqual([]);
    expect(sent).toEqual(['journal:list']);
  });

  it('refuses an answer that does not match the contract', async () => {
    connect(() => ({ ok: true, value: 'no entries' }));
    await expect(callEngine('journal:list', {})).rejects.toMatchObject({
      code: 'failed',
      channel: 'journal:list',
    });
  });

  it('turns an expected failure into an error carrying its code and message', async () => {
    connect(() => ({ ok: false, error: { code: 'not-found', message: 'no such offer' } }));
    const call = callEngine('remedy:preview', { offerId: 'gone' });
    await expect(call).rejects.toBeInstanceOf(EngineCallError);
    await expect(call).rejects.toMatchObject({ code: 'not-found', message: 'no such offer' });
  });

  it('says the engine is not connected when the window has no API', async () => {
    page.window = {};
    await expect(callEngine('app:info', {})).rejects.toMatchObject({ code: 'unavailable' });
  });
});
