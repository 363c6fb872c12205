/**
 * The result of reading IIS W3C and HTTP.sys error logs: patterns per client + URL + user
 * agent, a timeline per client, a summary by pattern, findings, and an honest account of
 * what could not be read.
 */
import type { Evidence } from '../model/evidence.js';
import type { Finding } from '../model/finding.js';
import type { LogFormat } from './field-layout.js';
import type { LogPatternKind } from './auth-pattern.js';
import type { Win32StatusInfo } from './win32-status.js';

export interface LogPattern {
  readonly kind: LogPatternKind;
  readonly client: string;
  readonly url: string;
  readonly userAgent: string;
  /** How many attempts (or requests, for anonymous-only and header-too-long) showed it. */
  readonly count: number;
  /** Log lines those occurrences span. */
  readonly lines: number;
  /** Of those, how many still ended in success. */
  readonly resolved: number;
  /**
   * Of those, how many were classified from the status sequence alone, because the log has
   * no `sc-substatus` / `sc-win32-status` column: "consistent with", not shown.
   */
  readonly inferred: number;
  readonly win32: readonly Win32StatusInfo[];
  /** UTC, ISO 8601. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly source: LogFormat;
  readonly serverIp: string;
  readonly serverPort: string;
  /**
   * Up to four log lines of the first occurrence, verbatim; kept for the first groups of each
   * kind only (the evidence quotes a few per kind), empty for the others.
   */
  readonly exampleLines: readonly string[];
}

export interface LogStep {
  readonly time: string;
  readonly status: number;
  readonly substatus: number;
  readonly win32: number;
  readonly username: string;
}

export interface LogTimelineAttempt {
  readonly time: string;
  readonly url: string;
  readonly kind: LogPatternKind;
  readonly steps: readonly LogStep[];
  /** Steps beyond the ones kept. */
  readonly stepsOmitted: number;
}

export interface ClientTimeline {
  readonly client: string;
  /** The most recent attempts, oldest first. */
  readonly attempts: readonly LogTimelineAttempt[];
  readonly attemptsOmitted: number;
  /** Attempts of this client that were not normal. */
  readonly problems: number;
}

export interface PatternSummary {
  readonly kind: LogPatternKind;
  readonly description: string;
  /** Distinct client + URL + user agent groups. */
  readonly groups: number;
  readonly occurrences: number;
  /** Occurrences classified from the status sequence alone (see LogPattern.inferred). */
  readonly inferred: number;
}

export interface LogReadCounts {
  readonly files: number;
  readonly bytes: number;
  readonly lines: number;
  readonly records: number;
  readonly directives: number;
  readonly blank: number;
  /** Lines whose column count does not match the `#Fields` line (or no layout is known). */
  readonly wrongFieldCount: number;
  /** Lines with the right columns whose status columns are not numbers. */
  readonly malformed: number;
  /** Lines with control bytes (binary junk). */
  readonly binary: number;
  /** Lines longer than the cap, skipped. */
  readonly overlong: number;
  readonly byFormat: Readonly<Record<LogFormat, number>>;
}

export interface LogAnalysis {
  readonly counts: LogReadCounts;
  /** One line each: what was skipped or assumed, with file and line numbers. */
  readonly messages: readonly string[];
  readonly patterns: readonly LogPattern[];
  /** Patterns beyond the listing cap (still counted in `summary`). */
  readonly patternsNotListed: number;
  /**
   * The same per kind. The listing shares its slots fairly between kinds (the most frequent
   * groups of each), so a busy kind never pushes a rarer one out of the list.
   */
  readonly patternsNotListedByKind: Readonly<Partial<Record<LogPatternKind, number>>>;
  readonly summary: readonly PatternSummary[];
  readonly timeline: readonly ClientTimeline[];
  readonly timelineClientsNotShown: number;
  /** Groups (client + URL + user agent) beyond the tracking cap, and their lines. */
  readonly untracked: { readonly groups: number; readonly lines: number };
  /** True when any request in the logs was challenged or authenticated. */
  readonly windowsAuthSeen: boolean;
  readonly findings: readonly Finding[];
  readonly evidence: readonly Evidence[];
}

export interface LogAnalyzerLimits {
  /** Longest line kept; longer lines are skipped and reported. */
  readonly maxLineBytes: number;
  readonly maxGroups: number;
  /**
   * Groups kept in detail; beyond this, a group whose sign-ins are all normal is counted in
   * the summary and dropped (problem groups are always kept, up to maxGroups).
   */
  readonly maxDetailedGroups: number;
  readonly maxListedPatterns: number;
  readonly maxTimelineClients: number;
  readonly maxAttemptsPerClient: number;
  readonly maxStepsPerAttempt: number;
  readonly maxMessages: number;
  /** Seconds of silence after which an open attempt counts as abandoned. */
  readonly attemptGapSeconds: number;
}

export const defaultLogAnalyzerLimits: LogAnalyzerLimits = {
  maxLineBytes: 64 * 1024,
  maxGroups: 100_000,
  maxDetailedGroups: 5_000,
  maxListedPatterns: 2_000,
  maxTimelineClients: 200,
  maxAttemptsPerClient: 20,
  maxStepsPerAttempt: 12,
  maxMessages: 50,
  attemptGapSeconds: 600,
};
