/**
 * A lab (or anything else that must be stopped) started by a test suite's setup hook, kept so
 * the teardown hook can stop it even when the setup hook gave up first: a `beforeAll` that
 * times out while `startLab()` is still running leaves the start going, and the lab it
 * eventually starts would otherwise run on with nobody to stop it. `stop()` waits for a start
 * still under way and stops what it produced.
 */

export interface Stoppable {
  stop(): Promise<void>;
}

export interface SuiteResource<T extends Stoppable> {
  /** Starts it (once); the same promise on every call. */
  start(): Promise<T>;
  /** Stops what `start` produced, waiting for a start still running; nothing when never started or failed. */
  stop(): Promise<void>;
}

export function suiteResource<T extends Stoppable>(startIt: () => Promise<T>): SuiteResource<T> {
  let starting: Promise<T> | undefined;
  return {
    start() {
      starting ??= startIt();
      return starting;
    },
    async stop() {
      if (!starting) return;
      const started = await starting.catch(() => undefined);
      await started?.stop();
    },
  };
}
