/**
 * The capture-analysis worker: reads the Files it is given with `File.stream()` and runs
 * the pure shared analyzers off the window's thread, posting progress (at most ten times a
 * second), then the analysis. Nothing here touches the network or the engine.
 */
import { analyzeCaptureSources, CaptureCancelledError } from '../../../../shared/capture/capture-analysis.js';
import type { FromCaptureWorker, ToCaptureWorker } from './capture-analysis-protocol.js';
import { fileCaptureSource } from './capture-file-source.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToCaptureWorker>) => void) | null;
  postMessage(message: FromCaptureWorker): void;
}

// The renderer is typed with the DOM library; inside a worker the global is a WorkerGlobalScope.
const scope = globalThis as unknown as WorkerScope;
let cancelled = false;
const progressIntervalMs = 100;

async function run(files: readonly File[]): Promise<void> {
  let lastProgress = 0;
  try {
    const analysis = await analyzeCaptureSources(files.map(fileCaptureSource), {
      cancelled: () => cancelled,
      onProgress(progress) {
        const now = Date.now();
        if (now - lastProgress < progressIntervalMs && progress.bytesDone < progress.bytesTotal) return;
        lastProgress = now;
        scope.postMessage({ type: 'progress', progress });
      },
    });
    scope.postMessage({ type: 'done', analysis });
  } catch (error) {
    if (error instanceof CaptureCancelledError) scope.postMessage({ type: 'cancelled' });
    else
      scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'cancel') cancelled = true;
  else void run(message.files);
};
