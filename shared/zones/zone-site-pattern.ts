/**
 * One grammar for a site in a zone site list: the entries of the Group Policy "Site to Zone
 * Assignment List" (`ZoneMapKey` value names, reference §1.6), the patterns
 * `IInternetSecurityManager::SetZoneMapping` takes (Learn ms537143, the §1.5 table) and the
 * IPv4 part of a `Ranges\<name>\:Range` value (§1.3). The checker for the entry IT adds
 * (site-to-zone-policy-change.ts), the ZoneMapKey matcher (zone-map-key-list.ts) and the Ranges
 * reader (ip-range-site-list.ts) all parse with this file, so what one accepts the others read.
 *
 * Grammar (sources in brackets):
 *   site   = [ scheme "://" ] host [ ":" port ] [ "/" ]      no path   [§1.5 table, INETRES explain text]
 *          | "file:" ( "\" | "/" ){1,2} server *( ( "\" | "/" ) segment )    `file:\example\share` [§1.5 table]
 *   scheme = "*" | letter *( letter | digit | "+" | "." | "-" )   `*` or none = every scheme [§1.5 table, §1.6]
 *   host   = [ "*." ] label *( "." label )                   a wildcard only as the whole left-most label [§1.5 table]
 *          | octet "." octet "." octet "." octet [ ".*" ]    octet = "*" | n | n "-" n, n ≤ 255 [§1.3, §1.5]
 *   port   = 1..65535                                        `https://host:8443` (real policy list, §1.6)
 *
 * Two cases the sources leave open, both marked [U]:
 *  - `*://172.16-31.0.0.*` is listed as valid by the §1.5 table although it has five parts. It is
 *    read here as its first four octet rules; the trailing `*` adds nothing an IPv4 address could
 *    still match. What Windows does with it has not been observed.
 *  - A wildcard deeper than directly left of a registrable domain (`*.server.example.com`) is
 *    refused by SetZoneMapping (§1.5 table, "http://*.server.example.com — no"), yet a Microsoft-
 *    style GPO lab (§1.5, §1.6) puts `https://*.ad.adatum.com` in the policy list and the policy
 *    lands it as `ZoneMap\Domains\adatum.com\*.ad`. Such an entry is therefore parsed and read
 *    when found in a policy list, with `setZoneMappingRefuses` saying why IWA Doctor itself never
 *    proposes one. A wildcard over a public suffix (`*.com`, `*.co.uk`) is refused outright.
 */
import { registrableDomain } from './registrable-domain.js';

export interface OctetRule {
  readonly low: number;
  readonly high: number;
}

export type ZoneSiteHost =
  | {
      readonly kind: 'name';
      /** Lowercase, without the wildcard label and without a trailing dot. */
      readonly name: string;
      /** True for `*.<name>`: every host ending in `.<name>`. */
      readonly wildcard: boolean;
    }
  | { readonly kind: 'ipv4'; readonly octets: readonly OctetRule[] }
  | {
      readonly kind: 'unc';
      /** Lowercase server name of `file:\server\share`. */
      readonly server: string;
      /** Lowercase path segments after the server (`share`, …). */
      readonly path: readonly string[];
    };

export interface ZoneSitePattern {
  /** The entry as written. */
  readonly text: string;
  /** Lowercase scheme the entry is limited to; null for every scheme (no scheme, or `*://`). */
  readonly scheme: string | null;
  readonly host: ZoneSiteHost;
  /** A port the URL must use; null for any. */
  readonly port: number | null;
  /** Why SetZoneMapping refuses this otherwise readable entry (a deep wildcard), or null. */
  readonly setZoneMappingRefuses: string | null;
  /** Plain-words notes on readings the sources leave open ([U]). */
  readonly notes: readonly string[];
}

export class InvalidZoneSitePatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidZoneSitePatternError';
  }
}

const maxPatternLength = 2048;
const schemeAndRest = /^(?:(\*|[a-z][a-z0-9+.-]*):\/\/)?(.*)$/is;
const hostLabel = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;
const octetPart = /^(?:\*|\d{1,3}(?:-\d{1,3})?)$/;

function fail(reason: string): never {
  throw new InvalidZoneSitePatternError(reason);
}

function octetNumber(text: string): number {
  if (!/^\d{1,3}$/.test(text)) fail(`"${text}" is not a number from 0 to 255`);
  const value = Number(text);
  if (value > 255) fail(`${text} is above 255`);
  return value;
}

function octetRule(part: string): OctetRule {
  if (part === '*') return { low: 0, high: 255 };
  const dash = part.indexOf('-');
  if (dash === -1) {
    const value = octetNumber(part);
    return { low: value, high: value };
  }
  const low = octetNumber(part.slice(0, dash));
  const high = octetNumber(part.slice(dash + 1));
  if (low > high) fail(`the range ${part} runs backwards`);
  return { low, high };
}

/** True when `host` has the shape of an IPv4 address pattern (digits, ranges, `*`), so it is read as one. */
export function looksLikeIpv4Pattern(host: string): boolean {
  return /^\d/.test(host) && host.split('.').every((part) => octetPart.test(part));
}

