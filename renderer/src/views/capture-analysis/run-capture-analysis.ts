/**
 * Runs the shared capture analysis over Files, in a Web Worker so a big log never freezes
 * the window; where no worker can be started (a test runner, a locked-down page) it runs
 * here, chunk by chunk, with the same progress and cancel.
 */
import {
  analyzeCaptureSources,
  CaptureCancelledError,
  type CaptureAnalysis,
  type CaptureProgress,
} from '../../../../shared/capture/capture-analysis.js';
import type { FromCaptureWorker, ToCaptureWorker } from './capture-analysis-protocol.js';
import { fileCaptureSource } from './capture-file-source.js';

export interface RunningCaptureAnalysis {
  /** Resolves with the analysis; rejects with CaptureCancelledError after cancel(). */
  readonly result: Promise<CaptureAnalysis>;
  cancel(): void;
}

function startWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./capture-analysis.worker.ts', import.meta.url), {
      type: 'module',
      name: 'capture-analysis',
    });
  } catch {
    return null;
  }
}

function runHere(
  files: readonly File[],
  onProgress: (progress: CaptureProgress) => void,
): RunningCaptureAnalysis {
  let cancelled = false;
  return {
    result: analyzeCaptureSources(files.map(fileCaptureSource), { onProgress, cancelled: () => cancelled }),
    cancel() {
      cancelled = true;
    },
  };
}

export function runCaptureAnalysis(
  files: readonly File[],
  onProgress: (progress: CaptureProgress) => void,
): RunningCaptureAnalysis {
  const worker = startWorker();
  if (!worker) return runHere(files, onProgress);
  let rejectResult: (error: Error) => void = () => undefined;
  let heard = false;
  let fallback: RunningCaptureAnalysis | null = null;
  const result = new Promise<CaptureAnalysis>((resolve, reject) => {
    rejectResult = reject;
    worker.onmessage = (event: MessageEvent<FromCaptureWorker>) => {
      heard = true;
      const message = event.data;
      switch (message.type) {
        case 'progress':
          onProgress(message.progress);
          return;
        case 'done':
          worker.terminate();
          resolve(message.analysis);
          return;
        case 'cancelled':
          worker.terminate();
          reject(new CaptureCancelledError());
          return;
        case 'failed':
          worker.terminate();
          reject(new Error(message.message));
          return;
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      if (heard) {
        reject(new Error(event.message || 'the analysis stopped unexpectedly'));
        return;
      }
      // The worker script could not start (a page loaded from file:// may not run one): read here instead.
      event.preventDefault();
      fallback = runHere(files, onProgress);
      fallback.result.then(resolve, reject);
    };
  });
  worker.postMessage({ type: 'start', files } satisfies ToCaptureWorker);
  return {
    result,
    cancel() {
      if (fallback) {
        fallback.cancel();
        return;
      }
      // Stop at once: the worker may be deep in a chunk; terminating it frees the file.
      worker.terminate();
      rejectResult(new CaptureCancelledError());
    },
  };
}
