/**
 * Evidence kinds of the workstation side (issue 5), declared by augmenting
 * `EvidenceFactsByKind` (shared/model/evidence.ts) so the rules get typed facts.
 */
import type { FirefoxAuthSettings } from '../../browsers/firefox-auth-settings.js';
import type { FirefoxProfileRef } from '../../browsers/firefox-profile-files.js';
import type { ChromiumAuthPolicies, ChromiumSilentLogon } from '../../browsers/chromium-auth-policy.js';
import type { FirefoxNegotiateDecision } from '../../browsers/firefox-trusted-uris.js';
import type { RegistryHive } from '../../host/registry.js';
import type { ProxyRoute, WinInetProxySettings } from '../../proxy/wininet-proxy-settings.js';
import type { StoredCredential } from '../../windows-output/cmdkey-list.js';
import type { KlistFailure, KlistTicket } from '../../windows-output/klist-output.js';
import type { DsGetDcResult } from '../../windows-output/nltest-dsgetdc.js';
import type { StripchartSample } from '../../windows-output/w32tm-output.js';

export interface RegistryDword {
  /** null: the value does not exist (Windows then uses its default). */
  readonly value: number | null;
  readonly hive: RegistryHive;
  readonly keyPath: string;
  readonly valueName: string;
}

/** `wininet-auth-settings`: Internet Options switches that change Windows sign-in (reference §2.1, §2.2). */
export interface WinInetAuthSettingsFacts {
  readonly enableNegotiate: RegistryDword;
  readonly disableNtlmPreAuth: RegistryDword;
}

/** `proxy-route`: whether WinINet sends the target through a proxy (reference §7.7). */
export interface ProxyRouteFacts {
  readonly target: { readonly scheme: string; readonly host: string; readonly port: number | null };
  readonly settings: WinInetProxySettings;
  readonly route: ProxyRoute;
}

/** `browser-auth-policies`: Chrome/Edge policies and Firefox's Negotiate settings (reference §2.4, §2.5). */
export interface BrowserAuthPoliciesFacts {
  readonly target: { readonly scheme: string; readonly host: string; readonly port: number | null };
  readonly chrome: ChromiumAuthPolicies;
  readonly chromeDecision: ChromiumSilentLogon;
  readonly edge: ChromiumAuthPolicies;
  readonly edgeDecision: ChromiumSilentLogon;
  readonly firefox: FirefoxAuthSettings;
  readonly firefoxDecision: FirefoxNegotiateDecision;
  /** Whether the Firefox profile prefs were read; when false only the policy part is known. */
  readonly firefoxPrefsRead: boolean;
  /** Whether Firefox is installed (its policy or profile exists); null when unknown. */
  readonly firefoxPresent: boolean | null;
  /** The profile Firefox starts with, when its prefs were read (the fix edits its user.js). */
  readonly firefoxProfile: { readonly name: string; readonly ref: FirefoxProfileRef } | null;
  /** Firefox runs now: its files must not be edited until it is closed. */
  readonly firefoxRunning: boolean;
}

/** `logon-account`: who is logged on and whether the machine is in a domain (reference §8.6, causes.md local-account-ntlm). */
export interface LogonAccountFacts {
  readonly user: { readonly name: string; readonly domain: string; readonly kind: 'domain' | 'local' };
  readonly computerName: string;
  readonly machineDomain: string | null;
}

/** `kerberos-tickets`: `klist` and `klist get HTTP/<host>` (reference §6.1). */
export interface KerberosTicketsFacts {
  readonly spn: string;
  readonly listed: boolean;
  readonly tickets: readonly KlistTicket[];
  /** Cached service tickets whose server name is the SPN (case-insensitive). */
  readonly ticketsForSpn: readonly KlistTicket[];
  readonly get: { readonly retrieved: string | null; readonly failure: KlistFailure | null } | null;
  /**
   * Who holds the SPN in the directory now (`setspn -Q`, reference §3.2) and when that account's
   * servicePrincipalName last changed (the host's directory read; local time `YYYY-MM-DDTHH:MM:SS`),
   * asked only when a ticket for the SPN is cached. Absent when not asked.
   */
  readonly registration?: SpnRegistrationChange;
}

/** The directory side of a cached ticket's freshness (stale-ticket). */
export interface SpnRegistrationChange {
  /** Distinguished names of the accounts holding the SPN (the HTTP/ form, else HOST/). */
  readonly holders: readonly string[];
  /** The SPN form found on them, e.g. `HTTP/intranet.contoso.com` or `HOST/web01.contoso.com`. */
  readonly heldAs: string | null;
  /** Last change of the holder's servicePrincipalName attribute, local time; null when unknown. */
  readonly changedAt: string | null;
  /** Why `changedAt` is unknown (no holder, several, the directory could not be read). */
  readonly unavailableReason: string | null;
}

/** `dc-locator`: `nltest /dsgetdc:<domain>` (DC locator). */
export interface DcLocatorFacts {
  readonly domain: string;
  readonly result: DsGetDcResult | null;
  /** Why there is no result (tool could not run, unreadable output). */
  readonly unavailableReason: string | null;
}

/** `clock-offset`: `w32tm /stripchart /computer:<dc> /dataonly` (reference §6.3). */
export interface ClockOffsetFacts {
  readonly dc: string;
  /** Median offset of the DC's clock from this one, seconds; null when no sample succeeded. */
  readonly offsetSeconds: number | null;
  readonly samples: readonly StripchartSample[];
  /** Kerberos' default tolerance (reference §6.3). */
  readonly toleranceSeconds: number;
}

/** `stored-credentials`: `cmdkey /list` (reference §7.6). */
export interface StoredCredentialsFacts {
  readonly host: string;
  readonly credentials: readonly StoredCredential[];
  /** Domain credentials whose target names the web server (FQDN, first label, or a matching `*.` target). */
  readonly forHost: readonly StoredCredential[];
}

declare module '../../model/evidence.js' {
  interface EvidenceFactsByKind {
    'wininet-auth-settings': WinInetAuthSettingsFacts;
    'proxy-route': ProxyRouteFacts;
    'browser-auth-policies': BrowserAuthPoliciesFacts;
    'logon-account': LogonAccountFacts;
    'kerberos-tickets': KerberosTicketsFacts;
    'dc-locator': DcLocatorFacts;
    'clock-offset': ClockOffsetFacts;
    'stored-credentials': StoredCredentialsFacts;
  }
}
