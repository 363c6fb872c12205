import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyRequestError, createNodeNetwork } from './network.js';

function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function closedPort(): Promise<number> {
  const server = createTcpServer();
  return listen(server).then((port) => new Promise((resolve) => server.close(() => resolve(port))));
}

describe('createNodeNetwork against real sockets on 127.0.0.1', () => {
  const servers: { close(): void }[] = [];
  let port = 0;
  let silentPort = 0;
  beforeAll(async () => {
    // A tiny Negotiate-style server: challenge, redirect, and the connection it answered on.
    const server = createHttpServer((request, response) => {
      const socketId = `${request.socket.remotePort}`;
      if (request.url === '/moved') {
        response.writeHead(302, { Location: '/' }).end();
        return;
      }
      if (request.url === '/loop') {
        response.writeHead(302, { Location: '/loop' }).end();
        return;
      }
      if (request.headers.authorization) {
        response
          .writeHead(200, {
            'X-Socket': socketId,
            'WWW-Authenticate': 'Negotiate oRQwEqADCgEAoQsGCSqGSIb3EgECAg==',
          })
          .end('ok');
        return;
      }
      response.setHeader('WWW-Authenticate', ['Negotiate', 'NTLM']);
      response.writeHead(401, { Server: 'lab', 'X-Socket': socketId }).end('no');
    });
    port = await listen(server);
    servers.push(server);
    const silent = createTcpServer(() => undefined); // accepts, never answers
    silentPort = await listen(silent);
    servers.push(silent);
  });
  afterAll(() => {
    for (const server of servers) server.close();
  });

  it('follows redirects and keeps the challenge and the signed request on one connection', async () => {
    const network = createNodeNetwork({ timeoutMs: 2_000 });
    const connection = network.connect();
    try {
      const first = await connection.get(`http://127.0.0.1:${port}/moved`, {}, { followRedirects: true });
      expect(first.ok).toBe(true);
      if (!first.ok) return;
      expect(first.redirects).toEqual([`http://127.0.0.1:${port}/moved`]);
      expect(first.answer.status).toBe(401);
      expect(
        first.answer.headers.filter(([name]) => name === 'WWW-Authenticate').map(([, value]) => value),
      ).toEqual(['Negotiate', 'NTLM']);
      expect(first.answer.server).toBe('lab');
      const second = await connection.get(`http://127.0.0.1:${port}/`, { Authorization: 'Negotiate abc' });
      expect(second.ok && second.answer.status).toBe(200);
      if (!second.ok) return;
      expect(second.answer.connectionReused).toBe(true);
      const socketOf = (headers: readonly (readonly [string, string])[]): string | undefined =>
        headers.find(([name]) => name === 'X-Socket')?.[1];
      expect(socketOf(second.answer.headers)).toBe(socketOf(first.answer.headers));
    } finally {
      connection.close();
    }
  });

  it('turns refused, silent, looping and invalid targets into typed failures', async () => {
    const network = createNodeNetwork({ timeoutMs: 300, maxRedirects: 3 });
    const connection = network.connect();
    try {
      const refused = await connection.get(`http://127.0.0.1:${await closedPort()}/`, {});
      expect(!refused.ok && refused.failure.kind).toBe('connection-refused');
      const silent = await connection.get(`http://127.0.0.1:${silentPort}/`, {});
      expect(!silent.ok && silent.failure.kind).toBe('timeout');
      const loop = await connection.get(`http://127.0.0.1:${port}/loop`, {}, { followRedirects: true });
      expect(!loop.ok && loop.failure.kind).toBe('too-many-redirects');
      const invalid = await connection.get('not a url', {});
      expect(!invalid.ok && invalid.failure.kind).toBe('invalid-url');
    } finally {
      connection.close();
    }
  });

  it('reports a DNS server that does not answer as a DNS failure, in bounded time', async () => {
    const deadPort = await closedPort();
    const network = createNodeNetwork({ timeoutMs: 500, dnsServer: `127.0.0.1:${deadPort}` });
    const started = Date.now();
    const resolution = await network.resolve('web01.contoso.test');
    expect(resolution.failure?.kind).toBe('dns-failure');
    expect(Date.now() - started).toBeLessThan(8_000);
    const ip = await network.resolve('127.0.0.1');
    expect(ip).toMatchObject({ addresses: ['127.0.0.1'], canonicalName: null, failure: null });
  });

  it('turns https:// to a plain-HTTP server into a TLS failure (EPROTO / ERR_SSL_*)', async () => {
    const connection = createNodeNetwork({ timeoutMs: 2_000 }).connect();
    try {
      const outcome = await connection.get(`https://127.0.0.1:${port}/`, {});
      expect(!outcome.ok && outcome.failure.kind).toBe('tls-failure');
      expect(!outcome.ok && outcome.failure.code).toMatch(/^(EPROTO|ERR_SSL_)/);
    } finally {
      connection.close();
    }
  });

  it('resolves each host once per connection and connects to that address', async () => {
    const connection = createNodeNetwork({ timeoutMs: 2_000, dnsSearch: [] }).connect();
    try {
      const first = connection.resolve('localhost');
      expect(connection.resolve('LOCALHOST')).toBe(first);
      const resolution = await first;
      expect(resolution).toMatchObject({ host: 'localhost', queriedName: 'localhost', searchSuffix: null });
      const answer = await connection.get(`http://localhost:${port}/`, {});
      expect(answer.ok && answer.answer.remoteAddress).toBe(resolution.addresses[0]);
    } finally {
      connection.close();
    }
  });

  it('classifies TLS verification errors by their OpenSSL codes', () => {
    expect(
      classifyRequestError(Object.assign(new Error('x'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'h').kind,
    ).toBe('tls-self-signed');
    expect(
      classifyRequestError(Object.assign(new Error('x'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), 'h').kind,
    ).toBe('tls-name-mismatch');
    expect(classifyRequestError(Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }), 'h').kind).toBe(
      'tls-expired',
    );
    expect(
      classifyRequestError(Object.assign(new Error('x'), { code: 'HPE_INVALID_CONSTANT' }), 'h').kind,
    ).toBe('protocol-error');
  });
});

const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
})();
if (!openssl) console.warn('[network] skipping the self-signed HTTPS test: openssl is not installed');

