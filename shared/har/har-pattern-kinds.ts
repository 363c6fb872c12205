/**
 * The pattern kinds a HAR exchange is listed under (beside the log kinds of §5.2): its
 * problem issues, or else how it ended, plus the issues that only inform. One function so
 * the listing, the summary and the count of exchanges beyond the listing cap agree.
 */
import type { HarExchange } from './har-exchange.js';
import type { HarIssue, HarIssueKind } from './har-issues.js';

/** HAR exchange kinds: the issue kinds, and what a clean exchange ended as. */
export const harPatternDescriptions: Readonly<
  Record<
    HarIssueKind | 'normal-kerberos' | 'normal-ntlm' | 'normal-unknown' | 'rejected' | 'unfinished',
    string
  >
> = {
  'normal-kerberos': 'Normal Kerberos sign-in: 401 with Negotiate, a ticket, then success',
  'normal-ntlm': 'Normal NTLM sign-in: 401, NTLM negotiate, challenge, answer, then success',
  'normal-unknown': 'Sign-in that succeeded; the HAR does not show with which method',
  rejected: 'Credentials were sent and refused',
  unfinished: 'A sign-in challenge the browser never answered',
  'ntlm-not-kerberos': 'NTLM used where the server offered Negotiate (Kerberos was possible)',
  'ntlm-only-offered': 'The server offered NTLM only, never Negotiate',
  'preauth-rejected': 'The first request was pre-authenticated and refused (KB 2749007)',
  'repeated-prompts': 'Credentials refused again and again: the prompts repeat',
  'ntlm-legs-split': 'NTLM messages of one sign-in on different connections or servers (§7.5)',
  'large-token-400': '400 Bad Request on a request with a large sign-in header (§7.2)',
  'channel-bindings-absent': 'Over HTTPS, the NTLM answer carried no channel bindings (§7.4)',
  'channel-bindings-present': 'Over HTTPS, the NTLM answer carried channel bindings (§7.4)',
  'proxy-auth': 'A proxy asked for sign-in (407)',
  'tokens-removed': 'Sign-in headers removed from the HAR (sanitized): some facts cannot be known',
};

export type HarPatternKind = keyof typeof harPatternDescriptions;

/** Issue kinds that describe an exchange without saying it went wrong. */
export const informationalHarKinds: ReadonlySet<string> = new Set([
  'proxy-auth',
  'tokens-removed',
  'channel-bindings-present',
]);

export const normalHarKinds: ReadonlySet<string> = new Set([
  'normal-kerberos',
  'normal-ntlm',
  'normal-unknown',
]);

function outcomeKind(exchange: HarExchange): HarPatternKind {
  if (exchange.outcome === 'success')
    return exchange.mechanism === 'kerberos'
      ? 'normal-kerberos'
      : exchange.mechanism === 'ntlm'
        ? 'normal-ntlm'
        : 'normal-unknown';
  return exchange.outcome === 'unfinished' ? 'unfinished' : 'rejected';
}

/** The issues of each exchange by id: one pass, so a HAR with 100,000 exchanges is not read 100,000 times. */
export function issuesByExchange(issues: readonly HarIssue[]): Map<number, HarIssueKind[]> {
  const byExchange = new Map<number, HarIssueKind[]>();
  for (const issue of issues) {
    const list = byExchange.get(issue.exchange);
    if (list) list.push(issue.kind);
    else byExchange.set(issue.exchange, [issue.kind]);
  }
  return byExchange;
}

/** Kinds one exchange shows: its problem issues, or else its outcome, plus informational issues. */
export function harExchangeKinds(
  exchange: HarExchange,
  issueKinds: readonly HarIssueKind[] = [],
): HarPatternKind[] {
  const problems = issueKinds.filter((kind) => !informationalHarKinds.has(kind));
  const info = issueKinds.filter((kind) => informationalHarKinds.has(kind));
  return [...(problems.length > 0 ? problems : [outcomeKind(exchange)]), ...info];
}
