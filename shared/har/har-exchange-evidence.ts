/**
 * Evidence kind `har-exchange`: one authentication exchange from a HAR file (decoded token
 * facts per leg, never the tokens) and the issue it shows.
 */
import type { HarExchange } from './har-exchange.js';
import type { HarIssue } from './har-issues.js';

export interface HarExchangeEvidenceFacts {
  readonly file: string;
  /** Null for a normal exchange shown as proof of the normal challenge. */
  readonly issue: HarIssue | null;
  readonly exchange: HarExchange;
}

declare module '../model/evidence.js' {
  interface EvidenceFactsByKind {
    'har-exchange': HarExchangeEvidenceFacts;
  }
}
