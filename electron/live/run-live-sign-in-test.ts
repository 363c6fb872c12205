/**
 * "Test sign-in": what Kerberos Authentication Tester does on Windows, on every platform, as
 * the current user:
 * 1. request the URL anonymously (redirects followed, one kept-alive connection) and record
 *    status, WWW-Authenticate offers, Server and TLS facts;
 * 2. resolve the host like browsers (CNAME → canonical name, port rule; reference §2.4, §7.3)
 *    and work out the SPN a browser asks for;
 * 3. get a Negotiate token for that SPN, decode it, send it on the same connection, and record
 *    the answer and any response token (AP-REP, KRB-ERROR, NegTokenResp state);
 * 4. turn it into evidence, findings (shared/rules/live-sign-in.ts) and the exchange for the
 *    sequence diagram.
 * Never throws for network or Kerberos trouble: those become evidence.
 */
import type { Evidence, RawOutput } from '../../shared/model/evidence.js';
import type { Finding, RuledOut } from '../../shared/model/finding.js';
import { browserSpnForms } from '../../shared/spn/browser-spn.js';
import { describeNetworkFailure, type NetworkFailure } from '../../shared/live/network-failure.js';
import { exchangeFromEvidence, type LiveExchange } from '../../shared/live/live-exchange.js';
import {
  liveProbeId,
  type LiveHttpLegFacts,
  type LiveKerberosTicketFacts,
  type LiveSpnRole,
} from '../../shared/live/live-evidence.js';
import { describeTicketOutcome } from '../../shared/live/ticket-outcome.js';
import { ticketSourceOf } from '../../shared/live/kerberos-trace.js';
import { summarizeToken } from '../../shared/live/summarize-token.js';
import {
  parseAuthenticateHeaders,
  AuthenticateHeaderError,
  type AuthenticationOffer,
} from '../../shared/live/www-authenticate.js';
import { liveSignInRule } from '../../shared/rules/live-sign-in.js';
import { createNodeNetwork, type HttpOutcome, type LiveNetwork, type NameResolution } from './network.js';
import {
  createChildProcessNegotiateClient,
  createInProcessNegotiateClient,
  type NegotiateClient,
  type NegotiateSession,
} from './negotiate-client.js';

export interface LiveTestOptions {
  /** `address:port` of the DNS server to use instead of the system's. */
  readonly dnsServer?: string;
  /**
   * DNS search suffixes for a short host name, most preferred first, instead of this
   * computer's search list (dns-search-list.ts).
   */
  readonly dnsSearch?: readonly string[];
  /** Bound for each DNS lookup, HTTP request and Kerberos call (default 10 s). */
  readonly timeoutMs?: number;
  /**
   * Kerberos identity for a child process (KRB5_CONFIG, KRB5CCNAME…) instead of the user this
   * process runs as — tests and labs use it to stay isolated.
   */
  readonly kerberosEnv?: Readonly<Record<string, string>>;
  /**
   * Ask for tickets in a helper process even without `kerberosEnv` (as the user this process
   * runs as). A Kerberos call that hangs (a KDC that drops packets: libkrb5 retries for about
   * half a minute) cannot be cancelled in this process — its thread-pool thread stays busy and
   * even process.exit() waits for it — while a helper is killed at the time limit. The CLI uses
   * it; the packaged app cannot (its RunAsNode fuse is off), so there a hung call ends when
   * libkrb5 gives up, after the result is already shown.
   */
  readonly kerberosHelper?: boolean;
  /** Browser policy EnableAuthNegotiatePort (default off, reference §2.4). */
  readonly includePortInSpn?: boolean;
  /** Browser CNAME canonicalisation (default on; off = DisableAuthNegotiateCnameLookup, §2.4). */
  readonly cnameLookup?: boolean;
  /** Extra trusted CA certificates (PEM) for HTTPS. */
  readonly trustedCertificates?: readonly string[];
  /** Seams: replace the real network or Kerberos client. */
  readonly network?: LiveNetwork;
  readonly negotiate?: NegotiateClient;
}

export interface LiveTestResult {
  readonly url: string;
  readonly exchange: LiveExchange;
  readonly evidence: Evidence[];
  readonly findings: Finding[];
  readonly ruledOut: RuledOut[];
  readonly elapsedMs: number;
}

