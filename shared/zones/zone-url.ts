/**
 * The parts of a URL that zone mapping looks at: scheme and host (reference §1.5: urlmon maps
 * by host name, never by the server's IP address; Ranges apply only when the host *is* an IP).
 */

export type ZoneHostKind = 'dns-name' | 'dotless-name' | 'ipv4' | 'ipv6' | 'unc' | 'local-file';

export interface ZoneUrl {
  /** The URL as given (UNC paths are turned into `file://` URLs). */
  readonly url: string;
  /** Lowercase scheme without the colon, e.g. `https`. */
  readonly scheme: string;
  /** Lowercase host without a trailing dot; `[...]` kept for IPv6; empty for local files. */
  readonly host: string;
  /** Explicit or scheme-default port; null when the scheme has none. */
  readonly port: number | null;
  readonly kind: ZoneHostKind;
  /** Lowercase, decoded path segments (`\\srv\share\dir` → share, dir): a network-path site entry covers the paths below it. */
  readonly pathSegments: readonly string[];
}

export class InvalidZoneUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidZoneUrlError';
  }
}

const maxUrlLength = 4096;
const defaultPorts: Readonly<Record<string, number>> = { http: 80, https: 443, ftp: 21 };

function uncToFileUrl(path: string): string {
  // \\server\share\dir -> file://server/share/dir (the form urlmon maps UNC paths with).
  return `file://${path.slice(2).replaceAll('\\', '/')}`;
}

export function parseZoneUrl(input: string): ZoneUrl {
  if (input.length === 0 || input.length > maxUrlLength) {
    throw new InvalidZoneUrlError(`URL must be 1 to ${maxUrlLength} characters long`);
  }
  const text = input.startsWith('\\\\') ? uncToFileUrl(input) : input;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new InvalidZoneUrlError(`not an absolute URL: ${JSON.stringify(input.slice(0, 200))}`);
  }
  const scheme = parsed.protocol.replace(/:$/, '').toLowerCase();
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  const port = parsed.port !== '' ? Number(parsed.port) : (defaultPorts[scheme] ?? null);
  const kind = hostKind(scheme, host);
  if (host === '' && kind !== 'local-file') {
    throw new InvalidZoneUrlError(`URL has no host: ${JSON.stringify(input.slice(0, 200))}`);
  }
  return { url: input, scheme, host, port, kind, pathSegments: pathSegmentsOf(parsed.pathname) };
}

function pathSegmentsOf(pathname: string): string[] {
  return pathname
    .split('/')
    .filter((segment) => segment.length > 0)
    .map((segment) => {
      try {
        return decodeURIComponent(segment).toLowerCase();
      } catch {
        return segment.toLowerCase();
      }
    });
}

function hostKind(scheme: string, host: string): ZoneHostKind {
  if (scheme === 'file') return host === '' ? 'local-file' : 'unc';
  if (host.startsWith('[')) return 'ipv6';
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(host)) return 'ipv4';
  if (!host.includes('.')) return 'dotless-name';
  return 'dns-name';
}
