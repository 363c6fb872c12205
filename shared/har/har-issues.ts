/**
 * What an exchange shows that is worth a finding: NTLM where Kerberos was offered (and the
 * likely why), pre-authentication refused, repeated prompts, NTLM legs on different
 * connections, 400 on a large token, channel bindings over HTTPS, proxy sign-in, and
 * tokens removed from the HAR (what can and cannot be known then).
 */
import type { HarExchange, HarLeg } from './har-exchange.js';

export const harIssueKinds = [
  'ntlm-not-kerberos',
  'ntlm-only-offered',
  'preauth-rejected',
  'repeated-prompts',
  'ntlm-legs-split',
  'large-token-400',
  'channel-bindings-absent',
  'channel-bindings-present',
  'proxy-auth',
  'tokens-removed',
] as const;
export type HarIssueKind = (typeof harIssueKinds)[number];

export interface HarIssue {
  readonly kind: HarIssueKind;
  readonly exchange: number;
  readonly host: string;
  readonly url: string;
  /** One or two sentences with the specifics. */
  readonly detail: string;
  /** For ntlm-not-kerberos: why Kerberos was likely not used. */
  readonly reason?: 'ip-address' | 'short-name' | 'non-default-port' | 'no-ticket';
}

/** Request header size above which a 400 is almost surely the token (http.sys default 16 KB, §7.2). */
const largeHeaderChars = 12_000;

function hostName(host: string): string {
  return host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
}

function portOf(host: string): string | null {
  const match = /:(\d+)$/.exec(host.startsWith('[') ? host.slice(host.indexOf(']') + 1) : host);
  return match?.[1] ?? null;
}

function isIpAddress(name: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
}

function sentCredentials(leg: HarLeg): boolean {
  const token = leg.sent;
  if (!token) return leg.sentRedacted;
  // NTLM type 1 is an opening move, not credentials; type 3 and a Kerberos AP-REQ are.
  return (
    token.ntlmMessageType === 3 ||
    token.kerberosMessage === 'AP-REQ' ||
    token.mechanism === 'kerberos' ||
    /^basic$/i.test(token.scheme) ||
    token.mechanism === 'unknown'
  );
}

