import { describe, expect, it } from 'vitest';
import { apiChannels, type ApiChannel } from './contract.js';
import {
  apiMethodOf,
  apiMethodRoutes,
  createDomainApi,
  type ApiMethod,
  type IwaDoctorApi,
} from './domain-api.js';

function recordingApi() {
  const sent: { channel: ApiChannel; request: unknown }[] = [];
  const api = createDomainApi(async (channel, request) => {
    sent.push({ channel, request });
    return { ok: true, value: channel };
  });
  return { api, sent };
}

describe('domain API derived from the contract', () => {
  it('names methods domain.verb in camel case', () => {
    const placed = Object.fromEntries(
      apiMethodRoutes.map((route) => [route.channel, `${route.domain}.${route.method}`]),
    );
    expect(placed['diagnosis:run']).toBe('diagnosis.run');
    expect(placed['remedy:apply']).toBe('remedy.apply');
    expect(placed['kerberos:purge-and-retest']).toBe('kerberos.purgeAndRetest');
    expect(placed['app:info']).toBe('app.info');
  });

  it('has one method per channel, none shared, and nothing else (no generic invoke)', () => {
    const { api } = recordingApi();
    const places = apiMethodRoutes.map((route) => `${route.domain}.${route.method}`);
    expect(new Set(places).size).toBe(apiChannels.length);
    const exposed = Object.entries(api).flatMap(([domain, methods]) =>
      Object.keys(methods as object).map((method) => `${domain}.${method}`),
    );
    expect(exposed.sort()).toEqual([...places].sort());
    expect(Object.keys(api)).not.toContain('invoke');
  });

  it('sends each method over its own channel with the request unchanged', async () => {
    const { api, sent } = recordingApi();
    for (const channel of apiChannels) {
      const method = apiMethodOf(api, channel) as ((request: unknown) => Promise<unknown>) | undefined;
      expect(method, channel).toBeTypeOf('function');
      await expect(method?.({ probe: channel })).resolves.toEqual({ ok: true, value: channel });
    }
    expect(sent).toEqual(apiChannels.map((channel) => ({ channel, request: { probe: channel } })));
  });

  it('is frozen: the page cannot swap a method for its own', () => {
    const { api } = recordingApi();
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.diagnosis)).toBe(true);
  });

  it('finds no method on an object that lacks it', () => {
    expect(apiMethodOf({} as IwaDoctorApi, 'diagnosis:run')).toBeUndefined();
    expect(
      apiMethodOf({ diagnosis: { run: 'no' } } as unknown as IwaDoctorApi, 'diagnosis:run'),
    ).toBeUndefined();
  });

  it('types each method from its channel (checked by tsc -b)', () => {
    const { api } = recordingApi();
    const run: ApiMethod<'diagnosis:run'> = api.diagnosis.run;
    const purge: ApiMethod<'kerberos:purge-and-retest'> = api.kerberos.purgeAndRetest;
    // @ts-expect-error a request of another channel is refused at compile time
    void (() => api.remedy.apply({ entryId: 'x' }));
    expect([run, purge].every((method) => typeof method === 'function')).toBe(true);
  });
});
