/**
 * The host seam: the only door to the operating system (design.md, Seams 1).
 *
 * Primitives are generic and small; probes and remedies are built from them. Two
 * implementations answer them: the PowerShell host (Windows; fixed scripts, arguments as
 * base64 JSON) and the scenario host (a simulated Windows machine from a scenario file).
 */
import type { HostDescription } from '../../shared/model/diagnosis.js';
import type { RegistryKeyRef, RegistryTreeNode, RegistryValue } from '../../shared/host/registry.js';

import type { AllowedTool } from '../../shared/host/allowed-tools.js';
import type {
  KerberosEventQuery,
  KerberosEventsReading,
} from '../../shared/windows-output/kerberos-events.js';
import type { TcpPortAnswer } from '../../shared/host/tcp-port.js';
import type { FirefoxFilesRead, FirefoxProfileRef } from '../../shared/browsers/firefox-profile-files.js';
import type { SimulatedSignIn } from './scenario/sign-in/simulated-sign-in.js';

export { allowedTools, type AllowedTool } from '../../shared/host/allowed-tools.js';

/** Tri-state, as style.md asks: it ran and succeeded, it ran and failed, or it could not run. */
export type ToolRunOutcome = 'succeeded' | 'failed' | 'could-not-run';

export interface ToolRun {
  readonly tool: AllowedTool;
  readonly args: readonly string[];
  readonly outcome: ToolRunOutcome;
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why it could not run (not installed, timed out, access denied). */
  readonly reason?: string;
}

export interface LoggedOnUser {
  /** SAM account name, e.g. "alice". */
  readonly name: string;
  /** NetBIOS domain, or the computer name for a local account. */
  readonly domain: string;
  readonly kind: 'domain' | 'local';
}

export interface MachineIdentity {
  readonly computerName: string;
  /** NetBIOS domain name, or null when the machine is not joined to a domain. */
  readonly domain: string | null;
  /** DNS domain name (e.g. contoso.com), or null. */
  readonly dnsDomain: string | null;
  readonly user: LoggedOnUser;
  /** Windows product and build, as the host reports it. */
  readonly os: string;
  /** True for Windows Server (IE Enhanced Security Configuration and EscDomains apply there). */
  readonly isServer: boolean;
  /** True when this process already runs elevated. */
  readonly elevated: boolean;
}

/** Zone as Windows itself computes it ([System.Security.Policy.Zone]::CreateFromUrl, reference §1.8). */
export interface WindowsZoneAnswer {
  readonly zone: 'MyComputer' | 'Intranet' | 'Trusted' | 'Internet' | 'Untrusted' | 'NoZone';
}

/** When an account's SPNs last changed in the directory (stale-ticket, docs/powershell-host.md). */
export interface SpnChangeTimeAnswer {
  /** Local time `YYYY-MM-DDTHH:MM:SS`, or null when it cannot be told. */
  readonly changedAt: string | null;
  readonly reason: string | null;
}

export class HostError extends Error {
  constructor(
    message: string,
    readonly code:
      'access-denied' | 'not-found' | 'invalid-argument' | 'not-supported' | 'failed' | 'elevation-refused',
  ) {
    super(message);
    this.name = 'HostError';
  }
}

export interface Host {
  describe(): HostDescription;
  machineIdentity(): Promise<MachineIdentity>;

  /** Reads a key and its subkeys down to `depth` levels (0 = the key's own values only); null if absent. */
  readRegistryTree(key: RegistryKeyRef, depth: number): Promise<RegistryTreeNode | null>;
  /** Sets a value, creating the key (and missing parents) when needed. */
  setRegistryValue(key: RegistryKeyRef, name: string, value: RegistryValue): Promise<void>;
  /** Deletes a value; deleting an absent value is not an error. */
  deleteRegistryValue(key: RegistryKeyRef, name: string): Promise<void>;
  /** Deletes a key only if it has no values and no subkeys; returns false when it was not empty. */
  deleteEmptyRegistryKey(key: RegistryKeyRef): Promise<boolean>;

  /** Runs one allow-listed executable with an argument array (never a shell string). */
  runTool(tool: AllowedTool, args: readonly string[]): Promise<ToolRun>;

  /** Asks Windows which zone it maps a URL to; null where that cannot be asked (not Windows PowerShell 5.1). */
  windowsZoneForUrl(url: string): Promise<WindowsZoneAnswer | null>;

  /**
   * The logged-on user's Firefox files (reference §2.5): profiles.ini, whether Firefox runs in
   * this session, and prefs.js/user.js of `profile` (as profiles.ini names it; null: none asked).
   * Absent where the host cannot read them.
   */
  readFirefoxFiles?(profile: FirefoxProfileRef | null): Promise<FirefoxFilesRead>;

  /** Writes (or, with null, removes) user.js of a Firefox profile; absent where the host cannot. */
  writeFirefoxUserJs?(profile: FirefoxProfileRef, text: string | null): Promise<void>;

  /**
   * A host whose primitives run elevated, for machine- and IIS-scope fixes: on Windows one UAC
   * prompt starts one elevated PowerShell for the whole fix; the scenario host answers as its
   * `machine.uac` says. Returns this host when it already runs elevated; throws HostError
   * 'elevation-refused' when the person says no. Absent where elevation cannot be had.
   */
  elevated?(): Promise<Host>;

  /**
   * Whether the person may write servicePrincipalName on an Active Directory account (the
   * account's `allowedAttributesEffective` names it); null when it cannot be told (no domain
   * controller). Absent where the host cannot ask: domain fixes are then offered and setspn
   * itself answers "Insufficient access rights" (reference §3.2).
   */
  canWriteServicePrincipalName?(account: string): Promise<boolean | null>;

  /**
   * When the servicePrincipalName attribute of a directory account (its DN, as setspn prints it)
   * last changed, as local time `YYYY-MM-DDTHH:MM:SS`; `changedAt` null with the reason when it
   * cannot be told. Absent where the host cannot ask: stale-ticket then cannot compare.
   */
  servicePrincipalNameChangedAt?(accountDn: string): Promise<SpnChangeTimeAnswer>;

  /** Whether `host` accepts a TCP connection on `port` within `timeoutMs` (nothing is sent). */
  checkTcpPort?(host: string, port: number, timeoutMs: number): Promise<TcpPortAnswer>;

  /**
   * Recent Kerberos events of this machine's System log (reference §6.2): client events 3 and 4,
   * and on a domain controller KDC events 11, 14, 16 and 27. Absent where event logs cannot be
   * read; a source that cannot be read is listed in `skipped` with why.
   */
  readKerberosEvents?(query: KerberosEventQuery): Promise<KerberosEventsReading>;

  /**
   * The network around a simulated machine — its DNS, the domain's KDC as its user meets it,
   * and the web server at `url` — behind the live sign-in test's seams, so the live-sign-in and
   * dns:name probes simulate instead of touching the real network. Absent on a real machine:
   * those probes use the network of the engine's own process (electron/live).
   */
  simulatedSignIn?(url: string): SimulatedSignIn;

  /** Ends the session (the persistent PowerShell, or nothing for a scenario). */
  close(): Promise<void>;
}
