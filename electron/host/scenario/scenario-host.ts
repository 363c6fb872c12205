/**
 * The scenario host: a simulated Windows machine loaded from a scenario file. It answers
 * the same primitives as the PowerShell host from its state, prints tool output in the real
 * formats (through ./tools), and its state changes when a remedy writes.
 */
import type { HostDescription } from '../../../shared/model/diagnosis.js';
import type { RegistryKeyRef, RegistryTreeNode, RegistryValue } from '../../../shared/host/registry.js';
import type { Scenario } from '../../../shared/scenario/scenario-schema.js';
import {
  HostError,
  allowedTools,
  type AllowedTool,
  type Host,
  type MachineIdentity,
  type SpnChangeTimeAnswer,
  type ToolRun,
  type WindowsZoneAnswer,
} from '../host.js';
import { simulateSpnChangeTime } from './simulated-spn-change.js';
import { simulateWindowsZone } from './simulated-windows-zone.js';
import type { FirefoxFilesRead, FirefoxProfileRef } from '../../../shared/browsers/firefox-profile-files.js';
import { readSimulatedFirefoxFiles, writeSimulatedFirefoxUserJs } from './simulated-firefox.js';
import type { TcpPortAnswer } from '../../../shared/host/tcp-port.js';
import { simulateTcpPort } from './simulated-network.js';
import { simulatedCanonicalName } from './sign-in/simulated-dns.js';
import { createSimulatedSignIn, type SimulatedSignIn } from './sign-in/simulated-sign-in.js';
import {
  kerberosEventIds,
  type KerberosEventQuery,
  type KerberosEventRecord,
  type KerberosEventsReading,
} from '../../../shared/windows-output/kerberos-events.js';
import { SimulatedRegistry } from './simulated-registry.js';
import { simulatedTools } from './simulated-tools.js';

interface SimulatedState {
  readonly registry: SimulatedRegistry;
  readonly scenario: Scenario;
}

export class ScenarioHost implements Host {
  readonly registry: SimulatedRegistry;
  /** The live state: simulated tools mutate it (setspn -S, klist purge, ...). */
  readonly scenario: Scenario;
  /** True for the view returned by elevated(): the same machine, with administrator rights. */
  private readonly elevatedSession: boolean;
  /**
   * The elevated twin once the prompt was accepted: kept, like the PowerShell host keeps its
   * elevated session until close(), so a read and the fix after it cost one prompt.
   */
  private elevatedTwin: ScenarioHost | null = null;
  /** How many times the simulated UAC prompt was shown (accepted or declined). */
  uacPrompts = 0;

  constructor(scenario: Scenario, shared?: { state: SimulatedState; elevated: boolean }) {
    this.elevatedSession = shared?.elevated ?? false;
    if (shared) {
      this.registry = shared.state.registry;
      this.scenario = shared.state.scenario;
      return;
    }
    this.registry = new SimulatedRegistry();
    this.scenario = structuredClone(scenario);
    for (const entry of this.scenario.registry) {
      const [hive, ...rest] = entry.key.split('\\');
      const key: RegistryKeyRef = { hive: hive === 'HKLM' ? 'HKLM' : 'HKCU', path: rest.join('\\') };
      this.registry.createKey(key);
      for (const [name, value] of Object.entries(entry.values)) this.registry.setValue(key, name, value);
    }
  }

  describe(): HostDescription {
    return {
      kind: 'scenario',
      machine: this.scenario.machine.computerName,
      scenario: { id: this.scenario.id, title: this.scenario.title },
    };
  }

  async machineIdentity(): Promise<MachineIdentity> {
    const { machine } = this.scenario;
    return {
      computerName: machine.computerName,
      domain: machine.domain,
      dnsDomain: machine.dnsDomain,
      user: { ...machine.user },
      os: machine.os,
      isServer: machine.isServer,
      elevated: machine.elevated || this.elevatedSession,
    };
  }

  /**
   * Simulates the UAC prompt: the scenario's `machine.uac` is what the person answers. Accepted
   * once, the elevated session stays for the life of this host (one prompt per session).
   */
  async elevated(): Promise<Host> {
    if (this.scenario.machine.elevated || this.elevatedSession) return this;
    if (this.elevatedTwin) return this.elevatedTwin;
    this.uacPrompts += 1;
    // A declined prompt keeps nothing: the next fix asks again.
    if (this.scenario.machine.uac === 'deny')
      throw new HostError(
        'the administrator prompt (UAC) was refused, so nothing was changed',
        'elevation-refused',
      );
    this.elevatedTwin = new ScenarioHost(this.scenario, {
      state: { registry: this.registry, scenario: this.scenario },
      elevated: true,
    });
    return this.elevatedTwin;
  }

  /** The scenario's `directory.spnWriteAllowed`: the same answer setspn -S gives when it tries. */
  async canWriteServicePrincipalName(_account: string): Promise<boolean | null> {
    const directory = this.scenario.directory;
    if (!directory || !directory.dcReachable) return null;
    return directory.spnWriteAllowed;
  }

  async readRegistryTree(key: RegistryKeyRef, depth: number): Promise<RegistryTreeNode | null> {
    return this.registry.readTree(key, depth);
  }

