/**
 * The network around a simulated machine, behind the same two seams the live sign-in test uses
 * on a real one (electron/live: `LiveNetwork` for DNS and HTTP, `NegotiateClient` for tokens), so
 * `runLiveSignInTest` runs unchanged against a scenario and produces the same evidence shapes:
 *
 * - DNS answers from the scenario (simulated-dns.ts);
 * - the Kerberos client of the machine's user asks the simulated KDC (simulated-kdc.ts) and
 *   gets a real-shaped SPNEGO token (simulated-tokens.ts); with no domain credentials at all it
 *   offers NTLM, as Windows Negotiate does (reference §8.1);
 * - the web server (simulated-web-server.ts) answers each request. Which account's key a ticket
 *   was encrypted with cannot be read from a token (the ciphertext is filler), so the client and
 *   the server share this world's record of the tickets it issued — the simulated "key".
 *
 * Every request and answer is kept with its full headers, tokens included (`exchanges`): the
 * probe puts them in the evidence's raw output, which reports redact by default.
 */
import type { TlsFacts } from '../../../../shared/live/network-failure.js';
import { describeNetworkFailure } from '../../../../shared/live/network-failure.js';
import type { Scenario } from '../../../../shared/scenario/scenario-schema.js';
import type { HttpAnswer, HttpConnection, HttpOutcome, LiveNetwork } from '../../../live/network.js';
import type { NegotiateClient, NegotiateSession, NegotiateStart } from '../../../live/negotiate-client.js';
import type { SimulatedRegistry } from '../simulated-registry.js';
import { resolveSimulatedName } from './simulated-dns.js';
import { requestSimulatedTicket, samKey, type SimulatedServiceTicket } from './simulated-kdc.js';
import {
  acceptingResponseToken,
  base64Of,
  kerberosErrorCodes,
  negotiateKerberosToken,
  ntlmChallengeMessage,
  ntlmNegotiateMessage,
  rejectingResponseToken,
} from './simulated-tokens.js';
import { describeSimulatedSite, type SimulatedSite } from './simulated-web-server.js';

/** Default size of a domain user's Kerberos token (a real one, reference §8.7 b). */
const defaultTokenBytes = 2932;

/** One HTTP request of the simulated sign-in and its answer, as text with every header. */
export interface SimulatedExchange {
  readonly url: string;
  /** Whether the request carried an Authorization header. */
  readonly authenticated: boolean;
  readonly text: string;
}

export interface SimulatedSignIn {
  readonly network: LiveNetwork;
  readonly negotiate: NegotiateClient;
  /** Every request and answer so far, in order. */
  exchanges(): readonly SimulatedExchange[];
}

interface ServerAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: readonly (readonly [string, string])[];
}

const statusTexts: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function tlsFacts(site: SimulatedSite): TlsFacts {
  return {
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    subject: site.certificate.subject,
    issuer: `${site.certificate.issuer} (simulated)`,
    validFrom: 'Jan  1 00:00:00 2026 GMT',
    validTo: 'Jan  1 00:00:00 2028 GMT',
    subjectAltNames: [`DNS:${site.url.hostname}`],
    fingerprint256: null,
    trusted: site.certificate.trusted,
    trustError: site.certificate.trusted ? null : 'unable to verify the first certificate',
  };
}

function ntlmMessageType(bytes: Buffer): number | null {
  if (bytes.length < 12 || bytes.subarray(0, 8).toString('latin1') !== 'NTLMSSP\0') return null;
  return bytes.readUInt32LE(8);
}

