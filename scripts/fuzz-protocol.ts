/**
 * What the long fuzz run's main thread (`fuzz-decoders.ts`) and its workers (`fuzz-worker.ts`)
 * exchange: the start data, the messages back, and the layout of the shared memory the
 * watchdog reads (Int32 run counter, Int32 input length or -1 when it did not fit, then the
 * input bytes).
 */

/** Byte offset of the current input in the shared buffer (after the two Int32 header slots). */
export const currentInputOffset = 8;
/** Room for the current input: mutated real tokens stay far below this; bigger inputs are marked -1. */
export const currentInputCapacity = 1024 * 1024;

export interface FuzzWorkerData {
  readonly targetName: string;
  /** Module exporting `fuzzTargets` instead of the decoders (the harness's own tests); null for the decoders. */
  readonly targetsModule: string | null;
  readonly runs: number;
  readonly seed: number;
  /** A finished input slower than this (confirmed by re-runs) fails the run. */
  readonly slowMs: number;
  readonly progressEvery: number;
  readonly shared: SharedArrayBuffer;
  /** Replay one saved input instead of fuzzing. */
  readonly replay: Uint8Array | null;
}

export interface FuzzTargetResult {
  readonly target: string;
  readonly seeds: number;
  readonly decoded: number;
  readonly rejected: number;
  readonly seconds: number;
  readonly slowestMs: number;
  readonly slowestBytes: number;
  /** Median of 21 re-runs of the slowest input. */
  readonly slowestMedianMs: number;
  readonly slowestInput: Uint8Array;
  /** Largest used heap sampled every 4,096 inputs. */
  readonly peakHeapBytes: number;
  /** Used heap after a full collection, before the first input and after the last. */
  readonly heapBeforeBytes: number;
  readonly heapAfterBytes: number;
}

export type FuzzFailureReason = 'threw' | 'slow' | 'hung' | 'out-of-memory' | 'crashed';

export type FuzzWorkerMessage =
  | { readonly type: 'armed' }
  | { readonly type: 'progress'; readonly run: number }
  | {
      readonly type: 'failed';
      readonly reason: FuzzFailureReason;
      readonly detail: string;
      readonly input: Uint8Array;
      readonly run: number;
    }
  | { readonly type: 'replayed'; readonly outcome: 'decoded' | 'rejected'; readonly ms: number }
  | { readonly type: 'done'; readonly result: FuzzTargetResult };
