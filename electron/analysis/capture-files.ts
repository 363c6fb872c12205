/**
 * Which files a capture import reads: named files as given (a `.har` is a HAR, anything
 * else an IIS or HTTP.sys log), and inside folders the files IIS and browsers write —
 * `u_ex*.log` (W3C, §5.3), `httperr*.log` (HTTP.sys) and `*.har` — searched recursively.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
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

export async function collectCaptureFiles(paths: readonly string[]): Promise<CaptureFile[]> {
  const files: CaptureFile[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new CaptureInputError(`no such file or folder: ${path}`);
    if (info.isDirectory()) {
      const before = files.length;
      await walk(path, 0, files);
      if (files.length === before)
        throw new CaptureInputError(`no u_ex*.log, httperr*.log or *.har file in ${path}`);
    } else if (info.isFile()) {
      files.push({ path, kind: captureKindOfName(basename(path)), bytes: info.size });
    } else {
      throw new CaptureInputError(`not a file or folder: ${path}`);
    }
    if (files.length > maxFiles)
      throw new CaptureInputError(`more than ${maxFiles} files to read; name fewer folders`);
  }
  return files;
}

async function walk(folder: string, depth: number, into: CaptureFile[]): Promise<void> {
  if (depth > maxFolderDepth || into.length > maxFiles) return;
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await walk(path, depth + 1, into);
    else if (entry.isFile() && isCaptureFileName(entry.name)) {
      const info = await stat(path);
      into.push({ path, kind: captureKindOfName(entry.name), bytes: info.size });
    }
  }
}
