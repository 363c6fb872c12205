/**
 * The long fuzz run (`npm run fuzz`): at least 1,000,000 inputs per token decoder — half
 * random bytes, half mutated real tokens — checking that each input either decodes or raises
 * TokenDecodeError, within a time bound and without unbounded memory (docs/fuzzing.md).
 *
 * Each decoder runs in its own worker thread (fuzz-worker.ts) while this thread watches it:
 * - a throw that is not TokenDecodeError fails the run;
 * - an input still running after --hang-ms (the shared run counter stopped moving) is a hang:
 *   the worker is terminated;
 * - an input that finished but took longer than --slow-ms, confirmed by the median of 5
 *   re-runs (a busy machine or a collection pause is not blamed on the decoder), fails;
 * - the worker's heap is capped at --heap-mb (an input that allocates without bound kills the
 *   worker, not the machine) and the process's resident memory at --rss-mb (catches buffers
 *   outside the V8 heap);
 * - after the last input the heap retained after a full collection may exceed the heap before
 *   the first by at most --retained-mb (nothing may accumulate across inputs).
 * Every failure saves the input to a file and prints the command that replays it.
 *
 *   npx tsx scripts/fuzz-decoders.ts [--runs N] [--seed S] [--target NAME] [--slow-ms MS]
 *     [--hang-ms MS] [--heap-mb MB] [--rss-mb MB] [--retained-mb MB] [--failures-dir DIR]
 *   npx tsx scripts/fuzz-decoders.ts --replay FILE --target NAME
 * (`--targets-module PATH` swaps the decoders for other targets; the harness's own test uses it.)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  currentInputCapacity,
  currentInputOffset,
  type FuzzFailureReason,
  type FuzzTargetResult,
  type FuzzWorkerData,
  type FuzzWorkerMessage,
} from './fuzz-protocol.js';

function stringOption(name: string): string | null {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return null;
  const value = process.argv[index + 1];
  if (value === undefined || value.startsWith('--')) usageError(`--${name} needs a value`);
  return value;
}

function numberOption(name: string, fallback: number): number {
  const text = stringOption(name);
  if (text === null) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) usageError(`--${name} needs a positive integer`);
  return value;
}

function usageError(message: string): never {
  console.error(`fuzz-decoders: ${message}`);
  process.exit(2);
}

const options = {
  runs: numberOption('runs', 1_000_000),
  seed: numberOption('seed', 20261122),
  slowMs: numberOption('slow-ms', 250),
  hangMs: numberOption('hang-ms', 5_000),
  heapMb: numberOption('heap-mb', 256),
  rssMb: numberOption('rss-mb', 1_536),
  retainedMb: numberOption('retained-mb', 16),
  failuresDir: resolve(stringOption('failures-dir') ?? tmpdir()),
  target: stringOption('target'),
  replay: stringOption('replay'),
  targetsModule: stringOption('targets-module'),
};
const progressEvery = 250_000;

type WorkerOutcome =
  | { readonly kind: 'done'; readonly result: FuzzTargetResult }
  | { readonly kind: 'replayed'; readonly outcome: 'decoded' | 'rejected'; readonly ms: number }
  | {
      readonly kind: 'failed';
      readonly reason: FuzzFailureReason;
      readonly detail: string;
      readonly input: Uint8Array | null;
      readonly run: number | null;
    };

/** Workers do not inherit tsx's loader: register it first, then load the TypeScript worker. */
function workerBootstrap(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./fuzz-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); });`;
}

/** The input the worker was running, from shared memory (null when it was too large to copy). */
function currentInput(header: Int32Array, shared: SharedArrayBuffer): Uint8Array | null {
  const length = Atomics.load(header, 1);
  if (length < 0) return null;
  return new Uint8Array(shared, currentInputOffset, length).slice();
}

function runWorker(targetName: string, replay: Uint8Array | null): Promise<WorkerOutcome> {
  const shared = new SharedArrayBuffer(currentInputOffset + currentInputCapacity);
  const header = new Int32Array(shared, 0, 2);
  const data: FuzzWorkerData = {
    targetName,
    targetsModule: options.targetsModule ? pathToFileURL(resolve(options.targetsModule)).href : null,
    runs: options.runs,
    seed: options.seed,
    slowMs: options.slowMs,
    progressEvery,
    shared,
    replay,
  };
  const worker = new Worker(workerBootstrap(), {
    eval: true,
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: options.heapMb },
  });
  return new Promise((settle) => {
    let settled = false;
    let armed = false;
    let lastCount = -1;
    let lastChange = performance.now();
    const finish = (outcome: WorkerOutcome) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      void worker.terminate();
      settle(outcome);
    };
    const failWithCurrentInput = (reason: FuzzFailureReason, detail: string) =>
      finish({ kind: 'failed', reason, detail, input: currentInput(header, shared), run: null });
    const watchdog = setInterval(() => {
      const rssMb = process.memoryUsage.rss() / 2 ** 20;
      if (rssMb > options.rssMb) {
        failWithCurrentInput('out-of-memory', `resident memory ${rssMb.toFixed(0)} MB > ${options.rssMb} MB`);
        return;
      }
      if (!armed) return;
      const count = Atomics.load(header, 0);
      const now = performance.now();
      if (count !== lastCount) {
        lastCount = count;
        lastChange = now;
      } else if (now - lastChange > options.hangMs) {
        failWithCurrentInput('hung', `one input ran for more than ${options.hangMs} ms`);
      }
    }, 50);
    worker.on('message', (message: FuzzWorkerMessage) => {
      switch (message.type) {
        case 'armed':
          armed = true;
          lastChange = performance.now();
          break;
        case 'progress':
          console.log(`  … ${message.run.toLocaleString('en')} inputs`);
          break;
        case 'failed':
          finish({ kind: 'failed', ...message });
          break;
        case 'replayed':
          finish({ kind: 'replayed', outcome: message.outcome, ms: message.ms });
          break;
        case 'done':
          finish({ kind: 'done', result: message.result });
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        failWithCurrentInput('out-of-memory', `the worker's heap passed ${options.heapMb} MB`);
      } else {
        failWithCurrentInput('crashed', `${error.name}: ${error.message}`);
      }
    });
    worker.on('exit', (code) => failWithCurrentInput('crashed', `the worker exited (code ${code})`));
  });
}

function fileSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function reportFailure(targetName: string, outcome: Extract<WorkerOutcome, { kind: 'failed' }>): void {
  console.error(`FAIL ${targetName}: ${outcome.reason}: ${outcome.detail}`);
  if (outcome.input === null) {
    console.error('  the input was too large to keep; re-run with the same --seed to reproduce');
    return;
  }
  mkdirSync(options.failuresDir, { recursive: true });
  const file = resolve(
    options.failuresDir,
    `fuzz-${fileSlug(targetName)}-seed${options.seed}${outcome.run === null ? '' : `-run${outcome.run}`}.bin`,
  );
  writeFileSync(file, outcome.input);
  console.error(`  input (${outcome.input.length} bytes) saved to ${file}`);
  if (outcome.input.length <= 4096)
    console.error(`  input (base64): ${Buffer.from(outcome.input).toString('base64')}`);
  const module = options.targetsModule ? ` --targets-module ${options.targetsModule}` : '';
  console.error(
    `  replay: npx tsx scripts/fuzz-decoders.ts --replay ${file} --target ${JSON.stringify(targetName)}${module}`,
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

function commitText(): string {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown commit';
  }
}

async function targetNames(): Promise<string[]> {
  const module = (await import(
    options.targetsModule
      ? pathToFileURL(resolve(options.targetsModule)).href
      : '../shared/tokens/token-fuzz-targets.fuzz.js'
  )) as { fuzzTargets: readonly { name: string }[] };
  const names = module.fuzzTargets.map((target) => target.name);
  if (options.target === null) return names;
  if (!names.includes(options.target))
    usageError(
      `no target "${options.target}"; targets: ${names.map((name) => JSON.stringify(name)).join(', ')}`,
    );
  return [options.target];
}

async function replay(file: string): Promise<number> {
  if (options.target === null) usageError('--replay needs --target NAME');
  const [name] = await targetNames();
  const outcome = await runWorker(name ?? '', Uint8Array.from(readFileSync(file)));
  if (outcome.kind === 'replayed') {
    console.log(`${name}: ${outcome.outcome} in ${outcome.ms.toFixed(3)} ms`);
    return 0;
  }
  if (outcome.kind === 'failed') console.error(`FAIL ${name}: ${outcome.reason}: ${outcome.detail}`);
  return 1;
}

async function fuzz(): Promise<number> {
  const names = await targetNames();
  console.log(
    `fuzz-decoders: ${options.runs.toLocaleString('en')} inputs per decoder, seed ${options.seed}, ` +
      `${new Date().toISOString()}, ${commitText()}, node ${process.version}; bounds: ` +
      `slow ${options.slowMs} ms, hang ${options.hangMs} ms, heap ${options.heapMb} MB, ` +
      `rss ${options.rssMb} MB, retained ${options.retainedMb} MB`,
  );
  const started = performance.now();
  const results: FuzzTargetResult[] = [];
  for (const name of names) {
    const outcome = await runWorker(name, null);
    if (outcome.kind !== 'done') {
      if (outcome.kind === 'failed') reportFailure(name, outcome);
      console.log(`fuzz-decoders: FAILED in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return 1;
    }
    const result = outcome.result;
    results.push(result);
    const total = result.decoded + result.rejected;
    console.log(
      `${result.target.padEnd(38)} ${String(result.seeds).padStart(4)} seeds ${total.toLocaleString('en').padStart(10)} inputs ` +
        `${result.decoded.toLocaleString('en').padStart(9)} decoded ${result.rejected.toLocaleString('en').padStart(10)} TokenDecodeError ` +
        `${Math.round(total / result.seconds)
          .toLocaleString('en')
          .padStart(
            8,
          )}/s ${result.seconds.toFixed(0).padStart(5)} s  slowest ${result.slowestMs.toFixed(2)} ms ` +
        `(${result.slowestBytes} bytes; re-run median ${result.slowestMedianMs.toFixed(3)} ms)  ` +
        `peak heap ${megabytes(result.peakHeapBytes)}, retained ${megabytes(result.heapBeforeBytes)} -> ${megabytes(result.heapAfterBytes)}`,
    );
    const retained = result.heapAfterBytes - result.heapBeforeBytes;
    if (retained > options.retainedMb * 2 ** 20) {
      console.error(
        `FAIL ${name}: the heap after the run kept ${megabytes(retained)} more than before it (bound ${options.retainedMb} MB)`,
      );
      return 1;
    }
  }
  const slowest = results.reduce<FuzzTargetResult | null>(
    (worst, result) => (worst === null || result.slowestMedianMs > worst.slowestMedianMs ? result : worst),
    null,
  );
  const peak = Math.max(...results.map((result) => result.peakHeapBytes));
  console.log(
    `fuzz-decoders: ok in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `slowest input (re-run median) ${slowest ? `${slowest.slowestMedianMs.toFixed(3)} ms, ${slowest.slowestBytes} bytes, ${slowest.target}` : 'none'}; ` +
      `peak heap ${megabytes(peak)}`,
  );
  return 0;
}

process.exitCode = options.replay === null ? await fuzz() : await replay(options.replay);
