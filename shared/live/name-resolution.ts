/**
 * How a host name resolved: the CNAME chain to the canonical name and the addresses, the way a
 * browser resolves it before it builds the SPN (reference §2.4, §7.3). One shape for the real
 * resolver (electron/live/network.ts), the scenario's DNS and the evidence both probes record.
 */
import type { NetworkFailure } from './network-failure.js';

export interface NameResolution {
  readonly host: string;
  /** `system`, the `address:port` of the DNS server asked, or the scenario's DNS. */
  readonly resolver: string;
  /** The name DNS answered for: the host itself, or a short (dotless) name with a search suffix. */
  readonly queriedName: string;
  /** The search suffix that expanded a short host name (`contoso.com` for `intranet`), if any. */
  readonly searchSuffix: string | null;
  /** Names followed through CNAME records, starting with `queriedName`. */
  readonly cnameChain: readonly string[];
  /** Last name of the CNAME chain when the host is an alias; null for an A record. */
  readonly canonicalName: string | null;
  readonly addresses: readonly string[];
  readonly failure: NetworkFailure | null;
}
