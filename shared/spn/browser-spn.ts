/**
 * The SPN a browser asks the KDC for when it signs in to a URL, and the forms an
 * administrator registers so every name people type works.
 *
 * - Host: the canonical name after a DNS CNAME lookup (IE default, Chrome/Edge unless
 *   `DisableAuthNegotiateCnameLookup`) — reference §2.3, §2.4 (Chromium `CreateSPN`), §7.3.
 * - Port: never included unless the client is configured to (`EnableAuthNegotiatePort`,
 *   `FEATURE_INCLUDE_PORT_IN_SPN_KB908209`) and the port is not 80/443 — §2.3, §2.4, §7.3.
 * - Register `HTTP/<fqdn>` and `HTTP/<netbios>` when users type either — §3.1, §7.3
 *   (IE may switch from the FQDN to the NetBIOS name mid-session, KB 899417).
 */

export interface BrowserSpnInput {
  /** Host name as typed in the address bar (lower-cased by URL parsing). */
  readonly host: string;
  readonly port: number;
  readonly scheme: 'http' | 'https';
  /** Final name of the DNS CNAME chain for `host`; null when `host` is an A record or was not resolved. */
  readonly canonicalName: string | null;
  /** DNS domain used to expand a dotless name (the machine's primary DNS suffix). */
  readonly dnsDomain: string | null;
  /** Client policy includes a non-default port in the SPN (off by default in every browser, §7.3). */
  readonly includePort?: boolean;
  /** Client resolves CNAMEs for the SPN (on by default, §2.4). */
  readonly cnameLookup?: boolean;
}

export interface BrowserSpnForms {
  /** The SPN browsers ask for; null for an IP-literal host (no Kerberos: browsers fall back to NTLM). */
  readonly requested: string | null;
  /** The host name inside `requested`. */
  readonly spnHost: string;
  /** `HTTP/<fqdn>` of the SPN host (null when no DNS domain is known for a dotless name). */
  readonly fqdnForm: string | null;
  /** `HTTP/<netbios>` of the SPN host. */
  readonly netbiosForm: string;
  /** The same host with the port when the browser omits it, or without it when it adds it (§7.3). */
  readonly otherPortForm: string | null;
  /** `HTTP/<alias as typed>` when the typed name is a CNAME alias of `spnHost`. */
  readonly aliasForm: string | null;
}

const defaultPorts = new Set([80, 443]);

export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.includes(':') || host.startsWith('[');
}

export function fqdnOf(host: string, dnsDomain: string | null): string | null {
  if (host.includes('.')) return host.toLowerCase();
  return dnsDomain ? `${host}.${dnsDomain}`.toLowerCase() : null;
}

export function netbiosOf(host: string): string {
  return (host.split('.')[0] ?? host).toLowerCase();
}

export function browserSpnForms(input: BrowserSpnInput): BrowserSpnForms {
  const typed = input.host.toLowerCase().replace(/\.$/, '');
  const useCanonical = (input.cnameLookup ?? true) && input.canonicalName !== null;
  const spnHost =
    useCanonical && input.canonicalName ? input.canonicalName.toLowerCase().replace(/\.$/, '') : typed;
  const nonDefaultPort = !defaultPorts.has(input.port);
  const withPort = nonDefaultPort && (input.includePort ?? false);
  const spnFor = (host: string, port: boolean): string => `HTTP/${host}${port ? `:${input.port}` : ''}`;
  const fqdn = fqdnOf(spnHost, input.dnsDomain);
  return {
    requested: isIpLiteral(spnHost) ? null : spnFor(spnHost, withPort),
    spnHost,
    fqdnForm: fqdn ? spnFor(fqdn, withPort) : null,
    netbiosForm: spnFor(netbiosOf(spnHost), withPort),
    otherPortForm: nonDefaultPort ? spnFor(spnHost, !withPort) : null,
    aliasForm: spnHost !== typed && !isIpLiteral(typed) ? spnFor(typed, withPort) : null,
  };
}