  async setRegistryValue(key: RegistryKeyRef, name: string, value: RegistryValue): Promise<void> {
    this.assertWritable(key);
    this.registry.setValue(key, name, value);
  }

  async deleteRegistryValue(key: RegistryKeyRef, name: string): Promise<void> {
    this.assertWritable(key);
    this.registry.deleteValue(key, name);
  }

  async deleteEmptyRegistryKey(key: RegistryKeyRef): Promise<boolean> {
    this.assertWritable(key);
    return this.registry.deleteEmptyKey(key);
  }

  async runTool(tool: AllowedTool, args: readonly string[]): Promise<ToolRun> {
    if (!allowedTools.includes(tool))
      throw new HostError(`${String(tool)} is not an allowed tool`, 'invalid-argument');
    const simulate = simulatedTools[tool];
    if (!simulate) {
      return {
        tool,
        args,
        outcome: 'could-not-run',
        exitCode: null,
        stdout: '',
        stderr: '',
        reason: `${tool}.exe is not available on the simulated machine`,
      };
    }
    const result = simulate(args, this.scenario, {
      elevated: this.scenario.machine.elevated || this.elevatedSession,
    });
    return { tool, args, outcome: result.exitCode === 0 ? 'succeeded' : 'failed', ...result };
  }

  /**
   * The canonical name behind a DNS alias, from the scenario's `dns` CNAME records and
   * `directory.cnames` (case-insensitive, at most 8 hops like the real resolver in
   * spn-canonical-name.ts); null for a name that is no alias.
   */
  async resolveCanonicalName(name: string): Promise<string | null> {
    return simulatedCanonicalName(this.scenario, name);
  }

  /** DNS, the KDC and the web server of the scenario, for the live sign-in test (sign-in/). */
  simulatedSignIn(url: string): SimulatedSignIn {
    return createSimulatedSignIn(this.scenario, this.registry, url);
  }

  async checkTcpPort(host: string, port: number, timeoutMs: number): Promise<TcpPortAnswer> {
    return simulateTcpPort(this.scenario, host, port, timeoutMs);
  }

  /**
   * The scenario's `directory.events` as this machine's System log would give them (reference
   * §6.2): only the sources and ids the real primitive asks for, at most `maxEvents` per source.
   * The error number and the name become event data, as Windows records them.
   */
  async readKerberosEvents(query: KerberosEventQuery): Promise<KerberosEventsReading> {
    const events: KerberosEventRecord[] = [];
    for (const [source, ids] of Object.entries(kerberosEventIds)) {
      const matching = (this.scenario.directory?.events ?? []).filter(
        (event) => event.source === source && (ids as readonly number[]).includes(event.id),
      );
      for (const event of matching.slice(0, query.maxEvents)) {
        const data: { name: string | null; value: string }[] = [];
        if (event.errorCode !== undefined)
          data.push({ name: 'ErrorCode', value: `0x${event.errorCode.toString(16)}` });
        if (event.name !== undefined)
          data.push({ name: event.id === 11 ? null : 'TargetName', value: event.name });
        events.push({
          log: event.log,
          source: event.source,
          id: event.id,
          time: event.time ?? null,
          message: event.message,
          data,
        });
      }
    }
    return { events, skipped: [] };
  }

  /** The scenario's `workstation.createFromUrl` answer (simulated-windows-zone.ts); null when it has none. */
  async windowsZoneForUrl(url: string): Promise<WindowsZoneAnswer | null> {
    return simulateWindowsZone(this.scenario, this.registry, url);
  }

  /** The scenario's `directory` account's `servicePrincipalNameChanged` (simulated-spn-change.ts). */
  async servicePrincipalNameChangedAt(accountDn: string): Promise<SpnChangeTimeAnswer> {
    return simulateSpnChangeTime(this.scenario, accountDn);
  }

  async readFirefoxFiles(profile: FirefoxProfileRef | null): Promise<FirefoxFilesRead> {
    return readSimulatedFirefoxFiles(this.scenario, profile);
  }

  async writeFirefoxUserJs(profile: FirefoxProfileRef, text: string | null): Promise<void> {
    writeSimulatedFirefoxUserJs(this.scenario, profile, text);
  }

  async close(): Promise<void> {
    this.elevatedTwin = null;
  }

  /** The whole simulated state (both hives and the scenario's other sections), for before/after comparisons. */
  stateSnapshot(): { registry: Record<'HKCU' | 'HKLM', RegistryTreeNode | null>; scenario: Scenario } {
    return {
      registry: {
        HKCU: this.registry.readTree({ hive: 'HKCU', path: '' }, 64),
        HKLM: this.registry.readTree({ hive: 'HKLM', path: '' }, 64),
      },
      scenario: structuredClone(this.scenario),
    };
  }

  /** HKLM needs elevation on Windows; the simulated machine enforces the same rule. */
  private assertWritable(key: RegistryKeyRef): void {
    if (key.hive === 'HKLM' && !this.scenario.machine.elevated && !this.elevatedSession) {
      throw new HostError(`writing ${key.hive}\\${key.path} needs administrator rights`, 'access-denied');
    }
  }
}
