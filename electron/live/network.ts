/**
 * The Network seam (design.md, Seams §2): DNS the way browsers resolve a name (CNAME chain to
 * the canonical name, reference §2.4/§7.3), and HTTP(S) requests with every header captured on
 * one kept-alive connection — Negotiate/NTLM answers belong to the connection they were asked
 * on (reference §7.5). Every call is bounded in time and every failure is a typed result
 * (`NetworkFailure`), never an exception.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { lookup as systemLookup } from 'node:dns/promises';
import { Resolver } from 'node:dns/promises';
import type { LookupFunction, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { systemSearchList } from './dns-search-list.js';
import {
  describeNetworkFailure,
  type NetworkFailure,
  type NetworkFailureKind,
  type TlsFacts,
} from '../../shared/live/network-failure.js';

import type { NameResolution } from '../../shared/live/name-resolution.js';

export type { NameResolution };

export interface HttpAnswer {
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  /** Every response header as received, in order (names lower-cased by Node). */
  readonly headers: readonly (readonly [string, string])[];
  readonly server: string | null;
  readonly remoteAddress: string | null;
  readonly connectionReused: boolean;
  readonly tls: TlsFacts | null;
  readonly elapsedMs: number;
}

export type HttpOutcome =
  | { readonly ok: true; readonly answer: HttpAnswer; readonly redirects: readonly string[] }
  | {
      readonly ok: false;
      readonly failure: NetworkFailure;
      readonly redirects: readonly string[];
      readonly elapsedMs: number;
    };

export interface HttpConnection {
  /** GET `url` with extra request headers; follows redirects (bounded) when asked. */
  get(
    url: string,
    headers: Readonly<Record<string, string>>,
    options?: { followRedirects?: boolean },
  ): Promise<HttpOutcome>;
  /**
   * The name resolution this connection connects with: each host is looked up once per
   * connection, so the address in the evidence is the address connected to.
   */
  resolve(host: string): Promise<NameResolution>;
  close(): void;
}

export interface LiveNetwork {
  resolve(host: string): Promise<NameResolution>;
  /** A client that keeps one connection per origin open between requests. */
  connect(): HttpConnection;
}

export interface NodeNetworkOptions {
  /** `address:port` of the DNS server to ask instead of the system's (the lab's dnsmasq). */
  readonly dnsServer?: string;
  /**
   * Suffixes tried for a short host name, most preferred first (default: this computer's
   * search list, dns-search-list.ts). Tests point it at the lab's domain.
   */
  readonly dnsSearch?: readonly string[];
  /** Bound for each DNS lookup and each HTTP request. */
  readonly timeoutMs?: number;
  readonly maxRedirects?: number;
  /** Extra trusted CA certificates (PEM) for HTTPS. */
  readonly trustedCertificates?: readonly string[];
}

interface FoundName {
  readonly chain: string[];
  readonly addresses: string[];
}

const maxCnameHops = 8;
const maxBodyBytes = 1024 * 1024;
const userAgent = 'IWA-Doctor/0.1 (live sign-in test)';

class TimeoutError extends Error {
  readonly code = 'IWA_TIMEOUT';
}

class DnsLookupError extends Error {
  constructor(readonly failure: NetworkFailure) {
    super(failure.message);
  }
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function errorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string')
    return error.code;
  return null;
}

function failureOf(kind: NetworkFailureKind, where: string, code: string | null): NetworkFailure {
  return { kind, message: describeNetworkFailure(kind, where), code };
}

const absentCodes = new Set(['ENODATA', 'ENOTFOUND', 'NXDOMAIN']);

/** DNS said the name (or this record type) does not exist — as opposed to not answering. */
function isAbsent(error: unknown): boolean {
  return absentCodes.has(errorCode(error) ?? '');
}

/**
 * The names to ask DNS for, in the order the stub resolver tries them (resolv.conf(5), ndots 1):
 * a short name with each search suffix first and then as it is; a dotted name as it is first
 * and then with each suffix (only when the plain name does not exist); a name ending in a dot
 * is fully qualified and never expanded.
 */
