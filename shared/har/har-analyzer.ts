/**
 * Streaming analysis of one HAR file: chunks in, `HarAnalysis` out. Entries are read one at
 * a time by the incremental reader (never one `JSON.parse` of the file), reduced at once to
 * the few auth facts of `readHarRequest`, and only the requests an exchange can need are
 * kept — so a 200 MB HAR of page loads costs memory for its sign-ins, not its bodies.
 * The same code runs in the CLI (file chunks) and in the renderer (a dropped File's stream).
 */
import { buildExchanges, isAuthRelated, serverAddressOf, type HarExchange } from './har-exchange.js';
import { createHarEntryReader, HarFormatError, type HarEntryReaderLimits } from './har-entry-reader.js';
import { harFindings } from './har-findings.js';
import { findExchangeIssues, type HarIssue } from './har-issues.js';
import { HarEntryShapeError, readHarRequest, type HarRequestFacts } from './har-request.js';
import type { HarAnalysis, HarConnectionSummary, HarHostSummary } from './har-analysis.js';
import { harExchangeKinds, issuesByExchange } from './har-pattern-kinds.js';

export interface HarAnalyzerLimits extends HarEntryReaderLimits {
  /** Requests kept for rebuilding exchanges; later ones are counted, not kept. */
  readonly maxKeptRequests: number;
  readonly maxListedExchanges: number;
  readonly maxHosts: number;
  /**
   * Connections (id + server address) tracked over all hosts, each with its own counts:
   * requests on further connections are counted per host, not listed per connection, so a
   * HAR of millions of short connections costs no more than this many.
   */
  readonly maxConnections: number;
  readonly maxMessages: number;
}

export const defaultHarAnalyzerLimits: HarAnalyzerLimits = {
  maxStringChars: 256 * 1024,
  maxEntryChars: 8 * 1024 * 1024,
  maxDepth: 64,
  maxKeptRequests: 100_000,
  maxListedExchanges: 2_000,
  maxHosts: 2_000,
  maxConnections: 100_000,
  maxMessages: 50,
};

export interface HarAnalyzer {
  push(chunk: Uint8Array | string): void;
  /** Throws HarFormatError (message starts with the file name) when the file is not a readable HAR. */
  finish(): HarAnalysis;
  /** Bytes (or characters, for text chunks) received so far. */
  readonly bytes: number;
}

export interface HarAnalyzerOptions {
  /** Prefix of evidence ids, so that several HAR files in one report do not collide. */
  readonly evidencePrefix?: string;
  readonly limits?: Partial<HarAnalyzerLimits>;
}

const maxConnectionsPerHost = 10_000;
const maxServerIpsPerHost = 100;
const connectionsListedPerHost = 50;
const exchangesListedPerConnection = 20;
const maxAuthKeys = 100_000;
const messagesPerKind = 3;

interface ConnectionState {
  readonly id: string | null;
  readonly serverIp: string | null;
  /** HAR index of its first request: connections are listed in the order they were opened. */
  readonly firstIndex: number;
  requests: number;
}

interface HostState {
  requests: number;
  /** By connection key (see connectionKey). */
  readonly connections: Map<string, ConnectionState>;
  /** Requests on connections beyond maxConnectionsPerHost or limits.maxConnections: counted, not listed. */
  requestsOnUntrackedConnections: number;
  readonly serverIps: Set<string>;
}

/** A connection is its HAR id and the server address that answered on it (§7.5: same socket, same server). */
function connectionKey(id: string | null, serverIp: string | null): string {
  return `${id ?? ''} ${serverIp ?? ''}`;
}

/** The key `buildExchanges` groups by: target and URL without fragment. */
function exchangeKey(request: HarRequestFacts): string {
  const proxy =
    request.requestAuth?.target === 'proxy' ||
    request.status === 407 ||
    request.responseAuthTarget === 'proxy';
  const hash = request.url.indexOf('#');
  return `${proxy ? 'proxy' : 'server'} ${hash >= 0 ? request.url.slice(0, hash) : request.url}`;
}