export function findExchangeIssues(exchange: HarExchange): HarIssue[] {
  const issues: HarIssue[] = [];
  const add = (kind: HarIssueKind, detail: string, reason?: HarIssue['reason']): void => {
    issues.push({
      kind,
      exchange: exchange.id,
      host: exchange.host,
      url: exchange.url,
      detail,
      ...(reason ? { reason } : {}),
    });
  };
  const legs = exchange.legs;
  const who = exchange.target === 'proxy' ? 'the proxy' : exchange.host;
  const offers = new Set(legs.flatMap((leg) => leg.offers.map((offer) => offer.toLowerCase())));
  const ntlmLegs = legs.filter((leg) => leg.sent?.mechanism === 'ntlm');

  if (exchange.target === 'proxy')
    add(
      'proxy-auth',
      `Requests to ${exchange.host} went through a proxy that asked for sign-in (407, Proxy-Authenticate: ${[...offers].join(', ') || 'token'}).`,
    );

  if (ntlmLegs.length > 0 && offers.has('negotiate')) {
    const name = hostName(exchange.host);
    const port = portOf(exchange.host);
    const target = ntlmLegs.map((leg) => leg.sent?.ntlmTargetName).find((value) => value) ?? null;
    const believed = target ? ` The client's NTLM message names ${target} as the service it meant.` : '';
    if (isIpAddress(name))
      add(
        'ntlm-not-kerberos',
        `${who} offered Negotiate, the browser answered with NTLM: the site was addressed by IP address (${name}), and Kerberos needs a host name with an SPN.${believed}`,
        'ip-address',
      );
    else if (!name.includes('.'))
      add(
        'ntlm-not-kerberos',
        `${who} offered Negotiate, the browser answered with NTLM for the short name ${name}: consistent with an SPN registered only for the full name (HTTP/${name} missing).${believed}`,
        'short-name',
      );
    else if (port && port !== '80' && port !== '443')
      add(
        'ntlm-not-kerberos',
        `${who} offered Negotiate, the browser answered with NTLM on port ${port}: browsers ask for HTTP/${name} without the port by default, so an SPN with the port does not match (§7.3).${believed}`,
        'non-default-port',
      );
    else
      add(
        'ntlm-not-kerberos',
        `${who} offered Negotiate, the browser answered with NTLM: it got no Kerberos ticket for HTTP/${name} — no SPN for that name, or no domain controller reachable.${believed}`,
        'no-ticket',
      );
  } else if (
    ntlmLegs.length > 0 &&
    offers.has('ntlm') &&
    !offers.has('negotiate') &&
    exchange.target === 'server'
  ) {
    add(
      'ntlm-only-offered',
      `${who} offered only NTLM (no Negotiate), so Kerberos could not be used: the Windows authentication providers list lacks Negotiate (§4.1).`,
    );
  }

  const first = legs[0];
  if (first && first.sent && challengeStatus(first.status) && !first.sent.decodeError) {
    add(
      'preauth-rejected',
      `The first request already carried ${first.sent.scheme} ${first.sent.mechanism === 'ntlm' ? `NTLM type ${first.sent.ntlmMessageType ?? '?'}` : first.sent.mechanism} credentials and got ${first.iisSubstatus ?? first.status} — pre-authentication refused (KB 2749007, §2.2).`,
    );
  }

  const rejected = legs.filter((leg) => sentCredentials(leg) && challengeStatus(leg.status));
  if (
    rejected.length >= 2 ||
    (rejected.length >= 1 &&
      exchange.outcome === 'rejected' &&
      legs.filter((leg) => !leg.sent && challengeStatus(leg.status)).length >= 3)
  ) {
    const kerberos = rejected.some((leg) => leg.sent?.mechanism === 'kerberos');
    add(
      'repeated-prompts',
      `${rejected.length} sets of credentials were refused by ${who} (${exchange.outcome === 'success' ? 'then it worked' : 'it never worked'})${kerberos ? '; a Kerberos ticket was among them' : ''}: the prompts repeat.`,
    );
  }

  const ntlmConnections = [
    ...new Set(
      ntlmLegs.map((leg) => leg.connection).filter((connection): connection is string => connection !== null),
    ),
  ];
  if (ntlmConnections.length > 1) {
    add(
      'ntlm-legs-split',
      `The NTLM messages of one sign-in to ${who} travelled on ${ntlmConnections.length} different connections (${ntlmConnections.join(', ')}); NTLM only works when all legs share one connection to one server (§7.5).`,
    );
  }

  for (const leg of legs) {
    if (
      leg.status === 400 &&
      (leg.headerTooLong || (leg.sent !== null && leg.headerChars >= largeHeaderChars))
    ) {
      add(
        'large-token-400',
        `The server answered 400 to a request whose headers were ${leg.headerChars} characters${leg.sent ? ` (a ${leg.sent.tokenLength}-character ${leg.sent.scheme} token)` : ''}${leg.headerTooLong ? ', with "Header Field Too Long"' : ''}: larger than http.sys accepts (MaxFieldLength/MaxRequestBytes, §7.2).`,
      );
      break;
    }
  }

  if (exchange.https) {
    const type3 = legs.find((leg) => leg.sent?.ntlmMessageType === 3);
    if (type3?.sent?.channelBindings === true)
      add(
        'channel-bindings-present',
        `Over HTTPS the NTLM answer carried channel bindings (a hash of the certificate the browser saw); through a TLS-offloading device they cannot match what IIS sees (§7.4).`,
      );
    else if (type3?.sent?.channelBindings === false)
      add(
        'channel-bindings-absent',
        `Over HTTPS the NTLM answer carried no channel bindings; IIS with Extended Protection set to Require refuses such answers (§7.4).`,
      );
  }

  const redacted = legs.some((leg) => leg.sentRedacted);
  const silentSuccess = legs.some(
    (leg, index) =>
      index > 0 &&
      !leg.sent &&
      !leg.sentRedacted &&
      !challengeStatus(leg.status) &&
      challengeStatus(legs[index - 1]?.status ?? 0),
  );
  if (redacted || silentSuccess) {
    const proof =
      exchange.mechanism === 'kerberos'
        ? " The server's last answer carries a Kerberos reply (AP-REP), so Kerberos was used."
        : exchange.mechanism === 'ntlm'
          ? " The server's NTLM challenge shows NTLM was used."
          : '';
    add(
      'tokens-removed',
      `The HAR had the Authorization values removed (sanitized): the status sequence and the offers are known, but not whether Kerberos or NTLM was sent, nor the SPN, user or channel bindings.${proof}`,
    );
  }
  return issues;
}

function challengeStatus(status: number): boolean {
  return status === 401 || status === 407;
}
