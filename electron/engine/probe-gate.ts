/**
 * TEST-ONLY: holds each probe of a diagnosis until a test lets it go, so an end-to-end test can
 * look at the running step with its progress per probe, or at the "applying" step while the
 * checks after a fix run, deterministically and without sleeping. Only the web harness creates
 * one, and only when the test fixture starts it with IWA_DOCTOR_TEST_HOOKS=1 on a simulated
 * machine (electron/harness/test-hooks.ts); the Electron app and the CLI never do. Open (the
 * default), it lets every probe through at once.
 */

interface HeldProbe {
  readonly probe: string;
  readonly pass: () => void;
}

export class ProbeGate {
  private holding = false;
  private passes = 0;
  private held: HeldProbe[] = [];

  /** From now on each probe waits for `step()` or `open()`. */
  hold(): void {
    this.holding = true;
  }

  /** Lets the longest-waiting probe run (or the next one to arrive, if none waits yet). */
  step(): void {
    const next = this.held.shift();
    if (next) next.pass();
    else this.passes += 1;
  }

  /** Lets every waiting probe run and stops holding. */
  open(): void {
    this.holding = false;
    this.passes = 0;
    for (const probe of this.held.splice(0)) probe.pass();
  }

  /** The probes waiting now, oldest first. */
  waiting(): string[] {
    return this.held.map((probe) => probe.probe);
  }

  /** The diagnosis calls this before each probe; a cancelled run stops waiting at once. */
  beforeProbe = (probe: string, signal: AbortSignal): Promise<void> => {
    if (!this.holding) return Promise.resolve();
    if (this.passes > 0) {
      this.passes -= 1;
      return Promise.resolve();
    }
    signal.throwIfAborted();
    return new Promise<void>((resolve, reject) => {
      const entry: HeldProbe = {
        probe,
        pass: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.held = this.held.filter((candidate) => candidate !== entry);
        reject(signal.reason instanceof Error ? signal.reason : new Error('the check was cancelled'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.held.push(entry);
    });
  };
}
