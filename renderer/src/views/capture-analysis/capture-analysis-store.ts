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
import { runCaptureAnalysis, type RunningCaptureAnalysis } from './run-capture-analysis.js';

export type CaptureAnalysisStatus =
  | { readonly kind: 'idle'; readonly notice: string | null }
  | { readonly kind: 'running'; readonly files: readonly string[]; readonly progress: CaptureProgress | null }
  | { readonly kind: 'done'; readonly analysis: CaptureAnalysis; readonly ignored: readonly string[] }
  | { readonly kind: 'error'; readonly message: string };

export interface CaptureAnalysisState {
  readonly status: CaptureAnalysisStatus;
  /**
   * Reads the files. `fromFolder` keeps only the names IIS, HTTP.sys and browsers write
   * (u_ex*.log, httperr*.log, *.har); files picked one by one are all read.
   */
  analyze(files: readonly File[], options?: { readonly fromFolder?: boolean }): Promise<void>;
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
  return createStore<CaptureAnalysisState>()((set) => ({
    status: { kind: 'idle', notice: null },
    async analyze(files, options = {}) {
      current?.cancel();
      const chosen = options.fromFolder ? files.filter((file) => isCaptureFileName(file.name)) : [...files];
      const ignored = files.filter((file) => !chosen.includes(file)).map((file) => file.name);
      if (chosen.length === 0) {
        set({
          status: {
            kind: 'error',
            message: options.fromFolder
              ? 'That folder holds no u_ex*.log, httperr*.log or .har file.'
              : 'No file was chosen.',
          },
        });
        return;
      }
      const mine = ++generation;
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
              ? { kind: 'idle', notice: 'Stopped: nothing was kept from the files that were being read.' }
              : { kind: 'error', message: error instanceof Error ? error.message : String(error) },
        });
      } finally {
        if (generation === mine) current = null;
      }
    },
    cancel() {
      current?.cancel();
    },
    clear() {
      current?.cancel();
      current = null;
      generation++;
      set({ status: { kind: 'idle', notice: null } });
    },
  }));
}
