/**
 * The result of reading one HAR file: the auth exchanges per host, what they show, what a
 * sanitized HAR could not show, findings and evidence.
 */
import type { Evidence } from '../model/evidence.js';
import type { Finding } from '../model/finding.js';
import type { HarExchange } from './har-exchange.js';
import type { HarIssue } from './har-issues.js';

/**
 * One connection of a host as the HAR shows it: the HAR `connection` id (a socket id in
 * Chrome and Fiddler exports) and the server address that answered (`serverIPAddress`).
 * The same id to two addresses, or no id but two addresses, are different connections:
 * NTLM needs all its legs on one connection to one server (§7.5).
 */
export interface HarConnectionSummary {
  /** Null when the HAR records no connection id (then the server address alone splits). */
  readonly id: string | null;
  readonly serverIp: string | null;
  readonly requests: number;
  /** Ids of the sign-in exchanges with a leg on this connection (the first 20). */
  readonly exchanges: readonly number[];
}

export interface HarHostSummary {
  readonly host: string;
  readonly requests: number;
  /** Distinct server addresses that answered for this host. */
  readonly serverIps: readonly string[];
  /** Distinct connections (id + server address); null when the HAR records neither. */
  readonly connections: number | null;
  /** The connections, those with sign-in exchanges first, then by requests (the first 50). */
  readonly connectionList: readonly HarConnectionSummary[];
  readonly connectionsNotListed: number;
  readonly exchanges: number;
}

export interface HarAnalysis {
  readonly file: string;
  /** `log.creator.name`, as the HAR states it. */
  readonly creator: string;
  readonly counts: {
    readonly bytes: number;
    readonly entries: number;
    /** Entries kept for exchange rebuilding (all, up to the cap). */
    readonly kept: number;
    readonly notKept: number;
    readonly skipped: number;
    readonly truncatedStrings: number;
  };
  readonly messages: readonly string[];
  readonly hosts: readonly HarHostSummary[];
  readonly exchanges: readonly HarExchange[];
  readonly exchangesNotListed: number;
  /** The exchanges beyond the listing cap, per pattern kind (see har-pattern-kinds.ts). */
  readonly exchangesNotListedByKind: Readonly<Record<string, number>>;
  readonly issues: readonly HarIssue[];
  /** True when Authorization values were removed from the HAR. */
  readonly sanitized: boolean;
  /** What this HAR cannot tell, in plain words. */
  readonly unknowable: readonly string[];
  readonly findings: readonly Finding[];
  readonly evidence: readonly Evidence[];
}
