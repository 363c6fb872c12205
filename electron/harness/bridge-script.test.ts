import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { apiMethodRoutes } from '../../shared/api/domain-api.js';
import { bridgeScript } from './harness-server.js';

type Exposed = Record<string, Record<string, (request: unknown) => Promise<unknown>>>;
interface Posted {
  readonly url: string;
  readonly init: { method: string; headers: Record<string, string>; body: string };
}

/** Runs the served bridge in a page-like context whose fetch records what it is asked. */
function loadBridge(status = 200) {
  const posted: Posted[] = [];
  const window: Record<string, unknown> = {};
  const fetch = async (url: string, init: Posted['init']) => {
    posted.push({ url, init });
    return { ok: status === 200, status, json: async () => ({ ok: true, value: JSON.parse(init.body) }) };
  };
  runInNewContext(bridgeScript('t0ken'), { window, fetch, Object, JSON, encodeURIComponent });
  return { api: window['iwaDoctor'] as Exposed, posted };
}

describe('web harness bridge', () => {
  it('gives the page the same domain API as the preload: one method per contract channel, no invoke', () => {
    const { api } = loadBridge();
    const methods = Object.entries(api).flatMap(([domain, group]) =>
      Object.keys(group).map((name) => `${domain}.${name}`),
    );
    expect(methods.sort()).toEqual(apiMethodRoutes.map(({ domain, method }) => `${domain}.${method}`).sort());
    expect(api).not.toHaveProperty('invoke');
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api['diagnosis'])).toBe(true);
  });

  it('posts a method call as JSON to its channel with the token header', async () => {
    const { api, posted } = loadBridge();
    await expect(api['kerberos']?.['purgeAndRetest']?.({ entryId: 'e1' })).resolves.toEqual({
      ok: true,
      value: { entryId: 'e1' },
    });
    expect(posted).toEqual([
      {
        url: '/api/kerberos%3Apurge-and-retest',
        init: expect.objectContaining({
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-IWA-Token': 't0ken' },
          body: '{"entryId":"e1"}',
        }),
      },
    ]);
  });

  it('answers a refused request as a failed result, not a thrown error', async () => {
    const { api } = loadBridge(403);
    await expect(api['app']?.['info']?.({})).resolves.toEqual({
      ok: false,
      error: { code: 'failed', message: 'the engine refused the request (HTTP 403)' },
    });
  });
});
