/**
 * The live sign-in exchange as a sequence of legs between this computer, the web server and
 * the domain's KDC — what the sequence diagram draws. Built purely from the live evidence, so
 * the same picture comes from a real run or from saved evidence.
 */
import { evidenceOfKind, type Evidence } from '../model/evidence.js';
import type { LiveBrowserSpnFacts, LiveHttpLegFacts, LiveKerberosTicketFacts } from './live-evidence.js';
import { describeTicketOutcome } from './ticket-outcome.js';
import type { TokenSummary } from './token-summary.js';
import './live-evidence.js';

export type ExchangeParty = 'client' | 'server' | 'kdc';

export interface ExchangeParticipant {
  readonly id: ExchangeParty;
  readonly label: string;
}

export interface ExchangeLeg {
  /** 1-based order in the diagram. */
  readonly step: number;
  readonly from: ExchangeParty;
  readonly to: ExchangeParty;
  /** Short arrow label, e.g. `GET / without credentials`, `401 Unauthorized`. */
  readonly label: string;
  readonly status: 'ok' | 'problem' | 'info';
  readonly httpStatus: number | null;
  readonly token: TokenSummary | null;
  /** One more line of facts (offers, SPN, error name). */
  readonly detail: string | null;
}

export type ExchangeVerdict =
  'signed-in' | 'refused' | 'kerberos-not-attempted' | 'anonymous' | 'network-error';

export interface LiveExchange {
  readonly url: string;
  readonly participants: readonly ExchangeParticipant[];
  /** The SPN a browser asks for. */
  readonly spn: string | null;
  readonly legs: readonly ExchangeLeg[];
  readonly verdict: ExchangeVerdict;
  /** One plain sentence about how the exchange ended. */
  readonly summary: string;
}

type LegDraft = Omit<ExchangeLeg, 'step'>;

function httpAnswerLeg(facts: LiveHttpLegFacts): LegDraft {
  const status = facts.status ?? 0;
  const offers =
    facts.offers.length > 0 ? `WWW-Authenticate: ${facts.offers.join(', ')}` : 'no WWW-Authenticate';
  return {
    from: 'server',
    to: 'client',
    label: `${status} ${facts.statusText ?? ''}`.trim(),
    status:
      status >= 200 && status < 400
        ? 'ok'
        : status === 401 && facts.authorization === 'none'
          ? 'info'
          : 'problem',
    httpStatus: status,
    token: facts.responseToken,
    detail: facts.responseToken ? `${offers}; ${facts.responseToken.description}` : offers,
  };
}

function requestLeg(facts: LiveHttpLegFacts, path: string): LegDraft[] {
  const request: LegDraft = {
    from: 'client',
    to: 'server',
    label:
      facts.authorization === 'none'
        ? `GET ${path} without credentials`
        : `GET ${path} with Authorization: ${facts.authorization}`,
    status: facts.failure ? 'problem' : 'info',
    httpStatus: null,
    token: facts.requestToken,
    detail: facts.failure
      ? facts.failure.message
      : facts.requestToken
        ? `${facts.requestToken.description} (header ${facts.authorizationHeaderChars ?? '?'} characters)`
        : facts.redirects.length > 0
          ? `followed ${facts.redirects.length} redirect(s)`
          : null,
  };
  return facts.failure ? [request] : [request, httpAnswerLeg(facts)];
}

/**
 * The KDC legs of one ticket request — only what really happened: no arrow to the KDC when the
 * ticket came from the cache (MIT trace) or nothing could be asked (no credentials, no
 * Kerberos library, an unexplained failure); an unanswered arrow when no KDC answered; and,
 * where the library does not say whether it asked (Windows SSPI), one arrow that says so.
 */
function ticketLegs(facts: LiveKerberosTicketFacts): LegDraft[] {
  const purpose = facts.role === 'browser' ? 'service ticket' : 'service ticket (diagnostic: other SPN form)';
  const ask: LegDraft = {
    from: 'client',
    to: 'kdc',
    label: `TGS-REQ: ${purpose} for ${facts.spn}`,
    status: 'info',
    httpStatus: null,
    token: null,
    detail: null,
  };
  switch (facts.outcome) {
    case 'token': {
      const detail = facts.token ? ticketDetail(facts.token) : null;
      if (facts.ticketSource === 'cache') return [];
      if (facts.ticketSource === null)
        return [
          {
            ...ask,
            label: `Service ticket for ${facts.spn}: from the KDC or the ticket cache (this system does not say which)`,
            status: 'ok',
            detail,
          },
        ];
      return [
        ask,
        {
          from: 'kdc',
          to: 'client',
          label: 'TGS-REP: service ticket',
          status: 'ok',
          httpStatus: null,
          token: null,
          detail,
        },
      ];
    }
    case 'kdc-unreachable':
    case 'timed-out':
      return [{ ...ask, status: 'problem', detail: facts.message ?? 'no KDC answered' }];
    case 'principal-unknown':
    case 'principal-not-unique':
    case 'clock-skew':
      return [
        ask,
        {
          from: 'kdc',
          to: 'client',
          label: `KRB-ERROR: ${kdcErrorName(facts)}`,
          status: facts.role === 'browser' ? 'problem' : 'info',
          httpStatus: null,
          token: null,
          detail: facts.message,
        },
      ];
    case 'no-credentials':
    case 'unavailable':
    case 'failed':
      return [];
  }
}

