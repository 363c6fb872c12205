/**
 * State of "Analyze a capture": which files are being read, how far, and what they showed.
 * One mutation path (style.md): the view calls `analyze`, `cancel` and `clear`; the store
 * runs the analysis (a worker where possible) and keeps only the latest run's result.
 */
import { createStore } from 'zustand/vanilla';
import {
  CaptureCancelledError,
  isCaptureFileName,
  type CaptureAnalysis,
  type CaptureProgress,
} from '../../../../shared/capture/capture-analysis.js';
import {
  mayBeRenamedServerLog,
  serverLogSignatureBytes,
  startsLikeServerLog,
} from '../../../../shared/capture/server-log-signature.js';
import { collectDroppedFiles, type DropSelection } from './dropped-files.js';
import { runCaptureAnalysis, type RunningCaptureAnalysis } from './run-capture-analysis.js';

export type CaptureAnalysisStatus =
  | { readonly kind: 'idle'; readonly notice: string | null }
  /** `files` is empty while folders are still being looked through. */
  | { readonly kind: 'running'; readonly files: readonly string[]; readonly progress: CaptureProgress | null }
  | { readonly kind: 'done'; readonly analysis: CaptureAnalysis; readonly ignored: readonly string[] }
  | { readonly kind: 'error'; readonly message: string };

export interface CaptureAnalysisState {
  readonly status: CaptureAnalysisStatus;
  /**
   * Reads the files. `files` were picked or dropped one by one: all are read. `folderFiles`
   * were found in a picked or dropped folder: the names IIS, HTTP.sys and browsers write
   * (u_ex*.log, httperr*.log, *.har) and renamed logs that start with IIS's or HTTP.sys's
   * header are read, the others are listed as left out.
   */
  analyze(files: readonly File[], options?: { readonly folderFiles?: readonly File[] }): Promise<void>;
  /** A drop: walks the dropped folders (their files filtered like a picked folder), then reads. */
  analyzeDrop(selection: DropSelection): Promise<void>;
  cancel(): void;
  clear(): void;
}

export type CaptureRunner = (
  files: readonly File[],
  onProgress: (progress: CaptureProgress) => void,
) => RunningCaptureAnalysis;

export function createCaptureAnalysisStore(run: CaptureRunner = runCaptureAnalysis) {
  let current: RunningCaptureAnalysis | null = null;
  /** Which run is the latest: progress and results of an older run are dropped. */
  let generation = 0;
  /** The generation of a run whose folders are being walked or their files looked at, or null. */
  let walking: number | null = null;
  const stopped = 'Stopped: nothing was kept from the files that were being read.';
  return createStore<CaptureAnalysisState>()((set, get) => ({
    status: { kind: 'idle', notice: null },
    async analyze(files, options = {}) {
      current?.cancel();
      // A newer choice wins over a drop whose folders are still being walked.
      const mine = ++generation;
      walking = null;
      const folderFiles = options.folderFiles ?? [];
      if (folderFiles.length > 0) {
        // Reading the first line of each renamed log takes a moment in a big folder: Stop works meanwhile.
        walking = mine;
        set({ status: { kind: 'running', files: [], progress: null } });
      }
      const fromFolders = await serverCaptureFiles(folderFiles);
      if (walking === mine) walking = null;
      // Stopped, cleared or replaced by a newer choice while the folder's files were looked at.
      if (generation !== mine) return;
      const chosen = [...files, ...fromFolders];
      // A set: a folder may hold up to 10,000 files (dropped-files.ts), too many for a list lookup each.
      const taken = new Set(fromFolders);
      const ignored = folderFiles.filter((file) => !taken.has(file)).map((file) => file.name);
      if (chosen.length === 0) {
        set({
          status: {
            kind: 'error',
            message:
              options.folderFiles !== undefined
                ? 'That folder holds no IIS log, HTTP.sys log or .har file: none is named u_ex*.log or httperr*.log, none starts with the #Software: line IIS writes. A log is read whatever its name when you choose or drop the file itself.'
                : 'No file was chosen.',
          },
        });
        return;
      }
      const names = chosen.map((file) => file.name);
      set({ status: { kind: 'running', files: names, progress: null } });
      // Progress may arrive before run() returns (the in-thread fallback reports at once).
      const running = run(chosen, (progress) => {
        if (generation === mine) set({ status: { kind: 'running', files: names, progress } });
      });
      current = running;
      try {
        const analysis = await running.result;
        if (generation === mine) set({ status: { kind: 'done', analysis, ignored } });
      } catch (error) {
        if (generation !== mine) return;
        set({
          status:
            error instanceof CaptureCancelledError
              ? { kind: 'idle', notice: stopped }
              : { kind: 'error', message: error instanceof Error ? error.message : String(error) },
        });
      } finally {
        if (generation === mine) current = null;
      }
    },
    async analyzeDrop(selection) {
      if (selection.folders.length === 0) return get().analyze(selection.files);
      current?.cancel();
      current = null;
      const mine = ++generation;
      walking = mine;
      set({ status: { kind: 'running', files: [], progress: null } });
      let dropped;
      try {
        dropped = await collectDroppedFiles(selection, () => generation !== mine);
      } catch (error) {
        if (generation === mine)
          set({
            status: {
              kind: 'error',
              message: `the dropped folder could not be listed (${error instanceof Error ? error.message : String(error)})`,
            },
          });
        return;
      } finally {
        if (walking === mine) walking = null;
      }
      // Stopped or cleared while the folders were walked: nothing more to do.
      if (generation !== mine) return;
      return get().analyze(dropped.files, { folderFiles: dropped.folderFiles });
    },
    cancel() {
      if (current) {
        current.cancel();
        return;
      }
      if (walking !== null) {
        walking = null;
        generation++;
        set({ status: { kind: 'idle', notice: stopped } });
      }
    },
    clear() {
      current?.cancel();
      current = null;
      walking = null;
      generation++;
      set({ status: { kind: 'idle', notice: null } });
    },
  }));
}

/** The folder files a folder import reads: by name, or a renamed log by its first line. */
async function serverCaptureFiles(folderFiles: readonly File[]): Promise<File[]> {
  const chosen: File[] = [];
  for (const file of folderFiles) {
    if (isCaptureFileName(file.name)) chosen.push(file);
    else if (mayBeRenamedServerLog(file.name) && (await startsLikeServerLogFile(file))) chosen.push(file);
  }
  return chosen;
}

/** A file that cannot be read here is not taken (it is listed as left out). */
async function startsLikeServerLogFile(file: File): Promise<boolean> {
  const start = await file
    .slice(0, serverLogSignatureBytes)
    .text()
    .catch(() => '');
  return startsLikeServerLog(start);
}
