/**
 * The web harness: serves the same renderer and the same API table as Electron, over HTTP on
 * 127.0.0.1 only (design.md, Seams 3). Every request needs the per-launch token: the page
 * is opened with ?token=…, which sets a strict same-site, HTTP-only cookie for its assets;
 * API calls must also carry the token in a header and come from the harness's own origin.
 * Anything else gets 403 — the page included.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { apiMethodRoutes } from '../../shared/api/domain-api.js';
import type { ApiDispatcher } from '../api/api-dispatcher.js';
import type { TestHooks } from './test-hooks.js';
import { contentSecurityPolicy } from './content-security-policy.js';

const cookieName = 'iwa_doctor_token';
const maxRequestBytes = 256 * 1024;
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface HarnessOptions {
  readonly dispatch: ApiDispatcher;
  /** The built renderer (vite build output). */
  readonly staticDirectory: string;
  readonly token: string;
  /** 0 picks a free port. */
  readonly port: number;
  /**
   * TEST-ONLY, absent unless IWA_DOCTOR_TEST_HOOKS=1 on a simulated machine (test-hooks.ts):
   * served at POST /test-hooks/<name> with the same token, origin and JSON checks as the API.
   */
  readonly testHooks?: TestHooks;
}

export interface RunningHarness {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: IncomingMessage): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookieName) return value.join('=');
  }
  return undefined;
}

function send(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain; charset=utf-8',
  extra: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...extra,
  });
  response.end(body);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxRequestBytes) {
        reject(new Error('request too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * The script that gives the page `window.iwaDoctor`, as Electron's preload does: the same
 * domain API object (one method per contract channel, placed by the same routes,
 * shared/api/domain-api.ts), each method one POST to /api/<channel>.
 */
export function bridgeScript(token: string): string {
  return `"use strict";
(() => {
  const token = ${JSON.stringify(token)};
  const routes = ${JSON.stringify(apiMethodRoutes)};
  async function send(channel, request) {
    const response = await fetch('/api/' + encodeURIComponent(channel), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-IWA-Token': token },
      body: JSON.stringify(request ?? {}),
      credentials: 'same-origin',
    });
    if (!response.ok) return { ok: false, error: { code: 'failed', message: 'the engine refused the request (HTTP ' + response.status + ')' } };
    return response.json();
  }
  const api = {};
  for (const { channel, domain, method } of routes) {
    api[domain] = api[domain] || {};
    api[domain][method] = (request) => send(channel, request);
  }
  for (const methods of Object.values(api)) Object.freeze(methods);
  Object.defineProperty(window, 'iwaDoctor', { value: Object.freeze(api), enumerable: true });
})();
`;
}

export async function startHarness(options: HarnessOptions): Promise<RunningHarness> {
  const { dispatch, staticDirectory, token } = options;
  const root = normalize(staticDirectory + sep);
  let origin = '';

  const server = createServer(async (request, response) => {
    try {
      const host = request.headers.host ?? '';
      // DNS-rebinding defence: only our own loopback authority.
      if (host !== new URL(origin).host) return send(response, 403, 'forbidden\n');
      const url = new URL(request.url ?? '/', origin);
      const queryToken = url.searchParams.get('token') ?? undefined;
      const headerToken = request.headers['x-iwa-token'];
      const presented = typeof headerToken === 'string' ? headerToken : (queryToken ?? cookieToken(request));
      if (!sameSecret(presented, token))
        return send(response, 403, 'forbidden: open the address printed when IWA Doctor started\n');

      const testHook =
        options.testHooks && url.pathname.startsWith('/test-hooks/') ? options.testHooks : null;
      if (url.pathname.startsWith('/api/') || testHook) {
        const requestOrigin = request.headers.origin;
        if (request.method !== 'POST')
          return send(response, 405, 'method not allowed\n', undefined, { Allow: 'POST' });
        if (typeof headerToken !== 'string')
          return send(response, 403, 'forbidden: API calls carry the token header\n');
        if (requestOrigin !== undefined && requestOrigin !== origin)
          return send(response, 403, 'forbidden: foreign origin\n');
        if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
          return send(response, 415, 'expected application/json\n');
        let payload: unknown;
        try {
          payload = JSON.parse(await readBody(request));
        } catch {
          return send(
            response,
            400,
            JSON.stringify({ ok: false, error: { code: 'bad-request', message: 'the request is not JSON' } }),
            'application/json',
          );
        }
        const result = testHook
          ? await testHook(decodeURIComponent(url.pathname.slice('/test-hooks/'.length)), payload)
          : await dispatch(decodeURIComponent(url.pathname.slice('/api/'.length)), payload);
        return send(response, 200, JSON.stringify(result), 'application/json');
      }

      if (request.method !== 'GET' && request.method !== 'HEAD')
        return send(response, 405, 'method not allowed\n', undefined, { Allow: 'GET' });
      if (url.pathname === '/harness-bridge.js')
        return send(response, 200, bridgeScript(token), contentTypes['.js']);
      const setCookie: Record<string, string> =
        queryToken !== undefined
          ? { 'Set-Cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/` }
          : {};
      const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
      const file = normalize(join(root, relative));
      if (!file.startsWith(root)) return send(response, 403, 'forbidden\n');
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        return send(response, 404, 'not found\n');
      }
      const extension = extname(file);
      if (extension === '.html') {
        // The page asks for the bridge first; in Electron the preload plays that part.
        const html = body
          .toString('utf8')
          .replace('<head>', '<head><script src="/harness-bridge.js"></script>');
        return send(response, 200, html, contentTypes['.html'], setCookie);
      }
      return send(response, 200, body, contentTypes[extension] ?? 'application/octet-stream', setCookie);
    } catch {
      if (!response.headersSent) send(response, 500, 'internal error\n');
      else response.end();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  origin = `http://127.0.0.1:${port}`;
  return {
    server,
    port,
    url: `${origin}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A browser tab keeps idle keep-alive connections open; without this, close() waits for them.
        server.closeAllConnections();
      }),
  };
}
