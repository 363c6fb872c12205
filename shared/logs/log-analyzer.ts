/**
 * Streaming analyzer for IIS W3C logs (`u_ex*.log`) and HTTP.sys error logs (`httperr*.log`).
 * The same code runs in the CLI (Node file streams) and in the renderer (a dropped File's
 * stream): it takes chunks, never a path, and keeps bounded memory whatever the input size.
 *
 * Hot path: each line is a view into the chunk; columns are found by one pass over its
 * bytes, numbers are read from the bytes, and strings are only decoded for a group seen
 * for the first time or for a line that becomes an example.
 */
import {
  classifyAttempt,
  classifyStatusSequence,
  promptLoopMinimum,
  type LogPatternKind,
} from './auth-pattern.js';
import {
  assumedW3cLayout,
  fieldText,
  parseFieldsDirective,
  type FieldLayout,
  type LogFormat,
} from './field-layout.js';
import { createLineSplitter, type LineSplitter } from './line-splitter.js';
import {
  buildLogAnalysis,
  isProblemKind,
  type GroupSnapshot,
  type PatternSnapshot,
  type TimelineSnapshot,
} from './log-report.js';
import {
  defaultLogAnalyzerLimits,
  type LogAnalysis,
  type LogAnalyzerLimits,
  type LogStep,
} from './log-analysis.js';
import { win32 } from './win32-status.js';

export interface LogAnalyzer {
  /** Starts a new file: its `#Fields` layout and line numbers are its own; groups carry over. */
  beginFile(name: string): void;
  push(chunk: Uint8Array | string): void;
  endFile(): void;
  /** Closes every open attempt and returns the analysis. */
  finish(): LogAnalysis;
  /** Bytes received so far (for progress). */
  readonly bytes: number;
}

const space = 32;
const hash = 35;
const dash = 45;
const maxColumns = 64;
const maxExampleLines = 4;
/** Groups per kind whose example lines are kept (log-findings quotes 8 lines per kind). */
const examplesKeptPerKind = 20;
const maxUntrackedRemembered = 100_000;
/** Shared empty lists: an attempt gets its own only when it has something to keep (copy on first push). */
const noLines: string[] = [];
const noSteps: PendingStep[] = [];
const sweepEvery = 65_536;
const maxNormalGroupsRemembered = 1_000_000;

interface PendingStep {
  epoch: number;
  status: number;
  substatus: number;
  win32: number;
  username: string;
}

interface Attempt {
  firstEpoch: number;
  lastEpoch: number;
  challenges: number;
  continuations: number;
  failures: number;
  /** 401 lines whose step cannot be told (no sub-status and no win32 code logged). */
  ambiguous: number;
  failureCodes: number[];
  codes: number[];
  startedPreauthenticated: boolean;
  challengedAfterPreauth: boolean;
  /** False when this client cannot get a timeline (all its slots hold clients with problems). */
  readonly keepsSteps: boolean;
  steps: PendingStep[];
  stepsOmitted: number;
  exampleLines: string[];
}

interface PatternRecord {
  readonly kind: LogPatternKind;
  count: number;
  lines: number;
  resolved: number;
  inferred: number;
  /** Distinct codes: a handful at most, so an array beats a Set in memory. */
  readonly codes: number[];
  firstEpoch: number;
  lastEpoch: number;
  exampleLines: string[];
}

interface Group {
  /** Client, URL and user agent bytes joined by spaces; decoded only when the analysis is built. */
  /** Raw bytes as a one-byte string (char code = byte): GC-managed, compact, no ArrayBuffer. */
  readonly key: string;
  readonly clientLength: number;
  readonly urlLength: number;
  readonly hash: number;
  next: Group | null;
  /** The next group with an attempt open under the same hash (see openByHash). */
  nextOpen: Group | null;
  /** FNV-1a of the client address bytes: the timeline's key, no string needed. */
  readonly clientHash: number;
  readonly serverIp: string;
  readonly serverPort: string;
  readonly format: LogFormat;
  attempt: Attempt | null;
  /** One record per kind seen; an array, since a group shows one or two kinds. */
  readonly patterns: PatternRecord[];
}

/**
 * Per URL: was it ever challenged or signed in to, and its anonymous successes. Anonymous-only
 * is a property of a URL (anonymous authentication enabled for that application, §7.8), so it
 * is tracked here rather than per client, which also keeps plain page views off the groups.
 */
interface UrlRecord {
  /** Raw bytes as a one-byte string (char code = byte): GC-managed, compact, no ArrayBuffer. */
  readonly key: string;
  readonly hash: number;
  next: UrlRecord | null;
  signIn: boolean;
  anonymousSuccesses: number;
  anonymousFirstEpoch: number;
  anonymousLastEpoch: number;
  anonymousExample: string | null;
  anonymousClient: string;
  anonymousAgent: string;
  readonly serverIp: string;
  readonly serverPort: string;
}

interface ClientTimelineState {
  readonly client: string;
  attempts: TimelineSnapshot[];
  omitted: number;
  problems: number;
}

function startsWithByteOrderMark(bytes: Uint8Array, start: number, end: number): boolean {
  return end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf;
}

