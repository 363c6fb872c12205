/**
 * Turns what the streaming analyzer accumulated into the `LogAnalysis` document: patterns
 * (problems first), a summary by kind, timelines with UTC times, findings and evidence.
 */
import { logPatternDescriptions, logPatternKinds, type LogPatternKind } from './auth-pattern.js';
import type { LogFormat } from './field-layout.js';
import { logFindings } from './log-findings.js';
import type { ClientTimeline, LogAnalysis, LogAnalyzerLimits, LogPattern, LogReadCounts, PatternSummary } from './log-analysis.js';
import { describeWin32Status } from './win32-status.js';

export interface PatternSnapshot {
  readonly kind: LogPatternKind;
  readonly count: number;
  readonly lines: number;
  readonly resolved: number;
  readonly codes: readonly number[];
  readonly firstEpoch: number;
  readonly lastEpoch: number;
  readonly exampleLines: readonly string[];
}

export interface GroupSnapshot {
  readonly client: string;
  readonly url: string;
  readonly userAgent: string;
  readonly serverIp: string;
  readonly serverPort: string;
  readonly format: LogFormat;
  readonly patterns: readonly PatternSnapshot[];
  readonly anonymousOnly: { readonly count: number; readonly firstEpoch: number; readonly lastEpoch: number; readonly exampleLine: string } | null;
}

export interface TimelineSnapshot {
  readonly epoch: number;
  readonly url: string;
  readonly kind: LogPatternKind;
  readonly steps: readonly { readonly epoch: number; readonly status: number; readonly substatus: number; readonly win32: number; readonly username: string }[];
  readonly stepsOmitted: number;
}

export interface AnalyzerState {
  readonly limits: LogAnalyzerLimits;
  readonly counts: LogReadCounts;
  readonly messages: readonly string[];
  readonly groups: readonly GroupSnapshot[];
  readonly timelines: readonly { readonly client: string; readonly attempts: readonly TimelineSnapshot[]; readonly omitted: number; readonly problems: number }[];
  readonly timelineClientsNotShown: number;
  readonly untracked: { readonly groups: number; readonly lines: number };
  readonly windowsAuthSeen: boolean;
}

/** UTC ISO 8601 of epoch seconds; empty when the log line had no readable time. */
export function isoTime(epoch: number): string {
  return Number.isFinite(epoch) ? new Date(epoch * 1000).toISOString().replace('.000Z', 'Z') : '';
}

const normalKinds: ReadonlySet<LogPatternKind> = new Set(['normal-kerberos', 'normal-ntlm']);

export function isProblemKind(kind: LogPatternKind): boolean {
  return !normalKinds.has(kind);
}

export function buildLogAnalysis(state: AnalyzerState): LogAnalysis {
  const all: LogPattern[] = [];
  for (const group of state.groups) {
    const base = { client: group.client, url: group.url, userAgent: group.userAgent, source: group.format, serverIp: group.serverIp, serverPort: group.serverPort };
    for (const pattern of group.patterns) {
      all.push({
        ...base,
        kind: pattern.kind,
        count: pattern.count,
        lines: pattern.lines,
        resolved: pattern.resolved,
        win32: [...pattern.codes].sort((a, b) => a - b).map(describeWin32Status),
        firstSeen: isoTime(pattern.firstEpoch),
        lastSeen: isoTime(pattern.lastEpoch),
        exampleLines: pattern.exampleLines,
      });
    }
    // Anonymous success only means something where the server also asks for Windows sign-in.
    if (group.anonymousOnly && state.windowsAuthSeen) {
      all.push({
        ...base,
        kind: 'anonymous-only',
        count: group.anonymousOnly.count,
        lines: group.anonymousOnly.count,
        resolved: group.anonymousOnly.count,
        win32: [],
        firstSeen: isoTime(group.anonymousOnly.firstEpoch),
        lastSeen: isoTime(group.anonymousOnly.lastEpoch),
        exampleLines: [group.anonymousOnly.exampleLine],
      });
    }
  }
  const kindOrder = new Map(logPatternKinds.map((kind, index) => [kind, index]));
  all.sort((a, b) => Number(isProblemKind(b.kind)) - Number(isProblemKind(a.kind)) || kindOrder.get(a.kind)! - kindOrder.get(b.kind)! || b.count - a.count);

  const summaryByKind = new Map<LogPatternKind, { groups: number; occurrences: number }>();
  for (const pattern of all) {
    const entry = summaryByKind.get(pattern.kind) ?? { groups: 0, occurrences: 0 };
    entry.groups++;
    entry.occurrences += pattern.count;
    summaryByKind.set(pattern.kind, entry);
  }
  const summary: PatternSummary[] = logPatternKinds
    .filter((kind) => summaryByKind.has(kind))
    .map((kind) => ({ kind, description: logPatternDescriptions[kind], ...summaryByKind.get(kind)! }));

  const timeline: ClientTimeline[] = [...state.timelines]
    .sort((a, b) => b.problems - a.problems || a.client.localeCompare(b.client))
    .map((entry) => ({
      client: entry.client,
      problems: entry.problems,
      attemptsOmitted: entry.omitted,
      attempts: [...entry.attempts]
        .sort((a, b) => a.epoch - b.epoch)
        .map((attempt) => ({
          time: isoTime(attempt.epoch),
          url: attempt.url,
          kind: attempt.kind,
          stepsOmitted: attempt.stepsOmitted,
          steps: attempt.steps.map((step) => ({ time: isoTime(step.epoch), status: step.status, substatus: step.substatus, win32: step.win32, username: step.username })),
        })),
    }));

  const { findings, evidence } = logFindings(all, summary, state.windowsAuthSeen);
  const messages = [...state.messages];
  if (state.untracked.lines > 0) {
    messages.push(`${state.untracked.groups} more client + URL + user agent groups not tracked (${state.untracked.lines} lines) beyond the limit of ${state.limits.maxGroups}`);
  }
  if (!state.windowsAuthSeen && state.counts.records > 0) messages.push('no request in these logs was challenged (401) or authenticated: Windows authentication is not in use here');
  return {
    counts: state.counts,
    messages,
    patterns: all.slice(0, state.limits.maxListedPatterns),
    patternsNotListed: Math.max(0, all.length - state.limits.maxListedPatterns),
    summary,
    timeline,
    timelineClientsNotShown: state.timelineClientsNotShown,
    untracked: state.untracked,
    windowsAuthSeen: state.windowsAuthSeen,
    findings,
    evidence,
  };
}
