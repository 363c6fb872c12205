/**
 * A probe: one question asked of the machine or the network, answered with evidence.
 * Probes are thin: they gather raw facts through the host and network seams and hand
 * them to pure code in shared/ for interpretation.
 */
import type { Evidence } from '../../shared/model/evidence.js';
import type { Target } from '../../shared/model/target.js';
import type { Host, MachineIdentity } from '../host/host.js';
import type { LiveTestOptions } from '../live/run-live-sign-in-test.js';

export interface ProbeContext {
  readonly host: Host;
  readonly target: Target;
  readonly machine: MachineIdentity;
  readonly signal: AbortSignal;
  /**
   * Start-up settings of the real network (DNS server and search list, trusted CAs, time limit)
   * for the probes that use it on a real machine; a simulated machine brings its own network.
   */
  readonly liveTest?: LiveTestOptions;
}

export interface Probe {
  /** Stable id, `area:what`, e.g. `zones:mapping`. The decision tree names probes by it. */
  readonly id: string;
  /** What it checks, in plain words (shown while it runs). */
  readonly title: string;
  run(context: ProbeContext): Promise<readonly Evidence[]>;
}

/** A probe that cannot run here (not Windows, no rights, timed out) says so with this. */
export class ProbeUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProbeUnavailableError';
  }
}
