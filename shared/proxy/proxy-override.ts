/**
 * WinINet `ProxyOverride` (reference §7.7): semicolon-separated entries, `*` wildcards,
 * and the token `<local>` = "bypass the proxy server for local addresses", i.e. host names
 * without a period (.NET's definition of local is the same, §7.7).
 *
 * Entry forms matched here: a host glob (`*.contoso.com`, `10.*`, `intranet`), optionally with
 * a scheme (`https://*.contoso.com`) and/or a port (`web01:8080`). WinINet's implicit
 * loopback bypass and `<-loopback>` are not modelled [U].
 */

export interface ProxyOverrideEntry {
  readonly text: string;
  readonly kind: 'local' | 'pattern';
  readonly scheme: string | null;
  readonly hostGlob: string;
  readonly port: number | null;
}

export interface ProxyOverrideTarget {
  readonly scheme: string;
  readonly host: string;
  readonly port: number | null;
}

const maxOverrideLength = 32_768;
const maxEntries = 1_000;

/** Splits a ProxyOverride string into entries; unreadable entries are returned in `skipped`. */
export function parseProxyOverride(text: string): { entries: ProxyOverrideEntry[]; skipped: string[] } {
  const entries: ProxyOverrideEntry[] = [];
  const skipped: string[] = [];
  const pieces = text
    .slice(0, maxOverrideLength)
    .split(';')
    .map((piece) => piece.trim())
    .filter((piece) => piece.length > 0)
    .slice(0, maxEntries);
  for (const piece of pieces) {
    if (piece.toLowerCase() === '<local>') {
      entries.push({ text: piece, kind: 'local', scheme: null, hostGlob: '', port: null });
      continue;
    }
    const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^:/]+)(?::(\d{1,5}|\*))?\/?$/i.exec(piece);
    if (!match) {
      skipped.push(piece);
      continue;
    }
    const [, scheme, hostGlob, port] = match;
    entries.push({
      text: piece,
      kind: 'pattern',
      scheme: scheme?.toLowerCase() ?? null,
      hostGlob: (hostGlob ?? '').toLowerCase(),
      port: port === undefined || port === '*' ? null : Number(port),
    });
  }
  return { entries, skipped };
}

/** Case-insensitive glob where `*` matches any run of characters (including dots). */
export function globMatches(glob: string, text: string): boolean {
  const g = glob.toLowerCase();
  const t = text.toLowerCase();
  // Iterative wildcard matching: linear in practice, no regex built from data.
  let gi = 0;
  let ti = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (ti < t.length) {
    if (gi < g.length && g[gi] === t[ti]) {
      gi += 1;
      ti += 1;
    } else if (gi < g.length && g[gi] === '*') {
      starAt = gi;
      resumeAt = ti;
      gi += 1;
    } else if (starAt !== -1) {
      gi = starAt + 1;
      resumeAt += 1;
      ti = resumeAt;
    } else {
      return false;
    }
  }
  while (gi < g.length && g[gi] === '*') gi += 1;
  return gi === g.length;
}

function isIpLiteral(host: string): boolean {
  return host.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}

/** The first entry that makes the target bypass the proxy, or null. */
export function findProxyBypassEntry(
  entries: readonly ProxyOverrideEntry[],
  target: ProxyOverrideTarget,
): ProxyOverrideEntry | null {
  for (const entry of entries) {
    if (entry.kind === 'local') {
      if (!target.host.includes('.') && !isIpLiteral(target.host)) return entry;
      continue;
    }
    if (entry.scheme !== null && entry.scheme !== target.scheme) continue;
    if (entry.port !== null && entry.port !== target.port) continue;
    if (globMatches(entry.hostGlob, target.host)) return entry;
  }
  return null;
}

/**
 * ProxyOverride with `host` added, every existing entry kept and `<local>` last, as Internet
 * Options writes it (reference §7.7).
 */
export function proxyOverrideWithHost(existing: string | null, host: string): string {
  const entries = (existing ?? '')
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const local = entries.filter((entry) => entry.toLowerCase() === '<local>');
  const others = entries.filter((entry) => entry.toLowerCase() !== '<local>');
  return [...others, host, ...local].join(';');
}