export function searchCandidates(
  name: string,
  fullyQualified: boolean,
  suffixes: readonly string[],
): { readonly name: string; readonly suffix: string | null }[] {
  const plain = { name, suffix: null };
  if (fullyQualified) return [plain];
  const expanded = suffixes
    .filter((suffix) => !name.endsWith(`.${suffix}`))
    .map((suffix) => ({ name: `${name}.${suffix}`, suffix }));
  return name.includes('.') ? [plain, ...expanded] : [...expanded, plain];
}

function dnsFailure(error: unknown, host: string): NetworkFailure {
  const code = errorCode(error);
  if (error instanceof TimeoutError) return failureOf('dns-failure', host, 'ETIMEOUT');
  if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'NXDOMAIN')
    return failureOf('dns-not-found', host, code);
  return failureOf('dns-failure', host, code);
}

/** Maps a socket, TLS or HTTP parser error to a typed failure (codes: Node `net`/`tls`/llhttp, OpenSSL verify codes). */
export function classifyRequestError(error: unknown, where: string): NetworkFailure {
  if (error instanceof DnsLookupError) return error.failure;
  if (error instanceof TimeoutError) return failureOf('timeout', where, 'ETIMEDOUT');
  const code = errorCode(error) ?? '';
  const byCode: Record<string, NetworkFailureKind> = {
    ECONNREFUSED: 'connection-refused',
    EHOSTUNREACH: 'host-unreachable',
    ENETUNREACH: 'host-unreachable',
    EADDRNOTAVAIL: 'host-unreachable',
    ETIMEDOUT: 'timeout',
    ECONNRESET: 'connection-reset',
    EPIPE: 'connection-reset',
    ECONNABORTED: 'connection-reset',
    ENOTFOUND: 'dns-not-found',
    EAI_AGAIN: 'dns-failure',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'tls-self-signed',
    SELF_SIGNED_CERT_IN_CHAIN: 'tls-self-signed',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls-untrusted',
    UNABLE_TO_GET_ISSUER_CERT: 'tls-untrusted',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls-untrusted',
    CERT_UNTRUSTED: 'tls-untrusted',
    ERR_TLS_CERT_ALTNAME_INVALID: 'tls-name-mismatch',
    CERT_HAS_EXPIRED: 'tls-expired',
    CERT_NOT_YET_VALID: 'tls-expired',
    EPROTO: 'tls-failure',
  };
  const kind =
    byCode[code] ??
    (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')
      ? 'tls-failure'
      : code.startsWith('HPE_')
        ? 'protocol-error'
        : 'connection-reset');
  return failureOf(kind, where, code || null);
}

function tlsFactsOf(socket: Socket): TlsFacts | null {
  if (!('encrypted' in socket) || !socket.encrypted) return null;
  const tls = socket as TLSSocket;
  const certificate = tls.getPeerCertificate();
  const present = certificate && Object.keys(certificate).length > 0;
  const name = (entry: unknown): string | null => {
    if (!entry || typeof entry !== 'object') return null;
    const text = Object.entries(entry as Record<string, unknown>)
      .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
      .join(', ');
    return text || null;
  };
  return {
    protocol: tls.getProtocol() ?? null,
    cipher: tls.getCipher()?.name ?? null,
    subject: present ? name(certificate.subject) : null,
    issuer: present ? name(certificate.issuer) : null,
    validFrom: present ? certificate.valid_from : null,
    validTo: present ? certificate.valid_to : null,
    subjectAltNames: present && certificate.subjectaltname ? certificate.subjectaltname.split(', ') : [],
    fingerprint256: present ? certificate.fingerprint256 : null,
    trusted: tls.authorized,
    trustError: tls.authorizationError ? String(tls.authorizationError) : null,
  };
}