export function createHarAnalyzer(file: string, options: HarAnalyzerOptions = {}): HarAnalyzer {
  const limits: HarAnalyzerLimits = { ...defaultHarAnalyzerLimits, ...options.limits };
  const kept: HarRequestFacts[] = [];
  const authKeys = new Set<string>();
  const hosts = new Map<string, HostState>();
  let hostsNotTracked = 0;
  let entries = 0;
  let notKept = 0;
  let skipped = 0;
  let truncatedStrings = 0;
  let anyConnection = false;
  /** Connection ids alone show whether legs shared a socket; a server address does not (§7.5). */
  let anyConnectionId = false;
  let connectionsTracked = 0;
  let bytes = 0;
  let fatal: HarFormatError | null = null;
  const messages: string[] = [];
  const messageCounts = new Map<string, number>();

  function message(kind: string, text: string): void {
    const seen = messageCounts.get(kind) ?? 0;
    messageCounts.set(kind, seen + 1);
    if (seen < messagesPerKind && messages.length < limits.maxMessages) messages.push(`${file}: ${text}`);
  }

  function countHost(request: HarRequestFacts): void {
    let state = hosts.get(request.host);
    if (!state) {
      if (hosts.size >= limits.maxHosts) {
        hostsNotTracked++;
        return;
      }
      state = {
        requests: 0,
        connections: new Map(),
        requestsOnUntrackedConnections: 0,
        serverIps: new Set(),
      };
      hosts.set(request.host, state);
    }
    state.requests++;
    const serverIp = serverAddressOf(request);
    if (serverIp !== null && state.serverIps.size < maxServerIpsPerHost) state.serverIps.add(serverIp);
    if (request.connection === null && serverIp === null) return;
    const key = connectionKey(request.connection, serverIp);
    const connection = state.connections.get(key);
    if (connection) connection.requests++;
    else if (state.connections.size < maxConnectionsPerHost && connectionsTracked < limits.maxConnections) {
      connectionsTracked++;
      state.connections.set(key, {
        id: request.connection,
        serverIp,
        firstIndex: request.index,
        requests: 1,
      });
    } else state.requestsOnUntrackedConnections++;
  }

  const reader = createHarEntryReader(
    {
      entry(value, index, truncated) {
        entries++;
        truncatedStrings += truncated;
        let request: HarRequestFacts;
        try {
          request = readHarRequest(value, index);
        } catch (error) {
          if (!(error instanceof HarEntryShapeError)) throw error;
          skipped++;
          message('shape', `entry ${index}: ${error.message}; skipped`);
          return;
        }
        countHost(request);
        if (request.connection !== null) anyConnectionId = true;
        if (request.connection !== null || serverAddressOf(request) !== null) anyConnection = true;
        const key = exchangeKey(request);
        const auth = isAuthRelated(request);
        // A plain request matters only as the result of an exchange on the same URL.
        if (!auth && !authKeys.has(key)) return;
        if (kept.length >= limits.maxKeptRequests) {
          notKept++;
          return;
        }
        if (auth && authKeys.size < maxAuthKeys) authKeys.add(key);
        kept.push(request);
      },
      skipped(index, reason) {
        entries++;
        skipped++;
        message('skipped', `entry ${index}: ${reason}`);
      },
    },
    limits,
  );

  function guard(action: () => void): void {
    if (fatal) return;
    try {
      action();
    } catch (error) {
      if (!(error instanceof HarFormatError)) throw error;
      fatal = new HarFormatError(`${file}: ${error.message}`);
    }
  }

  return {
    push(chunk) {
      bytes += chunk.length;
      guard(() => reader.push(chunk));
    },
    finish() {
      let topLevel: Readonly<Record<string, string>> = {};
      guard(() => {
        topLevel = reader.end().topLevel;
      });
      if (fatal) throw fatal;
      for (const [kind, seen] of messageCounts) {
        if (seen > messagesPerKind)
          messages.push(
            `${file}: ${seen - messagesPerKind} more entries skipped for the same reason (${kind})`,
          );
      }
      if (truncatedStrings > 0)
        messages.push(
          `${file}: ${truncatedStrings} very long strings (response bodies) were cut while reading; headers are whole`,
        );
      if (notKept > 0)
        messages.push(
          `${file}: ${notKept} requests beyond the first ${limits.maxKeptRequests} sign-in related ones were counted but not rebuilt into exchanges`,
        );
      if (hostsNotTracked > 0)
        messages.push(
          `${file}: ${hostsNotTracked} requests to hosts beyond the first ${limits.maxHosts} are not listed per host`,
        );
      // One line for all hosts: there may be thousands of them.
      let untrackedRequests = 0;
      let untrackedHosts = 0;
      for (const state of hosts.values())
        if (state.requestsOnUntrackedConnections > 0) {
          untrackedRequests += state.requestsOnUntrackedConnections;
          untrackedHosts++;
        }
      if (untrackedRequests > 0)
        messages.push(
          `${file}: ${untrackedRequests} requests to ${untrackedHosts} host${untrackedHosts === 1 ? '' : 's'} on connections beyond the first ${maxConnectionsPerHost} per host or ${limits.maxConnections} in all are counted, not listed per connection`,
        );

      const exchanges = buildExchanges(kept);
      const issues: HarIssue[] = exchanges.flatMap(findExchangeIssues);
      const { findings, evidence } = harFindings(file, exchanges, issues, options.evidencePrefix);
      const hostSummaries = summarizeHosts(hosts, exchanges, anyConnection);
      const issueKinds = issuesByExchange(issues);
      const exchangesNotListedByKind: Record<string, number> = {};
      for (const exchange of exchanges.slice(limits.maxListedExchanges))
        for (const kind of harExchangeKinds(exchange, issueKinds.get(exchange.id)))
          exchangesNotListedByKind[kind] = (exchangesNotListedByKind[kind] ?? 0) + 1;
      const sanitized =
        kept.some((request) => request.requestAuthRedacted) ||
        issues.some((issue) => issue.kind === 'tokens-removed');
      return {
        file,
        creator: topLevel['creator'] ?? '',
        counts: { bytes, entries, kept: kept.length, notKept, skipped, truncatedStrings },
        messages,
        hosts: hostSummaries,
        exchanges: exchanges.slice(0, limits.maxListedExchanges),
        exchangesNotListed: Math.max(0, exchanges.length - limits.maxListedExchanges),
        exchangesNotListedByKind,
        issues,
        sanitized,
        unknowable: unknowableFacts(exchanges, sanitized, { anyConnection, anyConnectionId }, entries),
        findings,
        evidence,
      };
    },
    get bytes() {
      return bytes;
    },
  };
}

