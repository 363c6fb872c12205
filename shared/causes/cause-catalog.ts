/**
 * The cause catalog. Ids are a contract (scenario files, CLI JSON, reports and saved
 * sessions use them): ../shared/causes.md is the source; add ids, never rename or reuse.
 */
import { z } from 'zod';

export const causeIds = [
  'challenge-normal',
  'zone-not-intranet',
  'zone-logon-prompt',
  'negotiate-disabled',
  'ntlm-preauth-kernel-mode',
  'local-account-ntlm',
  'browser-not-configured',
  'proxy-in-path',
  'kdc-unreachable',
  'clock-skew',
  'stored-credentials',
  'stale-ticket',
  'windows-auth-disabled',
  'providers-misconfigured',
  'spn-missing',
  'spn-netbios-missing',
  'spn-duplicate',
  'spn-wrong-account',
  'kernel-mode-no-apppool-creds',
  'apppool-identity-split',
  'farm-shared-name',
  'cname-alias-spn',
  'port-in-spn',
  'loopback-check',
  'kerberos-token-too-large',
  'epa-channel-binding',
  'etype-mismatch',
] as const;

export const causeIdSchema = z.enum(causeIds);
export type CauseId = z.infer<typeof causeIdSchema>;

/** Who may apply a remedy: HKCU (user), HKLM/local tools with UAC (machine), IIS config (iis), AD (domain). */
export const remedyScopes = ['none', 'user', 'machine', 'iis', 'domain'] as const;
export const remedyScopeSchema = z.enum(remedyScopes);
export type RemedyScope = z.infer<typeof remedyScopeSchema>;

/** The five seed documents the product was specified from (causes.md), or "beyond" them. */
export type SeedDocument = 'S0' | 'S1' | 'S2' | 'S3' | 'S4';

export type CauseSide = 'client' | 'server';

export interface CauseDefinition {
  readonly id: CauseId;
  readonly side: CauseSide;
  /** Short title in plain words. */
  readonly title: string;
  /** What the person sees when this is the cause. */
  readonly symptom: string;
  /** Who may apply the remedy (the widest scope the remedy needs). */
  readonly scope: RemedyScope;
  /** Seed documents; empty means "beyond" the seeds. */
  readonly seeds: readonly SeedDocument[];
  /** Section(s) of reference/iwa-reference.md with the facts behind it. */
  readonly reference: string;
}

