/**
 * Authentication exchanges rebuilt from HAR requests: per target (site or proxy), host and
 * URL, the 401/407 offer, each Authorization token (multi-leg NTLM: type 1 → 401 with
 * type 2 → type 3) and the result (reference §8.1 framing, §5.1 status).
 */
import type { AuthTarget, HarRequestFacts, TokenSummary } from './har-request.js';

export interface HarLeg {
  readonly index: number;
  readonly time: string;
  readonly connection: string | null;
  /** HAR `serverIPAddress`: which server answered (a second split signal beside `connection`). */
  readonly serverIp: string | null;
  readonly status: number;
  readonly iisSubstatus: string | null;
  readonly sent: TokenSummary | null;
  /** The request's auth header was there but its value removed (sanitized HAR). */
  readonly sentRedacted: boolean;
  readonly offers: readonly string[];
  readonly received: TokenSummary | null;
  readonly headerChars: number;
  readonly headerTooLong: boolean;
}

export type ExchangeOutcome = 'success' | 'rejected' | 'error' | 'unfinished';

export interface HarExchange {
  readonly id: number;
  readonly target: AuthTarget;
  readonly host: string;
  readonly url: string;
  readonly https: boolean;
  readonly legs: readonly HarLeg[];
  readonly legsOmitted: number;
  readonly outcome: ExchangeOutcome;
  /** What was used: from the tokens sent, or from the server's final token when requests were sanitized. */
  readonly mechanism: 'kerberos' | 'ntlm' | 'negoex' | 'basic' | 'unknown' | 'none';
  readonly connections: readonly string[];
  /** Distinct server addresses the legs went to (HAR `serverIPAddress`). */
  readonly serverIps: readonly string[];
}

const maxLegs = 20;

function targetOf(request: HarRequestFacts): AuthTarget {
  if (
    request.requestAuth?.target === 'proxy' ||
    request.status === 407 ||
    request.responseAuthTarget === 'proxy'
  )
    return 'proxy';
  return 'server';
}

/**
 * Whether a request belongs to a sign-in exchange by itself: it carries or had (sanitized)
 * an auth header, was challenged, got a token back, or was refused by HTTP.sys for a header
 * too long (§7.2) — a sanitized HAR removes the Authorization header that made it so long,
 * and the 400 is still the fact that matters.
 */
export function isAuthRelated(request: HarRequestFacts): boolean {
  return (
    request.requestAuth !== null ||
    request.requestAuthRedacted ||
    request.status === 401 ||
    request.status === 407 ||
    request.responseToken !== null ||
    request.headerTooLong
  );
}

/** HAR `serverIPAddress`; exporters write "" when they do not know it. */
export function serverAddressOf(request: HarRequestFacts): string | null {
  const address = request.serverIp?.trim() ?? '';
  return address === '' ? null : address;
}

function challengeStatus(status: number): boolean {
  return status === 401 || status === 407;
}

interface OpenExchange {
  target: AuthTarget;
  host: string;
  url: string;
  https: boolean;
  legs: HarLeg[];
  legsOmitted: number;
}

function urlKey(url: string): string {
  const hash = url.indexOf('#');
  return hash >= 0 ? url.slice(0, hash) : url;
}

function mechanismOf(legs: readonly HarLeg[]): HarExchange['mechanism'] {
  for (const leg of legs) {
    const token = leg.sent ?? leg.received;
    if (!token) continue;
    if (token.mechanism === 'kerberos' || token.mechanism === 'ntlm' || token.mechanism === 'negoex')
      return token.mechanism;
    if (/^basic$/i.test(token.scheme)) return 'basic';
  }
  for (const leg of legs) {
    if (leg.received && leg.received.mechanism !== 'absent' && leg.received.mechanism !== 'unknown')
      return leg.received.mechanism;
  }
  return legs.some((leg) => leg.sent || leg.received) ? 'unknown' : 'none';
}

/** Rebuilds exchanges from requests in HAR order (the order the browser sent them). */
export function buildExchanges(requests: readonly HarRequestFacts[]): HarExchange[] {
  const open = new Map<string, OpenExchange>();
  const done: HarExchange[] = [];

  function close(key: string, exchange: OpenExchange, outcome: ExchangeOutcome): void {
    open.delete(key);
    const connections = [
      ...new Set(
        exchange.legs
          .map((leg) => leg.connection)
          .filter((connection): connection is string => connection !== null),
      ),
    ];
    const serverIps = [
      ...new Set(
        exchange.legs.map((leg) => leg.serverIp).filter((address): address is string => address !== null),
      ),
    ];
    done.push({
      id: done.length,
      ...exchange,
      outcome,
      mechanism: mechanismOf(exchange.legs),
      connections,
      serverIps,
    });
  }

  for (const request of requests) {
    const target = targetOf(request);
    const key = `${target} ${urlKey(request.url)}`;
    let exchange = open.get(key);
    if (!isAuthRelated(request)) {
      // A plain request after an open exchange: the exchange ended with this result.
      if (exchange) {
        pushLeg(exchange, request);
        close(key, exchange, request.status < 400 ? 'success' : 'error');
      }
      continue;
    }
    if (!exchange) {
      exchange = {
        target,
        host: request.host,
        url: urlKey(request.url),
        https: request.https,
        legs: [],
        legsOmitted: 0,
      };
      open.set(key, exchange);
    }
    pushLeg(exchange, request);
    if (challengeStatus(request.status)) continue;
    close(key, exchange, request.status < 400 ? 'success' : 'error');
  }
  for (const [key, exchange] of open) {
    const last = exchange.legs.at(-1);
    // Credentials were sent and the answer was still 401: rejected; only a bare offer: unfinished.
    close(key, exchange, last?.sent || last?.sentRedacted ? 'rejected' : 'unfinished');
  }
  return done
    .sort((a, b) => (a.legs[0]?.index ?? 0) - (b.legs[0]?.index ?? 0))
    .map((exchange, id) => ({ ...exchange, id }));
}

function pushLeg(exchange: OpenExchange, request: HarRequestFacts): void {
  if (exchange.legs.length >= maxLegs) {
    exchange.legsOmitted++;
    return;
  }
  exchange.legs.push({
    index: request.index,
    time: request.startedDateTime,
    connection: request.connection,
    serverIp: serverAddressOf(request),
    status: request.status,
    iisSubstatus: request.iisSubstatus,
    sent: request.requestAuth?.token ?? null,
    sentRedacted: request.requestAuthRedacted,
    offers: request.offers,
    received: request.responseToken,
    headerChars: Math.max(request.requestAuth?.headerChars ?? 0, request.requestHeadersSize),
    headerTooLong: request.headerTooLong,
  });
}