/** The Kerberos settings of this process's user (KRB5_CONFIG, KRB5CCNAME…), for a helper process. */
function kerberosVariablesOf(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[0].startsWith('KRB5') && entry[1] !== undefined,
    ),
  );
}

/** Token values are secrets: raw output shows their size, never their text. */
function redactHeaderValue(value: string): string {
  return value.replace(
    /\b(Negotiate|NTLM|Kerberos)\s+([A-Za-z0-9+/=._~-]{8,})/gi,
    (_, scheme: string, token: string) => `${scheme} <token, ${token.length} base64 characters>`,
  );
}

function rawOf(label: string, outcome: HttpOutcome): RawOutput {
  if (!outcome.ok)
    return {
      label,
      text: `${outcome.failure.message}${outcome.failure.code ? ` (${outcome.failure.code})` : ''}`,
    };
  const { answer } = outcome;
  const lines = [
    ...outcome.redirects.map((url) => `(redirected from ${url})`),
    `HTTP ${answer.status} ${answer.statusText}`,
    ...answer.headers.map(([name, value]) => `${name}: ${redactHeaderValue(value)}`),
  ];
  return { label, text: lines.join('\n') };
}

interface ParsedOffers {
  readonly offers: AuthenticationOffer[];
  readonly error: string | null;
}

function offersOf(outcome: HttpOutcome): ParsedOffers {
  if (!outcome.ok) return { offers: [], error: null };
  const values = outcome.answer.headers
    .filter(([name]) => name.toLowerCase() === 'www-authenticate')
    .map(([, value]) => value);
  try {
    return { offers: parseAuthenticateHeaders(values), error: null };
  } catch (error) {
    if (error instanceof AuthenticateHeaderError) return { offers: [], error: error.message };
    throw error;
  }
}

function legFacts(
  outcome: HttpOutcome,
  requestUrl: string,
  authorization: LiveHttpLegFacts['authorization'],
  sent: { token: string; headerChars: number } | null,
): LiveHttpLegFacts {
  const { offers } = offersOf(outcome);
  const responseOffer = offers.find(
    (offer) => offer.token !== null && /^(negotiate|ntlm|kerberos)$/i.test(offer.scheme),
  );
  const base = {
    url: requestUrl,
    authorization,
    requestToken:
      sent && authorization !== 'none' ? summarizeToken('Authorization', authorization, sent.token) : null,
    authorizationHeaderChars: sent?.headerChars ?? null,
    redirects: [...outcome.redirects],
  };
  if (!outcome.ok) {
    return {
      ...base,
      status: null,
      statusText: null,
      offers: [],
      responseToken: null,
      server: null,
      finalUrl: outcome.redirects.at(-1) ?? requestUrl,
      connectionReused: false,
      remoteAddress: null,
      tls: null,
      failure: outcome.failure,
      elapsedMs: outcome.elapsedMs,
    };
  }
  const { answer } = outcome;
  return {
    ...base,
    status: answer.status,
    statusText: answer.statusText,
    offers: offers.map((offer) => offer.scheme),
    responseToken: responseOffer?.token
      ? summarizeToken('WWW-Authenticate', responseOffer.scheme, responseOffer.token)
      : null,
    server: answer.server,
    finalUrl: answer.url,
    connectionReused: answer.connectionReused,
    remoteAddress: answer.remoteAddress,
    tls: answer.tls,
    failure: null,
    elapsedMs: answer.elapsedMs,
  };
}

function legSummary(facts: LiveHttpLegFacts): string {
  if (facts.failure) return facts.failure.message;
  const offers =
    facts.offers.length > 0 ? `, offering ${facts.offers.join(', ')}` : ', without asking to sign in';
  const who = facts.authorization === 'none' ? 'Without credentials' : `With a ${facts.authorization} token`;
  const tls = facts.tls
    ? ` Connection secured with ${facts.tls.protocol ?? 'TLS'}, certificate ${facts.tls.subject ?? '(no subject)'} issued by ${facts.tls.issuer ?? '(unknown)'}${facts.tls.trusted ? '' : ` (not trusted: ${facts.tls.trustError ?? 'unknown reason'})`}.`
    : '';
  return (
    `${who} the site answered ${facts.status} ${facts.statusText ?? ''}`.trimEnd() +
    (facts.authorization === 'none' ? offers : '') +
    '.' +
    tls
  );
}

