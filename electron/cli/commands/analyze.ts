/**
 * `iwa-doctor analyze <files…|folder> [--json]`: reads IIS W3C logs (`u_ex*.log`), HTTP.sys
 * error logs (`httperr*.log`) and HAR files, streaming, and prints the sign-in patterns and
 * findings (reference §5.2, §5.3, §7; design.md, CLI). `--json` prints
 * `{"patterns":[{"kind","client","url","count","win32":[…]}],"findings":[…],
 * "patternsNotListed":{kind:n},"messages":[…],"hosts":[…]}`.
 * A folder is searched for those file names. A file that cannot be read (not a HAR, an I/O
 * error), a missing path or a folder without those names is said on stderr and the other
 * files are still read; the exit code is 2 only when nothing at all could be read, and then
 * stderr is that one line.
 */
import { basename } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import {
  analyzeCaptureSources,
  CaptureSourceError,
  type CaptureAnalysis,
} from '../../../shared/capture/capture-analysis.js';
import {
  CaptureInputError,
  collectCaptureFiles,
  type CollectedCaptureFiles,
} from '../../analysis/capture-files.js';
import { readFileChunks } from '../../analysis/read-file-chunks.js';
import { CliUsageError, type CliCommand } from '../cli-command.js';
import { parseArguments } from '../parse-arguments.js';
import { formatCaptureAnalysis } from './capture-text.js';

export interface CaptureJson {
  readonly patterns: unknown[];
  readonly findings: unknown[];
  /** Per kind, the patterns beyond the listing cap (the listing keeps each kind's most frequent). */
  readonly patternsNotListed: Readonly<Record<string, number>>;
  /** What was skipped, assumed or could not be read, one line each (also written to stderr). */
  readonly messages: readonly string[];
  /** HAR hosts with their connections (HAR `connection` id + `serverIPAddress`). */
  readonly hosts: unknown[];
}

/**
 * The `--json` document: these keys, in this order (a contract for scripts). The first two
 * are the issue's contract; the others say what the listing left out and what could not be
 * read, so a script never takes a silent empty list for "nothing found".
 */
export function captureJson(analysis: CaptureAnalysis, extraMessages: readonly string[] = []): CaptureJson {
  return {
    patterns: analysis.patterns.map((pattern) => ({
      kind: pattern.kind,
      client: pattern.client,
      url: pattern.url,
      count: pattern.count,
      win32: pattern.win32,
    })),
    findings: [...analysis.findings],
    patternsNotListed: analysis.patternsNotListed,
    messages: [...extraMessages, ...analysis.messages],
    hosts: analysis.hars.flatMap((har) =>
      har.hosts.map((host) => ({
        file: har.file,
        host: host.host,
        requests: host.requests,
        exchanges: host.exchanges,
        serverIps: host.serverIps,
        connections: host.connectionList.map((connection) => ({
          id: connection.id,
          serverIp: connection.serverIp,
          requests: connection.requests,
          exchanges: connection.exchanges,
        })),
        connectionsNotListed: host.connectionsNotListed,
      })),
    ),
  };
}

/** One stderr line about the listing cap, or null when every pattern is listed. */
export function notListedText(analysis: CaptureAnalysis): string | null {
  const entries = Object.entries(analysis.patternsNotListed);
  if (entries.length === 0) return null;
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  return `${analysis.patterns.length} patterns listed, ${total} more not listed (${entries.map(([kind, count]) => `${kind} ${count}`).join(', ')}): each kind keeps its most frequent client/URL groups; "patternsNotListed" has the counts`;
}

async function filesOf(paths: readonly string[]): Promise<CollectedCaptureFiles> {
  try {
    return await collectCaptureFiles(paths);
  } catch (error) {
    if (error instanceof CaptureInputError) throw new CliUsageError(error.message);
    throw error;
  }
}

/** An I/O error of one file becomes a per-file problem; anything else stays unexpected. */
function readError(path: string, error: unknown): CaptureSourceError | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code)
    ? new CaptureSourceError(`cannot read ${path} (${code})`)
    : null;
}

/**
 * The analysis keeps a bounded live heap (tens of MB), but V8 lets the heap grow up to four
 * times the live size between full collections when the program allocates fast, as a
 * line-by-line analysis does. Growing by 30% instead keeps the process's memory near what
 * it really uses, for a few extra short collections. V8 reads this flag at every collection.
 */
function keepHeapNearLiveSize(): void {
  setFlagsFromString('--heap-growing-percent=30');
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  usage: 'analyze <files…|folder> [--json]   read IIS logs, httperr logs and HAR files',
  async run(args, io) {
    const { positional, flags } = parseArguments(args, { valued: [], switches: ['json'] });
    if (positional.length === 0)
      throw new CliUsageError('analyze needs files or a folder, e.g. analyze u_ex261120.log capture.har');
    const { files, problems } = await filesOf(positional);
    keepHeapNearLiveSize();
    const analysis = await analyzeCaptureSources(
      files.map((file) => ({
        name: basename(file.path),
        bytes: file.bytes,
        read: async (onChunk) => {
          try {
            await readFileChunks(file.path, onChunk);
          } catch (error) {
            throw readError(file.path, error) ?? error;
          }
        },
      })),
    );
    const json = flags.has('json');
    io.stdout(
      json
        ? `${JSON.stringify(captureJson(analysis, problems), null, 2)}\n`
        : formatCaptureAnalysis(analysis, problems),
    );
    if (analysis.recordsRead === 0) {
      // Bad input: exit 2 with one line on stderr (design.md, CLI), naming the first reason;
      // every message is in the output above.
      const reasons = [...problems, ...analysis.messages];
      const more =
        reasons.length > 1
          ? `; ${reasons.length - 1} more message${reasons.length === 2 ? '' : 's'} in the output`
          : '';
      io.stderr(
        `iwa-doctor: nothing could be read: no log record and no HAR request in ${files.length === 1 ? files[0]!.path : `${files.length} files`}${reasons.length > 0 ? ` (${reasons[0]}${more})` : ''}\n`,
      );
      return 2;
    }
    // stderr: what the reader of stdout must not miss. In --json mode every message (stdout
    // is for scripts); in text mode the paths and files that could not be read at all (the
    // text already lists the rest).
    const stderrLines = json
      ? [...problems, ...analysis.messages, notListedText(analysis)]
      : [...problems, ...analysis.unreadable.map((entry) => entry.message)];
    for (const line of stderrLines) if (line) io.stderr(`iwa-doctor: ${line}\n`);
    return 0;
  },
};
