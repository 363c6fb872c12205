/**
 * Which files a capture import reads: named files as given (a `.har` is a HAR, anything
 * else an IIS or HTTP.sys log), and inside folders the files IIS and browsers write —
 * `u_ex*.log` (W3C, §5.3), `httperr*.log` (HTTP.sys) and `*.har` — searched recursively, plus
 * logs renamed when they were copied off a server, told by their first line
 * (shared/capture/server-log-signature.ts).
 * A path that gives nothing (missing, or a folder without such names) or holds folders that
 * cannot be listed is a problem of its own: said in one line, the other paths are still read;
 * only when no path gives a file is it an error.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import {
  captureKindOfName,
  isCaptureFileName,
  type CaptureFileKind,
} from '../../shared/capture/capture-analysis.js';
import {
  mayBeRenamedServerLog,
  serverLogSignatureBytes,
  startsLikeServerLog,
} from '../../shared/capture/server-log-signature.js';

export interface CaptureFile {
  readonly path: string;
  readonly kind: CaptureFileKind;
  readonly bytes: number;
}

const maxFolderDepth = 8;
const maxFiles = 10_000;

export class CaptureInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaptureInputError';
  }
}

export interface CollectedCaptureFiles {
  readonly files: readonly CaptureFile[];
  /** One line per path that gave no file or holds folders that cannot be listed (the others are read). */
  readonly problems: readonly string[];
}

/** A folder under a named one that could not be listed, with the error code (EACCES, …). */
interface UnreadableFolder {
  readonly folder: string;
  readonly code: string;
}

/** Throws CaptureInputError only when no path gives a file, or there are too many. */
export async function collectCaptureFiles(paths: readonly string[]): Promise<CollectedCaptureFiles> {
  const files: CaptureFile[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) problems.push(`no such file or folder: ${path}`);
    else if (info.isDirectory()) {
      const before = files.length;
      const others: string[] = [];
      const unreadable: UnreadableFolder[] = [];
      await walk(path, path, 0, { files, others, unreadable });
      // A folder that cannot be listed (IIS log folders are often for administrators only) is
      // the likelier reason for finding nothing than the names of the files beside it.
      if (unreadable.length > 0) problems.push(unreadableFolderText(path, unreadable));
      else if (files.length === before) problems.push(emptyFolderText(path, others));
    } else if (info.isFile()) {
      files.push({ path, kind: captureKindOfName(basename(path)), bytes: info.size });
    } else {
      problems.push(`not a file or folder: ${path}`);
    }
    if (files.length > maxFiles)
      throw new CaptureInputError(`more than ${maxFiles} files to read; name fewer folders`);
  }
  if (files.length === 0) throw new CaptureInputError(problems.join('; '));
  return { files, problems };
}

/**
 * A folder import reads the names IIS and browsers write and renamed logs that start with
 * IIS's or HTTP.sys's header; anything else (an excerpt without the header, `site1.log`) is
 * read when named directly, which the message says how to do.
 */
function emptyFolderText(folder: string, others: readonly string[]): string {
  const base = `no IIS log, HTTP.sys log or HAR file in ${folder}`;
  if (others.length === 0) return base;
  const shown = others.slice(0, 3).join(', ');
  const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
  return `${base} (it holds ${shown}${more}: none named u_ex*.log, httperr*.log or *.har, none starting with the #Software: line IIS and HTTP.sys write); a file named directly is read as a log, e.g. analyze ${join(folder, others[0]!)}`;
}

function unreadableFolderText(root: string, unreadable: readonly UnreadableFolder[]): string {
  const [first] = unreadable;
  const more =
    unreadable.length > 1
      ? ` and ${unreadable.length - 1} more folder${unreadable.length === 2 ? '' : 's'} under ${root}`
      : '';
  return `cannot read the folder ${first!.folder} (${first!.code})${more}; run as a user who may read it, or copy the logs out`;
}

interface WalkResult {
  readonly files: CaptureFile[];
  /** Files under the root that are not capture names, relative to it (for the hint). */
  readonly others: string[];
  readonly unreadable: UnreadableFolder[];
}

async function walk(root: string, folder: string, depth: number, into: WalkResult): Promise<void> {
  if (depth > maxFolderDepth || into.files.length > maxFiles) return;
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) throw error;
    if (into.unreadable.length < maxFiles) into.unreadable.push({ folder, code });
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await walk(root, path, depth + 1, into);
    else if (entry.isFile() && isCaptureFileName(entry.name)) {
      const info = await stat(path);
      into.files.push({ path, kind: captureKindOfName(entry.name), bytes: info.size });
    } else if (entry.isFile() && mayBeRenamedServerLog(entry.name) && (await isRenamedServerLog(path))) {
      const info = await stat(path);
      into.files.push({ path, kind: 'log', bytes: info.size });
    } else if (entry.isFile() && into.others.length < maxFiles) {
      into.others.push(relative(root, path));
    }
  }
}

/** Reads the first bytes only; a file that cannot be opened is not one (it is listed with the others). */
async function isRenamedServerLog(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const start = Buffer.alloc(serverLogSignatureBytes);
    const { bytesRead } = await handle.read(start, 0, start.length, 0);
    return startsLikeServerLog(start.subarray(0, bytesRead).toString('utf8'));
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}