export function createSimulatedSignIn(
  scenario: Scenario,
  registry: SimulatedRegistry,
  targetUrl: string,
  now: () => Date = () => new Date(),
): SimulatedSignIn {
  const site = describeSimulatedSite(scenario, registry, new URL(targetUrl));
  const issuedTickets = new Map<string, SimulatedServiceTicket>();
  const exchanges: SimulatedExchange[] = [];
  const decryptingAccount = site.decryptor.kind === 'account' ? site.decryptor.account : null;

  const offersAnswer = (status: number, offers: readonly string[], server = site.server): ServerAnswer => ({
    status,
    statusText: statusTexts[status] ?? 'Unknown',
    headers: [
      ['server', server],
      ...offers.map((offer) => ['www-authenticate', offer] as const),
      ['content-type', 'text/html'],
    ],
  });

  const rejectTicket = (ticket: SimulatedServiceTicket): ServerAnswer => ({
    status: 401,
    statusText: 'Unauthorized',
    headers: [
      ['server', site.server],
      [
        'www-authenticate',
        `Negotiate ${base64Of(rejectingResponseToken(ticket, kerberosErrorCodes.KRB_AP_ERR_MODIFIED, now()))}`,
      ],
      ['content-type', 'text/html'],
    ],
  });

  /** Whether the site's key decrypts this ticket (reference §4.4, §6.2 KRB_AP_ERR_MODIFIED). */
  const decrypts = (ticket: SimulatedServiceTicket): boolean => {
    if (ticket.undecryptable !== null) return false;
    switch (site.decryptor.kind) {
      case 'none':
        return false;
      case 'spn-holder':
        return true;
      case 'account':
        return ticket.holder === null || samKey(ticket.holder) === samKey(site.decryptor.account);
    }
  };

  const answer = (headers: Readonly<Record<string, string>>): ServerAnswer => {
    const authorization = Object.entries(headers).find(
      ([name]) => name.toLowerCase() === 'authorization',
    )?.[1];
    if (authorization === undefined || site.anonymous.status !== 401)
      return offersAnswer(site.anonymous.status, site.anonymous.offers);
    // http.sys measures the header line before IIS sees the request (§7.2): MaxFieldLength is
    // lowered to MaxRequestBytes when that is smaller.
    const headerLine = `Authorization: ${authorization}`.length;
    const fieldLimit = Math.min(site.limits.maxFieldLength, site.limits.maxRequestBytes);
    if (headerLine > fieldLimit || headerLine > site.limits.maxRequestBytes)
      return offersAnswer(400, [], 'Microsoft-HTTPAPI/2.0');
    const [scheme = '', token = ''] = authorization.split(/\s+/, 2);
    if (!site.anonymous.offers.some((offer) => offer.toLowerCase() === scheme.toLowerCase()))
      return offersAnswer(401, site.anonymous.offers);
    const ntlmType = ntlmMessageType(Buffer.from(token, 'base64'));
    if (ntlmType === 1) {
      const challenge = ntlmChallengeMessage({
        netbiosDomain: scenario.directory?.netbiosDomain ?? scenario.machine.domain ?? 'WORKGROUP',
        netbiosComputer: (site.url.hostname.split('.')[0] ?? site.url.hostname).toUpperCase(),
        dnsDomain: scenario.directory?.dnsDomain ?? scenario.machine.dnsDomain ?? 'workgroup',
      });
      return {
        status: 401,
        statusText: 'Unauthorized',
        headers: [
          ['server', site.server],
          ['www-authenticate', `${scheme} ${base64Of(challenge)}`],
          ['content-type', 'text/html'],
        ],
      };
    }
    const ticket = issuedTickets.get(token);
    // Extended Protection that can never match fails the logon itself, without a Kerberos error (§7.4).
    if (!ticket || site.channelBindingFails) return offersAnswer(401, site.anonymous.offers);
    if (!decrypts(ticket)) return rejectTicket(ticket);
    return {
      status: 200,
      statusText: 'OK',
      headers: [
        ['server', site.server],
        ['www-authenticate', `Negotiate ${base64Of(acceptingResponseToken(ticket))}`],
        ['persistent-auth', 'true'],
        ['content-type', 'text/html'],
      ],
    };
  };

  const connect = (): HttpConnection => {
    const visited = new Set<string>();
    return {
      resolve: async (host) => resolveSimulatedName(scenario, host),
      async get(url, headers): Promise<HttpOutcome> {
        const parsed = new URL(url);
        const where = parsed.host;
        const resolution = resolveSimulatedName(scenario, parsed.hostname);
        if (resolution.failure)
          return { ok: false, failure: resolution.failure, redirects: [], elapsedMs: 0 };
        const requested = describeSimulatedSite(scenario, registry, parsed);
        const server = requested.url.origin === site.url.origin ? site : requested;
        if (!server.reachable) {
          return {
            ok: false,
            failure: {
              kind: 'connection-refused',
              message: describeNetworkFailure('connection-refused', where),
              code: 'ECONNREFUSED',
            },
            redirects: [],
            elapsedMs: 0,
          };
        }
        const https = parsed.protocol === 'https:';
        if (https && !server.certificate.trusted) {
          return {
            ok: false,
            failure: {
              kind: 'tls-untrusted',
              message: describeNetworkFailure('tls-untrusted', where),
              code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
            },
            redirects: [],
            elapsedMs: 0,
          };
        }
        const reply = server === site ? answer(headers) : offersAnswer(401, ['Negotiate', 'NTLM']);
        const connectionReused = visited.has(parsed.origin);
        visited.add(parsed.origin);
        exchanges.push({
          url,
          authenticated: Object.keys(headers).some((name) => name.toLowerCase() === 'authorization'),
          text: [
            `GET ${parsed.pathname}${parsed.search} HTTP/1.1`,
            `Host: ${parsed.host}`,
            ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
            '',
            `HTTP/1.1 ${reply.status} ${reply.statusText}`,
            ...reply.headers.map(([name, value]) => `${name}: ${value}`),
          ].join('\n'),
        });
        const httpAnswer: HttpAnswer = {
          url,
          status: reply.status,
          statusText: reply.statusText,
          headers: reply.headers,
          server: reply.headers.find(([name]) => name === 'server')?.[1] ?? null,
          remoteAddress: resolution.addresses[0] ?? null,
          connectionReused,
          tls: https ? tlsFacts(server) : null,
          elapsedMs: 0,
        };
        return { ok: true, answer: httpAnswer, redirects: [] };
      },
      close() {},
    };
  };

  const session = (token: string, ticket: SimulatedServiceTicket | null): NegotiateSession => ({
    token,
    async step(serverToken) {
      // Mutual authentication: the AP-REP must be the one this world's server made for this ticket.
      const expected = ticket ? base64Of(acceptingResponseToken(ticket)) : null;
      return expected !== null && serverToken === expected
        ? { complete: true, error: null }
        : { complete: false, error: 'the server’s answer is not an AP-REP for this ticket' };
    },
    async close() {},
  });

  const negotiate: NegotiateClient = {
    async start({ spn }): Promise<NegotiateStart> {
      const answerFromKdc = requestSimulatedTicket(scenario, spn, decryptingAccount);
      if (!answerFromKdc.ok) {
        if (answerFromKdc.outcome === 'no-credentials') {
          // Windows Negotiate without Kerberos credentials sends NTLM instead (reference §8.1).
          return { ok: true, session: session(base64Of(ntlmNegotiateMessage()), null) };
        }
        return { ok: false, outcome: answerFromKdc.outcome, message: answerFromKdc.message };
      }
      const { ticket } = answerFromKdc;
      const token = base64Of(
        negotiateKerberosToken(ticket, scenario.workstation?.kerberosTokenBytes ?? defaultTokenBytes),
      );
      issuedTickets.set(token, ticket);
      // Where the ticket came from, as the live test reads it from a library trace; no trace lines:
      // nothing here is MIT's or Windows' own output.
      const trace = {
        kdcRequests: ticket.source === 'kdc' ? 1 : 0,
        kdcAnswers: ticket.source === 'kdc' ? 1 : 0,
        serviceTicketFromCache: ticket.source === 'cache',
        lines: [],
      };
      return { ok: true, session: session(token, ticket), trace };
    },
    async close() {},
  };

  return {
    network: { resolve: async (host) => resolveSimulatedName(scenario, host), connect },
    negotiate,
    exchanges: () => [...exchanges],
  };
}
