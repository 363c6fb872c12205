/**
 * Streaming analysis of one HAR file: chunks in, `HarAnalysis` out. Entries are read one at
 * a time by the incremental reader (never one `JSON.parse` of the file), reduced at once to
 * the few auth facts of `readHarRequest`, and only the requests an exchange can need are
 * kept — so a 200 MB HAR of page loads costs memory for its sign-ins, not its bodies.
 * The same code runs in the CLI (file chunks) and in the renderer (a dropped File's stream).
 */
import { buildExchanges, type HarExchange } from './har-exchange.js';
import { createHarEntryReader, HarFormatError, type HarEntryReaderLimits } from './har-entry-reader.js';
import { harFindings } from './har-findings.js';
import { findExchangeIssues, type HarIssue } from './har-issues.js';
import { HarEntryShapeError, readHarRequest, type HarRequestFacts } from './har-request.js';
import type { HarAnalysis, HarHostSummary } from './har-analysis.js';

export interface HarAnalyzerLimits extends HarEntryReaderLimits {
  /** Requests kept for rebuilding exchanges; later ones are counted, not kept. */
  readonly maxKeptRequests: number;
  readonly maxListedExchanges: number;
  readonly maxHosts: number;
  readonly maxMessages: number;
}

export const defaultHarAnalyzerLimits: HarAnalyzerLimits = {
  maxStringChars: 256 * 1024,
  maxEntryChars: 8 * 1024 * 1024,
  maxDepth: 64,
  maxKeptRequests: 100_000,
  maxListedExchanges: 2_000,
  maxHosts: 2_000,
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
const maxAuthKeys = 100_000;
const messagesPerKind = 3;

interface HostState {
  requests: number;
  readonly connections: Set<string>;
}

function isAuthRelated(request: HarRequestFacts): boolean {
  return (
    request.requestAuth !== null ||
    request.requestAuthRedacted ||
    request.status === 401 ||
    request.status === 407 ||
    request.responseToken !== null
  );
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
      state = { requests: 0, connections: new Set() };
      hosts.set(request.host, state);
    }
    state.requests++;
    if (request.connection !== null && state.connections.size < maxConnectionsPerHost)
      state.connections.add(request.connection);
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
        if (request.connection !== null) anyConnection = true;
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
        messages.push(`${file}: requests to ${hostsNotTracked} more hosts are not listed per host`);

      const exchanges = buildExchanges(kept);
      const issues: HarIssue[] = exchanges.flatMap(findExchangeIssues);
      const { findings, evidence } = harFindings(file, exchanges, issues, options.evidencePrefix);
      const exchangesByHost = new Map<string, number>();
      for (const exchange of exchanges)
        exchangesByHost.set(exchange.host, (exchangesByHost.get(exchange.host) ?? 0) + 1);
      const hostSummaries: HarHostSummary[] = [...hosts]
        .map(([host, state]) => ({
          host,
          requests: state.requests,
          connections: anyConnection ? state.connections.size : null,
          exchanges: exchangesByHost.get(host) ?? 0,
        }))
        .sort((a, b) => b.exchanges - a.exchanges || b.requests - a.requests || a.host.localeCompare(b.host));
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
        issues,
        sanitized,
        unknowable: unknowableFacts(exchanges, sanitized, anyConnection, entries),
        findings,
        evidence,
      };
    },
    get bytes() {
      return bytes;
    },
  };
}

/** What this HAR cannot tell, in plain words, so a person knows where to look next. */
function unknowableFacts(
  exchanges: readonly HarExchange[],
  sanitized: boolean,
  anyConnection: boolean,
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
    facts.push(
      'The Authorization values were removed from this HAR (sanitized export): whether the browser sent Kerberos or NTLM, the SPN it asked a ticket for, the user name and channel bindings cannot be known from it. Export the HAR "with sensitive data", or paste the header into the Token inspector.',
    );
  }
  const multiLegNtlm = exchanges.some(
    (exchange) => exchange.mechanism === 'ntlm' && exchange.legs.length > 1,
  );
  if (multiLegNtlm && !anyConnection) {
    facts.push(
      'This HAR records no connection ids, so whether the NTLM messages shared one connection (they must, §7.5) cannot be checked.',
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