export function createNodeNetwork(options: NodeNetworkOptions = {}): LiveNetwork {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const resolverLabel = options.dnsServer ?? 'system';
  const searchList = options.dnsSearch ? [...options.dnsSearch] : systemSearchList();

  const newResolver = (): Resolver => {
    const resolver = new Resolver({ timeout: Math.min(timeoutMs, 3_000), tries: 2 });
    if (options.dnsServer) resolver.setServers([options.dnsServer]);
    return resolver;
  };

  /**
   * One name as DNS knows it: its CNAME chain (one hop at a time, like getaddrinfo with
   * AI_CANONNAME inside the resolver) and the addresses of the last name; null when DNS says
   * the name does not exist.
   */
  async function lookUpName(resolver: Resolver, name: string, errors: unknown[]): Promise<FoundName | null> {
    const chain = [name];
    for (let hop = 0; hop < maxCnameHops; hop += 1) {
      const current = chain.at(-1) as string;
      let next: string[];
      try {
        next = await withTimeout(resolver.resolveCname(current), timeoutMs);
      } catch (error) {
        if (isAbsent(error)) break;
        // The system resolver may know the name only from the hosts file: the address lookup decides.
        if (!options.dnsServer) break;
        throw error;
      }
      const target = next[0]?.toLowerCase().replace(/\.$/, '');
      if (!target || chain.includes(target)) break;
      chain.push(target);
    }
    const finalName = chain.at(-1) as string;
    if (!options.dnsServer) {
      // The system's own lookup (hosts file first, as nsswitch says), for the name DNS gave.
      const found = await withTimeout(systemLookup(finalName, { all: true }), timeoutMs).catch(
        (error: unknown) => {
          if (chain.length > 1 && isAbsent(error)) return [];
          if (chain.length > 1) throw error;
          errors.push(error);
          return null; // unknown under this name: the next candidate decides
        },
      );
      if (found === null) return null;
      return { chain, addresses: found.map((entry) => entry.address) };
    }
    const v4 = await withTimeout(resolver.resolve4(finalName), timeoutMs).catch((error: unknown) => {
      if (isAbsent(error)) return [] as string[];
      throw error;
    });
    const v6 =
      v4.length > 0
        ? []
        : await withTimeout(resolver.resolve6(finalName), timeoutMs).catch(() => [] as string[]);
    const addresses = [...v4, ...v6];
    // A CNAME whose target has no address still proves the name exists: report it, without addresses.
    return addresses.length > 0 || chain.length > 1 ? { chain, addresses } : null;
  }

  async function resolve(host: string): Promise<NameResolution> {
    const bare = host.replace(/^\[|\]$/g, '');
    if (isIP(bare))
      return {
        host,
        resolver: resolverLabel,
        queriedName: bare,
        searchSuffix: null,
        cnameChain: [bare],
        canonicalName: null,
        addresses: [bare],
        failure: null,
      };
    const typed = host.toLowerCase().replace(/\.$/, '');
    const resolver = newResolver();
    const result = (
      name: string,
      suffix: string | null,
      found: FoundName | null,
      failure: NetworkFailure | null,
    ): NameResolution => ({
      host,
      resolver: resolverLabel,
      queriedName: name,
      searchSuffix: suffix,
      cnameChain: found?.chain ?? [name],
      canonicalName: found && found.chain.length > 1 ? (found.chain.at(-1) as string) : null,
      addresses: found?.addresses ?? [],
      failure:
        failure ??
        (found && found.addresses.length === 0 ? failureOf('dns-not-found', host, 'ENODATA') : null),
    });
    // What the system's own lookup said for names it did not find (the last one is reported).
    const systemErrors: unknown[] = [];
    try {
      for (const candidate of searchCandidates(typed, host.endsWith('.'), searchList)) {
        const found = await lookUpName(resolver, candidate.name, systemErrors);
        if (found) return result(candidate.name, candidate.suffix, found, null);
      }
      const lastError = systemErrors.at(-1);
      return result(
        typed,
        null,
        null,
        lastError === undefined ? failureOf('dns-not-found', host, 'ENOTFOUND') : dnsFailure(lastError, host),
      );
    } catch (error) {
      return result(typed, null, null, dnsFailure(error, host));
    } finally {
      resolver.cancel();
    }
  }

  function connect(): HttpConnection {
    const resolved = new Map<string, Promise<NameResolution>>();
    const resolveOnce = (hostname: string): Promise<NameResolution> => {
      const key = hostname.toLowerCase();
      let resolution = resolved.get(key);
      if (!resolution) {
        resolution = resolve(hostname);
        resolved.set(key, resolution);
      }
      return resolution;
    };
    const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
      resolveOnce(hostname).then(
        (resolution) => {
          const address = resolution.addresses[0];
          if (resolution.failure || !address) {
            callback(
              new DnsLookupError(resolution.failure ?? failureOf('dns-not-found', hostname, 'ENODATA')),
              '',
              4,
            );
            return;
          }
          const family = isIP(address) || 4;
          if (lookupOptions.all)
            (callback as unknown as (error: null, all: { address: string; family: number }[]) => void)(null, [
              { address, family },
            ]);
          else callback(null, address, family);
        },
        (error: unknown) => callback(error as NodeJS.ErrnoException, '', 4),
      );
    };
    const agentOptions = { keepAlive: true, maxSockets: 1, maxFreeSockets: 1, lookup };
    const httpAgent = new http.Agent(agentOptions);
    const httpsAgent = new https.Agent({
      ...agentOptions,
      ...(options.trustedCertificates ? { ca: [...options.trustedCertificates] } : {}),
    });

    const once = (url: URL, headers: Readonly<Record<string, string>>): Promise<HttpAnswer> =>
      new Promise((resolveAnswer, reject) => {
        const started = Date.now();
        const secure = url.protocol === 'https:';
        const request = (secure ? https : http).request(url, {
          method: 'GET',
          agent: secure ? httpsAgent : httpAgent,
          headers: { 'User-Agent': userAgent, Accept: '*/*', ...headers },
        });
        const timer = setTimeout(
          () => request.destroy(new TimeoutError(`no answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
        request.once('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        request.once('response', (response) => {
          const socket = response.socket;
          const answer: HttpAnswer = {
            url: url.href,
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            headers: pairs(response.rawHeaders),
            server: typeof response.headers.server === 'string' ? response.headers.server : null,
            remoteAddress: socket?.remoteAddress ?? null,
            connectionReused: request.reusedSocket,
            tls: socket ? tlsFactsOf(socket) : null,
            elapsedMs: 0,
          };
          let received = 0;
          response.on('data', (chunk: Buffer) => {
            received += chunk.length;
            // A huge body is not what we came for: stop reading and give up the connection.
            if (received > maxBodyBytes) response.destroy();
          });
          response.once('end', () => {
            clearTimeout(timer);
            resolveAnswer({ ...answer, elapsedMs: Date.now() - started });
          });
          response.once('close', () => {
            clearTimeout(timer);
            resolveAnswer({ ...answer, elapsedMs: Date.now() - started });
          });
          response.once('error', (error) => {
            clearTimeout(timer);
            reject(error);
          });
        });
        request.end();
      });

    return {
      async get(url, headers, getOptions = {}) {
        const started = Date.now();
        const redirects: string[] = [];
        let current: URL;
        try {
          current = new URL(url);
        } catch {
          return { ok: false, failure: failureOf('invalid-url', url, null), redirects, elapsedMs: 0 };
        }
        for (;;) {
          if (current.protocol !== 'http:' && current.protocol !== 'https:') {
            return {
              ok: false,
              failure: failureOf('invalid-url', current.href, null),
              redirects,
              elapsedMs: Date.now() - started,
            };
          }
          let answer: HttpAnswer;
          try {
            answer = await once(current, headers);
          } catch (error) {
            return {
              ok: false,
              failure: classifyRequestError(error, current.host),
              redirects,
              elapsedMs: Date.now() - started,
            };
          }
          const location = answer.headers.find(([name]) => name.toLowerCase() === 'location')?.[1];
          const isRedirect = [301, 302, 303, 307, 308].includes(answer.status) && location !== undefined;
          if (!getOptions.followRedirects || !isRedirect) return { ok: true, answer, redirects };
          if (redirects.length >= maxRedirects) {
            return {
              ok: false,
              failure: failureOf('too-many-redirects', current.href, null),
              redirects,
              elapsedMs: Date.now() - started,
            };
          }
          redirects.push(current.href);
          try {
            current = new URL(location, current);
          } catch {
            return {
              ok: false,
              failure: failureOf('protocol-error', current.host, 'BAD_LOCATION'),
              redirects,
              elapsedMs: Date.now() - started,
            };
          }
        }
      },
      resolve: resolveOnce,
      close() {
        httpAgent.destroy();
        httpsAgent.destroy();
      },
    };
  }

  return { resolve, connect };
}

function pairs(raw: readonly string[]): [string, string][] {
  const result: [string, string][] = [];
  for (let index = 0; index + 1 < raw.length; index += 2)
    result.push([raw[index] as string, raw[index + 1] as string]);
  return result;
}
