/**
 * The result of reading one HAR file: the auth exchanges per host, what they show, what a
 * sanitized HAR could not show, findings and evidence.
 */
import type { Evidence } from '../model/evidence.js';
import type { Finding } from '../model/finding.js';
import type { HarExchange } from './har-exchange.js';
import type { HarIssue } from './har-issues.js';

export interface HarHostSummary {
  readonly host: string;
  readonly requests: number;
  /** Distinct HAR `connection` ids; null when the HAR records none. */
  readonly connections: number | null;
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
  readonly issues: readonly HarIssue[];
  /** True when Authorization values were removed from the HAR. */
  readonly sanitized: boolean;
  /** What this HAR cannot tell, in plain words. */
  readonly unknowable: readonly string[];
  readonly findings: readonly Finding[];
  readonly evidence: readonly Evidence[];
}
