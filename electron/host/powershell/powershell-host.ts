/**
 * The production Host (Windows): every primitive is a fixed script under ./scripts, its
 * arguments travel as base64 JSON, and its answer is one JSON document validated with zod
 * (design.md, Seams → Host; docs/powershell-host.md).
 *
 * Scope: a host made by createPowerShellHost runs as the signed-in person. `elevated()`
 * opens (once, through UAC) a second, elevated PowerShell and returns a Host whose primitives
 * run there; that host refuses HKCU, because an elevated process may belong to another
 * administrator (over-the-shoulder elevation) and user-scope changes never need elevation.
 */
import { hostname } from 'node:os';
import type { TcpPortAnswer } from '../../../shared/host/tcp-port.js';
import { checkTcpPort } from '../../live/tcp-port-check.js';
import type { z } from 'zod';
import type { HostDescription } from '../../../shared/model/diagnosis.js';
import {
  registryKeyRefSchema,
  registryValueNameSchema,
  registryValueSchema,
  type RegistryKeyRef,
  type RegistryTreeNode,
  type RegistryValue,
} from '../../../shared/host/registry.js';
import {
  HostError,
  type AllowedTool,
  type Host,
  type MachineIdentity,
  type ToolRun,
  type SpnChangeTimeAnswer,
  type WindowsZoneAnswer,
} from '../host.js';
import {
  firefoxProfileRefSchema,
  type FirefoxFilesRead,
  type FirefoxProfileRef,
} from '../../../shared/browsers/firefox-profile-files.js';
import { encodeArguments } from './argument-encoding.js';
import { isAccountDnArgument, spnChangeTimeResultSchema } from './spn-change-time-result.js';
import { isSpnAccountArgument, spnWriteRightResultSchema } from './spn-write-right-result.js';
import {
  firefoxFilesReadResultSchema,
  firefoxUserJsWriteResultSchema,
  maxUserJsWriteLength,
  toFirefoxFilesRead,
} from './firefox-files-result.js';
import {
  machineIdentityResultSchema,
  toMachineIdentity,
  type MachineIdentityResult,
} from './machine-identity-result.js';
import type { SessionPrimitive } from './primitive-names.js';
import type { PrimitiveRunner } from './primitive-runner.js';
import { registryTreeResultSchema, toRegistryTree } from './registry-tree-result.js';
import {
  deleteEmptyRegistryKeyResultSchema,
  deleteRegistryValueResultSchema,
  setRegistryValueResultSchema,
} from './registry-write-results.js';
import { parsePrimitiveResult } from './result-envelope.js';
import { assertAllowedTool, assertToolArguments } from './tool-allow-list.js';
import { toToolRun, toolRunResultSchema } from './tool-run-result.js';
import { toWindowsZoneAnswer, windowsZoneResultSchema } from './windows-zone-result.js';
import type {
  KerberosEventQuery,
  KerberosEventsReading,
} from '../../../shared/windows-output/kerberos-events.js';
import { kerberosEventsResultSchema, toKerberosEventsReading } from './kerberos-events-result.js';

export const maxRegistryDepth = 16;
export const maxRegistryNodes = 20_000;
export const maxUrlLength = 32_768;

export interface PowerShellHostOptions {
  readonly runner: PrimitiveRunner;
  readonly scope: 'user' | 'elevated';
  /** How long one allow-listed tool may run before run-tool.ps1 stops it. */
  readonly toolTimeoutMs?: number;
  /** Opens the elevated session (UAC); absent for a host that is already the elevated one. */
  readonly openElevatedRunner?: () => Promise<PrimitiveRunner>;
}