const catalog: readonly CauseDefinition[] = [
  {
    id: 'challenge-normal',
    side: 'client',
    title: 'Normal first sign-in challenge',
    symptom: 'A single 401 / 401.2 in a trace or log before success',
    scope: 'none',
    seeds: ['S1', 'S0'],
    reference: '§5.1',
  },
  {
    id: 'zone-not-intranet',
    side: 'client',
    title: 'Site is not in the Local intranet zone',
    symptom: 'A password prompt once per browser session, then it works',
    scope: 'user',
    seeds: ['S0'],
    reference: '§1.3–1.7',
  },
  {
    id: 'zone-logon-prompt',
    side: 'client',
    title: "The site's zone is set to ask for a password",
    symptom: 'A prompt every time, even for an intranet site',
    scope: 'user',
    seeds: [],
    reference: '§1.7',
  },
  {
    id: 'negotiate-disabled',
    side: 'client',
    title: 'Integrated Windows Authentication is turned off in Internet Options',
    symptom: 'NTLM used although Kerberos is set up; or prompts',
    scope: 'user',
    seeds: ['S1'],
    reference: '§2.1',
  },
  {
    id: 'ntlm-preauth-kernel-mode',
    side: 'client',
    title: 'NTLM pre-authentication meets kernel-mode authentication',
    symptom: '401.1 (a prompt) on the first request to an application, then fine',
    scope: 'user',
    seeds: ['S2'],
    reference: '§2.2',
  },
  {
    id: 'local-account-ntlm',
    side: 'client',
    title: 'Signed in with a local account, not a domain account',
    symptom: 'NTLM instead of Kerberos; works "by accident" with the same password',
    scope: 'none',
    seeds: ['S0'],
    reference: '§8.6',
  },
  {
    id: 'browser-not-configured',
    side: 'client',
    title: 'This browser is not allowed to sign in to the site automatically',
    symptom: 'Chrome/Edge/Firefox prompt where IE/zones would not',
    scope: 'user',
    seeds: ['S4'],
    reference: '§2.4, §2.5',
  },
  {
    id: 'proxy-in-path',
    side: 'client',
    title: 'A proxy server sits between the browser and the site',
    symptom: 'Prompts or 401 only through the proxy',
    scope: 'user',
    seeds: ['S4'],
    reference: '§7.7',
  },
  {
    id: 'kdc-unreachable',
    side: 'client',
    title: 'No domain controller can be reached for Kerberos',
    symptom: 'NTLM only, or prompt off-site / on VPN',
    scope: 'none',
    seeds: ['S4'],
    reference: '§6.1',
  },
  {
    id: 'clock-skew',
    side: 'client',
    title: "This computer's clock is too far from the domain's",
    symptom: 'Kerberos fails, NTLM fallback or prompt',
    scope: 'machine',
    seeds: [],
    reference: '§6.3',
  },
  {
    id: 'stored-credentials',
    side: 'client',
    title: 'A saved password in Credential Manager is used for the site',
    symptom: 'The site logs in as the wrong user, or prompts',
    scope: 'user',
    seeds: [],
    reference: '§7.6',
  },
  {
    id: 'stale-ticket',
    side: 'client',
    title: 'An old Kerberos ticket is still cached',
    symptom: 'Still fails right after an SPN fix',
    scope: 'user',
    seeds: [],
    reference: '§6.1',
  },
  {
    id: 'windows-auth-disabled',
    side: 'server',
    title: 'Windows authentication is off (or anonymous is on) for the application',
    symptom: '401.2 every time, no Negotiate/NTLM offered; or anonymous access where sign-in was expected',
    scope: 'iis',
    seeds: ['S1'],
    reference: '§4.1',
  },
  {
    id: 'providers-misconfigured',
    side: 'server',
    title: 'The Windows authentication providers are in the wrong order or incomplete',
    symptom: 'NTLM only, or Kerberos only with no fallback',
    scope: 'iis',
    seeds: ['S1', 'S4'],
    reference: '§4.1',
  },
  {
    id: 'spn-missing',
    side: 'server',
    title: 'No SPN is registered for the name the browser uses',
    symptom: 'Three prompts then 401.1; or silent NTLM fallback',
    scope: 'domain',
    seeds: ['S3', 'S4'],
    reference: '§3, §6.1',
  },
  {
    id: 'spn-netbios-missing',
    side: 'server',
    title: 'The SPN exists for one form of the name only',
    symptom: 'Works, then prompts after about 30 minutes',
    scope: 'domain',
    seeds: ['S3'],
    reference: '§7.3',
  },
  {
    id: 'spn-duplicate',
    side: 'server',
    title: 'The SPN is registered on more than one account',
    symptom: 'Intermittent 401.1, KDC event 11, KRB_AP_ERR_MODIFIED',
    scope: 'domain',
    seeds: ['S3', 'S4'],
    reference: '§3.2, §6.2',
  },
  {
    id: 'spn-wrong-account',
    side: 'server',
    title: 'The SPN is on a different account from the one that decrypts tickets',
    symptom: '401.1 after prompts, client event 4 KRB_AP_ERR_MODIFIED',
    scope: 'domain',
    seeds: ['S3', 'S4'],
    reference: '§4.4',
  },
  {
    id: 'kernel-mode-no-apppool-creds',
    side: 'server',
    title: 'Kernel-mode authentication ignores the application pool account',
    symptom: '401.1 with Kerberos on IIS 7+',
    scope: 'iis',
    seeds: ['S3'],
    reference: '§4.4',
  },
  {
    id: 'apppool-identity-split',
    side: 'server',
    title: 'Applications of one host name run under different accounts',
    symptom: 'Kerberos works for one application on the site, not another',
    scope: 'iis',
    seeds: ['S4', 'S3'],
    reference: '§4.4',
  },
  {
    id: 'farm-shared-name',
    side: 'server',
    title: 'A load-balanced name is not set up for Kerberos on every node',
    symptom: 'Works on one node, fails through the load balancer',
    scope: 'iis',
    seeds: ['S4'],
    reference: '§7.5',
  },
  {
    id: 'cname-alias-spn',
    side: 'server',
    title: 'The site name is a DNS alias (CNAME) without a matching SPN',
    symptom: 'SPN "is registered" but Kerberos still fails for the alias',
    scope: 'domain',
    seeds: [],
    reference: '§7.3',
  },
  {
    id: 'port-in-spn',
    side: 'server',
    title: 'The SPN and the browser disagree about the port',
    symptom: 'A site on a non-default port fails Kerberos',
    scope: 'domain',
    seeds: [],
    reference: '§7.3, §2.4',
  },
  {
    id: 'loopback-check',
    side: 'server',
    title: 'Windows blocks sign-in to itself under another name (loopback check)',
    symptom: '401.1 only when browsing the site on the server itself',
    scope: 'machine',
    seeds: [],
    reference: '§7.1',
  },
  {
    id: 'kerberos-token-too-large',
    side: 'server',
    title: "The Kerberos ticket is larger than the server's header limit",
    symptom: 'HTTP 400 "Request header too long" for some users',
    scope: 'machine',
    seeds: [],
    reference: '§7.2',
  },
  {
    id: 'epa-channel-binding',
    side: 'server',
    title: 'Extended Protection rejects sign-ins through a TLS-offloading device',
    symptom: '401.1 over HTTPS behind a TLS-offloading load balancer',
    scope: 'iis',
    seeds: [],
    reference: '§7.4',
  },
  {
    id: 'etype-mismatch',
    side: 'server',
    title: 'The ticket uses an encryption type the account has no key for',
    symptom: 'KRB_AP_ERR_MODIFIED or KDC_ERR_ETYPE_NOSUPP for one account',
    scope: 'domain',
    seeds: [],
    reference: '§6.2, §8.5',
  },
];

/** All causes, in the order of causes.md. */
export const causeCatalog: readonly CauseDefinition[] = catalog;

const byId = new Map(catalog.map((cause) => [cause.id, cause]));

export function getCause(id: CauseId): CauseDefinition {
  const cause = byId.get(id);
  if (!cause) throw new Error(`unknown cause id ${id}`);
  return cause;
}
