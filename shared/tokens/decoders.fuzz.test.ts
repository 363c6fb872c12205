/**
 * Short fuzz run inside the normal test suite (the long run is scripts/fuzz-decoders.ts):
 * random bytes and mutated real tokens through every decoder. Each input must either
 * decode or raise TokenDecodeError — never a TypeError/RangeError, never a hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fuzzTargets,
  mutate,
  runTarget,
  seedCorpus,
  seedsFor,
  xorshift32,
} from './token-fuzz-targets.fuzz.js';

const corpus = seedCorpus();
const runsPerKind = 1500;

describe('decoders under fuzzing', () => {
  it('has a seed corpus from the real tokens', () => {
    expect(corpus.length).toBeGreaterThan(300);
  });

  for (const target of fuzzTargets) {
    it(`${target.name}: random bytes either decode or raise TokenDecodeError`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
          runTarget(target, bytes);
        }),
        { numRuns: runsPerKind, seed: 20261122 },
      );
    });

    it(`${target.name}: mutated real tokens either decode or raise TokenDecodeError`, () => {
      const seeds = seedsFor(target, corpus);
      const outcomes = { decoded: 0, rejected: 0 };
      fc.assert(
        fc.property(fc.nat(seeds.length - 1), fc.integer({ min: 1 }), (index, seed) => {
          const seedToken = seeds[index] ?? new Uint8Array(0);
          outcomes[runTarget(target, mutate(seedToken, xorshift32(seed)))] += 1;
        }),
        { numRuns: runsPerKind, seed: 4559 },
      );
      expect(outcomes.decoded + outcomes.rejected).toBe(runsPerKind);
    });
  }
});
