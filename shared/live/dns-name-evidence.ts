/**
 * Evidence kind `dns-name` (probe dns:name): how the address's host name resolves — the CNAME
 * chain to the canonical name and the addresses — and the SPN a browser builds from it
 * (reference §2.4, §7.3). The same facts come from the real resolver or a scenario's DNS.
 */
import type { NetworkFailure } from './network-failure.js';

export interface DnsNameFacts {
  readonly host: string;
  /** `system`, the `address:port` of the DNS server asked, or the scenario's DNS. */
  readonly resolver: string;
  /** The name DNS answered for: the host itself, or a short name with a search suffix. */
  readonly queriedName: string;
  readonly searchSuffix: string | null;
  /** Names followed through CNAME records, starting with `queriedName`. */
  readonly cnameChain: readonly string[];
  /** Last name of the CNAME chain when the host is an alias; null for an A record. */
  readonly canonicalName: string | null;
  readonly addresses: readonly string[];
  readonly failure: NetworkFailure | null;
  /** The SPN a browser asks for (CNAME followed, port left out); null for an IP address. */
  readonly browserSpn: string | null;
  /** `HTTP/<alias as typed>` when the host is an alias: the form that does NOT get asked for. */
  readonly aliasSpn: string | null;
}

declare module '../model/evidence.js' {
  interface EvidenceFactsByKind {
    'dns-name': DnsNameFacts;
  }
}

export const dnsNameProbeId = 'dns:name';
