/**
 * One analysis over everything a person imported at once: IIS W3C / HTTP.sys logs (read
 * together, so a client's attempts span daily files) and HAR files (each its own). Sources
 * are read as chunks through a callback, so the CLI (file handles) and the renderer (a
 * File's stream, in a worker) run the very same code with bounded memory, progress and cancel.
 */
import type { Evidence } from '../model/evidence.js';
import type { Finding } from '../model/finding.js';
import { createHarAnalyzer } from '../har/har-analyzer.js';
import type { HarAnalysis } from '../har/har-analysis.js';
import { HarFormatError } from '../har/har-entry-reader.js';
import { createLogAnalyzer } from '../logs/log-analyzer.js';
import type { LogAnalysis } from '../logs/log-analysis.js';
import {
  capturePatterns,
  captureSummary,
  type CapturePattern,
  type CaptureSummaryRow,
} from './capture-patterns.js';

export type CaptureFileKind = 'log' | 'har';

/** A `.har` is a HAR; anything else is read as an IIS W3C or HTTP.sys error log. */
export function captureKindOfName(name: string): CaptureFileKind {
  return /\.har$/i.test(name) ? 'har' : 'log';
}

/**
 * The file names a folder import picks up: what IIS, HTTP.sys and browsers write (§5.3).
 * Files named otherwise are read when they are named (or picked) one by one.
 */
export function isCaptureFileName(name: string): boolean {
  return /^u_ex.*\.log$/i.test(name) || /^httperr.*\.log$/i.test(name) || /\.har$/i.test(name);
}

export interface CaptureSource {
  /** File name only (no folder): it appears in messages and reports. */
  readonly name: string;
  readonly bytes: number;
  /** Calls `onChunk` for each chunk in order; the chunk may be reused after the call returns. */
  read(onChunk: (chunk: Uint8Array) => void): Promise<void>;
}

export interface CaptureProgress {
  readonly file: string;
  readonly fileIndex: number;
  readonly files: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

/**
 * A source that could not be read (missing, no permission, an I/O error): the analysis goes
 * on with the other files and names this one, with why, in `unreadable`.
 */
export class CaptureSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaptureSourceError';
  }
}

export class CaptureCancelledError extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'CaptureCancelledError';
  }
}

export interface CaptureAnalysis {
  readonly files: readonly {
    readonly name: string;
    readonly kind: CaptureFileKind;
    readonly bytes: number;
  }[];
  /** All log files together; null when only HAR files were given. */
  readonly logs: LogAnalysis | null;
  readonly hars: readonly HarAnalysis[];
  /** Files that could not be read at all (not a HAR, an I/O error), each with one line why. */
  readonly unreadable: readonly { readonly file: string; readonly message: string }[];
  /** Log records and HAR requests read, over all files: 0 means nothing could be used. */
  readonly recordsRead: number;
  /**
   * Everything said while reading, one line each: what was skipped or assumed in the logs and
   * HARs, and the files that could not be read.
   */
  readonly messages: readonly string[];
  readonly patterns: readonly CapturePattern[];
  /** Patterns beyond the listing caps, per kind (log kinds and HAR kinds); kinds with none are absent. */
  readonly patternsNotListed: Readonly<Record<string, number>>;
  readonly summary: readonly CaptureSummaryRow[];
  readonly findings: readonly Finding[];
  readonly evidence: readonly Evidence[];
}

export interface CaptureAnalysisOptions {
  readonly onProgress?: (progress: CaptureProgress) => void;
  /** Checked at every chunk; true stops the analysis with CaptureCancelledError. */
  readonly cancelled?: () => boolean;
}

export async function analyzeCaptureSources(
  sources: readonly CaptureSource[],
  options: CaptureAnalysisOptions = {},
): Promise<CaptureAnalysis> {
  const bytesTotal = sources.reduce((sum, source) => sum + source.bytes, 0);
  let bytesBefore = 0;
  const logSources = sources.filter((source) => captureKindOfName(source.name) === 'log');
  const harSources = sources.filter((source) => captureKindOfName(source.name) === 'har');
  const ordered = [...logSources, ...harSources];
  const logs = logSources.length > 0 ? createLogAnalyzer() : null;
  const hars: HarAnalysis[] = [];
  const unreadable: { file: string; message: string }[] = [];

  for (const [fileIndex, source] of ordered.entries()) {
    let done = 0;
    const report = (): void =>
      options.onProgress?.({
        file: source.name,
        fileIndex,
        files: ordered.length,
        bytesDone: bytesBefore + done,
        bytesTotal,
      });
    report();
    const consume = (push: (chunk: Uint8Array) => void) => (chunk: Uint8Array) => {
      if (options.cancelled?.()) throw new CaptureCancelledError();
      push(chunk);
      done += chunk.length;
      report();
    };
    if (captureKindOfName(source.name) === 'log' && logs) {
      logs.beginFile(source.name);
      try {
        await source.read(consume((chunk) => logs.push(chunk)));
      } catch (error) {
        if (!(error instanceof CaptureSourceError)) throw error;
        // What was read before the error stays in the analysis; the message says the rest is missing.
        unreadable.push({ file: source.name, message: error.message });
      }
      logs.endFile();
    } else {
      const analyzer = createHarAnalyzer(source.name, {
        evidencePrefix: harSources.length > 1 ? `har${hars.length + unreadable.length + 1}` : 'har',
      });
      try {
        await source.read(consume((chunk) => analyzer.push(chunk)));
        hars.push(analyzer.finish());
      } catch (error) {
        if (!(error instanceof HarFormatError) && !(error instanceof CaptureSourceError)) throw error;
        unreadable.push({ file: source.name, message: error.message });
      }
    }
    bytesBefore += source.bytes;
  }

  const logAnalysis = logs?.finish() ?? null;
  const patterns = capturePatterns(logAnalysis, hars);
  const patternsNotListed: Record<string, number> = { ...logAnalysis?.patternsNotListedByKind };
  for (const har of hars)
    for (const [kind, count] of Object.entries(har.exchangesNotListedByKind))
      patternsNotListed[kind] = (patternsNotListed[kind] ?? 0) + count;
  const findings = [...(logAnalysis?.findings ?? []), ...hars.flatMap((har) => har.findings)];
  const evidence = [...(logAnalysis?.evidence ?? []), ...hars.flatMap((har) => har.evidence)];
  return {
    files: ordered.map((source) => ({
      name: source.name,
      kind: captureKindOfName(source.name),
      bytes: source.bytes,
    })),
    logs: logAnalysis,
    hars,
    unreadable,
    // Skipped HAR entries (no request/response) were not read, like a log's malformed lines.
    recordsRead:
      (logAnalysis?.counts.records ?? 0) +
      hars.reduce((sum, har) => sum + har.counts.entries - har.counts.skipped, 0),
    messages: [
      ...(logAnalysis?.messages ?? []),
      ...hars.flatMap((har) => har.messages),
      ...unreadable.map((entry) => entry.message),
    ],
    patterns,
    patternsNotListed,
    summary: captureSummary(logAnalysis, hars, findings),
    findings,
    evidence,
  };
}
