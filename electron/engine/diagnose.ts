/**
 * One diagnosis: plan -> probes -> evidence -> rules -> findings (design.md, data flow).
 * Probes run one after another on the host's single session; a probe that fails or cannot
 * run is recorded as such and the others go on.
 */
import { randomUUID } from 'node:crypto';
import type { Diagnosis, ProbeRun } from '../../shared/model/diagnosis.js';
import type { Evidence } from '../../shared/model/evidence.js';
import type { Finding, RemedyOffer, RuledOut } from '../../shared/model/finding.js';
import type { Target } from '../../shared/model/target.js';
import type { Verdict } from '../../shared/model/verdict.js';
import { evaluateDiagnosisRules } from '../../shared/rules/diagnosis-rules.js';
import { probesFor } from '../../shared/wizard/probe-plan.js';
import type { Host } from '../host/host.js';
import type { LiveTestOptions } from '../live/run-live-sign-in-test.js';
import { ProbeUnavailableError } from './probe.js';
import { findProbe } from './probes/probe-catalog.js';
import { withOfferAvailability } from './remedies/offer-availability.js';
import { findRemedy } from './remedies/remedy-catalog.js';
import { untilAborted } from './until-aborted.js';

export interface DiagnoseOptions {
  readonly signal?: AbortSignal;
  /** Settings of the real network for the live sign-in and DNS probes (default: the system's). */
  readonly liveTest?: LiveTestOptions;
  /** Called as each probe starts and ends, for progress in the UI. */
  readonly onProbe?: (run: ProbeRun & { readonly phase: 'started' | 'finished' }) => void;
  /**
   * Awaited after a probe is announced as started and before it runs. Only the test-only probe
   * gate of the web harness uses it (electron/engine/probe-gate.ts), to hold the running step
   * on screen without sleeping; it rejects when the run is cancelled.
   */
  readonly beforeProbe?: (probeId: string, signal: AbortSignal) => Promise<void>;
}

export async function diagnose(
  host: Host,
  target: Target,
  options: DiagnoseOptions = {},
): Promise<Diagnosis> {
  const signal = options.signal ?? new AbortController().signal;
  const startedAt = new Date().toISOString();
  const machine = await host.machineIdentity();
  const probes: ProbeRun[] = [];
  const evidence: Evidence[] = [];
  for (const probeId of probesFor(target)) {
    const probe = findProbe(probeId);
    if (!probe) {
      probes.push({
        probe: probeId,
        title: probeId,
        status: 'unavailable',
        message: 'this check is not available in this version',
      });
      continue;
    }
    signal.throwIfAborted();
    options.onProbe?.({ probe: probe.id, title: probe.title, status: 'ok', phase: 'started' });
    await options.beforeProbe?.(probe.id, signal);
    signal.throwIfAborted();
    let run: ProbeRun;
    try {
      const produced = await untilAborted(
        probe.run({ host, target, machine, signal, liveTest: options.liveTest ?? {} }),
        signal,
      );
      evidence.push(...produced);
      // A probe that ran but could not read what it looks at (no IIS, setspn without a DC, a
      // locked section) says so as its status, with its evidence's words on how to check by hand.
      const unreadable = produced.filter((item) => item.status === 'unavailable');
      run =
        unreadable.length > 0
          ? {
              probe: probe.id,
              title: probe.title,
              status: 'unavailable',
              message: unreadable.map((item) => item.summary).join(' '),
            }
          : { probe: probe.id, title: probe.title, status: 'ok' };
    } catch (error) {
      signal.throwIfAborted();
      run = {
        probe: probe.id,
        title: probe.title,
        status: error instanceof ProbeUnavailableError ? 'unavailable' : 'failed',
        message: error instanceof Error ? error.message : String(error),
      };
    }
    probes.push(run);
    options.onProbe?.({ ...run, phase: 'finished' });
  }

  const findings: Finding[] = [];
  const ruledOut: RuledOut[] = [];
  // Host rules and the live sign-in rule, reconciled: one finding per cause (diagnosis-rules.ts).
  const outcome = evaluateDiagnosisRules({ target, evidence });
  const verdict: Verdict | undefined = outcome.verdict;
  ruledOut.push(...outcome.ruledOut);
  for (const draft of outcome.findings) {
    const remedies: RemedyOffer[] = draft.remedies.map((proposal) => ({
      ...proposal,
      offerId: randomUUID(),
    }));
    findings.push({ ...draft, remedies });
  }
  findings.sort((a, b) => confidenceRank(a.confidence) - confidenceRank(b.confidence));

  // Offers the person cannot use here (e.g. no right to write SPNs) say so now, for the UI and the CLI alike.
  return withOfferAvailability(
    {
      runId: randomUUID(),
      target,
      host: host.describe(),
      startedAt,
      finishedAt: new Date().toISOString(),
      probes,
      evidence,
      findings,
      ruledOut,
      ...(verdict ? { verdict } : {}),
    },
    { host, machine },
    findRemedy,
  );
}

function confidenceRank(confidence: Finding['confidence']): number {
  return confidence === 'confirmed' ? 0 : confidence === 'likely' ? 1 : 2;
}