/**
 * Four octet rules from an IPv4 address, last-octet range or per-octet pattern (`127.0.0.1`,
 * `127.0.0.1-10`, `172.16-31.*.*`); a fifth part `*` is accepted and read as nothing more [U].
 */
export function parseIpv4Pattern(text: string): { octets: readonly OctetRule[]; notes: readonly string[] } {
  const parts = text.split('.');
  if (!parts.every((part) => octetPart.test(part)))
    fail(`"${text.slice(0, 80)}" is not an IPv4 address or range`);
  const notes: string[] = [];
  if (parts.length === 5 && parts[4] === '*') {
    notes.push(
      `"${text}" has a fifth part "*" (as in Microsoft's SetZoneMapping example *://172.16-31.0.0.*); it is read as its first four parts, which Windows has not been seen to confirm`,
    );
    parts.pop();
  }
  if (parts.length !== 4)
    fail(`an IPv4 address has four numbers, "${text.slice(0, 80)}" has ${parts.length}`);
  return { octets: parts.map(octetRule), notes };
}

export function ipv4MatchesOctets(ip: string, octets: readonly OctetRule[]): boolean {
  const numbers = ip.split('.').map(Number);
  return (
    numbers.length === 4 &&
    octets.every((rule, index) => {
      const octet = numbers[index] ?? -1;
      return octet >= rule.low && octet <= rule.high;
    })
  );
}

function parseUnc(text: string): ZoneSitePattern {
  const match = /^file:[\\/]{1,2}([^\\/]+)((?:[\\/][^\\/]+)*)[\\/]?$/i.exec(text);
  if (!match) fail('a file: site is a network path, file:\\server\\share');
  const server = (match[1] ?? '').toLowerCase();
  if (!server.split('.').every((label) => hostLabel.test(label))) fail(`"${server}" is not a server name`);
  const path = (match[2] ?? '')
    .split(/[\\/]/)
    .filter((segment) => segment.length > 0)
    .map((segment) => segment.toLowerCase());
  return {
    text,
    scheme: 'file',
    host: { kind: 'unc', server, path },
    port: null,
    setZoneMappingRefuses: null,
    notes: [],
  };
}

function parseNameHost(host: string): { host: ZoneSiteHost; setZoneMappingRefuses: string | null } {
  const labels = host.split('.');
  const [first, ...others] = labels;
  if (first === '*') {
    if (others.length === 0) fail('a wildcard alone matches every site');
    const name = others.join('.');
    if (!others.every((label) => hostLabel.test(label))) fail(`"${name}" is not a host name`);
    if (others.some((label) => label.includes('*'))) fail('a wildcard must be the whole left-most label');
    const domain = registrableDomain(name);
    if (domain === null)
      fail(`the wildcard must stand directly left of a registrable domain, not of "${name}"`);
    return {
      host: { kind: 'name', name, wildcard: true },
      setZoneMappingRefuses:
        domain === name
          ? null
          : `the wildcard must stand directly left of a registrable domain, not of "${name}"`,
    };
  }
  if (labels.some((label) => label.includes('*'))) fail('a wildcard must be the whole left-most label');
  if (!labels.every((label) => hostLabel.test(label))) fail(`"${host}" is not a host name`);
  return { host: { kind: 'name', name: host, wildcard: false }, setZoneMappingRefuses: null };
}

/** Parses a site-list entry; throws InvalidZoneSitePatternError with the reason when it is none. */
export function parseZoneSitePattern(input: string): ZoneSitePattern {
  const text = input.trim();
  if (text.length === 0 || input.length > maxPatternLength)
    fail(`a site is 1 to ${maxPatternLength} characters`);
  if (/^file:/i.test(text)) return parseUnc(text);
  const [, scheme, rest = ''] = schemeAndRest.exec(text) ?? [];
  const withoutSlash = rest.endsWith('/') ? rest.slice(0, -1) : rest;
  if (withoutSlash.includes('/') || withoutSlash.includes('\\')) fail('a site has no path');
  const portMatch = /^(.*?)(?::(\d{1,5}))?$/s.exec(withoutSlash);
  const hostText = (portMatch?.[1] ?? '').toLowerCase().replace(/\.$/, '');
  const portText = portMatch?.[2];
  if (hostText.length === 0) fail('no host');
  if (/[\s:@?#[\]]/.test(hostText)) fail(`"${hostText.slice(0, 80)}" is not a host`);
  const port = portText === undefined ? null : Number(portText);
  if (port !== null && (port < 1 || port > 65535)) fail(`port ${portText ?? ''} is out of range`);
  const schemeName = scheme === undefined || scheme === '*' ? null : scheme.toLowerCase();
  if (looksLikeIpv4Pattern(hostText)) {
    const { octets, notes } = parseIpv4Pattern(hostText);
    return {
      text,
      scheme: schemeName,
      host: { kind: 'ipv4', octets },
      port,
      setZoneMappingRefuses: null,
      notes,
    };
  }
  const { host, setZoneMappingRefuses } = parseNameHost(hostText);
  return { text, scheme: schemeName, host, port, setZoneMappingRefuses, notes: [] };
}
