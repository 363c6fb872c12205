/**
 * Turns what the streaming analyzer accumulated into the `LogAnalysis` document: patterns
 * (problems first), a summary by kind, timelines with UTC times, findings and evidence.
 */
import {
  logPatternDescriptions,
  logPatternKinds,
  promptLoopMinimum,
  type LogPatternKind,
} from './auth-pattern.js';
import type { LogFormat } from './field-layout.js';
import { logFindings } from './log-findings.js';
import type {
  ClientTimeline,
  LogAnalysis,
  LogAnalyzerLimits,
  LogPattern,
  LogReadCounts,
  PatternSummary,
} from './log-analysis.js';
import { describeWin32Status } from './win32-status.js';

export interface PatternSnapshot {
  readonly kind: LogPatternKind;
  readonly count: number;
  readonly lines: number;
  readonly resolved: number;
  readonly inferred: number;
  readonly codes: readonly number[];
  readonly firstEpoch: number;
  readonly lastEpoch: number;
  readonly exampleLines: readonly string[];
}

export interface GroupSnapshot {
  /** Decoded when read: only listed and sampled patterns need their texts. */
  readonly client: string;
  /** The client is the server itself (127.0.0.1, ::1 or the server's address): loopback check, §7.1. */
  readonly loopback: boolean;
  readonly url: string;
  readonly userAgent: string;
  readonly serverIp: string;
  readonly serverPort: string;
  readonly format: LogFormat;
  readonly patterns: readonly PatternSnapshot[];
  readonly anonymousOnly: {
    readonly count: number;
    readonly firstEpoch: number;
    readonly lastEpoch: number;
    readonly exampleLine: string;
  } | null;
}

export interface TimelineSnapshot {
  readonly epoch: number;
  readonly url: string;
  readonly kind: LogPatternKind;
  readonly steps: readonly {
    readonly epoch: number;
    readonly status: number;
    readonly substatus: number;
    readonly win32: number;
    readonly username: string;
  }[];
  readonly stepsOmitted: number;
}

