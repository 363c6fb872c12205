/**
 * The typed IIS model the server-side rules read: sites and bindings, applications, pools
 * and identities, and the authentication sections (reference §4.1, §4.4).
 */

export interface IisBinding {
  readonly protocol: string;
  /** `*` for all addresses. */
  readonly ipAddress: string;
  /** null for non-HTTP bindings whose information is not `ip:port:host` (net.tcp `808:*`). */
  readonly port: number | null;
  /** Empty: any host name. */
  readonly hostHeader: string;
}

export interface IisSite {
  readonly name: string;
  readonly id: number | null;
  readonly state: string | null;
  readonly bindings: readonly IisBinding[];
}

export interface IisApplication {
  readonly siteName: string;
  /** `/` for the root application, `/app` otherwise. */
  readonly path: string;
  readonly appPoolName: string | null;
}

/** processModel.identityType (§4.4). Passwords are never kept. */
export type AppPoolIdentity =
  | { readonly type: 'ApplicationPoolIdentity' | 'NetworkService' | 'LocalSystem' | 'LocalService' }
  | { readonly type: 'SpecificUser'; readonly userName: string };

export const appPoolIdentityTypes = [
  'LocalSystem',
  'LocalService',
  'NetworkService',
  'SpecificUser',
  'ApplicationPoolIdentity',
] as const;
export type AppPoolIdentityType = (typeof appPoolIdentityTypes)[number];

export interface IisAppPool {
  readonly name: string;
  readonly state: string | null;
  readonly identity: AppPoolIdentity;
}

export const tokenCheckingValues = ['None', 'Allow', 'Require'] as const;
export type TokenChecking = (typeof tokenCheckingValues)[number];
export const extendedProtectionFlagNames = [
  'Proxy',
  'NoServiceNameCheck',
  'AllowDotlessSpn',
  'ProxyCohosting',
] as const;
export type ExtendedProtectionFlag = (typeof extendedProtectionFlagNames)[number];

export interface ExtendedProtectionSettings {
  readonly tokenChecking: TokenChecking;
  readonly flags: readonly ExtendedProtectionFlag[];
  readonly spns: readonly string[];
}

/** system.webServer/security/authentication/windowsAuthentication with schema defaults (§4.1). */
export interface WindowsAuthSettings {
  readonly enabled: boolean;
  /** In order; order matters (§4.1). */
  readonly providers: readonly string[];
  readonly useKernelMode: boolean;
  readonly useAppPoolCredentials: boolean;
  readonly authPersistNonNTLM: boolean;
  readonly authPersistSingleRequest: boolean;
  readonly extendedProtection: ExtendedProtectionSettings;
}

export interface AnonymousAuthSettings {
  readonly enabled: boolean;
  readonly userName: string;
}

/** Where appcmd says a section was read from, and whether it is locked there (§4.3). */
export interface ConfigSectionRead<Settings> {
  readonly path: string | null;
  readonly locked: boolean | null;
  readonly overrideMode: string | null;
  readonly settings: Settings;
}

/** Schema defaults (§4.1): enabled false, Negotiate then NTLM, kernel mode on, no app-pool credentials. */
export const windowsAuthDefaults: WindowsAuthSettings = {
  enabled: false,
  providers: ['Negotiate', 'NTLM'],
  useKernelMode: true,
  useAppPoolCredentials: false,
  authPersistNonNTLM: false,
  authPersistSingleRequest: false,
  extendedProtection: { tokenChecking: 'None', flags: [], spns: [] },
};

/** Schema defaults (§4.1): anonymous is enabled unless turned off, as IUSR. */
export const anonymousAuthDefaults: AnonymousAuthSettings = { enabled: true, userName: 'IUSR' };
