/**
 * The live sign-in test against real sockets on 127.0.0.1, without the Kerberos lab: the
 * failures a person meets before any ticket is asked for (a TLS failure, a server that never
 * answers) and a URL with an IP address. The lab cases live in e2e/live/live-sign-in.test.ts.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveSignInTest } from './run-live-sign-in-test.js';

function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

describe('runLiveSignInTest on loopback', () => {
  const sockets = new Set<Socket>();
  let plainPort = 0;
  let silentPort = 0;
  let plain: Server;
  let silent: ReturnType<typeof createTcpServer>;
  beforeAll(async () => {
    plain = createHttpServer((_, response) => {
      response.setHeader('WWW-Authenticate', ['Negotiate', 'NTLM']);
      response.writeHead(401).end();
    });
    plainPort = await listen(plain);
    silent = createTcpServer((socket) => {
      sockets.add(socket); // accepts, reads, never answers
      socket.resume();
      socket.once('close', () => sockets.delete(socket));
    });
    silentPort = await listen(silent);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => plain.close(resolve));
    await new Promise((resolve) => silent.close(resolve));
  });

  it('turns https:// to a plain-HTTP port into a TLS failure with its code', async () => {
    const result = await runLiveSignInTest(`https://127.0.0.1:${plainPort}/`, { timeoutMs: 3_000 });
    expect(result.exchange.verdict).toBe('network-error');
    expect(result.exchange.summary).toBe(`The secure (TLS) connection to 127.0.0.1:${plainPort} failed.`);
    const anonymous = result.evidence.find((item) => item.kind === 'live-anonymous-request');
    expect(anonymous?.facts).toMatchObject({ failure: { kind: 'tls-failure' } });
    expect((anonymous?.facts as { failure: { code: string } }).failure.code).toMatch(/^(EPROTO|ERR_SSL_)/);
    expect(result.findings).toEqual([]);
  });

  it('ends at the time limit when the server never answers, with a clear message', async () => {
    const result = await runLiveSignInTest(`http://127.0.0.1:${silentPort}/`, { timeoutMs: 1_000 });
    expect(result.exchange.verdict).toBe('network-error');
    expect(result.exchange.summary).toBe(`127.0.0.1:${silentPort} did not answer in time.`);
    const anonymous = result.evidence.find((item) => item.kind === 'live-anonymous-request');
    expect(anonymous?.facts).toMatchObject({ failure: { kind: 'timeout', code: 'ETIMEDOUT' } });
    // Bounded by the limit (a bound, not a speed claim).
    expect(result.elapsedMs).toBeLessThan(1_000 + 4_000);
  });

  it('explains an IP address: no ticket is asked for, NTLM is expected, use the name', async () => {
    const result = await runLiveSignInTest(`http://127.0.0.1:${plainPort}/`, { timeoutMs: 3_000 });
    expect(result.evidence.some((item) => item.kind === 'live-kerberos-ticket')).toBe(false);
    expect(result.findings.map((finding) => `${finding.cause}:${finding.confidence}`)).toEqual([
      'spn-missing:likely',
    ]);
    expect(result.findings[0]?.explanation).toMatch(/IP address 127\.0\.0\.1/);
    expect(result.exchange.verdict).toBe('kerberos-not-attempted');
    expect(result.exchange.summary).toMatch(/is an IP address: browsers ask for no Kerberos ticket/);
  });
});
