/**
 * Which files a capture import reads: named files as given (a `.har` is a HAR, anything
 * else an IIS or HTTP.sys log), and inside folders the files IIS and browsers write —
 * `u_ex*.log` (W3C, §5.3), `httperr*.log` (HTTP.sys) and `*.har` — searched recursively.
 * A path that gives nothing (missing, or a folder without such names) or holds folders that
 * cannot be listed is a problem of its own: said in one line, the other paths are still read;
 * only when no path gives a file is it an error.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import {
  captureKindOfName,
  isCaptureFileName,
  type CaptureFileKind,
} from '../../shared/capture/capture-analysis.js';

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
 * A folder import reads only the names IIS and browsers write; logs copied or renamed
 * (`site1.log`, an excerpt) are read when named directly, which the message says how to do.
 */
function emptyFolderText(folder: string, others: readonly string[]): string {
  const base = `no u_ex*.log, httperr*.log or *.har file in ${folder}`;
  if (others.length === 0) return base;
  const shown = others.slice(0, 3).join(', ');
  const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
  return `${base} (it holds ${shown}${more}); files named otherwise are read when named directly, e.g. analyze ${join(folder, others[0]!)}`;
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
    } else if (entry.isFile() && into.others.length < maxFiles) {
      into.others.push(relative(root, path));
    }
  }
}