function ticketDetail(token: TokenSummary): string {
  const parts = [
    token.spn ? `ticket for ${token.spn}` : null,
    token.etype,
    token.kvno !== null ? `kvno ${token.kvno}` : null,
  ];
  return parts.filter((part): part is string => part !== null).join(', ') || token.description;
}

function kdcErrorName(facts: LiveKerberosTicketFacts): string {
  switch (facts.outcome) {
    case 'principal-unknown':
      return 'KDC_ERR_S_PRINCIPAL_UNKNOWN';
    case 'principal-not-unique':
      return 'KDC_ERR_PRINCIPAL_NOT_UNIQUE';
    case 'clock-skew':
      return 'KRB_AP_ERR_SKEW';
    default:
      return 'request failed';
  }
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function exchangeFromEvidence(url: string, evidence: readonly Evidence[]): LiveExchange {
  const anonymous = evidenceOfKind(evidence, 'live-anonymous-request')[0]?.facts;
  const spnFacts = evidenceOfKind(evidence, 'live-browser-spn')[0]?.facts;
  const tickets = evidenceOfKind(evidence, 'live-kerberos-ticket').map((item) => item.facts);
  const authenticated = evidenceOfKind(evidence, 'live-authenticated-request')[0]?.facts;
  const browserTicket = tickets.find((ticket) => ticket.role === 'browser');
  const realm = tickets.map((ticket) => ticket.token?.realm).find((value) => value) ?? null;

  const drafts: LegDraft[] = [];
  if (anonymous) drafts.push(...requestLeg(anonymous, pathOf(anonymous.finalUrl)));
  if (browserTicket) drafts.push(...ticketLegs(browserTicket));
  for (const ticket of tickets) if (ticket !== browserTicket) drafts.push(...ticketLegs(ticket));
  if (authenticated) drafts.push(...requestLeg(authenticated, pathOf(authenticated.finalUrl)));

  const { verdict, summary } = verdictOf(anonymous, spnFacts, browserTicket, authenticated);
  return {
    url,
    participants: [
      { id: 'client', label: 'This computer' },
      { id: 'server', label: `Web server ${hostOf(anonymous?.finalUrl ?? url)}` },
      { id: 'kdc', label: realm ? `Domain KDC (${realm})` : 'Domain KDC' },
    ],
    spn: spnFacts?.requested ?? null,
    legs: drafts.map((draft, index) => ({ step: index + 1, ...draft })),
    verdict,
    summary,
  };
}

function verdictOf(
  anonymous: LiveHttpLegFacts | undefined,
  spnFacts: LiveBrowserSpnFacts | undefined,
  ticket: LiveKerberosTicketFacts | undefined,
  authenticated: LiveHttpLegFacts | undefined,
): { verdict: ExchangeVerdict; summary: string } {
  if (!anonymous || anonymous.failure) {
    return {
      verdict: 'network-error',
      summary: anonymous?.failure?.message ?? 'The site could not be reached.',
    };
  }
  const status = anonymous.status ?? 0;
  if (status !== 401) {
    return { verdict: 'anonymous', summary: `The site answered ${status} without asking anyone to sign in.` };
  }
  if (!anonymous.offers.some((offer) => offer.toLowerCase() === 'negotiate')) {
    return {
      verdict: 'kerberos-not-attempted',
      summary: `The site offers ${anonymous.offers.join(', ') || 'no Windows sign-in'}, so no Kerberos sign-in was attempted.`,
    };
  }
  if (spnFacts && spnFacts.requested === null) {
    return {
      verdict: 'kerberos-not-attempted',
      summary: `${spnFacts.typedHost} is an IP address: browsers ask for no Kerberos ticket for an address and sign in with NTLM where the site allows it.`,
    };
  }
  if (!ticket || ticket.outcome !== 'token') {
    return {
      verdict: 'kerberos-not-attempted',
      summary: ticket
        ? describeTicketOutcome(ticket.outcome, ticket.spn)
        : 'No Kerberos ticket was requested.',
    };
  }
  if (!authenticated || authenticated.failure) {
    return {
      verdict: 'network-error',
      summary: authenticated?.failure?.message ?? 'The signed request was not sent.',
    };
  }
  const finalStatus = authenticated.status ?? 0;
  if (finalStatus >= 200 && finalStatus < 400) {
    return { verdict: 'signed-in', summary: `Signed in with Kerberos: the site answered ${finalStatus}.` };
  }
  return { verdict: 'refused', summary: `The site refused the Kerberos sign-in with ${finalStatus}.` };
}
