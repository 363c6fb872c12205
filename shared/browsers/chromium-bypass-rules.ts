/**
 * Chromium's proxy-bypass rule syntax, which `AuthServerAllowlist` is parsed with
 * (reference §2.4: `HttpAuthFilterAllowlist::SetAllowlist` →
 * `ProxyBypassRules::ParseFromString("<-loopback>;" + allowlist)`):
 *  - entries separated by `,` or `;`, surrounding spaces ignored, case-insensitive;
 *  - `[scheme://]host-pattern[:port]` where the host pattern may contain `*` wildcards
 *    (`*.example.com`, `*contoso.com`, `example.com` = that host only);
 *  - `.example.com` = `*.example.com`;
 *  - `[scheme://]ip-literal[:port]` and `ip/prefix-length` (CIDR, IPv4 here);
 *  - `<local>` = host names without a dot (not IP literals);
 *  - `<-loopback>`: removes the implicit localhost/loopback match — the allowlist prepends it,
 *    so loopback names are allowed only when listed.
 * Unreadable entries are reported, never guessed at.
 */
import { globMatches } from '../proxy/proxy-override.js';

export type ChromiumBypassRule =
  | { readonly kind: 'local'; readonly text: string }
  | {
      readonly kind: 'host';
      readonly text: string;
      readonly scheme: string | null;
      readonly hostPattern: string;
      readonly port: number | null;
    }
  | {
      readonly kind: 'cidr';
      readonly text: string;
      readonly network: readonly number[];
      readonly prefixLength: number;
    };

export interface ChromiumBypassRuleList {
  readonly rules: readonly ChromiumBypassRule[];
  readonly unreadable: readonly string[];
}

const maxListLength = 32_768;
const maxRules = 1_000;

function parseIpv4(text: string): number[] | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  return octets.every((octet) => octet <= 255) ? octets : null;
}

export function parseChromiumBypassRules(text: string): ChromiumBypassRuleList {
  const rules: ChromiumBypassRule[] = [];
  const unreadable: string[] = [];
  const entries = text
    .slice(0, maxListLength)
    .split(/[,;]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .slice(0, maxRules);
  for (const entry of entries) {
    const lower = entry.toLowerCase();
    if (lower === '<local>') {
      rules.push({ kind: 'local', text: entry });
      continue;
    }
    if (lower === '<-loopback>') continue; // already implied for the allowlist
    const cidr = /^([\d.]+)\/(\d{1,2})$/.exec(lower);
    if (cidr) {
      const network = parseIpv4(cidr[1] ?? '');
      const prefixLength = Number(cidr[2]);
      if (network && prefixLength <= 32) rules.push({ kind: 'cidr', text: entry, network, prefixLength });
      else unreadable.push(entry);
      continue;
    }
    const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\[[0-9a-f:.]+\]|[^:/\s[\]]+)(?::(\d{1,5}))?$/.exec(lower);
    if (!match) {
      unreadable.push(entry);
      continue;
    }
    let hostPattern = match[2] ?? '';
    if (hostPattern.startsWith('.')) hostPattern = `*${hostPattern}`;
    rules.push({
      kind: 'host',
      text: entry,
      scheme: match[1] ?? null,
      hostPattern,
      port: match[3] === undefined ? null : Number(match[3]),
    });
  }
  return { rules, unreadable };
}

function inCidr(host: string, rule: Extract<ChromiumBypassRule, { kind: 'cidr' }>): boolean {
  const octets = parseIpv4(host);
  if (!octets) return false;
  let remaining = rule.prefixLength;
  for (let i = 0; i < 4; i += 1) {
    const bits = Math.min(8, Math.max(0, remaining));
    const mask = bits === 0 ? 0 : (0xff << (8 - bits)) & 0xff;
    if (((octets[i] ?? 0) & mask) !== ((rule.network[i] ?? 0) & mask)) return false;
    remaining -= 8;
  }
  return true;
}

/** The first rule that matches the origin, or null. `port` is the effective port (80/443 when not written). */
export function matchChromiumBypassRules(
  list: ChromiumBypassRuleList,
  target: { scheme: string; host: string; port: number | null },
): ChromiumBypassRule | null {
  const host = target.host.toLowerCase();
  for (const rule of list.rules) {
    if (rule.kind === 'local') {
      if (!host.includes('.') && !host.startsWith('[')) return rule;
      continue;
    }
    if (rule.kind === 'cidr') {
      if (inCidr(host, rule)) return rule;
      continue;
    }
    if (rule.scheme !== null && rule.scheme !== target.scheme) continue;
    if (rule.port !== null && rule.port !== target.port) continue;
    if (globMatches(rule.hostPattern, host)) return rule;
  }
  return null;
}