/**
 * Hosts with their connections. Which sign-in exchanges used a connection comes from the
 * exchanges' legs, which carry the same connection id and server address.
 */
function summarizeHosts(
  hosts: ReadonlyMap<string, HostState>,
  exchanges: readonly HarExchange[],
  anyConnection: boolean,
): HarHostSummary[] {
  const exchangesByHost = new Map<string, number>();
  const exchangesByConnection = new Map<string, number[]>();
  for (const exchange of exchanges) {
    exchangesByHost.set(exchange.host, (exchangesByHost.get(exchange.host) ?? 0) + 1);
    for (const leg of exchange.legs) {
      if (leg.connection === null && leg.serverIp === null) continue;
      const key = `${exchange.host} ${connectionKey(leg.connection, leg.serverIp)}`;
      const ids = exchangesByConnection.get(key) ?? [];
      if (ids.at(-1) !== exchange.id && ids.length < exchangesListedPerConnection) ids.push(exchange.id);
      exchangesByConnection.set(key, ids);
    }
  }
  return [...hosts]
    .map(([host, state]): HarHostSummary => {
      const connectionList: HarConnectionSummary[] = [...state.connections.entries()]
        .map(([key, connection]) => ({
          connection,
          exchanges: exchangesByConnection.get(`${host} ${key}`) ?? [],
        }))
        // Connections that carried a sign-in first, then in the order they were opened.
        .sort(
          (a, b) =>
            Number(b.exchanges.length > 0) - Number(a.exchanges.length > 0) ||
            a.connection.firstIndex - b.connection.firstIndex,
        )
        .map(({ connection, exchanges }) => ({
          id: connection.id,
          serverIp: connection.serverIp,
          requests: connection.requests,
          exchanges,
        }));
      return {
        host,
        requests: state.requests,
        serverIps: [...state.serverIps],
        connections: anyConnection ? state.connections.size : null,
        connectionList: connectionList.slice(0, connectionsListedPerHost),
        connectionsNotListed: Math.max(0, connectionList.length - connectionsListedPerHost),
        exchanges: exchangesByHost.get(host) ?? 0,
      };
    })
    .sort((a, b) => b.exchanges - a.exchanges || b.requests - a.requests || a.host.localeCompare(b.host));
}