export function createLogAnalyzer(overrides: Partial<LogAnalyzerLimits> = {}): LogAnalyzer {
  const limits: LogAnalyzerLimits = { ...defaultLogAnalyzerLimits, ...overrides };
  const decoder = new TextDecoder('utf-8');
  const columns = new Int32Array(maxColumns + 1);
  /** A group key is at most one line long (client, URL and agent are parts of it). */
  const scratch = new Uint8Array(limits.maxLineBytes + 2);

  const counts = {
    files: 0,
    bytes: 0,
    lines: 0,
    records: 0,
    directives: 0,
    blank: 0,
    wrongFieldCount: 0,
    malformed: 0,
    binary: 0,
    overlong: 0,
    byFormat: { w3c: 0, httperr: 0 } as Record<LogFormat, number>,
  };
  const messages: string[] = [];
  let messagesDropped = 0;
  const groupsByHash = new Map<number, Group>();
  const groups = new Set<Group>();
  /** Groups with an attempt in progress, for the sweep of abandoned attempts. */
  const openGroups = new Set<Group>();
  /**
   * The same groups by hash. A signed-in page view only matters when it ends an open
   * attempt, and open attempts are a few thousand where groups are up to 100,000: looking
   * them up here keeps the most frequent line of a busy log on a small, cached table.
   */
  const openByHash = new Map<number, Group>();
  /** Normal sign-ins of groups folded away once the detailed cap is reached (see closeAttempt). */
  const normalAggregates = new Map<
    LogPatternKind,
    { groups: number; occurrences: number; inferred: number; codes: number[] }
  >();
  const normalGroupsSeen = new Set<number>();
  let latestEpochOfFile = Number.NEGATIVE_INFINITY;
  let recordsSinceSweep = 0;
  const urlsByHash = new Map<number, UrlRecord>();
  let urlCount = 0;
  let urlsNotTracked = 0;
  /** Server address / port strings by the FNV-1a of their bytes, each compared before use. */
  const interned = new Map<number, string>();
  const examplesKept = new Map<LogPatternKind, number>();
  const untrackedHashes = new Set<number>();
  let untrackedLines = 0;
  let windowsAuthSeen = false;
  let statusColumnsMissingSaid = false;
  /** By client hash (Group.clientHash); each state names its client, compared before use. */
  const timelines = new Map<number, ClientTimelineState>();
  /** Hashes of clients whose timeline is not kept: only their number is reported. */
  const timelineClientsNotShown = new Set<number>();
  /** Hashes of clients with a timeline and no problem attempt yet: the ones a problem client may replace. */
  const normalOnlyClients = new Set<number>();

  // Per-file state.
  let fileName = 'input';
  let fileOpen = false;
  let formatHint: LogFormat | null = null;
  let layout: FieldLayout | null = null;
  let layoutAssumed = false;
  let lineNumber = 0;
  let splitter: LineSplitter | null = null;
  let bytesOfClosedFiles = 0;
  const perFileMessageCounts = new Map<string, number>();

  function message(kind: string, text: string): void {
    // Repeated problems of one kind in one file are counted, not listed one by one.
    const key = `${fileName}\u0000${kind}`;
    const seen = perFileMessageCounts.get(key) ?? 0;
    perFileMessageCounts.set(key, seen + 1);
    if (seen >= 3) return;
    if (messages.length >= limits.maxMessages) {
      messagesDropped++;
      return;
    }
    messages.push(`${fileName}:${lineNumber}: ${text}`);
  }

  function beginFile(name: string): void {
    if (fileOpen) endFile();
    fileName = name;
    fileOpen = true;
    counts.files++;
    formatHint = /httperr/i.test(name) ? 'httperr' : null;
    layout = null;
    layoutAssumed = false;
    lineNumber = 0;
    latestEpochOfFile = Number.NEGATIVE_INFINITY;
    splitter = createLineSplitter(limits.maxLineBytes, {
      line: onLine,
      overlong(length) {
        lineNumber++;
        counts.lines++;
        counts.overlong++;
        message(
          'overlong',
          `line of ${length} bytes is longer than the ${limits.maxLineBytes}-byte limit; skipped (not a log line, or a file without line breaks)`,
        );
      },
    });
  }

  function endFile(): void {
    if (!fileOpen || !splitter) return;
    splitter.end();
    bytesOfClosedFiles += splitter.bytes;
    splitter = null;
    fileOpen = false;
  }

  function onDirective(bytes: Uint8Array, start: number, end: number): void {
    counts.directives++;
    const text = decoder.decode(bytes.subarray(start, Math.min(end, start + 8192)));
    if (text.startsWith('#Software:') && /HTTP API/i.test(text)) formatHint = 'httperr';
    if (text.startsWith('#Fields:')) {
      layout = parseFieldsDirective(text.slice('#Fields:'.length), formatHint);
      layoutAssumed = false;
      if (layout.status < 0)
        message('fields', `#Fields line has no sc-status column; lines under it are skipped`);
      else if (
        layout.format === 'w3c' &&
        (layout.substatus < 0 || layout.win32Status < 0) &&
        !statusColumnsMissingSaid
      ) {
        // Said once: daily files repeat their #Fields block, the consequence is the same.
        statusColumnsMissingSaid = true;
        message('fields', statusColumnsMissingText(layout));
      }
    }
  }

  function onLine(bytes: Uint8Array, lineStart: number, end: number): void {
    lineNumber++;
    counts.lines++;
    // A UTF-8 byte-order mark before the first line (a log saved again by an editor) is not part of it.
    const start =
      lineNumber === 1 && startsWithByteOrderMark(bytes, lineStart, end) ? lineStart + 3 : lineStart;
    if (end <= start) {
      counts.blank++;
      return;
    }
    if (bytes[start] === hash) {
      onDirective(bytes, start, end);
      return;
    }
    // One pass: column starts, and whether the line holds control bytes (binary junk).
    let columnCount = 1;
    let control = false;
    columns[0] = start;
    for (let index = start; index < end; index++) {
      const byte = bytes[index]!;
      if (byte <= space) {
        if (byte === space) {
          if (columnCount < maxColumns) columns[columnCount] = index + 1;
          columnCount++;
        } else if (byte !== 9) control = true;
      }
    }
    if (control) {
      counts.binary++;
      message('binary', 'binary data (control bytes) instead of a log line; skipped');
      return;
    }
    if (columnCount > maxColumns) {
      counts.wrongFieldCount++;
      message('columns', `${columnCount} columns, more than any IIS log has; skipped`);
      return;
    }
    columns[columnCount] = end + 1;
    let current = layout;
    if (!current) {
      current = formatHint === 'httperr' ? null : assumedW3cLayout(columnCount);
      if (current) {
        layout = current;
        layoutAssumed = true;
        message('assumed', current.assumed ?? 'assumed a default layout');
      } else {
        counts.wrongFieldCount++;
        message(
          'nofields',
          `no #Fields line before this record and ${columnCount} columns match no default IIS layout; skipped`,
        );
        return;
      }
    }
    if (columnCount !== current.count) {
      if (layoutAssumed) {
        const other = assumedW3cLayout(columnCount);
        if (other) {
          layout = current = other;
          message('assumed', other.assumed ?? 'assumed a default layout');
        }
      }
      if (columnCount !== current.count) {
        counts.wrongFieldCount++;
        message(
          'columns',
          `${columnCount} columns where the #Fields line names ${current.count}; skipped (truncated or corrupted line)`,
        );
        return;
      }
    }
    const status = readNumber(bytes, current.status);
    if (status < 0) {
      counts.malformed++;
      message('status', 'sc-status is not a number; skipped');
      return;
    }
    counts.records++;
    counts.byFormat[current.format]++;
    if (current.format === 'httperr') onHttpErrRecord(bytes, start, end, current, status);
    else onW3cRecord(bytes, start, end, current, status);
  }

  /** Reads an unsigned decimal column; -1 when absent, empty (`-`) or not digits. */
  function readNumber(bytes: Uint8Array, column: number): number {
    if (column < 0) return -1;
    const from = columns[column]!;
    const to = columns[column + 1]! - 1;
    if (to <= from) return -1;
    let value = 0;
    for (let index = from; index < to; index++) {
      const digit = bytes[index]! - 48;
      if (digit < 0 || digit > 9) return -1;
      value = value * 10 + digit;
    }
    return value;
  }

  function columnText(bytes: Uint8Array, column: number): string {
    if (column < 0) return '';
    const from = columns[column]!;
    const to = columns[column + 1]! - 1;
    return decoder.decode(bytes.subarray(from, to));
  }

  /** UTC seconds from the `date` and `time` columns (§5.3: W3C times are UTC); NaN if unreadable. */
  function readEpoch(bytes: Uint8Array, layoutNow: FieldLayout): number {
    if (layoutNow.date < 0 || layoutNow.time < 0) return Number.NaN;
    const d = columns[layoutNow.date]!;
    const t = columns[layoutNow.time]!;
    if (columns[layoutNow.date + 1]! - 1 - d !== 10 || columns[layoutNow.time + 1]! - 1 - t < 8)
      return Number.NaN;
    const digit = (at: number): number => bytes[at]! - 48;
    const year = digit(d) * 1000 + digit(d + 1) * 100 + digit(d + 2) * 10 + digit(d + 3);
    const month = digit(d + 5) * 10 + digit(d + 6);
    const day = digit(d + 8) * 10 + digit(d + 9);
    const seconds =
      (digit(t) * 10 + digit(t + 1)) * 3600 +
      (digit(t + 3) * 10 + digit(t + 4)) * 60 +
      digit(t + 6) * 10 +
      digit(t + 7);
    if (!(
      year >= 1970 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= 31 &&
      seconds >= 0 &&
      seconds < 86_400 + 60
    ))
      return Number.NaN;
    return daysFromCivil(year, month, day) * 86_400 + seconds;
  }

  function lineText(bytes: Uint8Array, start: number, end: number): string {
    return decoder.decode(bytes.subarray(start, Math.min(end, start + 4096)));
  }

  /**
   * One copy of each server address / port string, however many groups name it, found by
   * its bytes: a new group on a busy server decodes nothing here.
   */
  function internedColumn(bytes: Uint8Array, column: number): string {
    if (column < 0) return '';
    const from = columns[column]!;
    const to = columns[column + 1]! - 1;
    let h = 0x811c9dc5;
    for (let index = from; index < to; index++) h = Math.imul(h ^ bytes[index]!, 16777619);
    h &= 0x3fffffff;
    const known = interned.get(h);
    if (known !== undefined && known.length === to - from && sameBytes(known, bytes, from, to)) return known;
    const text = decoder.decode(bytes.subarray(from, to));
    if (known === undefined && interned.size < 1024 && isAscii(text)) interned.set(h, text);
    return text;
  }

  // Column bounds of the key fields of the current record, set by keyOf().
  let clientFrom = 0;
  let clientTo = 0;
  let urlFrom = 0;
  let urlTo = 0;
  let agentFrom = 0;
  let agentTo = 0;
  let urlHash = 0;
  let pairHash = 0;

  /** FNV-1a of the URL, then of the client seeded with it: one pass over each, no allocation. */
  function keyOf(bytes: Uint8Array, layoutNow: FieldLayout): void {
    clientFrom = layoutNow.clientIp >= 0 ? columns[layoutNow.clientIp]! : 0;
    clientTo = layoutNow.clientIp >= 0 ? columns[layoutNow.clientIp + 1]! - 1 : 0;
    urlFrom = layoutNow.uriStem >= 0 ? columns[layoutNow.uriStem]! : 0;
    urlTo = layoutNow.uriStem >= 0 ? columns[layoutNow.uriStem + 1]! - 1 : 0;
    agentFrom = layoutNow.userAgent >= 0 ? columns[layoutNow.userAgent]! : 0;
    agentTo = layoutNow.userAgent >= 0 ? columns[layoutNow.userAgent + 1]! - 1 : 0;
    let h = 0x811c9dc5 ^ (layoutNow.format === 'httperr' ? 1 : 0);
    for (let index = urlFrom; index < urlTo; index++) h = Math.imul(h ^ bytes[index]!, 16777619);
    // 30 bits: small integers are stored unboxed, which makes the Map lookups per line cheap.
    urlHash = h & 0x3fffffff;
    h = Math.imul(h ^ space, 16777619);
    for (let index = clientFrom; index < clientTo; index++) h = Math.imul(h ^ bytes[index]!, 16777619);
    pairHash = h & 0x3fffffff;
  }

  /** Whether `group` is the group of the current record (keyOf first): same client, URL, user agent and log format. */
  function isCurrentRecordGroup(group: Group, bytes: Uint8Array, layoutNow: FieldLayout): boolean {
    const clientLength = clientTo - clientFrom;
    return (
      group.key.length === clientLength + 1 + (urlTo - urlFrom) + 1 + (agentTo - agentFrom) &&
      group.clientLength === clientLength &&
      group.format === layoutNow.format &&
      sameGroupKey(group.key, bytes, clientFrom, clientTo, urlFrom, urlTo, agentFrom, agentTo)
    );
  }

  /** The group of client + URL + user agent of the current record (keyOf first); null when absent and not created. */
  function groupOf(bytes: Uint8Array, layoutNow: FieldLayout, create: boolean): Group | null {
    const clientLength = clientTo - clientFrom;
    const urlLength = urlTo - urlFrom;
    let candidate = groupsByHash.get(pairHash) ?? null;
    while (candidate) {
      if (isCurrentRecordGroup(candidate, bytes, layoutNow)) return candidate;
      candidate = candidate.next;
    }
    if (!create) return null;
    if (groups.size >= limits.maxGroups) {
      untrackedLines++;
      if (untrackedHashes.size < maxUntrackedRemembered)
        untrackedHashes.add(pairHash ^ Math.imul(agentTo - agentFrom, 31));
      return null;
    }
    const key = groupKey(bytes);
    let clientHash = 0x811c9dc5;
    for (let index = clientFrom; index < clientTo; index++)
      clientHash = Math.imul(clientHash ^ bytes[index]!, 16777619);
    const group: Group = {
      key,
      clientLength,
      urlLength,
      hash: pairHash,
      next: groupsByHash.get(pairHash) ?? null,
      nextOpen: null,
      clientHash: clientHash & 0x3fffffff,
      serverIp: internedColumn(bytes, layoutNow.serverIp),
      serverPort: internedColumn(bytes, layoutNow.serverPort),
      format: layoutNow.format,
      attempt: null,
      patterns: [],
    };
    groupsByHash.set(pairHash, group);
    groups.add(group);
    return group;
  }

  /** The group of the current record (keyOf first) if it has an attempt open; null otherwise. */
  function openGroupOf(bytes: Uint8Array, layoutNow: FieldLayout): Group | null {
    let candidate = openByHash.get(pairHash) ?? null;
    while (candidate) {
      if (isCurrentRecordGroup(candidate, bytes, layoutNow)) return candidate;
      candidate = candidate.nextOpen;
    }
    return null;
  }

  function markOpen(group: Group): void {
    openGroups.add(group);
    group.nextOpen = openByHash.get(group.hash) ?? null;
    openByHash.set(group.hash, group);
  }

  function markClosed(group: Group): void {
    openGroups.delete(group);
    let candidate = openByHash.get(group.hash) ?? null;
    let previous: Group | null = null;
    while (candidate && candidate !== group) {
      previous = candidate;
      candidate = candidate.nextOpen;
    }
    if (candidate) {
      if (previous) previous.nextOpen = group.nextOpen;
      else if (group.nextOpen) openByHash.set(group.hash, group.nextOpen);
      else openByHash.delete(group.hash);
    }
    group.nextOpen = null;
  }

  /**
   * Client, URL and user agent bytes joined by spaces, as a one-byte string (char = byte),
   * made flat in one go: copied into a scratch buffer, then decoded once — for ASCII, the
   * usual case, UTF-8 decoding gives exactly one char per byte.
   */
  function groupKey(bytes: Uint8Array): string {
    let length = 0;
    let any = 0;
    for (let index = clientFrom; index < clientTo; index++) any |= scratch[length++] = bytes[index]!;
    scratch[length++] = space;
    for (let index = urlFrom; index < urlTo; index++) any |= scratch[length++] = bytes[index]!;
    scratch[length++] = space;
    for (let index = agentFrom; index < agentTo; index++) any |= scratch[length++] = bytes[index]!;
    return any < 0x80 ? decoder.decode(scratch.subarray(0, length)) : byteString(scratch, 0, length);
  }

  function bytesKey(bytes: Uint8Array, from: number, to: number): string {
    let any = 0;
    for (let index = from; index < to; index++) any |= bytes[index]!;
    return any < 0x80 ? decoder.decode(bytes.subarray(from, to)) : byteString(bytes, from, to);
  }

  /** The record of the current record's URL (keyOf first); null beyond the cap. */
  function urlOf(bytes: Uint8Array, layoutNow: FieldLayout): UrlRecord | null {
    const urlLength = urlTo - urlFrom;
    let candidate = urlsByHash.get(urlHash) ?? null;
    while (candidate) {
      if (candidate.key.length === urlLength && sameBytes(candidate.key, bytes, urlFrom, urlTo))
        return candidate;
      candidate = candidate.next;
    }
    if (urlCount >= limits.maxGroups) {
      urlsNotTracked++;
      return null;
    }
    urlCount++;
    const urlKey = bytesKey(bytes, urlFrom, urlTo);
    const record: UrlRecord = {
      key: urlKey,
      hash: urlHash,
      next: urlsByHash.get(urlHash) ?? null,
      signIn: false,
      anonymousSuccesses: 0,
      anonymousFirstEpoch: Number.NaN,
      anonymousLastEpoch: Number.NaN,
      anonymousExample: null,
      anonymousClient: '',
      anonymousAgent: '',
      serverIp: internedColumn(bytes, layoutNow.serverIp),
      serverPort: internedColumn(bytes, layoutNow.serverPort),
    };
    urlsByHash.set(urlHash, record);
    return record;
  }

  /**
   * Example lines are kept for the first attempt of a group and for attempts that already
   * failed or repeat; a busy server's thousandth normal sign-in is not copied as text. Once
   * groups are no longer kept in detail (a busy server), a new group's lines are copied only
   * when its attempt already shows a problem: most such attempts are normal and are folded
   * into counts, their copies thrown away.
   */
  function wantsExample(group: Group, attempt: Attempt): boolean {
    if (attempt.exampleLines.length >= maxExampleLines) return false;
    return (
      (group.patterns.length === 0 && groups.size < limits.maxDetailedGroups) ||
      attempt.failures > 0 ||
      attempt.challenges + attempt.continuations + attempt.ambiguous >= promptLoopMinimum
    );
  }

  function onW3cRecord(
    bytes: Uint8Array,
    start: number,
    end: number,
    layoutNow: FieldLayout,
    status: number,
  ): void {
    const userFrom = layoutNow.username >= 0 ? columns[layoutNow.username]! : 0;
    const userTo = layoutNow.username >= 0 ? columns[layoutNow.username + 1]! - 1 : 0;
    const anonymous = userTo <= userFrom || (userTo - userFrom === 1 && bytes[userFrom] === dash);
    const success = status >= 200 && status < 400;
    if (status !== 401 && anonymous && !success) return;
    keyOf(bytes, layoutNow);
    if (status === 401) {
      windowsAuthSeen = true;
      const url = urlOf(bytes, layoutNow);
      if (url) url.signIn = true;
      const group = groupOf(bytes, layoutNow, true);
      if (!group) return;
      const epoch = readEpoch(bytes, layoutNow);
      if (epoch > latestEpochOfFile) latestEpochOfFile = epoch;
      if (++recordsSinceSweep >= sweepEvery) sweepAbandonedAttempts();
      let attempt = group.attempt;
      if (attempt && epoch - attempt.lastEpoch > limits.attemptGapSeconds) {
        closeAttempt(group, false);
        attempt = null;
      }
      const substatus = readNumber(bytes, layoutNow.substatus);
      const code = readNumber(bytes, layoutNow.win32Status);
      if (!attempt) {
        attempt = group.attempt = newAttempt(epoch, group);
        markOpen(group);
      }
      attempt.lastEpoch = epoch;
      // -1: the column is not logged (or empty). Either one alone still tells the step: 401.2
      // is the challenge whatever the code, ERROR_ACCESS_DENIED is logged with it (§5.2).
      if (substatus >= 0 ? substatus === 2 : code === win32.accessDenied) {
        attempt.challenges++;
        if (attempt.startedPreauthenticated) attempt.challengedAfterPreauth = true;
      } else if (code < 0 && (substatus < 0 || substatus === 1)) {
        attempt.ambiguous++;
      } else if (code === win32.noCredentials && (substatus < 0 || substatus === 1)) {
        if (attempt.challenges + attempt.continuations + attempt.failures + attempt.ambiguous === 0)
          attempt.startedPreauthenticated = true;
        attempt.continuations++;
      } else {
        attempt.failures++;
        if (code >= 0 && !attempt.failureCodes.includes(code)) attempt.failureCodes.push(code);
      }
      if (code >= 0 && !attempt.codes.includes(code)) attempt.codes.push(code);
      addStep(
        attempt,
        epoch,
        status,
        substatus,
        code,
        bytes,
        anonymous ? 0 : userFrom,
        anonymous ? 0 : userTo,
        layoutNow,
      );
      if (wantsExample(group, attempt)) keepExample(attempt, bytes, start, end);
      return;
    }
    if (!anonymous) {
      // Signed in: closes this client's open attempt on the URL. Most such lines are page
      // views on an already authenticated connection: no attempt, nothing to allocate.
      windowsAuthSeen = true;
      const url = urlOf(bytes, layoutNow);
      if (url) url.signIn = true;
      const group = openGroupOf(bytes, layoutNow);
      const attempt = group?.attempt;
      if (!group || !attempt) return;
      const epoch = readEpoch(bytes, layoutNow);
      if (epoch - attempt.lastEpoch > limits.attemptGapSeconds) {
        closeAttempt(group, false);
        return;
      }
      addStep(
        attempt,
        epoch,
        status,
        readNumber(bytes, layoutNow.substatus),
        readNumber(bytes, layoutNow.win32Status),
        bytes,
        userFrom,
        userTo,
        layoutNow,
      );
      if (wantsExample(group, attempt)) keepExample(attempt, bytes, start, end);
      attempt.lastEpoch = epoch;
      closeAttempt(group, true);
      return;
    }
    // Anonymous success: counts towards anonymous-only when its URL never asks for sign-in.
    const url = urlOf(bytes, layoutNow);
    if (!url || url.signIn) return;
    const epoch = readEpoch(bytes, layoutNow);
    url.anonymousSuccesses++;
    if (Number.isNaN(url.anonymousFirstEpoch)) url.anonymousFirstEpoch = epoch;
    url.anonymousLastEpoch = epoch;
    if (url.anonymousExample === null) {
      url.anonymousExample = lineText(bytes, start, end);
      url.anonymousClient = decoder.decode(bytes.subarray(clientFrom, clientTo));
      url.anonymousAgent = fieldText(decoder.decode(bytes.subarray(agentFrom, agentTo)), 'w3c');
    }
  }

  function onHttpErrRecord(
    bytes: Uint8Array,
    start: number,
    end: number,
    layoutNow: FieldLayout,
    status: number,
  ): void {
    if (status !== 400 || layoutNow.reason < 0) return;
    const reason = columnText(bytes, layoutNow.reason);
    // §5.3 / §7.2: FieldLength = one header over MaxFieldLength; RequestLength = all headers over MaxRequestBytes.
    if (reason !== 'FieldLength' && reason !== 'RequestLength') return;
    keyOf(bytes, layoutNow);
    const group = groupOf(bytes, layoutNow, true);
    if (!group) return;
    const epoch = readEpoch(bytes, layoutNow);
    recordPattern(group, 'header-too-long', {
      count: 1,
      lines: 1,
      resolved: 0,
      inferred: 0,
      codes: [],
      firstEpoch: epoch,
      lastEpoch: epoch,
      exampleLines: [lineText(bytes, start, end)],
    });
  }

  function newAttempt(epoch: number, group: Group): Attempt {
    return {
      keepsSteps: timelineMayTake(group.clientHash),
      firstEpoch: epoch,
      lastEpoch: epoch,
      challenges: 0,
      continuations: 0,
      failures: 0,
      ambiguous: 0,
      failureCodes: [],
      codes: [],
      startedPreauthenticated: false,
      challengedAfterPreauth: false,
      steps: noSteps,
      stepsOmitted: 0,
      exampleLines: noLines,
    };
  }

  /**
   * Whether a client's attempt could still end up in its timeline: it has one, there is
   * room, or a client with only normal attempts could give its place. Once every place holds
   * a client with problems that stays so, and the steps of everybody else are not recorded.
   */
  function timelineMayTake(clientHash: number): boolean {
    return (
      timelines.size < limits.maxTimelineClients || normalOnlyClients.size > 0 || timelines.has(clientHash)
    );
  }

  /** The user name is decoded only for a step that is kept (userFrom = userTo: none). */
  function addStep(
    attempt: Attempt,
    epoch: number,
    status: number,
    substatus: number,
    code: number,
    bytes: Uint8Array,
    userFrom: number,
    userTo: number,
    layoutNow: FieldLayout,
  ): void {
    if (!attempt.keepsSteps) return;
    if (attempt.steps.length >= limits.maxStepsPerAttempt) {
      attempt.stepsOmitted++;
      return;
    }
    if (attempt.steps === noSteps) attempt.steps = [];
    const username =
      userTo > userFrom ? fieldText(decoder.decode(bytes.subarray(userFrom, userTo)), layoutNow.format) : '';
    attempt.steps.push({ epoch, status, substatus, win32: code, username });
  }

  function keepExample(attempt: Attempt, bytes: Uint8Array, start: number, end: number): void {
    if (attempt.exampleLines === noLines) attempt.exampleLines = [];
    attempt.exampleLines.push(lineText(bytes, start, end));
  }

  /**
   * Closes attempts silent for longer than the gap (IIS writes a file in time order), so a
   * busy log does not keep thousands of abandoned attempts open until the end.
   */
  function sweepAbandonedAttempts(): void {
    recordsSinceSweep = 0;
    const abandoned: Group[] = [];
    for (const group of openGroups) {
      if (group.attempt && latestEpochOfFile - group.attempt.lastEpoch > limits.attemptGapSeconds)
        abandoned.push(group);
    }
    for (const group of abandoned) closeAttempt(group, false);
  }

  function removeGroup(group: Group): void {
    groups.delete(group);
    let candidate = groupsByHash.get(group.hash) ?? null;
    let previous: Group | null = null;
    while (candidate && candidate !== group) {
      previous = candidate;
      candidate = candidate.next;
    }
    if (!candidate) return;
    if (previous) previous.next = group.next;
    else if (group.next) groupsByHash.set(group.hash, group.next);
    else groupsByHash.delete(group.hash);
  }

  /** 52 bits of identity for a group's key: two FNV variants, exact in a double. */
  function keyIdentity(key: string, kind: LogPatternKind): number {
    let first = 0x811c9dc5 ^ (kind === 'normal-ntlm' ? 1 : 0);
    let second = 0x01000193;
    for (let index = 0; index < key.length; index++) {
      const byte = key.charCodeAt(index);
      first = Math.imul(first ^ byte, 16777619);
      second = Math.imul(second + byte, 0x5bd1e995) ^ (second >>> 15);
    }
    return (first >>> 0) * 1048576 + ((second >>> 12) & 0xfffff);
  }

  function closeAttempt(group: Group, resolved: boolean): void {
    const attempt = group.attempt;
    if (!attempt) return;
    group.attempt = null;
    markClosed(group);
    const inferred = attempt.ambiguous > 0;
    const kind = inferred
      ? classifyStatusSequence(
          attempt.challenges + attempt.continuations + attempt.failures + attempt.ambiguous,
          resolved,
        )
      : classifyAttempt(attempt, resolved);
    if (!isProblemKind(kind) && group.patterns.length === 0 && groups.size >= limits.maxDetailedGroups) {
      // A busy server's normal sign-ins: beyond the detailed cap they are counted per kind
      // (groups by a 52-bit key identity) and the group is dropped, so memory stays bounded
      // by the groups that show a problem.
      const aggregate = normalAggregates.get(kind) ?? { groups: 0, occurrences: 0, inferred: 0, codes: [] };
      aggregate.occurrences++;
      if (inferred) aggregate.inferred++;
      for (const code of attempt.codes) if (!aggregate.codes.includes(code)) aggregate.codes.push(code);
      const identity = keyIdentity(group.key, kind);
      if (!normalGroupsSeen.has(identity)) {
        if (normalGroupsSeen.size < maxNormalGroupsRemembered) normalGroupsSeen.add(identity);
        aggregate.groups++;
      }
      normalAggregates.set(kind, aggregate);
      recordTimeline(group, kind, attempt);
      removeGroup(group);
      return;
    }
    // Example lines are kept for the first groups of each kind only: the evidence quotes a
    // few lines per kind, and memory must not grow with the number of groups of a busy server.
    const kept = examplesKept.get(kind) ?? 0;
    const keepExamples =
      attempt.exampleLines.length > 0 &&
      kept < examplesKeptPerKind &&
      !group.patterns.some((record) => record.kind === kind);
    if (keepExamples) examplesKept.set(kind, kept + 1);
    recordPattern(group, kind, {
      count: 1,
      lines:
        attempt.challenges +
        attempt.continuations +
        attempt.failures +
        attempt.ambiguous +
        (resolved ? 1 : 0),
      resolved: resolved ? 1 : 0,
      inferred: inferred ? 1 : 0,
      codes: attempt.codes,
      firstEpoch: attempt.firstEpoch,
      lastEpoch: attempt.lastEpoch,
      exampleLines: keepExamples ? attempt.exampleLines : noLines,
    });
    recordTimeline(group, kind, attempt);
  }

  function recordPattern(
    group: Group,
    kind: LogPatternKind,
    occurrence: {
      count: number;
      lines: number;
      resolved: number;
      inferred: number;
      codes: readonly number[];
      firstEpoch: number;
      lastEpoch: number;
      exampleLines: string[];
    },
  ): void {
    const record = group.patterns.find((candidate) => candidate.kind === kind);
    if (!record) {
      group.patterns.push({
        kind,
        count: occurrence.count,
        lines: occurrence.lines,
        resolved: occurrence.resolved,
        inferred: occurrence.inferred,
        codes: [...occurrence.codes],
        firstEpoch: occurrence.firstEpoch,
        lastEpoch: occurrence.lastEpoch,
        exampleLines: occurrence.exampleLines,
      });
      return;
    }
    record.count += occurrence.count;
    record.lines += occurrence.lines;
    record.resolved += occurrence.resolved;
    record.inferred += occurrence.inferred;
    for (const code of occurrence.codes) if (!record.codes.includes(code)) record.codes.push(code);
    if (!(record.firstEpoch <= occurrence.firstEpoch)) record.firstEpoch = occurrence.firstEpoch;
    if (!(record.lastEpoch >= occurrence.lastEpoch)) record.lastEpoch = occurrence.lastEpoch;
  }

  function recordTimeline(group: Group, kind: LogPatternKind, attempt: Attempt): void {
    const problem = kind !== 'normal-kerberos' && kind !== 'normal-ntlm';
    let state = timelines.get(group.clientHash);
    // Two clients with one hash (30 bits: rare): the first keeps the timeline, the other is
    // not shown and counted under the same hash, so the count may miss it.
    if (state && !sameBytesOfKey(state.client, group.key, group.clientLength)) return;
    if (!state) {
      if (timelines.size >= limits.maxTimelineClients) {
        // Full: a client with a problem may replace one whose attempts were all normal.
        const evicted: number | undefined = problem ? normalOnlyClients.values().next().value : undefined;
        if (evicted === undefined) {
          if (timelineClientsNotShown.size < maxUntrackedRemembered)
            timelineClientsNotShown.add(group.clientHash);
          return;
        }
        timelines.delete(evicted);
        normalOnlyClients.delete(evicted);
        if (timelineClientsNotShown.size < maxUntrackedRemembered) timelineClientsNotShown.add(evicted);
      }
      state = { client: textOf(group.key, 0, group.clientLength), attempts: [], omitted: 0, problems: 0 };
      timelines.set(group.clientHash, state);
      normalOnlyClients.add(group.clientHash);
    }
    if (problem && state.problems++ === 0) normalOnlyClients.delete(group.clientHash);
    state.attempts.push({
      epoch: attempt.firstEpoch,
      url: fieldText(
        textOf(group.key, group.clientLength + 1, group.clientLength + 1 + group.urlLength),
        group.format,
      ),
      kind,
      steps: attempt.steps,
      stepsOmitted: attempt.stepsOmitted,
    });
    if (state.attempts.length > limits.maxAttemptsPerClient) {
      // Keep the most recent attempts, but never drop a problem for a normal one.
      let normalIndex = 0;
      while (normalIndex < state.attempts.length && isProblemKind(state.attempts[normalIndex]!.kind))
        normalIndex++;
      state.attempts.splice(normalIndex < state.attempts.length ? normalIndex : 0, 1);
      state.omitted++;
    }
  }

  function ensureFile(): void {
    if (!fileOpen) beginFile(fileName);
  }

  return {
    beginFile,
    push(chunk) {
      ensureFile();
      splitter!.push(chunk);
    },
    endFile,
    finish() {
      endFile();
      for (const group of [...groups]) closeAttempt(group, false);
      // A group folded into the counts and seen again in detail is one group, not two.
      if (normalGroupsSeen.size > 0) {
        for (const group of groups) {
          for (const record of group.patterns) {
            const aggregate = normalAggregates.get(record.kind);
            if (aggregate && normalGroupsSeen.has(keyIdentity(group.key, record.kind))) aggregate.groups--;
          }
        }
      }
      counts.bytes = bytesOfClosedFiles;
      if (messagesDropped > 0) messages.push(`${messagesDropped} more messages not listed`);
      for (const [key, seen] of perFileMessageCounts) {
        if (seen > 3) {
          const [file] = key.split('\u0000');
          messages.push(`${file}: ${seen - 3} more lines with the same problem as above`);
        }
      }
      // Getters: client, URL and user agent are decoded only for the patterns that get listed.
      const snapshots: GroupSnapshot[] = [...groups].map((group) => ({
        get client() {
          return textOf(group.key, 0, group.clientLength);
        },
        loopback: isLoopbackClient(group.key, group.clientLength, group.serverIp),
        get url() {
          return fieldText(
            textOf(group.key, group.clientLength + 1, group.clientLength + 1 + group.urlLength),
            group.format,
          );
        },
        get userAgent() {
          return fieldText(textOf(group.key, group.clientLength + group.urlLength + 2), group.format);
        },
        serverIp: group.serverIp,
        serverPort: group.serverPort,
        format: group.format,
        patterns: group.patterns satisfies readonly PatternSnapshot[],
        anonymousOnly: null,
      }));
      for (const first of urlsByHash.values()) {
        for (let url: UrlRecord | null = first; url; url = url.next) {
          if (url.signIn || url.anonymousSuccesses === 0) continue;
          snapshots.push({
            client: url.anonymousClient,
            loopback: isLoopbackClient(url.anonymousClient, url.anonymousClient.length, url.serverIp),
            url: fieldText(textOf(url.key, 0), 'w3c'),
            userAgent: url.anonymousAgent,
            serverIp: url.serverIp,
            serverPort: url.serverPort,
            format: 'w3c',
            patterns: [],
            anonymousOnly: {
              count: url.anonymousSuccesses,
              firstEpoch: url.anonymousFirstEpoch,
              lastEpoch: url.anonymousLastEpoch,
              exampleLine: url.anonymousExample ?? '',
            },
          });
        }
      }
      if (urlsNotTracked > 0)
        messages.push(
          `${urlsNotTracked} lines on URLs beyond the first ${limits.maxGroups} were not checked for anonymous access`,
        );
      return buildLogAnalysis({
        limits,
        counts: { ...counts, byFormat: { ...counts.byFormat } },
        messages,
        groups: snapshots,
        normalAggregates: [...normalAggregates].map(([kind, aggregate]) => ({ kind, ...aggregate })),
        timelines: [...timelines.values()].map((state) => ({
          client: state.client,
          attempts: state.attempts,
          omitted: state.omitted,
          problems: state.problems,
        })),
        timelineClientsNotShown: timelineClientsNotShown.size,
        untracked: { groups: untrackedHashes.size, lines: untrackedLines },
        windowsAuthSeen,
      });
    },
    get bytes() {
      return bytesOfClosedFiles + (splitter?.bytes ?? 0);
    },
  };
}

