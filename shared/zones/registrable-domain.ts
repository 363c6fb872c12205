/**
 * The "domain name" part of a host name, as urlmon decides it for ZoneMap\Domains keys
 * (reference §1.5: a Domains key matches deeper hosts implicitly only when the key itself is
 * a registrable domain, e.g. `google.com` but not `org`).
 *
 * Why not the Public Suffix List: it cannot be downloaded here, and urlmon does not use it
 * either. This is the small fixed heuristic Wine re-implemented from observing Windows
 * (`dlls/urlmon/uri.c` find_domain_name; behaviour reference only, see §1.5):
 *  - the last label is the top-level domain; a TLD of 3+ letters (com, org, test, local…)
 *    makes `<second>.<tld>` the domain;
 *  - a 1–2 letter TLD (country code) also swallows the second label when that label is
 *    1–2 letters (`co.uk`, `ac.jp`) or one of com/edu/gov/int/mil/net/org (`com.au`), so
 *    `contoso.co.uk` and `contoso.com.au` are domains;
 *  - a host with no dot has no domain.
 * Known limit (by design, like Windows): multi-label public suffixes outside that shape are
 * not recognised — `contoso.nhs.uk` gives `nhs.uk`, `contoso.pvt.k12.ma.us` gives `ma.us` —
 * and a two-label name whose first label is 1–2 letters (`hp.com`) has no domain of its own. The function never
 * claims more than the host, and never returns an empty string.
 */

const genericSecondLevels = new Set(['com', 'edu', 'gov', 'int', 'mil', 'net', 'org']);

/** Returns the registrable domain of a DNS host name (lowercase, no trailing dot), or null when it has none. */
export function registrableDomain(host: string): string | null {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name.length < 4) return null;
  const labels = name.split('.');
  if (labels.some((label) => label.length === 0)) return null;
  if (labels.length < 2) return null;
  const tld = labels[labels.length - 1] ?? '';
  const second = labels[labels.length - 2] ?? '';
  if (labels.length === 2) {
    // `co.uk`, `com.au`: the whole name is a public suffix, not a domain.
    if (second.length < 3 || (second.length === 3 && genericSecondLevels.has(second))) return null;
    return name;
  }
  if (tld.length >= 3) return `${second}.${tld}`;
  const swallowsSecond = second.length < 3 || (second.length === 3 && genericSecondLevels.has(second));
  if (!swallowsSecond) return `${second}.${tld}`;
  const third = labels[labels.length - 3] ?? '';
  return `${third}.${second}.${tld}`;
}

/** True when the name is itself a registrable domain (so a Domains key of that name covers its subdomains). */
export function isRegistrableDomain(name: string): boolean {
  return registrableDomain(name) === name.toLowerCase().replace(/\.$/, '');
}