function legStatus(facts: LiveHttpLegFacts): Evidence['status'] {
  if (facts.failure) return 'problem';
  const status = facts.status ?? 0;
  if (facts.authorization === 'none') return status === 401 ? 'info' : 'problem';
  return status >= 200 && status < 400 ? 'ok' : 'problem';
}

export async function runLiveSignInTest(url: string, options: LiveTestOptions = {}): Promise<LiveTestResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const network =
    options.network ??
    createNodeNetwork({
      timeoutMs,
      ...(options.dnsServer ? { dnsServer: options.dnsServer } : {}),
      ...(options.dnsSearch ? { dnsSearch: options.dnsSearch } : {}),
      ...(options.trustedCertificates ? { trustedCertificates: options.trustedCertificates } : {}),
    });
  const ownsNegotiate = options.negotiate === undefined;
  const negotiate =
    options.negotiate ??
    (options.kerberosEnv || options.kerberosHelper
      ? createChildProcessNegotiateClient({
          env: options.kerberosEnv ?? kerberosVariablesOf(process.env),
          callTimeoutMs: timeoutMs,
        })
      : createInProcessNegotiateClient({ callTimeoutMs: timeoutMs }));
  const evidence: Evidence[] = [];
  const sessions: NegotiateSession[] = [];
  const connection = network.connect();

  const finish = (): LiveTestResult => {
    const outcome = liveSignInRule({ target: { url, symptom: 'check-everything' }, evidence });
    return {
      url,
      exchange: exchangeFromEvidence(url, evidence),
      evidence,
      findings: outcome.findings.map((draft) => ({ ...draft, remedies: [] })),
      ruledOut: [...outcome.ruledOut],
      elapsedMs: Date.now() - started,
    };
  };

  try {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      const failure: NetworkFailure = {
        kind: 'invalid-url',
        message: describeNetworkFailure('invalid-url', url),
        code: null,
      };
      evidence.push(
        httpEvidence(
          'live-anonymous-request',
          legFacts({ ok: false, failure, redirects: [], elapsedMs: 0 }, url, 'none', null),
          [],
        ),
      );
      return finish();
    }

    // 1. Anonymous request. Name resolution first, so a DNS failure is reported as such; the
    // connection connects to the address of this very lookup.
    const resolution = await connection.resolve(parsed.hostname);
    evidence.push(nameEvidence(resolution));
    const anonymousOutcome: HttpOutcome = resolution.failure
      ? { ok: false, failure: resolution.failure, redirects: [], elapsedMs: 0 }
      : await connection.get(parsed.href, {}, { followRedirects: true });
    const anonymous = legFacts(anonymousOutcome, parsed.href, 'none', null);
    evidence.push(
      httpEvidence('live-anonymous-request', anonymous, [
        rawOf(`GET ${parsed.href} (no credentials)`, anonymousOutcome),
      ]),
    );
    if (
      anonymous.failure ||
      anonymous.status !== 401 ||
      !anonymous.offers.some((offer) => offer.toLowerCase() === 'negotiate')
    )
      return finish();

    // 2. The SPN a browser asks for, on the URL the challenge came from (after redirects).
    const finalUrl = new URL(anonymous.finalUrl);
    const finalResolution =
      finalUrl.hostname === parsed.hostname ? resolution : await connection.resolve(finalUrl.hostname);
    if (finalResolution !== resolution) evidence.push(nameEvidence(finalResolution));
    const port = Number(finalUrl.port || (finalUrl.protocol === 'https:' ? 443 : 80));
    // The browser's lookup expands a short name with the search suffix and follows CNAMEs; the
    // SPN host is the canonical name it returns (reference §2.4 CreateSPN, §7.3).
    const lookedUpHost = finalResolution.failure ? finalUrl.hostname : finalResolution.queriedName;
    const forms = browserSpnForms({
      host: lookedUpHost,
      port,
      scheme: finalUrl.protocol === 'https:' ? 'https' : 'http',
      canonicalName: finalResolution.canonicalName,
      dnsDomain: finalResolution.searchSuffix,
      includePort: options.includePortInSpn ?? false,
      cnameLookup: options.cnameLookup ?? true,
    });
    const cnameFollowed = forms.spnHost !== lookedUpHost.toLowerCase();
    const expanded = finalResolution.searchSuffix !== null;
    const portOmitted = port !== 80 && port !== 443 && !(options.includePortInSpn ?? false);
    const why = [
      expanded ? `${finalUrl.hostname} is a short name, found in DNS as ${lookedUpHost}` : null,
      cnameFollowed ? `${forms.spnHost} is the canonical name behind the alias ${lookedUpHost}` : null,
      portOmitted ? `without the port ${port}` : null,
    ].filter((part): part is string => part !== null);
    evidence.push({
      id: 'live-browser-spn',
      probe: liveProbeId,
      kind: 'live-browser-spn',
      status: forms.requested ? 'info' : 'problem',
      summary: forms.requested
        ? `A browser asks the domain for ${forms.requested}${why.length > 0 ? ` (${why.join('; ')})` : ''}.`
        : `${finalUrl.hostname} is an IP address: browsers do not ask for a Kerberos ticket for an address, so they sign in with NTLM if the site allows it.`,
      facts: {
        typedHost: finalUrl.hostname,
        port,
        requested: forms.requested,
        spnHost: forms.spnHost,
        cnameFollowed,
        searchSuffix: finalResolution.searchSuffix,
        portOmitted,
        aliasForm: forms.aliasForm,
        otherPortForm: forms.otherPortForm,
      },
      raw: [
        {
          label: 'SPN rule (reference §2.4, §7.3)',
          text: `host ${finalUrl.hostname}${expanded ? `, search suffix ${finalResolution.searchSuffix ?? ''} → ${lookedUpHost}` : ''}, canonical ${finalResolution.canonicalName ?? '(none)'}, port ${port} → ${forms.requested ?? 'no SPN'}`,
        },
      ],
    });
    if (!forms.requested) return finish();

    // 3. A token for that SPN; when the KDC does not know it, try the forms that explain why.
    const browser = await requestTicket(negotiate, forms.requested, 'browser', evidence, sessions);
    if (!browser) {
      const last = evidenceTicket(evidence, 'browser');
      if (last?.outcome === 'principal-unknown') {
        if (forms.aliasForm) await requestTicket(negotiate, forms.aliasForm, 'alias', evidence, sessions);
        if (forms.otherPortForm)
          await requestTicket(negotiate, forms.otherPortForm, 'other-port', evidence, sessions);
      }
      return finish();
    }

    // 4. The signed request, on the same connection as the challenge.
    const authorizationValue = `Negotiate ${browser.token}`;
    const signedOutcome = await connection.get(
      finalUrl.href,
      { Authorization: authorizationValue },
      { followRedirects: false },
    );
    const signed = legFacts(signedOutcome, finalUrl.href, 'Negotiate', {
      token: browser.token,
      headerChars: `Authorization: ${authorizationValue}`.length,
    });
    let mutual = '';
    if (signed.responseToken && signedOutcome.ok && signed.status !== null && signed.status < 400) {
      const responseOffer = offersOf(signedOutcome).offers.find((offer) => offer.token !== null);
      if (responseOffer?.token) {
        const stepped = await browser.step(responseOffer.token);
        mutual = stepped.error
          ? ` The server's proof of identity was not accepted: ${stepped.error}.`
          : stepped.complete
            ? ' The server proved its identity (mutual authentication).'
            : '';
      }
    }
    evidence.push(
      httpEvidence(
        'live-authenticated-request',
        signed,
        [
          rawOf(
            `GET ${finalUrl.href} (Authorization: Negotiate, ${signed.requestToken?.bytes ?? '?'} bytes)`,
            signedOutcome,
          ),
        ],
        mutual,
      ),
    );
    return finish();
  } finally {
    connection.close();
    for (const session of sessions) await session.close().catch(() => undefined);
    if (ownsNegotiate) await negotiate.close();
  }
}

