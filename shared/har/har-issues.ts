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
  readonly reason?: 'ntlm-scheme' | 'ip-address' | 'short-name' | 'non-default-port' | 'no-ticket';
}

/** Request header size above which a 400 is almost surely the token (http.sys default 16 KB, §7.2). */
const largeHeaderChars = 12_000;
/** http.sys defaults of MaxFieldLength and MaxRequestBytes, in bytes (§7.2). */
const httpSysDefaultLimit = 16_384;

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

/** The server answered with an NTLM challenge (type 2): NTLM is in use whatever the browser's header said. */
function receivedNtlmChallenge(leg: HarLeg | undefined): boolean {
  return leg?.received?.mechanism === 'ntlm' && leg.received.ntlmMessageType === 2;
}

/**
 * The legs that carried NTLM. From the browser's token when the HAR has it; in a sanitized
 * HAR from the server's side: a leg answered with an NTLM challenge carried the type 1, and
 * the removed header right after it was the type 3.
 */
function ntlmLegsOf(legs: readonly HarLeg[]): HarLeg[] {
  return legs.filter(
    (leg, index) =>
      leg.sent?.mechanism === 'ntlm' ||
      receivedNtlmChallenge(leg) ||
      (leg.sent === null && leg.sentRedacted && receivedNtlmChallenge(legs[index - 1])),
  );
}

/** An opening token a browser pre-authenticates with: NTLM type 1 or a Kerberos ticket (KB 2749007, §2.2). */
function isOpeningToken(leg: HarLeg): boolean {
  if (!leg.sent) return leg.sentRedacted;
  if (leg.sent.decodeError) return false;
  return (
    leg.sent.ntlmMessageType === 1 || leg.sent.mechanism === 'kerberos' || leg.sent.mechanism === 'negoex'
  );
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
  const ntlmLegs = ntlmLegsOf(legs);

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
    // §2.1: a browser with Negotiate turned off answers with the NTLM scheme itself. The
    // server answers in the scheme it was asked in, so `WWW-Authenticate: NTLM <type 2>`
    // shows it as well when the HAR was sanitized.
    const ntlmScheme = legs.some(
      (leg) =>
        (leg.sent !== null && /^ntlm$/i.test(leg.sent.scheme)) ||
        (receivedNtlmChallenge(leg) && /^ntlm$/i.test(leg.received?.scheme ?? '')),
    );
    if (ntlmScheme)
      add(
        'ntlm-not-kerberos',
        `${who} offered Negotiate, and the browser answered with the NTLM scheme itself (Authorization: NTLM …), not with Negotiate.${believed}`,
        'ntlm-scheme',
      );
    else if (isIpAddress(name))
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

  // Pre-authentication refused (KB 2749007, §2.2): the first request already carried an
  // opening token and the server did not go on with it — it said 401.1, or offered the
  // schemes again bare, so the browser had to start over. A first answer with an NTLM
  // challenge (type 2) is the handshake going on normally, not a refusal (auth-pattern.ts
  // reads the log the same way).
  const first = legs[0];
  const bareReoffer = first !== undefined && first.received === null && first.offers.length > 0;
  if (
    first &&
    isOpeningToken(first) &&
    challengeStatus(first.status) &&
    !receivedNtlmChallenge(first) &&
    (first.iisSubstatus === '401.1' || bareReoffer)
  ) {
    const what = first.sent
      ? `${first.sent.scheme} ${first.sent.mechanism === 'ntlm' ? `NTLM type ${first.sent.ntlmMessageType ?? '?'}` : first.sent.mechanism}`
      : 'an Authorization header (its value removed from the HAR)';
    const answer = `${first.iisSubstatus ?? first.status}${bareReoffer ? ` with a bare offer of ${first.offers.join(', ')}` : ''}`;
    add(
      'preauth-rejected',
      `The first request already carried ${what} and got ${answer} instead of a challenge to go on with — pre-authentication refused (KB 2749007, §2.2)${exchange.outcome === 'success' ? '; the browser then started over and signed in' : ''}.`,
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

  const distinct = (values: readonly (string | null)[]): string[] => [
    ...new Set(values.filter((value): value is string => value !== null)),
  ];
  const ntlmConnections = distinct(ntlmLegs.map((leg) => leg.connection));
  // serverIPAddress is a second signal: one connection id answered by two servers, or a HAR
  // without connection ids whose legs reached two addresses, is a split as well.
  const ntlmServers = distinct(ntlmLegs.map((leg) => leg.serverIp));
  if (ntlmConnections.length > 1 || ntlmServers.length > 1) {
    const where = [
      ntlmConnections.length > 1
        ? `on ${ntlmConnections.length} different connections (${ntlmConnections.join(', ')})`
        : '',
      ntlmServers.length > 1
        ? `to ${ntlmServers.length} different server addresses (${ntlmServers.join(', ')})`
        : '',
    ].filter((part) => part !== '');
    add(
      'ntlm-legs-split',
      `The NTLM messages of one sign-in to ${who} travelled ${where.join(' and ')}; NTLM only works when all legs share one connection to one server (§7.5).`,
    );
  }

  for (const leg of legs) {
    // A sanitized HAR removed the token but still states the request's headersSize.
    if (
      leg.status === 400 &&
      (leg.headerTooLong || ((leg.sent !== null || leg.sentRedacted) && leg.headerChars >= largeHeaderChars))
    ) {
      add('large-token-400', largeTokenDetail(leg));
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

/** Says what is known: the size that was refused, and http.sys's default limits beside it (§7.2). */
function largeTokenDetail(leg: HarLeg): string {
  const size = leg.headerChars > 0 ? ` whose headers came to ${leg.headerChars} bytes` : '';
  const token = leg.sent
    ? ` (its ${leg.sent.scheme} token alone ${leg.sent.tokenLength} characters)`
    : leg.sentRedacted
      ? ' (its Authorization value removed from the HAR)'
      : '';
  const said = leg.headerTooLong ? ', saying "Header Field Too Long"' : '';
  const defaults =
    "http.sys's defaults refuse one header over 16,384 bytes (MaxFieldLength) or a request line and headers over 16,384 bytes together (MaxRequestBytes) (§7.2)";
  const comparison =
    leg.headerChars >= httpSysDefaultLimit
      ? 'this request was over them.'
      : leg.headerChars > 0
        ? 'this request was under them, so the limits on that server, or on a device in front of it, are set lower.'
        : 'the HAR does not say how large the headers were.';
  return `The server refused (400) a request${size}${token}${said}. ${defaults}; ${comparison}`;
}

function challengeStatus(status: number): boolean {
  return status === 401 || status === 407;
}
