/** Messages between the capture-analysis view and its worker (structured clone, plain data). */
import type { CaptureAnalysis, CaptureProgress } from '../../../../shared/capture/capture-analysis.js';

export type ToCaptureWorker =
  { readonly type: 'start'; readonly files: readonly File[] } | { readonly type: 'cancel' };

export type FromCaptureWorker =
  | { readonly type: 'progress'; readonly progress: CaptureProgress }
  | { readonly type: 'done'; readonly analysis: CaptureAnalysis }
  | { readonly type: 'cancelled' }
  | { readonly type: 'failed'; readonly message: string };
