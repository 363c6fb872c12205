import { beforeAll, describe, expect, it, vi } from 'vitest';
import { apiMethodRoutes } from '../../shared/api/domain-api.js';

// Electron's modules exist only inside Electron; these doubles record what the preload does.
const exposed = vi.hoisted(() => new Map<string, unknown>());
const invoke = vi.hoisted(() =>
  vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } })),
);
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, value: unknown) => exposed.set(name, value) },
  ipcRenderer: { invoke },
}));

type Exposed = Record<string, Record<string, (request: unknown) => Promise<unknown>>>;

describe('preload', () => {
  let api: Exposed;
  beforeAll(async () => {
    await import('./preload.js');
    api = exposed.get('iwaDoctor') as Exposed;
  });

  it('exposes only window.iwaDoctor, with one method per contract channel and no generic invoke', () => {
    expect([...exposed.keys()]).toEqual(['iwaDoctor']);
    const methods = Object.entries(api).flatMap(([domain, group]) =>
      Object.keys(group).map((name) => `${domain}.${name}`),
    );
    expect(methods.sort()).toEqual(apiMethodRoutes.map(({ domain, method }) => `${domain}.${method}`).sort());
    expect(api).not.toHaveProperty('invoke');
  });

  it('sends a method call over its prefixed IPC channel with the request as given', async () => {
    await expect(api['remedy']?.['apply']?.({ offerId: 'zone-1' })).resolves.toEqual({
      ok: true,
      value: { channel: 'iwa-doctor:remedy:apply', request: { offerId: 'zone-1' } },
    });
    await api['kerberos']?.['purgeAndRetest']?.({ entryId: 'e1' });
    expect(invoke).toHaveBeenLastCalledWith('iwa-doctor:kerberos:purge-and-retest', { entryId: 'e1' });
  });
});
