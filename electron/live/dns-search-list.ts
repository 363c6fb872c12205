/**
 * The DNS search suffixes this computer's resolver appends to a short (dotless) host name, so
 * the live test can expand `http://intranet/` the way the browser's own lookup does: Chromium
 * builds the SPN from the canonical name that getaddrinfo returns (reference §2.4, §7.3), and
 * for a short name that is the name found after a search suffix was appended
 * (`intranet` → `intranet.contoso.com`, or the CNAME target behind it).
 *
 * - Linux, macOS and other POSIX systems: `LOCALDOMAIN` (space-separated, overrides the file
 *   for this process, resolv.conf(5)), else the last `search` or `domain` line of
 *   /etc/resolv.conf (the two are mutually exclusive and the last one wins, resolv.conf(5)).
 *   macOS resolves through its own configuration database; /etc/resolv.conf there mirrors the
 *   primary resolver's search list, which is what a plain name gets — not checked on a Mac.
 * - Windows: the primary DNS suffix lives in the registry (Tcpip\Parameters `Domain`,
 *   `SearchList`), which this module cannot read without the PowerShell host. It uses
 *   `USERDNSDOMAIN`, the DNS name of the domain the user signed in to, which on a
 *   single-domain network is the primary suffix. Unverified here (no Windows): connection-
 *   specific suffixes, suffix devolution and a SearchList policy are not modelled; give the
 *   list explicitly (`--dns-search`) when they matter.
 */
import { readFileSync } from 'node:fs';

const resolvConfPath = '/etc/resolv.conf';
/** resolv.conf(5): at most six search domains (glibc since 2.26 allows more; six is plenty). */
const maxSuffixes = 6;
const suffixPattern = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** A search suffix as DNS wants it: lower case, no leading or trailing dot; null when it is not a name. */
export function normalizeSuffix(text: string): string | null {
  const suffix = text
    .trim()
    .toLowerCase()
    .replace(/^\.+|\.+$/g, '');
  return suffix.length > 0 && suffix.length <= 253 && suffixPattern.test(suffix) ? suffix : null;
}

function suffixesOf(words: readonly string[]): string[] {
  const suffixes: string[] = [];
  for (const word of words) {
    const suffix = normalizeSuffix(word);
    if (suffix && !suffixes.includes(suffix)) suffixes.push(suffix);
  }
  return suffixes.slice(0, maxSuffixes);
}

/** The search list a resolv.conf text gives: the last `search` or `domain` line wins. */
export function searchListFromResolvConf(text: string): string[] {
  let words: string[] = [];
  for (const line of text.split('\n')) {
    const fields = line
      .replace(/[#;].*$/, '')
      .trim()
      .split(/\s+/);
    const keyword = fields[0];
    if (keyword === 'search') words = fields.slice(1);
    else if (keyword === 'domain') words = fields.slice(1, 2);
  }
  return suffixesOf(words);
}

export interface SearchListSources {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly readResolvConf: () => string | null;
}

const systemSources: SearchListSources = {
  platform: process.platform,
  env: process.env,
  readResolvConf: () => {
    try {
      return readFileSync(resolvConfPath, 'utf8');
    } catch {
      return null;
    }
  },
};

/** The suffixes this computer's resolver tries for a short name, most preferred first; [] when none. */
export function systemSearchList(sources: SearchListSources = systemSources): string[] {
  if (sources.platform === 'win32') {
    const domain = sources.env['USERDNSDOMAIN'];
    return domain ? suffixesOf([domain]) : [];
  }
  const local = sources.env['LOCALDOMAIN'];
  if (local !== undefined && local.trim() !== '') return suffixesOf(local.trim().split(/\s+/));
  const text = sources.readResolvConf();
  return text === null ? [] : searchListFromResolvConf(text);
}