function validated<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new HostError(`${what}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, 'invalid-argument');
  return parsed.data;
}

export class PowerShellHost implements Host {
  private machineName: string = process.env.COMPUTERNAME ?? hostname();
  private elevatedHost: Promise<PowerShellHost> | null = null;

  constructor(private readonly options: PowerShellHostOptions) {}

  describe(): HostDescription {
    return { kind: 'powershell', machine: this.machineName };
  }

  /** Identity plus what only this host knows (PowerShell edition, raw OS fields). */
  async machineReading(): Promise<MachineIdentityResult> {
    const result = await this.call('machine-identity', {}, machineIdentityResultSchema);
    this.machineName = result.computerName;
    return result;
  }

  async machineIdentity(): Promise<MachineIdentity> {
    return toMachineIdentity(await this.machineReading());
  }

  async readRegistryTree(key: RegistryKeyRef, depth: number): Promise<RegistryTreeNode | null> {
    const checkedKey = this.checkedKey(key, 'read');
    if (!Number.isInteger(depth) || depth < 0 || depth > maxRegistryDepth) {
      throw new HostError(`registry depth must be an integer 0..${maxRegistryDepth}`, 'invalid-argument');
    }
    const result = await this.call(
      'read-registry-tree',
      { ...checkedKey, depth, maxNodes: maxRegistryNodes },
      registryTreeResultSchema,
    );
    return toRegistryTree(result);
  }

  async setRegistryValue(key: RegistryKeyRef, name: string, value: RegistryValue): Promise<void> {
    const checkedKey = this.checkedKey(key, 'write');
    const checkedName = validated(registryValueNameSchema, name, 'registry value name');
    const checkedValue = validated(registryValueSchema, value, 'registry value');
    await this.call(
      'set-registry-value',
      { ...checkedKey, name: checkedName, value: checkedValue },
      setRegistryValueResultSchema,
    );
  }

  async deleteRegistryValue(key: RegistryKeyRef, name: string): Promise<void> {
    const checkedKey = this.checkedKey(key, 'write');
    const checkedName = validated(registryValueNameSchema, name, 'registry value name');
    await this.call(
      'delete-registry-value',
      { ...checkedKey, name: checkedName },
      deleteRegistryValueResultSchema,
    );
  }

  async deleteEmptyRegistryKey(key: RegistryKeyRef): Promise<boolean> {
    const checkedKey = this.checkedKey(key, 'write');
    if (!checkedKey.path.includes('\\'))
      throw new HostError('refusing to delete a key directly below the hive', 'invalid-argument');
    const result = await this.call(
      'delete-empty-registry-key',
      checkedKey,
      deleteEmptyRegistryKeyResultSchema,
    );
    return result.deleted;
  }

  async runTool(tool: AllowedTool, args: readonly string[]): Promise<ToolRun> {
    assertAllowedTool(tool);
    assertToolArguments(args);
    const result = await this.call(
      'run-tool',
      { tool, args: [...args], timeoutMs: this.options.toolTimeoutMs ?? 60_000 },
      toolRunResultSchema,
    );
    return toToolRun(tool, args, result);
  }

  async windowsZoneForUrl(url: string): Promise<WindowsZoneAnswer | null> {
    if (typeof url !== 'string' || url.length === 0 || url.length > maxUrlLength) {
      throw new HostError(`the URL must be 1..${maxUrlLength} characters`, 'invalid-argument');
    }
    return toWindowsZoneAnswer(await this.call('windows-zone-for-url', { url }, windowsZoneResultSchema));
  }

  /**
   * TCP reachability is asked from Node itself (electron/live/tcp-port-check.ts), not through a
   * PowerShell primitive: the engine runs on the machine being checked, so Node's socket sees
   * the same network, firewall and VPN routes as the browser, with no script to review.
   */
  async checkTcpPort(host: string, port: number, timeoutMs: number): Promise<TcpPortAnswer> {
    return checkTcpPort(host, port, timeoutMs);
  }

  /** Firefox files of the signed-in person (scripts/firefox-files.ps1); the user session only. */
  async readFirefoxFiles(profile: FirefoxProfileRef | null): Promise<FirefoxFilesRead> {
    const checked = profile === null ? null : this.checkedFirefoxProfile(profile);
    return toFirefoxFilesRead(
      await this.call('firefox-files', { action: 'read', profile: checked }, firefoxFilesReadResultSchema),
    );
  }

  async writeFirefoxUserJs(profile: FirefoxProfileRef, text: string | null): Promise<void> {
    const checked = this.checkedFirefoxProfile(profile);
    if (text !== null && (typeof text !== 'string' || text.length > maxUserJsWriteLength)) {
      throw new HostError(
        `user.js text must be at most ${maxUserJsWriteLength} characters`,
        'invalid-argument',
      );
    }
    await this.call(
      'firefox-files',
      { action: 'write-user-js', profile: checked, text },
      firefoxUserJsWriteResultSchema,
    );
  }

  /** Recent Kerberos events of the System log (scripts/read-kerberos-events.ps1; reference §6.2). */
  async readKerberosEvents(query: KerberosEventQuery): Promise<KerberosEventsReading> {
    const { sinceHours, maxEvents } = query;
    if (!Number.isInteger(sinceHours) || sinceHours < 1 || sinceHours > 720)
      throw new HostError('sinceHours must be an integer 1..720', 'invalid-argument');
    if (!Number.isInteger(maxEvents) || maxEvents < 1 || maxEvents > 200)
      throw new HostError('maxEvents must be an integer 1..200', 'invalid-argument');
    const result = await this.call(
      'read-kerberos-events',
      { sinceHours, maxEvents },
      kerberosEventsResultSchema,
    );
    return toKerberosEventsReading(result);
  }

  /**
   * The elevated twin of this host, started through UAC on first call and kept until close().
   * UNTESTED ON WINDOWS (see elevated-session.ts).
   */
  elevated(): Promise<PowerShellHost> {
    const open = this.options.openElevatedRunner;
    if (!open)
      return Promise.reject(new HostError('this host cannot open an elevated session', 'not-supported'));
    this.elevatedHost ??= open().then(
      (runner) =>
        new PowerShellHost({ runner, scope: 'elevated', toolTimeoutMs: this.options.toolTimeoutMs }),
      (error: unknown) => {
        // A refused prompt may be accepted next time: do not keep the rejection.
        this.elevatedHost = null;
        throw error;
      },
    );
    return this.elevatedHost;
  }

  async close(): Promise<void> {
    const elevated = this.elevatedHost;
    this.elevatedHost = null;
    const closing: Promise<void>[] = [this.options.runner.close()];
    if (elevated)
      closing.push(
        elevated.then(
          (host) => host.close(),
          () => undefined,
        ),
      );
    await Promise.all(closing);
  }

  /** A profile as profiles.ini names it; never in the elevated session (its %APPDATA% may be another administrator's). */
  private checkedFirefoxProfile(profile: FirefoxProfileRef): FirefoxProfileRef {
    if (this.options.scope === 'elevated') {
      throw new HostError(
        "the elevated session does not touch Firefox files: its %APPDATA% may be another administrator's",
        'invalid-argument',
      );
    }
    return validated(firefoxProfileRefSchema, profile, 'Firefox profile');
  }

  private checkedKey(key: RegistryKeyRef, access: 'read' | 'write'): RegistryKeyRef {
    const checked = validated(registryKeyRefSchema, key, 'registry key');
    if (this.options.scope === 'elevated' && checked.hive !== 'HKLM') {
      throw new HostError(
        `the elevated session does not ${access} HKCU: its HKCU may be another administrator's`,
        'invalid-argument',
      );
    }
    return checked;
  }

  /**
   * Whether the signed-in person may write servicePrincipalName on an account
   * (scripts/spn-write-right.ps1); null when it cannot be told. The normal session only: the
   * elevated one may run under another administrator's domain credentials. UNTESTED ON WINDOWS.
   */
  async canWriteServicePrincipalName(account: string): Promise<boolean | null> {
    if (this.options.scope === 'elevated') {
      throw new HostError(
        'the elevated session does not answer for the signed-in person’s domain rights',
        'invalid-argument',
      );
    }
    if (!isSpnAccountArgument(account)) {
      throw new HostError('the account must be 1 to 1024 characters on one line', 'invalid-argument');
    }
    const answer = await this.call('spn-write-right', { account }, spnWriteRightResultSchema);
    return answer.canWrite;
  }

  /**
   * When the servicePrincipalName of a directory account (its DN) last changed, in local time
   * (scripts/spn-change-time.ps1), for stale-ticket; null with Windows' reason when it cannot be
   * told. The normal session only, like spn-write-right. UNTESTED ON WINDOWS.
   */
  async servicePrincipalNameChangedAt(accountDn: string): Promise<SpnChangeTimeAnswer> {
    if (this.options.scope === 'elevated') {
      throw new HostError(
        'the elevated session does not read the directory for the signed-in person',
        'invalid-argument',
      );
    }
    if (!isAccountDnArgument(accountDn)) {
      throw new HostError(
        'the account must be a distinguished name (CN=…) of at most 1024 characters on one line',
        'invalid-argument',
      );
    }
    return this.call('spn-change-time', { account: accountDn }, spnChangeTimeResultSchema);
  }

  private async call<T>(primitive: SessionPrimitive, args: unknown, schema: z.ZodType<T>): Promise<T> {
    const output = await this.options.runner.run(primitive, encodeArguments(args));
    return parsePrimitiveResult(primitive, output, schema);
  }
}
