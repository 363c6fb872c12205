/**
 * The engine behind the API: owns the host session, the offers of the last diagnosis, and
 * the journal. The renderer names offers and journal entries by id; everything else (what a
 * remedy changes, on which key) is decided here from the engine's own state.
 */
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import type { ApiResponse, ScenarioSummary } from '../../shared/api/contract.js';
import { causeCatalog } from '../../shared/causes/cause-catalog.js';
import type { Diagnosis } from '../../shared/model/diagnosis.js';
import type { Finding, RemedyOffer } from '../../shared/model/finding.js';
import { HandoffError } from '../../shared/handoff/admin-handoff-script.js';
import { PowerShellLiteralError } from '../../shared/handoff/powershell-literal.js';
import type { JournalEntry } from '../../shared/model/journal.js';
import { journalMachineOf } from '../../shared/model/journal-machine.js';
import type { ChangePlan } from '../../shared/model/change-plan.js';
import type { Target } from '../../shared/model/target.js';
import type { Verdict } from '../../shared/model/verdict.js';
import { probesFor } from '../../shared/wizard/probe-plan.js';
import type { ProbeProgress } from '../../shared/wizard/probe-progress.js';
import type { Host } from '../host/host.js';
import type { LiveTestOptions } from '../live/run-live-sign-in-test.js';
import { ScenarioHost } from '../host/scenario/scenario-host.js';
import type { ScenarioLibrary } from '../host/scenario/scenario-library.js';
import { diagnose } from './diagnose.js';
import type { ProbeGate } from './probe-gate.js';
import type { JournalStore } from './journal/journal-store.js';
import { findProbe } from './probes/probe-catalog.js';
import { RecentTargetsStore } from './recent-targets/recent-targets-store.js';
import { applyPlan, undoEntry } from './remedies/remedy-runner.js';
import { findRemedy } from './remedies/remedy-catalog.js';
import { RemedyPreconditionError } from './remedies/remedy.js';
import { buildAdminHandoff } from './remedies/admin-handoff-export.js';
import { purgeKerberosTickets } from './remedies/kerberos-ticket-purge.js';

/** An expected failure the person can act on; the API turns it into `{ ok: false }`. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly code: 'not-found' | 'precondition-failed' | 'unavailable' | 'bad-request',
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export interface EngineOptions {
  readonly version: string;
  readonly transport: 'electron' | 'web';
  readonly journal: JournalStore;
  /** Simulation mode: scenarios the person may load. */
  readonly scenarios?: ScenarioLibrary;
  /** The real machine (PowerShell host), when the engine runs on Windows. */
  readonly createHost?: () => Promise<Host>;
  /** A host to start with (e.g. a scenario given on the command line). */
  readonly initialHost?: Host;
  /** Addresses checked before; by default `recent-targets.json` beside the journal. */
  readonly recentTargets?: RecentTargetsStore;
  /** Start-up settings of the real network for the live sign-in and DNS probes (a real machine only). */
  readonly liveTestOptions?: LiveTestOptions;
  /** TEST-ONLY (web harness with IWA_DOCTOR_TEST_HOOKS=1): holds probes until a test lets them go. */
  readonly probeGate?: ProbeGate;
}

interface RunningDiagnosis {
  readonly runId: string;
  readonly controller: AbortController;
  readonly progress: ProbeProgress[];
}

/** How many run ids the engine remembers as cancelled or finished (a cancel may arrive first). */
const rememberedRunLimit = 64;

interface OfferRecord {
  readonly offer: RemedyOffer;
  readonly target: Target;
  readonly finding: Finding;
  /** The server verdict of the diagnosis that made the offer (the admin hand-off quotes it). */
  readonly verdict: Verdict | undefined;
}

/**
 * The target a change was applied for: the same checks as the diagnosis before the fix, so a
 * re-check reads exactly what that diagnosis read. Older entries did not record the symptom.
 */