function evidenceTicket(
  evidence: readonly Evidence[],
  role: LiveSpnRole,
): LiveKerberosTicketFacts | undefined {
  const found = evidence.find(
    (item) => item.kind === 'live-kerberos-ticket' && (item.facts as LiveKerberosTicketFacts).role === role,
  );
  return found?.facts as LiveKerberosTicketFacts | undefined;
}

async function requestTicket(
  negotiate: NegotiateClient,
  spn: string,
  role: LiveSpnRole,
  evidence: Evidence[],
  sessions: NegotiateSession[],
): Promise<NegotiateSession | null> {
  const started = await negotiate.start({ spn });
  const trace = started.trace ?? null;
  const facts: LiveKerberosTicketFacts = started.ok
    ? {
        spn,
        role,
        outcome: 'token',
        message: null,
        token: summarizeToken('Authorization', 'Negotiate', started.session.token),
        ticketSource: ticketSourceOf(trace),
      }
    : { spn, role, outcome: started.outcome, message: started.message, token: null, ticketSource: null };
  if (started.ok) sessions.push(started.session);
  const usesNtlm = facts.token?.mechanism === 'ntlm';
  evidence.push({
    id: `live-kerberos-ticket-${role}`,
    probe: liveProbeId,
    kind: 'live-kerberos-ticket',
    status: facts.outcome === 'token' && !usesNtlm ? 'ok' : role === 'browser' ? 'problem' : 'info',
    summary:
      (usesNtlm
        ? `The client fell back to NTLM for ${spn} instead of Kerberos.`
        : facts.ticketSource === 'cache'
          ? `A Kerberos ticket for ${spn} was already in the ticket cache; no domain controller was asked.`
          : describeTicketOutcome(facts.outcome, spn)) + (facts.token ? ` ${facts.token.description}.` : ''),
    facts,
    raw: [
      {
        label: `Negotiate token for ${spn}`,
        text: facts.token ? facts.token.description : (facts.message ?? facts.outcome),
      },
      ...(trace && trace.lines.length > 0
        ? [
            {
              label: 'Kerberos library trace (KRB5_TRACE, KDC and cache lines)',
              text: trace.lines.join('\n'),
            },
          ]
        : []),
    ],
  });
  // An NTLM token under Negotiate is still what a browser would send: keep the session either way.
  return started.ok ? started.session : null;
}