export interface AnalyzerState {
  readonly limits: LogAnalyzerLimits;
  readonly counts: LogReadCounts;
  readonly messages: readonly string[];
  readonly groups: readonly GroupSnapshot[];
  /** Normal sign-ins counted without their groups (beyond the detailed cap). */
  readonly normalAggregates: readonly {
    readonly kind: LogPatternKind;
    readonly groups: number;
    readonly occurrences: number;
    readonly inferred: number;
    readonly codes: readonly number[];
  }[];
  readonly timelines: readonly {
    readonly client: string;
    readonly attempts: readonly TimelineSnapshot[];
    readonly omitted: number;
    readonly problems: number;
  }[];
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

/** One pattern of one group before its strings are decoded. */
interface PatternRef {
  readonly group: GroupSnapshot;
  readonly kind: LogPatternKind;
  readonly count: number;
  readonly problem: boolean;
  /** Problems first, then the catalog order of kinds: one number to sort by. */
  readonly rank: number;
  readonly pattern: PatternSnapshot | null;
}

/** Patterns materialized per kind for the findings' examples (the summary counts them all). */
const examplesForFindings = 50;

/**
 * Which patterns the listing shows when there are more than `slots`: the slots are shared
 * fairly between kinds (each kind gets an equal share, a kind with fewer patterns gives its
 * unused share to the others), and within a kind the most frequent groups come first. A
 * busy server's thousands of prompt loops therefore never push its few SEC_E_TIME_SKEW
 * groups out of the list. `refs` comes sorted by kind rank, then count; so does the result.
 */
function fairListing(
  refs: readonly PatternRef[],
  slots: number,
): { listed: PatternRef[]; notListed: Map<LogPatternKind, number> } {
  const byKind = new Map<LogPatternKind, PatternRef[]>();
  for (const ref of refs) {
    let list = byKind.get(ref.kind);
    if (!list) byKind.set(ref.kind, (list = []));
    list.push(ref);
  }
  const quota = new Map<LogPatternKind, number>();
  let left = Math.max(0, slots);
  // Smallest kinds first: each takes what it has, up to an equal share of what is left. The
  // largest kind comes last and takes all that is left, so no slot stays unused while a kind
  // has patterns not listed (when it cannot fill them, every kind is listed in full).
  const bySize = [...byKind].sort((a, b) => a[1].length - b[1].length);
  bySize.forEach(([kind, list], index) => {
    const share = Math.floor(left / (bySize.length - index));
    const take = Math.min(list.length, share);
    quota.set(kind, take);
    left -= take;
  });
  const listed: PatternRef[] = [];
  const notListed = new Map<LogPatternKind, number>();
  for (const [kind, list] of byKind) {
    const take = quota.get(kind)!;
    for (let index = 0; index < take; index++) listed.push(list[index]!);
    if (list.length > take) notListed.set(kind, list.length - take);
  }
  return { listed, notListed };
}

export function buildLogAnalysis(state: AnalyzerState): LogAnalysis {
  const kindOrder = new Map(logPatternKinds.map((kind, index) => [kind, index]));
  const rankOf = (kind: LogPatternKind): number => (isProblemKind(kind) ? 0 : 100) + kindOrder.get(kind)!;
  const refs: PatternRef[] = [];
  for (const group of state.groups) {
    for (const pattern of group.patterns)
      refs.push({
        group,
        kind: pattern.kind,
        count: pattern.count,
        problem: isProblemKind(pattern.kind),
        rank: rankOf(pattern.kind),
        pattern,
      });
    // Anonymous success only means something where the server also asks for Windows sign-in.
    if (group.anonymousOnly && state.windowsAuthSeen)
      refs.push({
        group,
        kind: 'anonymous-only',
        count: group.anonymousOnly.count,
        problem: true,
        rank: rankOf('anonymous-only'),
        pattern: null,
      });
  }
  refs.sort((a, b) => a.rank - b.rank || b.count - a.count);

  const summaryByKind = new Map<LogPatternKind, { groups: number; occurrences: number; inferred: number }>();
  for (const ref of refs) {
    const entry = summaryByKind.get(ref.kind) ?? { groups: 0, occurrences: 0, inferred: 0 };
    entry.groups++;
    entry.occurrences += ref.count;
    entry.inferred += ref.pattern?.inferred ?? 0;
    summaryByKind.set(ref.kind, entry);
  }
  for (const aggregate of state.normalAggregates) {
    const entry = summaryByKind.get(aggregate.kind) ?? { groups: 0, occurrences: 0, inferred: 0 };
    entry.groups += aggregate.groups;
    entry.occurrences += aggregate.occurrences;
    entry.inferred += aggregate.inferred;
    summaryByKind.set(aggregate.kind, entry);
  }
  const summary: PatternSummary[] = logPatternKinds
    .filter((kind) => summaryByKind.has(kind))
    .map((kind) => ({ kind, description: logPatternDescriptions[kind], ...summaryByKind.get(kind)! }));

  // Strings and times are made only for listed patterns, every problem pattern, and a sample of normal ones.
  const materialized = new Map<PatternRef, LogPattern>();
  const materialize = (ref: PatternRef): LogPattern => {
    const known = materialized.get(ref);
    if (known) return known;
    const group = ref.group;
    const base = {
      client: group.client,
      url: group.url,
      userAgent: group.userAgent,
      source: group.format,
      serverIp: group.serverIp,
      serverPort: group.serverPort,
    };
    const anonymous = group.anonymousOnly;
    const pattern: LogPattern =
      ref.pattern || !anonymous
        ? {
            ...base,
            kind: ref.kind,
            count: ref.pattern?.count ?? 0,
            lines: ref.pattern?.lines ?? 0,
            resolved: ref.pattern?.resolved ?? 0,
            inferred: ref.pattern?.inferred ?? 0,
            win32: [...(ref.pattern?.codes ?? [])].sort((a, b) => a - b).map(describeWin32Status),
            firstSeen: isoTime(ref.pattern?.firstEpoch ?? Number.NaN),
            lastSeen: isoTime(ref.pattern?.lastEpoch ?? Number.NaN),
            exampleLines: ref.pattern?.exampleLines ?? [],
          }
        : {
            ...base,
            kind: 'anonymous-only',
            count: anonymous.count,
            lines: anonymous.count,
            resolved: anonymous.count,
            inferred: 0,
            win32: [],
            firstSeen: isoTime(anonymous.firstEpoch),
            lastSeen: isoTime(anonymous.lastEpoch),
            exampleLines: [anonymous.exampleLine],
          };
    materialized.set(ref, pattern);
    return pattern;
  };
  const { listed: listedRefs, notListed } = fairListing(refs, state.limits.maxListedPatterns);
  const listed = listedRefs.map(materialize);
  // Normal sign-ins folded into counts (beyond the detailed cap) are groups not listed either.
  for (const aggregate of state.normalAggregates)
    if (aggregate.groups > 0)
      notListed.set(aggregate.kind, (notListed.get(aggregate.kind) ?? 0) + aggregate.groups);
  const patternsNotListedByKind: Partial<Record<LogPatternKind, number>> = {};
  for (const kind of logPatternKinds) {
    const count = notListed.get(kind) ?? 0;
    if (count > 0) patternsNotListedByKind[kind] = count;
  }
  // The findings get a sample per kind that keeps what they look for (see logFindings).
  const sampled = new Map<
    LogPatternKind,
    { seen: number; codes: Set<number>; https: boolean; repeated: boolean; quoted: number }
  >();
  const forFindings = refs.flatMap((ref) => {
    const sample = sampled.get(ref.kind) ?? {
      seen: 0,
      codes: new Set<number>(),
      https: false,
      repeated: false,
      quoted: 0,
    };
    sampled.set(ref.kind, sample);
    const codes = ref.pattern?.codes ?? [];
    const newCode = codes.some((code) => !sample.codes.has(code));
    const https = !sample.https && ref.group.serverPort === '443';
    const repeated = !sample.repeated && (ref.pattern?.lines ?? 0) >= promptLoopMinimum;
    // Example lines are kept for a kind's first groups only (log-analyzer.ts): the sample
    // takes two that have them, wherever they rank, so the evidence can quote the log.
    const quotes = sample.quoted < 2 && (ref.pattern?.exampleLines.length ?? 0) > 0;
    const keep =
      sample.seen < examplesForFindings ||
      quotes ||
      newCode ||
      https ||
      repeated ||
      (ref.problem && ref.group.loopback);
    if (!keep) return [];
    sample.seen++;
    for (const code of codes) sample.codes.add(code);
    sample.https ||= ref.group.serverPort === '443';
    sample.repeated ||= (ref.pattern?.lines ?? 0) >= promptLoopMinimum;
    if ((ref.pattern?.exampleLines.length ?? 0) > 0) sample.quoted++;
    return [materialize(ref)];
  });

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
          steps: attempt.steps.map((step) => ({
            time: isoTime(step.epoch),
            status: step.status,
            substatus: step.substatus,
            win32: step.win32,
            username: step.username,
          })),
        })),
    }));

  const { findings, evidence } = logFindings(forFindings, summary, state.windowsAuthSeen);
  const messages = [...state.messages];
  if (state.untracked.lines > 0) {
    messages.push(
      `${state.untracked.groups} more client + URL + user agent groups not tracked (${state.untracked.lines} lines) beyond the limit of ${state.limits.maxGroups}`,
    );
  }
  if (!state.windowsAuthSeen && state.counts.records > 0)
    messages.push(
      'no request in these logs was challenged (401) or authenticated: Windows authentication is not in use here',
    );
  return {
    counts: state.counts,
    messages,
    patterns: listed,
    patternsNotListed: [...notListed.values()].reduce((sum, count) => sum + count, 0),
    patternsNotListedByKind,
    summary,
    timeline,
    timelineClientsNotShown: state.timelineClientsNotShown,
    untracked: state.untracked,
    windowsAuthSeen: state.windowsAuthSeen,
    findings,
    evidence,
  };
}
