/**
 * One decoder's share of the long fuzz run (`scripts/fuzz-decoders.ts`), in a worker thread
 * so the main thread can watch it: before each input the worker copies the input into shared
 * memory and bumps a counter; a counter that stops moving is a hang, and the input that hung
 * is still there to save. The worker's heap is capped (resourceLimits), so an input that
 * allocates without bound kills the worker instead of the machine, again with the input saved.
 *
 * Here, per input: outcome counts, the slowest input (confirmed by the median of re-runs, so
 * a pause of the thread is not blamed on the decoder), a time bound on confirmed-slow inputs,
 * the peak heap (sampled), and at the end the heap retained after a full collection compared
 * with before the run (a leak across inputs).
 */
import { performance } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import type { FuzzTarget } from '../shared/tokens/token-fuzz-targets.fuzz.js';
import {
  fuzzTargets as decoderTargets,
  mutate,
  randomBytes,
  runTarget,
  seedCorpus,
  seedsFor,
  xorshift32,
} from '../shared/tokens/token-fuzz-targets.fuzz.js';
import { currentInputOffset, type FuzzWorkerData, type FuzzWorkerMessage } from './fuzz-protocol.js';

const data = workerData as FuzzWorkerData;
const port = parentPort;
if (!port) throw new Error('fuzz-worker.ts runs only as a worker thread');

const header = new Int32Array(data.shared, 0, 2);
const inputBytes = new Uint8Array(data.shared, currentInputOffset);

function post(message: FuzzWorkerMessage): void {
  port?.postMessage(message);
}

/** Publishes the input about to run; the watchdog reads it if this input never returns. */
function begin(input: Uint8Array): void {
  const fits = input.length <= inputBytes.length;
  if (fits) inputBytes.set(input);
  Atomics.store(header, 1, fits ? input.length : -1);
  Atomics.add(header, 0, 1);
}

/** V8's own gc(), reachable once --expose-gc is set at run time (workers ignore execArgv flags like it). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function heapUsed(): number {
  return getHeapStatistics().used_heap_size;
}

function timeOnce(target: FuzzTarget, input: Uint8Array): number {
  begin(input);
  const before = performance.now();
  try {
    runTarget(target, input);
  } catch {
    // The first run already reported anything that is not a TokenDecodeError.
  }
  return performance.now() - before;
}

/** Median of `reruns` more runs: what the input really costs, without one-off pauses. */
function confirmedMs(target: FuzzTarget, input: Uint8Array, reruns: number): number {
  const times = Array.from({ length: reruns }, () => timeOnce(target, input)).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

async function targetsOf(): Promise<readonly FuzzTarget[]> {
  if (data.targetsModule === null) return decoderTargets;
  const module = (await import(data.targetsModule)) as { fuzzTargets: readonly FuzzTarget[] };
  return module.fuzzTargets;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function main(): Promise<void> {
  const targets = await targetsOf();
  const target = targets.find((candidate) => candidate.name === data.targetName);
  if (!target) throw new Error(`no fuzz target named "${data.targetName}"`);

  if (data.replay) {
    begin(data.replay);
    post({ type: 'armed' });
    const before = performance.now();
    try {
      const outcome = runTarget(target, data.replay);
      post({ type: 'replayed', outcome, ms: performance.now() - before });
    } catch (error) {
      post({ type: 'failed', reason: 'threw', detail: errorText(error), input: data.replay, run: 0 });
    }
    return;
  }

  const corpus = seedCorpus();
  const seeds = seedsFor(target, corpus);
  const random = xorshift32(data.seed);
  collectGarbage();
  const heapBefore = heapUsed();
  let peakHeap = heapBefore;
  const counts = { decoded: 0, rejected: 0 };
  let slowestMs = 0;
  let slowestInput: Uint8Array = new Uint8Array(0);
  post({ type: 'armed' });
  const started = performance.now();
  for (let run = 0; run < data.runs; run += 1) {
    const input =
      run % 2 === 0
        ? randomBytes(random, 512)
        : mutate(seeds[random() % seeds.length] ?? new Uint8Array(0), random);
    begin(input);
    const before = performance.now();
    try {
      counts[runTarget(target, input)] += 1;
    } catch (error) {
      post({ type: 'failed', reason: 'threw', detail: errorText(error), input, run });
      return;
    }
    const elapsed = performance.now() - before;
    if (elapsed > data.slowMs) {
      const median = confirmedMs(target, input, 5);
      if (median > data.slowMs) {
        post({
          type: 'failed',
          reason: 'slow',
          detail: `median of 5 re-runs ${median.toFixed(1)} ms, over the bound of ${data.slowMs} ms`,
          input,
          run,
        });
        return;
      }
    }
    if (elapsed > slowestMs) {
      slowestMs = elapsed;
      slowestInput = input;
    }
    if ((run & 0xfff) === 0) peakHeap = Math.max(peakHeap, heapUsed());
    if (run > 0 && run % data.progressEvery === 0) post({ type: 'progress', run });
  }
  const seconds = (performance.now() - started) / 1000;
  const slowestMedianMs = confirmedMs(target, slowestInput, 21);
  collectGarbage();
  post({
    type: 'done',
    result: {
      target: target.name,
      seeds: seeds.length,
      decoded: counts.decoded,
      rejected: counts.rejected,
      seconds,
      slowestMs,
      slowestBytes: slowestInput.length,
      slowestMedianMs,
      slowestInput,
      peakHeapBytes: peakHeap,
      heapBeforeBytes: heapBefore,
      heapAfterBytes: heapUsed(),
    },
  });
}

await main();