function targetOfEntry(entry: JournalEntry): Target {
  return {
    url: entry.targetUrl,
    symptom: entry.targetSymptom ?? 'check-everything',
    ...(entry.targetAnswers ? { answers: entry.targetAnswers } : {}),
  };
}

export class Engine {
  private host: Host | null;
  private offers = new Map<string, OfferRecord>();
  /** The plan each offer's preview showed the person: apply makes that change or none. */
  private readonly previews = new Map<string, ChangePlan>();
  /** Addresses checked before (the start page lists them). */
  private readonly recentTargets: RecentTargetsStore;
  private running: RunningDiagnosis | null = null;
  private lastProgress: ProbeProgress[] = [];
  /** Runs cancelled before their request arrived, and runs that finished (oldest first). */
  private readonly pastRuns = new Map<string, 'cancelled' | 'finished'>();

  constructor(private readonly options: EngineOptions) {
    this.host = options.initialHost ?? null;
    this.recentTargets =
      options.recentTargets ?? RecentTargetsStore.inDirectory(dirname(options.journal.file));
  }

  async info(): Promise<ApiResponse<'app:info'>> {
    const scenarios: ScenarioSummary[] = this.options.scenarios ? await this.options.scenarios.list() : [];
    return {
      version: this.options.version,
      transport: this.options.transport,
      host: this.host?.describe() ?? null,
      simulation: this.options.createHost === undefined,
      scenarios,
      target: this.host instanceof ScenarioHost ? this.host.scenario.target : null,
    };
  }

  causes(): ApiResponse<'causes:list'> {
    return causeCatalog.map(({ id, title, scope, side }) => ({ id, title, scope, side }));
  }

  async loadScenario(id: string): Promise<ApiResponse<'scenario:load'>> {
    if (!this.options.scenarios)
      throw new EngineError('scenarios can only be loaded in simulation mode', 'unavailable');
    const scenario = await this.options.scenarios.load(id);
    await this.host?.close();
    const host = new ScenarioHost(scenario);
    this.host = host;
    this.offers.clear();
    this.previews.clear();
    return { host: host.describe(), target: scenario.target };
  }

  /**
   * Runs the checks for a target. `runId` is the renderer's name for this run (a cancel may
   * name it before this call arrives: then nothing runs); internal re-checks make their own.
   * A cancelled run never remembers the address and never replaces the offers on hand.
   */
  async runDiagnosis(target: Target, runId: string = randomUUID()): Promise<Diagnosis> {
    const past = this.pastRuns.get(runId);
    if (past === 'cancelled') {
      this.pastRuns.set(runId, 'finished');
      throw new EngineError('the check was cancelled', 'precondition-failed');
    }
    if (past === 'finished' || this.running?.runId === runId)
      throw new EngineError('this check was already run; start a new one', 'bad-request');
    this.running?.controller.abort();
    const progress: ProbeProgress[] = probesFor(target).map((probe) => {
      const known = findProbe(probe);
      return known
        ? { probe, title: known.title, phase: 'waiting' }
        : {
            probe,
            title: probe,
            phase: 'unavailable',
            message: 'this check is not available in this version',
          };
    });
    const running: RunningDiagnosis = { runId, controller: new AbortController(), progress };
    this.running = running;
    this.lastProgress = progress;
    let result: Diagnosis;
    try {
      const host = await this.currentHost();
      result = await diagnose(host, target, {
        signal: running.controller.signal,
        ...(this.options.liveTestOptions ? { liveTest: this.options.liveTestOptions } : {}),
        ...(this.options.probeGate ? { beforeProbe: this.options.probeGate.beforeProbe } : {}),
        onProbe: (run) => {
          const index = progress.findIndex((item) => item.probe === run.probe);
          const phase = run.phase === 'started' ? 'running' : run.status;
          const update: ProbeProgress = {
            probe: run.probe,
            title: run.title,
            phase,
            ...(run.message ? { message: run.message } : {}),
          };
          if (index >= 0) progress[index] = update;
          else progress.push(update);
        },
      });
    } catch (error) {
      if (running.controller.signal.aborted)
        throw new EngineError('the check was cancelled', 'precondition-failed');
      throw error;
    } finally {
      if (this.running === running) this.running = null;
      this.rememberRun(runId, 'finished');
    }
    // A cancel that came after the last probe: the person has moved on, so nothing of it stays.
    if (running.controller.signal.aborted)
      throw new EngineError('the check was cancelled', 'precondition-failed');
    result = { ...result, runId };
    // Remembering the address must never cost the person their diagnosis.
    await this.recentTargets.remember(target).catch(() => undefined);
    this.offers.clear();
    this.previews.clear();
    for (const finding of result.findings) {
      for (const offer of finding.remedies)
        this.offers.set(offer.offerId, { offer, target, finding, verdict: result.verdict });
    }
    return result;
  }

