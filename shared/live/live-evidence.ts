/**
 * Evidence kinds of the live sign-in test (design.md, Network seam). Facts are plain JSON:
 * the same facts come from the real network (electron/live) or could come from a scenario.
 * No raw tokens here: tokens are summarised (token-summary.ts).
 */
import type { NetworkFailure, TlsFacts } from './network-failure.js';
import type { NameResolution } from './name-resolution.js';
import type { TicketOutcome } from './ticket-outcome.js';
import type { TokenSummary } from './token-summary.js';

/** One HTTP request of the exchange and the server's answer. */
export interface LiveHttpLegFacts {
  readonly url: string;
  /** Scheme of the Authorization header sent, or `none` for the anonymous request. */
  readonly authorization: 'none' | 'Negotiate' | 'NTLM';
  readonly requestToken: TokenSummary | null;
  /** Characters of the whole `Authorization: …` header line (what header limits measure, §7.2). */
  readonly authorizationHeaderChars: number | null;
  readonly status: number | null;
  readonly statusText: string | null;
  /** Schemes offered in WWW-Authenticate, in order (`Negotiate`, `NTLM`, `Basic`…). */
  readonly offers: readonly string[];
  readonly responseToken: TokenSummary | null;
  readonly server: string | null;
  /** URLs of redirects followed before this answer. */
  readonly redirects: readonly string[];
  readonly finalUrl: string;
  readonly connectionReused: boolean;
  readonly remoteAddress: string | null;
  readonly tls: TlsFacts | null;
  readonly failure: NetworkFailure | null;
  readonly elapsedMs: number;
}

export type LiveNameResolutionFacts = NameResolution;

export interface LiveBrowserSpnFacts {
  readonly typedHost: string;
  readonly port: number;
  /** The SPN a browser asks for (reference §2.4 CreateSPN, §7.3); null for an IP address. */
  readonly requested: string | null;
  readonly spnHost: string;
  /** True when the SPN host is the CNAME target rather than the typed alias. */
  readonly cnameFollowed: boolean;
  /** The search suffix a short typed name was expanded with before the SPN was built (§2.4, §7.3). */
  readonly searchSuffix: string | null;
  /** True when a non-default port was left out of the SPN (browser default). */
  readonly portOmitted: boolean;
  readonly aliasForm: string | null;
  readonly otherPortForm: string | null;
}

export type LiveSpnRole = 'browser' | 'alias' | 'other-port';

export interface LiveKerberosTicketFacts {
  readonly spn: string;
  /** `browser`: the SPN a browser asks for; `alias`/`other-port`: the forms tried to explain a failure. */
  readonly role: LiveSpnRole;
  readonly outcome: TicketOutcome;
  /** The library's error text (no secrets in it), when it failed. */
  readonly message: string | null;
  readonly token: TokenSummary | null;
  /**
   * What the Kerberos library did, where it says so (MIT krb5 trace): `kdc` when it asked the
   * KDC, `cache` when the ticket was already in the user's cache and no KDC was contacted;
   * null when the library does not report it (Windows SSPI, or no token).
   */
  readonly ticketSource: TicketSource | null;
}

export type TicketSource = 'kdc' | 'cache';

declare module '../model/evidence.js' {
  interface EvidenceFactsByKind {
    'live-anonymous-request': LiveHttpLegFacts;
    'live-name-resolution': LiveNameResolutionFacts;
    'live-browser-spn': LiveBrowserSpnFacts;
    'live-kerberos-ticket': LiveKerberosTicketFacts;
    'live-authenticated-request': LiveHttpLegFacts;
  }
}

export const liveProbeId = 'live-sign-in';
