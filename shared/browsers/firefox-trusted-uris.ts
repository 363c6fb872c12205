/**
 * Firefox `network.negotiate-auth.trusted-uris` matching (reference §2.5, gecko
 * `netwerk/protocol/http/HttpAuthUtils.cpp`):
 *
 *     url-list  = base-url ( "," LWS base-url )*
 *     base-url  = ( scheme-part | host-part | scheme-part host-part )
 *     scheme-part = scheme "://"        host-part = host [":" port]
 *
 *     host:   bar.com   foo.bar.com   foobar.com   foo.bar.com   bar.com
 *     pref:   bar.com   bar.com       bar.com      .bar.com      .bar.com
 *     result: accept    accept        reject       accept        reject
 *
 * An empty host part accepts every host for that scheme; a port in the entry must equal the
 * real port; IPv6 literals are written in `[]`. Dotless (non-FQDN) hosts are also accepted when
 * `network.negotiate-auth.allow-non-fqdn` is true. Firefox never consults Windows zones.
 */

export interface TrustedUriEntry {
  readonly text: string;
  readonly scheme: string | null;
  /** Empty = any host. A leading dot is kept: it means "subdomains only". */
  readonly host: string;
  readonly port: number | null;
}

export interface FirefoxTarget {
  readonly scheme: string;
  readonly host: string;
  /** Effective port (80/443 when not written). */
  readonly port: number | null;
}

const maxListLength = 32_768;

export function parseTrustedUris(text: string): { entries: TrustedUriEntry[]; unreadable: string[] } {
  const entries: TrustedUriEntry[] = [];
  const unreadable: string[] = [];
  for (const raw of text.slice(0, maxListLength).split(',')) {
    const entry = raw.trim();
    if (entry.length === 0) continue;
    const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\[[0-9a-f:.]+\]|[^:/\s[\]]*)(?::(\d{1,5}))?\/?$/i.exec(
      entry,
    );
    if (!match || (match[1] === undefined && (match[2] ?? '') === '')) {
      unreadable.push(entry);
      continue;
    }
    entries.push({
      text: entry,
      scheme: match[1]?.toLowerCase() ?? null,
      host: (match[2] ?? '').toLowerCase(),
      port: match[3] === undefined ? null : Number(match[3]),
    });
  }
  return { entries, unreadable };
}

/** Host part rule of the table above. */
export function trustedHostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === '') return true;
  if (p.startsWith('.')) return h.endsWith(p);
  return h === p || h.endsWith(`.${p}`);
}

export function findTrustedUriEntry(
  entries: readonly TrustedUriEntry[],
  target: FirefoxTarget,
): TrustedUriEntry | null {
  for (const entry of entries) {
    if (entry.scheme !== null && entry.scheme !== target.scheme) continue;
    if (entry.port !== null && entry.port !== target.port) continue;
    if (trustedHostMatches(entry.host, target.host)) return entry;
  }
  return null;
}

export type FirefoxNegotiateDecision =
  | { readonly allowed: true; readonly by: 'trusted-uris'; readonly entry: TrustedUriEntry }
  | { readonly allowed: true; readonly by: 'allow-non-fqdn' }
  | { readonly allowed: false };

export function firefoxWillNegotiate(
  trustedUris: string,
  allowNonFqdn: boolean,
  target: FirefoxTarget,
): FirefoxNegotiateDecision {
  const entry = findTrustedUriEntry(parseTrustedUris(trustedUris).entries, target);
  if (entry) return { allowed: true, by: 'trusted-uris', entry };
  if (allowNonFqdn && !target.host.includes('.') && !target.host.startsWith('['))
    return { allowed: true, by: 'allow-non-fqdn' };
  return { allowed: false };
}

/** The value to write so the host is trusted: the existing list plus the host (Firefox joins with ", "). */
export function trustedUrisWithHost(existing: string, host: string): string {
  const trimmed = existing.trim();
  return trimmed.length === 0 ? host : `${trimmed}, ${host}`;
}