function nameEvidence(resolution: NameResolution): Evidence<'live-name-resolution'> {
  // A short name is known to DNS by its full name (the search suffix appended, §2.4, §7.3).
  const name = resolution.searchSuffix
    ? `${resolution.host} (a short name, ${resolution.queriedName} in DNS)`
    : resolution.host;
  const summary = resolution.failure
    ? resolution.failure.message
    : resolution.canonicalName
      ? `${name} is an alias (CNAME) of ${resolution.canonicalName}, at ${resolution.addresses.join(', ')}.`
      : `${name} resolves to ${resolution.addresses.join(', ')}.`;
  return {
    id: `live-name-resolution-${resolution.host}`,
    probe: liveProbeId,
    kind: 'live-name-resolution',
    status: resolution.failure ? 'problem' : 'info',
    summary,
    facts: { ...resolution, cnameChain: [...resolution.cnameChain], addresses: [...resolution.addresses] },
    raw: [
      {
        label: `DNS (${resolution.resolver})`,
        text: [
          ...resolution.cnameChain
            .slice(0, -1)
            .map((name, index) => `${name} CNAME ${resolution.cnameChain[index + 1] ?? ''}`),
          ...resolution.addresses.map(
            (address) => `${resolution.cnameChain.at(-1) ?? resolution.host} A ${address}`,
          ),
          ...(resolution.failure ? [resolution.failure.message] : []),
        ].join('\n'),
      },
    ],
  };
}

function httpEvidence(
  kind: 'live-anonymous-request' | 'live-authenticated-request',
  facts: LiveHttpLegFacts,
  raw: RawOutput[],
  extraSummary = '',
): Evidence {
  return {
    id: kind,
    probe: liveProbeId,
    kind,
    status: legStatus(facts),
    summary: legSummary(facts) + extraSummary,
    facts,
    raw,
  } as Evidence;
}
