/**
 * Files dropped on "Analyze a capture", folders included. `DataTransfer.files` lists a
 * dropped folder as one unreadable File, so folders are walked through the File and
 * Directory Entries API (`webkitGetAsEntry()`, Chromium and Electron). Files dropped
 * themselves are all read; files found inside folders are filtered like "Choose a folder…"
 * (capture-analysis-store.ts): the names IIS, HTTP.sys and browsers write, and renamed logs
 * that start with IIS's or HTTP.sys's header.
 */

/** What a drop holds, taken while the drop event runs: the items cannot be read afterwards. */
export interface DropSelection {
  readonly files: readonly File[];
  readonly folders: readonly FileSystemDirectoryEntry[];
}

export interface DroppedFiles {
  /** Dropped themselves: all are read. */
  readonly files: readonly File[];
  /** Found inside dropped folders: filtered (by name, or a renamed log by its first line) before reading. */
  readonly folderFiles: readonly File[];
}

const maxFolderDepth = 8;
const maxFolderFiles = 10_000;

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

/** Call inside the drop handler, before any `await`. */
export function takeDropSelection(transfer: DataTransfer): DropSelection {
  const files: File[] = [];
  const folders: FileSystemDirectoryEntry[] = [];
  for (const item of [...transfer.items]) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry && isDirectory(entry)) {
      folders.push(entry);
      continue;
    }
    const file = item.getAsFile();
    if (file) files.push(file);
  }
  // A browser without items (or with only non-file items listed) still fills `files`.
  if (files.length === 0 && folders.length === 0) files.push(...transfer.files);
  return { files, folders };
}

function readBatch(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(
  folder: FileSystemDirectoryEntry,
  depth: number,
  into: File[],
  stopped: () => boolean,
): Promise<void> {
  if (depth > maxFolderDepth) return;
  const reader = folder.createReader();
  // readEntries hands out a directory in batches (100 at a time in Chromium) until an empty one.
  for (;;) {
    const batch = await readBatch(reader);
    if (batch.length === 0) return;
    batch.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of batch) {
      if (into.length >= maxFolderFiles || stopped()) return;
      if (isDirectory(entry)) await walk(entry, depth + 1, into, stopped);
      else if (isFile(entry)) into.push(await fileOf(entry));
    }
  }
}

/**
 * Walks the dropped folders (up to 8 levels, 10,000 files). `stopped` is asked before each
 * entry: a Stop while a large folder is walked ends the walk, not only the wait for it.
 */
export async function collectDroppedFiles(
  selection: DropSelection,
  stopped: () => boolean = () => false,
): Promise<DroppedFiles> {
  const folderFiles: File[] = [];
  for (const folder of selection.folders) await walk(folder, 0, folderFiles, stopped);
  return { files: [...selection.files], folderFiles };
}
