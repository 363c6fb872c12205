/**
 * The "Test sign-in" channel (`live:test`) through the same dispatcher Electron and the web
 * harness use: only a URL gets in, and the test runs for real against HTTP servers on loopback
 * (the lab cases are in e2e/live and e2e/specs/live-sign-in.spec.ts).
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveTestResultSchema } from '../../shared/live/live-test-result.js';
import { createSimulationEngine } from '../engine/create-engine.js';
import type { Engine } from '../engine/engine.js';
import { createApiDispatcher, type ApiDispatcher } from './api-dispatcher.js';

const servers: Server[] = [];
function listen(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}/`),
    ),
  );
}

let dataDirectory: string;
let engine: Engine;
let dispatch: ApiDispatcher;
beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'iwa-live-channel-'));
  engine = await createSimulationEngine({ transport: 'web', dataDirectory });
  dispatch = createApiDispatcher(engine, undefined, { liveTestOptions: { timeoutMs: 5_000 } });
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await engine.close();
  await rm(dataDirectory, { recursive: true, force: true });
});

describe('live:test channel', () => {
  it.each([
    [{}, /live:test: url: /],
    [{ url: 'ftp://web01.contoso.test/' }, /only http:\/\/ and https:\/\//],
    [{ url: 'http://alice:secret@web01/' }, /remove the user name or password/],
    [{ url: 'http://web01/', dnsServer: '10.0.0.1' }, /Unrecognized key|unrecognized/i],
    [{ url: 'http://web01/', kerberosEnv: { KRB5CCNAME: '/tmp/x' } }, /Unrecognized key|unrecognized/i],
    [{ url: `http://${'a'.repeat(2100)}/` }, /longer than 2048 characters/],
  ])('refuses %j before anything runs', async (request, message) => {
    const answer = await dispatch('live:test', request);
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(answer.ok ? '' : answer.error.message).toMatch(message);
  });

  it('runs the test against a real server and answers the validated result', async () => {
    const url = await listen((_, response) => response.writeHead(401, { 'WWW-Authenticate': 'NTLM' }).end());
    const answer = await dispatch('live:test', { url });
    expect(answer.ok).toBe(true);
    const result = liveTestResultSchema.parse(answer.ok ? answer.value : null);
    expect(result.url).toBe(url);
    expect(result.exchange.legs.map((leg) => `${leg.from}>${leg.to}:${leg.httpStatus ?? ''}`)).toEqual([
      'client>server:',
      'server>client:401',
    ]);
    expect(result.findings.map((finding) => finding.cause)).toEqual(['providers-misconfigured']);
  });

  it('refuses a second test while one runs, then runs again', async () => {
    const url = await listen((_, response) => {
      setTimeout(() => response.writeHead(200).end('hello'), 400);
    });
    const first = dispatch('live:test', { url });
    const second = await dispatch('live:test', { url });
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'precondition-failed', message: expect.stringMatching(/already running/) },
    });
    expect(await first).toMatchObject({
      ok: true,
      value: { findings: [{ cause: 'windows-auth-disabled' }] },
    });
    expect(await dispatch('live:test', { url })).toMatchObject({ ok: true });
  });

  it('a server that never answers ends within the time limit as a clear message', async () => {
    const url = await listen(() => undefined);
    const bounded = createApiDispatcher(engine, undefined, { liveTestOptions: { timeoutMs: 800 } });
    const started = Date.now();
    const answer = await bounded('live:test', { url });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(answer).toMatchObject({
      ok: true,
      value: { exchange: { verdict: 'network-error' }, findings: [] },
    });
  });
});
