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
import type { HarExchange } from '../har/har-exchange.js';
import type { HarIssueKind } from '../har/har-issues.js';
import type { LogAnalysis } from '../logs/log-analysis.js';
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

/** HAR exchange kinds: the issue kinds, and what a clean exchange ended as. */
export const harPatternDescriptions: Readonly<
  Record<
    HarIssueKind | 'normal-kerberos' | 'normal-ntlm' | 'normal-unknown' | 'rejected' | 'unfinished',
    string
  >
> = {
  'normal-kerberos': 'Normal Kerberos sign-in: 401 with Negotiate, a ticket, then success',
  'normal-ntlm': 'Normal NTLM sign-in: 401, NTLM negotiate, challenge, answer, then success',
  'normal-unknown': 'Sign-in that succeeded; the HAR does not show with which method',
  rejected: 'Credentials were sent and refused',
  unfinished: 'A sign-in challenge the browser never answered',
  'ntlm-not-kerberos': 'NTLM used where the server offered Negotiate (Kerberos was possible)',
  'ntlm-only-offered': 'The server offered NTLM only, never Negotiate',
  'preauth-rejected': 'The first request was pre-authenticated and refused (KB 2749007)',
  'repeated-prompts': 'Credentials refused again and again: the prompts repeat',
  'ntlm-legs-split': 'NTLM messages of one sign-in on different connections (§7.5)',
  'large-token-400': '400 Bad Request on a request with a large sign-in header (§7.2)',
  'channel-bindings-absent': 'Over HTTPS, the NTLM answer carried no channel bindings (§7.4)',
  'channel-bindings-present': 'Over HTTPS, the NTLM answer carried channel bindings (§7.4)',
  'proxy-auth': 'A proxy asked for sign-in (407)',
  'tokens-removed': 'Sign-in headers removed from the HAR (sanitized): some facts cannot be known',
};

type HarPatternKind = keyof typeof harPatternDescriptions;

/** Issue kinds that describe an exchange without saying it went wrong. */
const informational: ReadonlySet<string> = new Set([
  'proxy-auth',
  'tokens-removed',
  'channel-bindings-present',
]);
const normalKinds: ReadonlySet<string> = new Set(['normal-kerberos', 'normal-ntlm', 'normal-unknown']);

function outcomeKind(exchange: HarExchange): HarPatternKind {
  if (exchange.outcome === 'success')
    return exchange.mechanism === 'kerberos'
      ? 'normal-kerberos'
      : exchange.mechanism === 'ntlm'
        ? 'normal-ntlm'
        : 'normal-unknown';
  return exchange.outcome === 'unfinished' ? 'unfinished' : 'rejected';
}

/** Kinds one exchange shows: its problem issues, or else its outcome, plus informational issues. */
export function harExchangeKinds(har: HarAnalysis, exchange: HarExchange): HarPatternKind[] {
  const issues = har.issues.filter((issue) => issue.exchange === exchange.id).map((issue) => issue.kind);
  const problems = issues.filter((kind) => !informational.has(kind));
  const info = issues.filter((kind) => informational.has(kind));
  return [...(problems.length > 0 ? problems : [outcomeKind(exchange)]), ...info];
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
    for (const exchange of har.exchanges)
      for (const kind of harExchangeKinds(har, exchange)) add(kind, har.file, exchange.url, 1, []);
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
    problem: !normalKinds.has(entry.kind),
  }));
  const harRows = new Map<HarPatternKind, { exchanges: number; evidence: Set<string> }>();
  for (const har of hars) {
    const evidenceByIssue = new Map<string, string[]>();
    for (const item of har.evidence) {
      if (!isEvidenceOf(item, 'har-exchange')) continue;
      const key = `${item.facts.issue?.kind ?? 'normal'} ${item.facts.exchange.id}`;
      evidenceByIssue.set(key, [...(evidenceByIssue.get(key) ?? []), item.id]);
    }
    for (const exchange of har.exchanges) {
      for (const kind of harExchangeKinds(har, exchange)) {
        const row = harRows.get(kind) ?? { exchanges: 0, evidence: new Set<string>() };
        row.exchanges++;
        for (const id of evidenceByIssue.get(`${normalKinds.has(kind) ? 'normal' : kind} ${exchange.id}`) ??
          [])
          row.evidence.add(id);
        harRows.set(kind, row);
      }
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
      problem: !normalKinds.has(kind) && !informational.has(kind),
    });
  }
  return rows;
}