function sameGroupKey(
  key: string,
  bytes: Uint8Array,
  clientFrom: number,
  clientTo: number,
  urlFrom: number,
  urlTo: number,
  agentFrom: number,
  agentTo: number,
): boolean {
  let at = 0;
  for (let index = clientFrom; index < clientTo; index++)
    if (key.charCodeAt(at++) !== bytes[index]) return false;
  at++;
  for (let index = urlFrom; index < urlTo; index++) if (key.charCodeAt(at++) !== bytes[index]) return false;
  at++;
  for (let index = agentFrom; index < agentTo; index++)
    if (key.charCodeAt(at++) !== bytes[index]) return false;
  return true;
}

/** The client part of a key (its first `length` chars) is the server itself, compared without decoding (§7.1). */
function isLoopbackClient(key: string, length: number, serverIp: string): boolean {
  return (
    sameBytesOfKey('127.0.0.1', key, length) ||
    sameBytesOfKey('::1', key, length) ||
    (serverIp !== '' && sameBytesOfKey(serverIp, key, length))
  );
}

/** Whether `text` (a decoded client address) is the first `length` chars of a byte-string key. */
function sameBytesOfKey(text: string, key: string, length: number): boolean {
  // Lengths differ: only a text with non-ASCII chars can match its longer UTF-8 bytes.
  if (text.length !== length) return !isAscii(text) && text === textOf(key, 0, length);
  for (let index = 0; index < length; index++)
    if (text.charCodeAt(index) !== key.charCodeAt(index)) return false;
  return true;
}