  diagnosisProgress(): ApiResponse<'diagnosis:progress'> {
    return { running: this.running !== null, probes: this.lastProgress.map((item) => ({ ...item })) };
  }

  /** Stops the run with this id, or makes sure it never starts if its request has not arrived yet. */
  cancelDiagnosis(runId: string): ApiResponse<'diagnosis:cancel'> {
    if (this.running?.runId === runId) {
      this.running.controller.abort();
      return { cancelled: true };
    }
    if (this.pastRuns.get(runId) === 'finished') return { cancelled: false };
    this.rememberRun(runId, 'cancelled');
    return { cancelled: true };
  }

  private rememberRun(runId: string, state: 'cancelled' | 'finished'): void {
    this.pastRuns.delete(runId);
    this.pastRuns.set(runId, state);
    for (const oldest of this.pastRuns.keys()) {
      if (this.pastRuns.size <= rememberedRunLimit) break;
      this.pastRuns.delete(oldest);
    }
  }

  /**
   * The simulated machine, when the engine runs on a scenario (null on a real Windows machine).
   * Only the web harness's test-only hooks use it, to act as a domain administrator would.
   */
  simulatedMachine(): ScenarioHost | null {
    return this.host instanceof ScenarioHost ? this.host : null;
  }

  recentTargetList(): Promise<Target[]> {
    return this.recentTargets.list();
  }

  async previewRemedy(offerId: string): Promise<ChangePlan> {
    const { offer } = this.offerRecord(offerId);
    const plan = await this.plan(offer);
    this.previews.set(offerId, plan);
    return plan;
  }

  async applyRemedy(offerId: string): Promise<{ entry: JournalEntry; verification: Diagnosis }> {
    const { offer, target } = this.offerRecord(offerId);
    const host = await this.currentHost();
    // Planned again from the machine as it is now; a plan that differs from the preview (the
    // machine changed in between) is not what the person agreed to.
    const plan = await this.plan(offer);
    const shown = this.previews.get(offerId);
    if (shown && JSON.stringify(shown.operations) !== JSON.stringify(plan.operations))
      throw new EngineError(
        'what this fix would change is no longer what its preview showed (the settings changed since); nothing was changed — look at the fix again',
        'precondition-failed',
      );
    let entry: JournalEntry;
    try {
      entry = await applyPlan(plan, {
        host,
        journal: this.options.journal,
        targetUrl: target.url,
        targetSymptom: target.symptom,
        ...(target.answers ? { targetAnswers: target.answers } : {}),
        machine: await this.machineLabel(host),
      });
    } catch (error) {
      // The runner refuses, changing nothing, when what it reads just before differs from the plan.
      if (error instanceof RemedyPreconditionError)
        throw new EngineError(error.message, 'precondition-failed');
      throw error;
    }
    // Verify: re-run the probes that proved the cause.
    const verification = await this.runDiagnosis(target);
    return { entry, verification };
  }

