/**
 * `iwa-doctor analyze <files…|folder> [--json]`: reads IIS W3C logs (`u_ex*.log`), HTTP.sys
 * error logs (`httperr*.log`) and HAR files, streaming, and prints the sign-in patterns and
 * findings (reference §5.2, §5.3, §7; design.md, CLI). `--json` prints exactly
 * `{"patterns":[{"kind","client","url","count","win32":[…]}],"findings":[…]}`.
 * A folder is searched for those file names. A file that is not a readable HAR, a missing
 * path or an empty folder is bad input: one line on stderr, exit 2.
 */
import { basename } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { analyzeCaptureSources, type CaptureAnalysis } from '../../../shared/capture/capture-analysis.js';
import { CaptureInputError, collectCaptureFiles, type CaptureFile } from '../../analysis/capture-files.js';
import { readFileChunks } from '../../analysis/read-file-chunks.js';
import { CliUsageError, type CliCommand } from '../cli-command.js';
import { parseArguments } from '../parse-arguments.js';
import { formatCaptureAnalysis } from './capture-text.js';

/** The `--json` document: only these keys, in this order (a contract for scripts). */
export function captureJson(analysis: CaptureAnalysis): { patterns: unknown[]; findings: unknown[] } {
  return {
    patterns: analysis.patterns.map((pattern) => ({
      kind: pattern.kind,
      client: pattern.client,
      url: pattern.url,
      count: pattern.count,
      win32: pattern.win32,
    })),
    findings: [...analysis.findings],
  };
}

async function filesOf(paths: readonly string[]): Promise<CaptureFile[]> {
  try {
    return await collectCaptureFiles(paths);
  } catch (error) {
    if (error instanceof CaptureInputError) throw new CliUsageError(error.message);
    throw error;
  }
}

function readError(path: string, error: unknown): CliUsageError | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code)
    ? new CliUsageError(`cannot read ${path} (${code})`)
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
    const files = await filesOf(positional);
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
    const unreadable = analysis.unreadable[0];
    if (unreadable) throw new CliUsageError(unreadable.message);
    io.stdout(
      flags.has('json')
        ? `${JSON.stringify(captureJson(analysis), null, 2)}\n`
        : formatCaptureAnalysis(analysis),
    );
    return 0;
  },
};
