/**
 * The engine side of the "Test sign-in" channel: runs the live sign-in test for a URL the
 * renderer sent (already validated by the contract) with the settings the engine was started
 * with, one test at a time — a second click while one runs is refused instead of doubling the
 * requests and Kerberos calls. Each step is bounded by the test's own time limits.
 */
import { liveTestResultSchema, type WireLiveTestResult } from '../../shared/live/live-test-result.js';
import { EngineError } from '../engine/engine.js';
import { runLiveSignInTest, type LiveTestOptions } from './run-live-sign-in-test.js';

export interface LiveTestRunner {
  /** The wire form (the same schema the channel's response is checked with). */
  run(url: string): Promise<WireLiveTestResult>;
}

export function createLiveTestRunner(options: LiveTestOptions = {}): LiveTestRunner {
  let running = false;
  return {
    async run(url) {
      if (running)
        throw new EngineError(
          'a sign-in test is already running; wait for its result',
          'precondition-failed',
        );
      running = true;
      try {
        return liveTestResultSchema.parse(await runLiveSignInTest(url, options));
      } finally {
        running = false;
      }
    },
  };
}
