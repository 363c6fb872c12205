/**
 * Evidence kinds of the server side (issue 6): what IIS serves the URL with, who owns the
 * SPNs browsers ask for, http.sys limits, the loopback check, Kerberos events and the
 * size of the user's Negotiate token. Declared here by augmenting `EvidenceFactsByKind`
 * (shared/model/evidence.ts), so the rules get typed facts.
 */
import type {
  AnonymousAuthSettings,
  AppPoolIdentity,
  ConfigSectionRead,
  IisAppPool,
  IisApplication,
  IisSite,
  WindowsAuthSettings,
} from '../../iis/iis-configuration.js';
import type { HttpSysLimits } from '../../iis/httpsys-limits.js';
import type { LoopbackSettings } from '../../iis/loopback-settings.js';
import type { DecryptingAccount } from '../../iis/pool-account.js';
import type { UnreadableFact } from '../../iis/unreadable-fact.js';
import type { AccountName } from '../../spn/account-name.js';
import type { BrowserSpnForms } from '../../spn/browser-spn.js';
import type { DuplicateSpnGroup } from '../../spn/setspn-output.js';

export interface IisServerMachine {
  readonly computerName: string;
  readonly domain: string | null;
  readonly dnsDomain: string | null;
}

/** Another application of the same site, with the account its pool decrypts with. */
export interface SiteApplicationIdentity {
  readonly path: string;
  readonly appPoolName: string | null;
  /** Account display name (`CONTOSO\svc-web`, `CONTOSO\WEB01$`); null when unknown. */
  readonly decryptingAccount: string | null;
  /** The pool's identity (no password is ever kept); null when the pool is not listed. Absent in older evidence. */
  readonly poolIdentity?: AppPoolIdentity | null;
  /** True when kernel mode is on and useAppPoolCredentials false (http.sys decrypts with the computer); null when unread. */
  readonly kernelModeWithoutAppPoolCredentials?: boolean | null;
}

/** Evidence kind `iis-application`: how this server's IIS serves the target URL (reference §4). */
export interface IisApplicationFacts {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly scheme: 'http' | 'https';
  readonly machine: IisServerMachine;
  /** False when IIS is not installed or appcmd could not run: every other field is then null/empty. */
  readonly iisReadable: boolean;
  /** True when applicationHost.config could be read only through the elevated session (UAC). */
  readonly readAsAdministrator?: boolean;
  readonly site: IisSite | null;
  /** Protocol of the binding that matched (http behind an https URL means TLS ends before IIS, §7.4). */
  readonly bindingProtocol: string | null;
  readonly application: IisApplication | null;
  readonly pool: IisAppPool | null;
  readonly windowsAuth: ConfigSectionRead<WindowsAuthSettings> | null;
  readonly anonymousAuth: ConfigSectionRead<AnonymousAuthSettings> | null;
  readonly decrypting: DecryptingAccount | null;
  readonly siteApplications: readonly SiteApplicationIdentity[];
  readonly unreadable: readonly UnreadableFact[];
}

export type SpnFormRole = 'requested' | 'fqdn' | 'netbios' | 'other-port' | 'alias';

/** Who owns one SPN form (`setspn -Q HTTP/x`, and `HOST/x`, which the KDC maps HTTP/ onto, §3.1). */
export interface SpnFormOwnership {
  readonly spn: string;
  readonly roles: readonly SpnFormRole[];
  /** Accounts holding `HTTP/<host>`; null when setspn could not be asked. */
  readonly httpOwners: readonly SpnOwner[] | null;
  /** Accounts holding `HOST/<host>` (computer accounts); null when not asked. */
  readonly hostOwners: readonly SpnOwner[] | null;
}

/** An account `setspn -Q` listed; it prints all the object's SPNs, and only computers hold `HOST/` (§3.2). */
export interface SpnOwner {
  readonly dn: string;
  readonly isComputer: boolean;
}

/** Evidence kind `spn-registrations`: the SPN browsers ask for and who holds it (reference §3, §7.3). */
export interface SpnRegistrationFacts {
  readonly forms: BrowserSpnForms;
  readonly canonicalName: string | null;
  readonly ownership: readonly SpnFormOwnership[];
  /** The account that must decrypt (from iis-application), with its DN and SPNs (`setspn -L`). */
  readonly decryptingAccount: {
    readonly account: AccountName;
    readonly dn: string | null;
    readonly spns: readonly string[] | null;
  } | null;
  /** The pool's own account when it differs from the decrypting account (kernel mode without app-pool credentials). */
  readonly poolAccount: { readonly account: AccountName; readonly dn: string | null } | null;
  /** `setspn -X` groups that involve the forms above; null when not asked. */
  readonly duplicates: readonly DuplicateSpnGroup[] | null;
  readonly unreadable: readonly UnreadableFact[];
}

/** Evidence kind `httpsys-limits` (reference §7.2). */
export interface HttpSysLimitsFacts {
  readonly limits: HttpSysLimits;
}

/** Evidence kind `loopback-settings` (reference §7.1). */
export interface LoopbackFacts {
  readonly settings: LoopbackSettings;
  readonly host: string;
  readonly computerName: string;
  /** True when this machine's IIS serves the host (so browsing it here is browsing the server itself). */
  readonly servedHere: boolean;
}

/** One Kerberos event (reference §6.2): client event 3/4, KDC event 11/14/16/27. */
export interface KerberosEvent {
  readonly log: 'System' | 'Security';
  readonly source: string;
  readonly id: number;
  readonly time: string | null;
  /** Kerberos error code (RFC 4120 §7.5.9): 7 principal unknown, 14 etype not supported, 41 KRB_AP_ERR_MODIFIED. */
  readonly errorCode: number | null;
  /** The SPN or duplicate name the event names. */
  readonly name: string | null;
  readonly message: string;
}

/** Evidence kind `kerberos-events`. */
export interface KerberosEventFacts {
  readonly events: readonly KerberosEvent[];
}

/** Evidence kind `negotiate-token-size`: the user's Kerberos token, in bytes before base64 (reference §7.2). */
export interface NegotiateTokenSizeFacts {
  readonly tokenBytes: number;
  readonly mechanism: 'kerberos' | 'ntlm';
}

declare module '../../model/evidence.js' {
  interface EvidenceFactsByKind {
    'iis-application': IisApplicationFacts;
    'spn-registrations': SpnRegistrationFacts;
    'httpsys-limits': HttpSysLimitsFacts;
    'loopback-settings': LoopbackFacts;
    'kerberos-events': KerberosEventFacts;
    'negotiate-token-size': NegotiateTokenSizeFacts;
  }
}