describe.skipIf(!openssl)('HTTPS with a self-signed certificate', () => {
  let dir = '';
  let port = 0;
  let certificate = '';
  let server: ReturnType<typeof createHttpsServer> | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'iwa-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore', timeout: 20_000 },
    );
    certificate = readFileSync(join(dir, 'cert.pem'), 'utf8');
    server = createHttpsServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: certificate },
      (_, response) => {
        response.writeHead(401, { 'WWW-Authenticate': 'Negotiate' }).end();
      },
    );
    port = await listen(server as unknown as Server);
  }, 30_000);
  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says the certificate is self-signed, and reads TLS facts once it is trusted', async () => {
    const untrusted = createNodeNetwork({ timeoutMs: 2_000 }).connect();
    const refused = await untrusted.get(`https://127.0.0.1:${port}/`, {});
    untrusted.close();
    expect(!refused.ok && refused.failure.kind).toBe('tls-self-signed');
    const trusted = createNodeNetwork({ timeoutMs: 2_000, trustedCertificates: [certificate] }).connect();
    const answered = await trusted.get(`https://127.0.0.1:${port}/`, {});
    trusted.close();
    expect(answered.ok).toBe(true);
    if (!answered.ok) return;
    expect(answered.answer.status).toBe(401);
    expect(answered.answer.tls).toMatchObject({ trusted: true, subject: 'CN=localhost' });
    expect(answered.answer.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(answered.answer.tls?.subjectAltNames).toContain('IP Address:127.0.0.1');
  });
});