  /** The admin hand-off (.ps1) for a domain fix, offered or not: built from this engine's own offers. */
  async exportHandoff(offerId: string): Promise<ApiResponse<'handoff:export'>> {
    const record = this.offers.get(offerId);
    if (!record)
      throw new EngineError('this fix is no longer on offer; run the diagnosis again', 'not-found');
    const host = await this.currentHost();
    try {
      return buildAdminHandoff(
        record.finding,
        offerId,
        record.target,
        await host.machineIdentity(),
        new Date(),
        record.verdict,
      );
    } catch (error) {
      if (
        error instanceof RemedyPreconditionError ||
        error instanceof HandoffError ||
        error instanceof PowerShellLiteralError
      ) {
        throw new EngineError(`the script could not be made: ${error.message}`, 'precondition-failed');
      }
      throw error;
    }
  }

  /** After an SPN change: klist purge on this computer, then the same checks again (shown before/after). */
  async purgeTicketsAndRetest(entryId: string): Promise<ApiResponse<'kerberos:purge-and-retest'>> {
    const entry = await this.options.journal.get(entryId);
    if (!entry) throw new EngineError('there is no such change in the history', 'not-found');
    if (entry.scope !== 'domain' || entry.state !== 'applied') {
      throw new EngineError(
        'tickets are cleared only after an SPN change that is in place',
        'precondition-failed',
      );
    }
    const purge = await purgeKerberosTickets(await this.currentHost());
    const verification = await this.runDiagnosis(targetOfEntry(entry));
    return { purge, verification };
  }

  journalEntries(): Promise<JournalEntry[]> {
    return this.options.journal.list();
  }

  async undo(entryId: string): Promise<{ entry: JournalEntry; verification: Diagnosis | null }> {
    const entry = await this.options.journal.get(entryId);
    if (!entry) throw new EngineError('there is no such change in the history', 'not-found');
    const host = await this.currentHost();
    let undone: JournalEntry;
    try {
      undone = await undoEntry(entry, {
        host,
        journal: this.options.journal,
        machine: await this.machineLabel(host),
      });
    } catch (error) {
      if (error instanceof RemedyPreconditionError)
        throw new EngineError(error.message, 'precondition-failed');
      throw error;
    }
    const verification = await this.runDiagnosis(targetOfEntry(entry)).catch(() => null);
    return { entry: undone, verification };
  }

  async close(): Promise<void> {
    await this.host?.close();
    this.host = null;
  }

  private offerRecord(offerId: string): OfferRecord {
    const record = this.offers.get(offerId);
    if (!record)
      throw new EngineError('this fix is no longer on offer; run the diagnosis again', 'not-found');
    if (!record.offer.available)
      throw new EngineError(
        record.offer.unavailableReason ?? 'this fix cannot be applied here',
        'precondition-failed',
      );
    return record;
  }

  private async plan(offer: RemedyOffer): Promise<ChangePlan> {
    const remedy = findRemedy(offer.remedy);
    if (!remedy)
      throw new EngineError(`the fix ${offer.remedy} is not available in this version`, 'unavailable');
    const host = await this.currentHost();
    try {
      return await remedy.plan(offer, { host, machine: await host.machineIdentity() });
    } catch (error) {
      if (error instanceof RemedyPreconditionError)
        throw new EngineError(error.message, 'precondition-failed');
      throw error;
    }
  }

  private async currentHost(): Promise<Host> {
    if (this.host) return this.host;
    if (this.options.createHost) {
      this.host = await this.options.createHost();
      return this.host;
    }
    throw new EngineError('no machine to check yet: pick a simulated machine first', 'unavailable');
  }

  private async machineLabel(host: Host): Promise<string> {
    const description = host.describe();
    // The PowerShell host learns the computer name from its first identity reading.
    return description.scenario
      ? journalMachineOf(description)
      : journalMachineOf({ ...description, machine: (await host.machineIdentity()).computerName });
  }
}
