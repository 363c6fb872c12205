/**
 * The lab's web sites: one Apache port each, every one reproducing one way Integrated Windows
 * Authentication goes right or wrong (causes in /work/shared/causes.md). Host names live in
 * the lab realm's DNS domain and are served by the lab's dnsmasq, all pointing at 127.0.0.1.
 */

export const labSiteIds = [
  'good',
  'spn-missing',
  'stale-key',
  'cname-alias',
  'port-in-spn',
  'header-too-large',
  'ntlm-only',
  'anonymous',
  'https-good',
  'short-name',
  'short-alias',
  'redirect',
] as const;
export type LabSiteId = (typeof labSiteIds)[number];

export interface LabSitePlan {
  readonly id: LabSiteId;
  /** The name a person types in the URL (a short name for the short-name cases). */
  readonly host: string;
  /** The name the lab's DNS knows, when it differs from `host` (a short name plus the lab's search suffix). */
  readonly dnsName?: string;
  readonly scheme: 'http' | 'https';
  /** What the site reproduces, for test names and the bench. */
  readonly reproduces: string;
  /** The cause id the live test must report for it. */
  readonly expectedCause: string;
}

export const labSitePlans: readonly LabSitePlan[] = [
  {
    id: 'good',
    scheme: 'http',
    host: 'web01.contoso.test',
    reproduces: 'Kerberos works: 401 Negotiate, then 200 with a mutual-auth AP-REP',
    expectedCause: 'challenge-normal',
  },
  {
    id: 'spn-missing',
    scheme: 'http',
    host: 'web02.contoso.test',
    reproduces: 'no HTTP/web02 principal in the KDC',
    expectedCause: 'spn-missing',
  },
  {
    id: 'stale-key',
    scheme: 'http',
    host: 'web03.contoso.test',
    reproduces: 'the server keytab holds an older key (kvno) than the KDC issues tickets with',
    expectedCause: 'spn-wrong-account',
  },
  {
    id: 'cname-alias',
    scheme: 'http',
    host: 'web.contoso.test',
    reproduces:
      'web is a CNAME of srv01; only HTTP/web is registered, browsers ask for HTTP/srv01 (reference §7.3)',
    expectedCause: 'cname-alias-spn',
  },
  {
    id: 'port-in-spn',
    scheme: 'http',
    host: 'web05.contoso.test',
    reproduces: 'only HTTP/web05:<port> is registered, browsers ask without the port (reference §2.4, §7.3)',
    expectedCause: 'port-in-spn',
  },
  {
    id: 'header-too-large',
    scheme: 'http',
    host: 'web06.contoso.test',
    reproduces:
      'LimitRequestFieldSize below the token size: the authenticated request gets HTTP 400 (reference §7.2)',
    expectedCause: 'kerberos-token-too-large',
  },
  {
    id: 'ntlm-only',
    scheme: 'http',
    host: 'web07.contoso.test',
    reproduces: 'the server offers only WWW-Authenticate: NTLM',
    expectedCause: 'providers-misconfigured',
  },
  {
    id: 'anonymous',
    scheme: 'http',
    host: 'web08.contoso.test',
    reproduces: 'anonymous access: 200 without any challenge',
    expectedCause: 'windows-auth-disabled',
  },
  {
    id: 'https-good',
    scheme: 'https',
    host: 'web09.contoso.test',
    reproduces: 'Kerberos over HTTPS with a self-signed certificate (trusted only when the test says so)',
    expectedCause: 'challenge-normal',
  },
  {
    id: 'short-name',
    scheme: 'http',
    host: 'web10',
    dnsName: 'web10.contoso.test',
    reproduces:
      'a short name (A record web10.contoso.test, found through the search suffix): browsers ask for HTTP/web10.contoso.test, which is registered (reference §2.4, §7.3)',
    expectedCause: 'challenge-normal',
  },
  {
    id: 'short-alias',
    scheme: 'http',
    host: 'intranet',
    dnsName: 'intranet.contoso.test',
    reproduces:
      'a short name whose full name is a CNAME of srv01; only HTTP/intranet.contoso.test is registered, browsers ask for HTTP/srv01 (reference §7.3)',
    expectedCause: 'cname-alias-spn',
  },
  {
    id: 'redirect',
    scheme: 'http',
    host: 'web11.contoso.test',
    reproduces:
      'redirects (302) to the good site: the SPN is built from the host that challenged, HTTP/web01.contoso.test, not from web11',
    expectedCause: 'challenge-normal',
  },
];

/** The lab's DNS domain: the search suffix that expands its short names. */
export const labDnsDomain = 'contoso.test';
/** The canonical name behind the CNAME sites. */
export const cnameTargetHost = 'srv01.contoso.test';
/** The site the redirect site sends the browser to. */
export const redirectTargetSite: LabSiteId = 'good';
/** Header limit for the header-too-large site: above ordinary headers, below any Kerberos token. */
export const tinyHeaderFieldLimit = 600;