/** What this HAR cannot tell, in plain words, so a person knows where to look next. */
function unknowableFacts(
  exchanges: readonly HarExchange[],
  sanitized: boolean,
  recorded: { readonly anyConnection: boolean; readonly anyConnectionId: boolean },
  entries: number,
): string[] {
  const facts: string[] = [];
  if (entries === 0)
    facts.push('The HAR has no requests at all: it was saved before the page was loaded, or emptied.');
  else if (exchanges.length === 0) {
    facts.push(
      'No sign-in exchange is in this HAR (no 401/407 and no Authorization header): it was recorded after the browser had already signed in on a kept-alive connection, or the site did not ask for sign-in. Record again from a fresh browser window, with the network log on before opening the site.',
    );
  }
  if (sanitized) {
    // The server's own tokens (an NTLM type 2, an AP-REP) survive sanitizing and still show the method.
    const methodKnown = exchanges
      .filter((exchange) => exchange.legs.some((leg) => leg.sentRedacted))
      .every((exchange) => exchange.mechanism === 'kerberos' || exchange.mechanism === 'ntlm');
    facts.push(
      `The Authorization values were removed from this HAR (sanitized export): ${methodKnown ? "Kerberos or NTLM is read from the server's answers, but " : 'whether the browser sent Kerberos or NTLM, '}the SPN it asked a ticket for, the user name and channel bindings cannot be known from it. Export the HAR "with sensitive data", or paste the header into the Token inspector.`,
    );
  }
  if (exchanges.some((exchange) => exchange.https && exchange.mechanism === 'kerberos')) {
    facts.push(
      'Over HTTPS, whether a Kerberos ticket was bound to the TLS certificate (channel bindings, §7.4) cannot be read from any capture: the binding travels inside the authenticator, which is encrypted with the session key (RFC 4121 §4.1.1, §8.5). A mismatch shows in the IIS log as 401.1 with SEC_E_BAD_BINDINGS (0x80090346).',
    );
  }
  const multiLegNtlm = exchanges.some(
    (exchange) => exchange.mechanism === 'ntlm' && exchange.legs.length > 1,
  );
  if (multiLegNtlm && !recorded.anyConnection) {
    facts.push(
      'This HAR records neither connection ids nor server addresses, so whether the NTLM messages shared one connection to one server (they must, §7.5) cannot be checked.',
    );
  } else if (multiLegNtlm && !recorded.anyConnectionId) {
    // A load balancer answers from one address whichever server is behind it.
    facts.push(
      'This HAR records server addresses but no connection ids, so whether the NTLM messages shared one connection (they must, §7.5) cannot be checked: legs on different connections to one address, such as a load balancer in front of several servers, look the same.',
    );
  }
  if (
    exchanges.some(
      (exchange) => exchange.outcome !== 'success' && exchange.legs.every((leg) => leg.iisSubstatus === null),
    )
  ) {
    facts.push(
      'A HAR shows the HTTP status only: why IIS refused (401.1 or 401.2, and the Windows error code) is in the IIS log of the same minute (u_ex*.log, sc-substatus and sc-win32-status).',
    );
  }
  return facts;
}