function isAscii(text: string): boolean {
  return !/[\u0080-\uffff]/.test(text);
}

function sameBytes(key: string, bytes: Uint8Array, from: number, to: number): boolean {
  for (let index = from, at = 0; index < to; index++, at++)
    if (key.charCodeAt(at) !== bytes[index]) return false;
  return true;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export type { LogStep };

/** Bytes as a one-byte string, one char per byte (chunked: apply has an argument limit). */
function byteString(bytes: Uint8Array, from: number, to: number): string {
  let text = '';
  for (let start = from; start < to; start += 8192)
    text += String.fromCharCode.apply(
      null,
      bytes.subarray(start, Math.min(to, start + 8192)) as unknown as number[],
    );
  return text;
}

const utf8 = new TextDecoder('utf-8');

/** The UTF-8 text of part of a byte-string key; ASCII (the usual case) needs no decoding. */
function textOf(key: string, from: number, to = key.length): string {
  const part = key.slice(from, to);
  // A char >= 0x80 is a byte of a multi-byte UTF-8 sequence: decode those properly.
  if (!/[\u0080-\u00ff]/.test(part)) return part;
  const bytes = new Uint8Array(part.length);
  for (let index = 0; index < part.length; index++) bytes[index] = part.charCodeAt(index);
  return utf8.decode(bytes);
}

/** The one message for a W3C layout without sub-status and/or win32 status (§5.3 lists both as default fields). */
function statusColumnsMissingText(layout: FieldLayout): string {
  const missing = [
    layout.substatus < 0 ? 'sc-substatus' : '',
    layout.win32Status < 0 ? 'sc-win32-status' : '',
  ]
    .filter((name) => name !== '')
    .join(' and ');
  const consequence =
    layout.win32Status < 0
      ? '401.1 cannot be told from a normal NTLM step and no Windows error code can be named, so 401 sequences are read from their statuses alone ("consistent with") and the kinds that need a code (logon-denied, invalid-token, time-skew, bad-bindings…) cannot be found'
      : 'the steps are told apart by sc-win32-status alone (ERROR_ACCESS_DENIED is the challenge, SEC_E_NO_CREDENTIALS the NTLM step)';
  return `the #Fields line has no ${missing} column: ${consequence}`;
}
