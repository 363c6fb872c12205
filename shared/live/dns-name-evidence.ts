/**
 * Evidence kind `dns-name` (probe dns:name): how the address's host name resolves — the CNAME
 * chain to the canonical name and the addresses — and the SPN a browser builds from it
 * (reference §2.4, §7.3). The same facts come from the real resolver or a scenario's DNS.
 */
import type { NameResolution } from './name-resolution.js';

export interface DnsNameFacts extends NameResolution {
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
