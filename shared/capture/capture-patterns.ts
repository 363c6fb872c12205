/**
 * The two views every capture analysis ends in: patterns per client and URL (what
 * `iwa-doctor analyze --json` prints) and a summary table by pattern with the cause ids it
 * supports. Log patterns are those of reference §5.2; a HAR contributes its exchanges, with
 * the HAR file standing for the client (a HAR has no client address).
 */
import { isEvidenceOf } from '../model/evidence.js';
import type { Confidence, Finding } from '../model/finding.js';
import type { CauseId } from '../causes/cause-catalog.js';
import type { HarAnalysis } from '../har/har-analysis.js';
import {
  harExchangeKinds,
  harPatternDescriptions,
  informationalHarKinds,
  issuesByExchange,
  normalHarKinds,
  type HarPatternKind,
} from '../har/har-pattern-kinds.js';
import type { LogAnalysis } from '../logs/log-analysis.js';
import { isProblemKind } from '../logs/log-report.js';
import type { Win32StatusInfo } from '../logs/win32-status.js';

export interface CapturePattern {
  readonly kind: string;
  readonly client: string;
  readonly url: string;
  readonly count: number;
  readonly win32: readonly Win32StatusInfo[];
}

export interface CaptureSummaryRow {
  readonly kind: string;
  readonly source: 'log' | 'har';
  readonly description: string;
  /** Distinct client + URL pairs (log) or exchanges (HAR). */
  readonly groups: number;
  readonly occurrences: number;
  /** Causes the findings tie to this pattern; `possible` reads "consistent with". */
  readonly causes: readonly { readonly cause: CauseId; readonly confidence: Confidence }[];
  readonly problem: boolean;
}

export function capturePatterns(logs: LogAnalysis | null, hars: readonly HarAnalysis[]): CapturePattern[] {
  const merged = new Map<
    string,
    { kind: string; client: string; url: string; count: number; win32: Map<number, Win32StatusInfo> }
  >();
  const add = (
    kind: string,
    client: string,
    url: string,
    count: number,
    win32: readonly Win32StatusInfo[],
  ): void => {
    // The JSON has no user agent: groups that differ only by it are added together.
    const key = `${kind}\u0000${client}\u0000${url}`;
    let entry = merged.get(key);
    if (!entry) {
      entry = { kind, client, url, count: 0, win32: new Map() };
      merged.set(key, entry);
    }
    entry.count += count;
    for (const info of win32) entry.win32.set(info.code, info);
  };
  for (const pattern of logs?.patterns ?? [])
    add(pattern.kind, pattern.client, pattern.url, pattern.count, pattern.win32);
  for (const har of hars) {
    const issues = issuesByExchange(har.issues);
    for (const exchange of har.exchanges)
      for (const kind of harExchangeKinds(exchange, issues.get(exchange.id)))
        add(kind, har.file, exchange.url, 1, []);
  }
  return [...merged.values()].map((entry) => ({
    kind: entry.kind,
    client: entry.client,
    url: entry.url,
    count: entry.count,
    win32: [...entry.win32.values()].sort((a, b) => a.code - b.code),
  }));
}

export function captureSummary(
  logs: LogAnalysis | null,
  hars: readonly HarAnalysis[],
  findings: readonly Finding[],
): CaptureSummaryRow[] {
  const causesOf = (evidenceIds: ReadonlySet<string>): CaptureSummaryRow['causes'] => {
    const causes = new Map<CauseId, Confidence>();
    for (const finding of findings)
      if (finding.evidence.some((id) => evidenceIds.has(id))) causes.set(finding.cause, finding.confidence);
    return [...causes].map(([cause, confidence]) => ({ cause, confidence }));
  };
  const rows: CaptureSummaryRow[] = (logs?.summary ?? []).map((entry) => ({
    kind: entry.kind,
    source: 'log' as const,
    description: entry.description,
    groups: entry.groups,
    occurrences: entry.occurrences,
    causes: causesOf(new Set([`log-pattern-${entry.kind}`])),
    problem: isProblemKind(entry.kind),
  }));
  const harRows = new Map<HarPatternKind, { exchanges: number; evidence: Set<string> }>();
  for (const har of hars) {
    const evidenceByIssue = new Map<string, string[]>();
    for (const item of har.evidence) {
      if (!isEvidenceOf(item, 'har-exchange')) continue;
      const key = `${item.facts.issue?.kind ?? 'normal'} ${item.facts.exchange.id}`;
      evidenceByIssue.set(key, [...(evidenceByIssue.get(key) ?? []), item.id]);
    }
    const issues = issuesByExchange(har.issues);
    for (const exchange of har.exchanges) {
      for (const kind of harExchangeKinds(exchange, issues.get(exchange.id))) {
        const row = harRows.get(kind) ?? { exchanges: 0, evidence: new Set<string>() };
        row.exchanges++;
        for (const id of evidenceByIssue.get(
          `${normalHarKinds.has(kind) ? 'normal' : kind} ${exchange.id}`,
        ) ?? [])
          row.evidence.add(id);
        harRows.set(kind, row);
      }
    }
    // Exchanges beyond the listing cap still count in the table.
    for (const [kind, count] of Object.entries(har.exchangesNotListedByKind)) {
      const row = harRows.get(kind as HarPatternKind) ?? { exchanges: 0, evidence: new Set<string>() };
      row.exchanges += count;
      harRows.set(kind as HarPatternKind, row);
    }
  }
  for (const kind of Object.keys(harPatternDescriptions) as HarPatternKind[]) {
    const row = harRows.get(kind);
    if (!row) continue;
    rows.push({
      kind,
      source: 'har',
      description: harPatternDescriptions[kind],
      groups: row.exchanges,
      occurrences: row.exchanges,
      causes: causesOf(row.evidence),
      problem: !normalHarKinds.has(kind) && !informationalHarKinds.has(kind),
    });
  }
  return rows;
}
