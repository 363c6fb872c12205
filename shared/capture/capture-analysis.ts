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

/** The file names a folder import picks up: what IIS, HTTP.sys and browsers write (§5.3). */
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
  /** HAR files that could not be read at all, each with one line why. */
  readonly unreadable: readonly { readonly file: string; readonly message: string }[];
  readonly patterns: readonly CapturePattern[];
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
      await source.read(consume((chunk) => logs.push(chunk)));
      logs.endFile();
    } else {
      const analyzer = createHarAnalyzer(source.name, {
        evidencePrefix: harSources.length > 1 ? `har${hars.length + unreadable.length + 1}` : 'har',
      });
      await source.read(consume((chunk) => analyzer.push(chunk)));
      try {
        hars.push(analyzer.finish());
      } catch (error) {
        if (!(error instanceof HarFormatError)) throw error;
        unreadable.push({ file: source.name, message: error.message });
      }
    }
    bytesBefore += source.bytes;
  }

  const logAnalysis = logs?.finish() ?? null;
  const patterns = capturePatterns(logAnalysis, hars);
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
    patterns,
    summary: captureSummary(logAnalysis, hars, findings),
    findings,
    evidence,
  };
}
