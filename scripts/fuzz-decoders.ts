/**
 * The long fuzz run (`npm run fuzz`): at least 1,000,000 inputs per token decoder — half
 * random bytes, half mutated real tokens — checking that each input either decodes or
 * raises TokenDecodeError. Prints counts, throughput and the slowest single input per
 * decoder — its first timing, its size, and the median of 21 re-runs of that same input, so a
 * pause of the process (garbage collection, a busy machine) is told apart from an input that is
 * really slow; exits 1 on the first other throw (printing the input as base64 to reproduce).
 *
 *   npx tsx scripts/fuzz-decoders.ts [--runs N] [--seed S]
 */
import { performance } from 'node:perf_hooks';
import {
  fuzzTargets,
  mutate,
  randomBytes,
  runTarget,
  seedCorpus,
  seedsFor,
  xorshift32,
} from '../shared/tokens/token-fuzz-targets.fuzz.js';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isSafeInteger(value) || value <= 0) {
    console.error(`fuzz-decoders: --${name} needs a positive integer`);
    process.exit(2);
  }
  return value;
}

const runs = option('runs', 1_000_000);
const seed = option('seed', 20261122);
const corpus = seedCorpus();
console.log(
  `fuzz-decoders: ${runs.toLocaleString('en')} inputs per decoder, seed ${seed}, ${corpus.length} seed inputs from real tokens`,
);

let failed = false;
const started = performance.now();
for (const target of fuzzTargets) {
  const random = xorshift32(seed);
  const seeds = seedsFor(target, corpus);
  const counts = { decoded: 0, rejected: 0 };
  let slowestMs = 0;
  let slowestInput: Uint8Array = new Uint8Array(0);
  const begin = performance.now();
  for (let run = 0; run < runs; run += 1) {
    const input =
      run % 2 === 0
        ? randomBytes(random, 512)
        : mutate(seeds[random() % seeds.length] ?? new Uint8Array(0), random);
    const before = performance.now();
    try {
      counts[runTarget(target, input)] += 1;
    } catch (error) {
      console.error(
        `FAIL ${target.name}: run ${run} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      );
      console.error(`  input (base64): ${Buffer.from(input).toString('base64')}`);
      failed = true;
      break;
    }
    const elapsed = performance.now() - before;
    if (elapsed > slowestMs) {
      slowestMs = elapsed;
      slowestInput = input;
    }
  }
  const seconds = (performance.now() - begin) / 1000;
  const reruns: number[] = [];
  for (let rerun = 0; rerun < 21 && !failed; rerun += 1) {
    const before = performance.now();
    try {
      runTarget(target, slowestInput);
    } catch {
      // Already counted above: the same input raised TokenDecodeError or decoded.
    }
    reruns.push(performance.now() - before);
  }
  reruns.sort((a, b) => a - b);
  const rerunMedianMs = reruns[Math.floor(reruns.length / 2)] ?? 0;
  const total = counts.decoded + counts.rejected;
  console.log(
    `${target.name.padEnd(38)} ${String(seeds.length).padStart(4)} seeds ${total.toLocaleString('en').padStart(10)} inputs  ${counts.decoded.toLocaleString('en').padStart(9)} decoded  ${counts.rejected.toLocaleString('en').padStart(10)} TokenDecodeError  ${Math.round(
      total / seconds,
    )
      .toLocaleString('en')
      .padStart(
        8,
      )}/s  slowest ${slowestMs.toFixed(2)} ms (${slowestInput.length} bytes; re-run median ${rerunMedianMs.toFixed(3)} ms)`,
  );
  if (failed) break;
}
console.log(
  `fuzz-decoders: ${failed ? 'FAILED' : 'ok'} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(failed ? 1 : 0);
