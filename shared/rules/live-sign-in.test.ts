import { describe, expect, it } from 'vitest';
import type { Evidence } from '../model/evidence.js';
import type { LiveHttpLegFacts, LiveKerberosTicketFacts } from '../live/live-evidence.js';
import type { TokenSummary } from '../live/token-summary.js';
import { exchangeFromEvidence } from '../live/live-exchange.js';
import { liveSignInRule } from './live-sign-in.js';

const url = 'http://web.contoso.test:8080/';

function leg(overrides: Partial<LiveHttpLegFacts>): LiveHttpLegFacts {
  return {
    url,
    authorization: 'none',
    requestToken: null,
    authorizationHeaderChars: null,
    status: 401,
    statusText: 'Unauthorized',
    offers: ['Negotiate', 'NTLM'],
    responseToken: null,
    server: 'Microsoft-IIS/10.0',
    redirects: [],
    finalUrl: url,
    connectionReused: false,
    remoteAddress: '127.0.0.1',
    tls: null,
    failure: null,
    elapsedMs: 3,
    ...overrides,
  };
}

function token(overrides: Partial<TokenSummary>): TokenSummary {
  return {
    scheme: 'Negotiate',
    base64Chars: 1008,
    bytes: 754,
    kind: 'kerberos-ap-req',
    description: 'Kerberos ticket for HTTP/srv01.contoso.test in CONTOSO.TEST',
    mechanism: 'kerberos',
    spn: 'HTTP/srv01.contoso.test',
    realm: 'CONTOSO.TEST',
    etype: 'aes256-cts-hmac-sha1-96',
    kvno: 3,
    negState: null,
    kerberosError: null,
    decodeError: null,
    ...overrides,
  };
}

const anonymous = (facts: Partial<LiveHttpLegFacts> = {}): Evidence => ({
  id: 'live-anonymous-request',
  probe: 'live-sign-in',
  kind: 'live-anonymous-request',
  status: 'info',
  summary: '',
  facts: leg(facts),
  raw: [],
});

const spn: Evidence = {
  id: 'live-browser-spn',
  probe: 'live-sign-in',
  kind: 'live-browser-spn',
  status: 'info',
  summary: '',
  facts: {
    typedHost: 'web.contoso.test',
    port: 8080,
    requested: 'HTTP/srv01.contoso.test',
    spnHost: 'srv01.contoso.test',
    cnameFollowed: true,
    searchSuffix: null,
    portOmitted: true,
    aliasForm: 'HTTP/web.contoso.test',
    otherPortForm: 'HTTP/srv01.contoso.test:8080',
  },
  raw: [],
};

const ticket = (facts: Partial<LiveKerberosTicketFacts>): Evidence => {
  const role = facts.role ?? 'browser';
  return {
    id: `live-kerberos-ticket-${role}`,
    probe: 'live-sign-in',
    kind: 'live-kerberos-ticket',
    status: 'info',
    summary: '',
    facts: {
      spn: 'HTTP/srv01.contoso.test',
      role,
      outcome: 'token',
      message: null,
      token: token({}),
      ticketSource: 'kdc',
      ...facts,
    },
    raw: [],
  };
};

const signed = (facts: Partial<LiveHttpLegFacts>): Evidence => ({
  id: 'live-authenticated-request',
  probe: 'live-sign-in',
  kind: 'live-authenticated-request',
  status: 'info',
  summary: '',
  facts: leg({
    authorization: 'Negotiate',
    requestToken: token({}),
    authorizationHeaderChars: 1033,
    offers: ['Negotiate'],
    ...facts,
  }),
  raw: [],
});

function causes(evidence: Evidence[]): string[] {
  return liveSignInRule({ target: { url, symptom: 'check-everything' }, evidence }).findings.map(
    (finding) => `${finding.cause}:${finding.confidence}`,
  );
}

describe('liveSignInRule', () => {
  it('calls a 401 then 200 the normal first leg, and rules out the SPN causes', () => {
    const evidence = [anonymous(), spn, ticket({}), signed({ status: 200, statusText: 'OK' })];
    const outcome = liveSignInRule({ target: { url, symptom: 'check-everything' }, evidence });
    expect(outcome.findings.map((finding) => finding.cause)).toEqual(['challenge-normal']);
    expect(outcome.findings[0]?.evidence).toEqual([
      'live-anonymous-request',
      'live-kerberos-ticket-browser',
      'live-authenticated-request',
    ]);
    expect(outcome.ruledOut.map((item) => item.cause)).toEqual(
      expect.arrayContaining([
        'windows-auth-disabled',
        'providers-misconfigured',
        'spn-missing',
        'cname-alias-spn',
        'spn-wrong-account',
      ]),
    );
  });

  it('reports anonymous access and missing challenges as windows-auth-disabled', () => {
    expect(causes([anonymous({ status: 200, statusText: 'OK', offers: [] })])).toEqual([
      'windows-auth-disabled:confirmed',
    ]);
    expect(causes([anonymous({ offers: ['Basic'] })])).toEqual(['windows-auth-disabled:likely']);
    expect(causes([anonymous({ status: 403, offers: [] })])).toEqual(['windows-auth-disabled:possible']);
  });

  it('reports an NTLM-only offer as providers-misconfigured', () => {
    expect(causes([anonymous({ offers: ['NTLM'] })])).toEqual(['providers-misconfigured:confirmed']);
  });

  it('tells an alias SPN, a port SPN and a missing SPN apart by the forms the KDC knows', () => {
    const unknown = ticket({
      outcome: 'principal-unknown',
      token: null,
      message: 'Server HTTP/srv01.contoso.test@CONTOSO.TEST not found in Kerberos database',
    });
    expect(
      causes([anonymous(), spn, unknown, ticket({ role: 'alias', spn: 'HTTP/web.contoso.test' })]),
    ).toEqual(['cname-alias-spn:confirmed']);
    expect(
      causes([
        anonymous(),
        spn,
        unknown,
        ticket({ role: 'other-port', spn: 'HTTP/srv01.contoso.test:8080' }),
      ]),
    ).toEqual(['port-in-spn:confirmed']);
    expect(
      causes([
        anonymous(),
        spn,
        unknown,
        ticket({ role: 'alias', outcome: 'principal-unknown', token: null }),
        ticket({ role: 'other-port', outcome: 'principal-unknown', token: null }),
      ]),
    ).toEqual(['spn-missing:confirmed']);
  });

  it('mentions the silent NTLM fallback only when the site offers NTLM', () => {
    const unknown = ticket({ outcome: 'principal-unknown', token: null });
    const withNtlm = liveSignInRule({
      target: { url, symptom: 'check-everything' },
      evidence: [anonymous(), spn, unknown],
    }).findings[0];
    const withoutNtlm = liveSignInRule({
      target: { url, symptom: 'check-everything' },
      evidence: [anonymous({ offers: ['Negotiate'] }), spn, unknown],
    }).findings[0];
    expect(withNtlm?.explanation).toMatch(/fall back to NTLM/);
    expect(withoutNtlm?.explanation).toMatch(/no NTLM fallback/);
  });

  it('reports an unreachable KDC, a duplicate SPN and clock skew from the ticket request', () => {
    expect(
      causes([
        anonymous(),
        spn,
        ticket({
          outcome: 'kdc-unreachable',
          token: null,
          message: "Cannot contact any KDC for realm 'CONTOSO.TEST'",
        }),
      ]),
    ).toEqual(['kdc-unreachable:confirmed']);
    expect(causes([anonymous(), spn, ticket({ outcome: 'principal-not-unique', token: null })])).toEqual([
      'spn-duplicate:confirmed',
    ]);
    expect(causes([anonymous(), spn, ticket({ outcome: 'clock-skew', token: null })])).toEqual([
      'clock-skew:confirmed',
    ]);
    expect(causes([anonymous(), spn, ticket({ outcome: 'no-credentials', token: null })])).toEqual([
      'local-account-ntlm:possible',
    ]);
    expect(causes([anonymous(), spn, ticket({ outcome: 'unavailable', token: null })])).toEqual([]);
  });

  it('treats an NTLM token for the SPN as a silent Kerberos failure, whatever the server then says', () => {
    const ntlm = token({
      kind: 'ntlm-negotiate',
      mechanism: 'ntlm',
      spn: null,
      realm: null,
      etype: null,
      kvno: null,
    });
    expect(causes([anonymous(), spn, ticket({ token: ntlm }), signed({ requestToken: ntlm })])).toEqual([
      'spn-missing:possible',
      'kdc-unreachable:possible',
      'local-account-ntlm:possible',
    ]);
  });

  it('reads the signed answer: 400 is a too-large token, 401 an undecryptable ticket', () => {
    expect(
      causes([anonymous(), spn, ticket({}), signed({ status: 400, statusText: 'Bad Request', offers: [] })]),
    ).toEqual(['kerberos-token-too-large:confirmed']);
    const rejected = token({
      kind: 'kerberos-error',
      negState: 'reject',
      kerberosError: { code: 44, name: 'KRB_AP_ERR_BADKEYVER' },
    });
    expect(causes([anonymous(), spn, ticket({}), signed({ responseToken: rejected })])).toEqual([
      'spn-wrong-account:confirmed',
    ]);
    const modified = token({
      kind: 'kerberos-error',
      negState: 'reject',
      kerberosError: { code: 41, name: 'KRB_AP_ERR_MODIFIED' },
    });
    const refusedModified = liveSignInRule({
      target: { url, symptom: 'check-everything' },
      evidence: [anonymous(), spn, ticket({}), signed({ responseToken: modified })],
    }).findings;
    expect(refusedModified.map((item) => `${item.cause}:${item.confidence}`)).toEqual([
      'spn-wrong-account:confirmed',
    ]);
    expect(refusedModified[0]?.explanation).toMatch(/rejected it with KRB_AP_ERR_MODIFIED/);
    expect(causes([anonymous(), spn, ticket({}), signed({})])).toEqual(['spn-wrong-account:likely']);
    const skew = token({ kind: 'kerberos-error', kerberosError: { code: 37, name: 'KRB_AP_ERR_SKEW' } });
    expect(causes([anonymous(), spn, ticket({}), signed({ responseToken: skew })])).toEqual([
      'clock-skew:confirmed',
    ]);
  });

  it('over HTTPS, a plain 401 after a valid ticket may be a wrong account or Extended Protection (§7.4)', () => {
    const httpsUrl = 'https://web.contoso.test/';
    const evidence = [
      anonymous({ url: httpsUrl, finalUrl: httpsUrl }),
      spn,
      ticket({}),
      signed({ url: httpsUrl, finalUrl: httpsUrl }),
    ];
    const { findings } = liveSignInRule({ target: { url: httpsUrl, symptom: 'check-everything' }, evidence });
    expect(findings.map((item) => `${item.cause}:${item.confidence}`)).toEqual([
      'spn-wrong-account:possible',
      'epa-channel-binding:possible',
    ]);
    expect(findings[1]?.explanation).toMatch(/tokenChecking="Require"/);
    expect(findings[1]?.explanation).toMatch(/<spn name="HTTP\/srv01\.contoso\.test"\/>/);
    // A KRB-ERROR from the server says why: no channel-binding guess then.
    const rejected = token({
      kind: 'kerberos-error',
      kerberosError: { code: 41, name: 'KRB_AP_ERR_MODIFIED' },
    });
    expect(
      causes([
        anonymous({ url: httpsUrl, finalUrl: httpsUrl }),
        spn,
        ticket({}),
        signed({ url: httpsUrl, finalUrl: httpsUrl, responseToken: rejected }),
      ]),
    ).toEqual(['spn-wrong-account:confirmed']);
  });

  it('explains an IP address: no SPN, so NTLM is expected, and asks for the name', () => {
    const ipUrl = 'http://10.0.0.5/';
    const ipSpn: Evidence = {
      ...spn,
      facts: {
        typedHost: '10.0.0.5',
        port: 80,
        requested: null,
        spnHost: '10.0.0.5',
        cnameFollowed: false,
        searchSuffix: null,
        portOmitted: false,
        aliasForm: null,
        otherPortForm: null,
      },
    };
    const evidence = [anonymous({ url: ipUrl, finalUrl: ipUrl }), ipSpn];
    const { findings } = liveSignInRule({ target: { url: ipUrl, symptom: 'check-everything' }, evidence });
    expect(findings.map((item) => `${item.cause}:${item.confidence}`)).toEqual(['spn-missing:likely']);
    expect(findings[0]?.explanation).toMatch(/IP address 10\.0\.0\.5/);
    expect(findings[0]?.explanation).toMatch(/falls back to NTLM/);
    expect(findings[0]?.evidence).toEqual(['live-anonymous-request', 'live-browser-spn']);
    const exchange = exchangeFromEvidence(ipUrl, evidence);
    expect(exchange.verdict).toBe('kerberos-not-attempted');
    expect(exchange.summary).toMatch(/^10\.0\.0\.5 is an IP address: browsers ask for no Kerberos ticket/);
  });

  it('calls a ticket request without an answer in time a likely unreachable KDC', () => {
    expect(
      causes([
        anonymous(),
        spn,
        ticket({
          outcome: 'timed-out',
          token: null,
          message: 'Kerberos ticket request for HTTP/srv01.contoso.test timed out after 1500 ms',
        }),
      ]),
    ).toEqual(['kdc-unreachable:likely']);
  });

  it('proves nothing when the site could not be reached', () => {
    const failure = { kind: 'connection-refused' as const, message: 'refused', code: 'ECONNREFUSED' };
    expect(causes([anonymous({ status: null, failure })])).toEqual([]);
  });
});

describe('exchangeFromEvidence', () => {
  it('draws client, KDC and server legs in order with the verdict', () => {
    const evidence = [
      anonymous(),
      spn,
      ticket({}),
      signed({
        status: 200,
        statusText: 'OK',
        responseToken: token({
          kind: 'kerberos-ap-rep',
          negState: 'accept-completed',
          description: 'mutual reply',
        }),
      }),
    ];
    const exchange = exchangeFromEvidence(url, evidence);
    expect(exchange.legs.map((item) => `${item.from}>${item.to}`)).toEqual([
      'client>server',
      'server>client',
      'client>kdc',
      'kdc>client',
      'client>server',
      'server>client',
    ]);
    expect(exchange.legs.map((item) => item.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(exchange.legs[3]?.detail).toBe(
      'ticket for HTTP/srv01.contoso.test, aes256-cts-hmac-sha1-96, kvno 3',
    );
    expect(exchange.legs[5]?.token?.kind).toBe('kerberos-ap-rep');
    expect(exchange.verdict).toBe('signed-in');
    expect(exchange.spn).toBe('HTTP/srv01.contoso.test');
    expect(exchange.participants.find((item) => item.id === 'kdc')?.label).toBe('Domain KDC (CONTOSO.TEST)');
  });

  it('stops at the KDC when it cannot be reached', () => {
    const exchange = exchangeFromEvidence(url, [
      anonymous(),
      spn,
      ticket({ outcome: 'kdc-unreachable', token: null, message: 'Cannot contact any KDC' }),
    ]);
    expect(exchange.legs.at(-1)).toMatchObject({
      from: 'client',
      to: 'kdc',
      status: 'problem',
      detail: 'Cannot contact any KDC',
    });
    expect(exchange.verdict).toBe('kerberos-not-attempted');
    expect(exchange.summary).toBe(
      'No domain controller (KDC) answered when asking for a ticket for HTTP/srv01.contoso.test.',
    );
  });

  it('draws only the KDC legs that happened: none for a cached ticket or missing credentials', () => {
    const legsOf = (facts: Partial<LiveKerberosTicketFacts>) =>
      exchangeFromEvidence(url, [
        anonymous(),
        spn,
        ticket(facts),
        signed({ status: 200, statusText: 'OK' }),
      ]).legs.map((item) => `${item.from}>${item.to}`);
    expect(legsOf({ ticketSource: 'cache' })).toEqual([
      'client>server',
      'server>client',
      'client>server',
      'server>client',
    ]);
    // Where the library does not say (Windows SSPI), one leg says so instead of inventing a reply.
    const unknownSource = exchangeFromEvidence(url, [anonymous(), spn, ticket({ ticketSource: null })]);
    expect(unknownSource.legs.map((item) => `${item.from}>${item.to}`)).toEqual([
      'client>server',
      'server>client',
      'client>kdc',
    ]);
    expect(unknownSource.legs[2]?.label).toMatch(/from the KDC or the ticket cache/);
    const noCredentials = exchangeFromEvidence(url, [
      anonymous(),
      spn,
      ticket({ outcome: 'no-credentials', token: null, ticketSource: null, message: 'No credentials' }),
    ]);
    expect(noCredentials.legs.map((item) => `${item.from}>${item.to}`)).toEqual([
      'client>server',
      'server>client',
    ]);
    expect(noCredentials.summary).toMatch(/has no Kerberos credentials/);
    const unknownSpn = exchangeFromEvidence(url, [
      anonymous(),
      spn,
      ticket({ outcome: 'principal-unknown', token: null, ticketSource: null }),
    ]);
    expect(unknownSpn.legs.slice(2).map((item) => `${item.from}>${item.to}:${item.label}`)).toEqual([
      'client>kdc:TGS-REQ: service ticket for HTTP/srv01.contoso.test',
      'kdc>client:KRB-ERROR: KDC_ERR_S_PRINCIPAL_UNKNOWN',
    ]);
  });

  it('shows a network failure as one problem leg', () => {
    const failure = { kind: 'timeout' as const, message: 'web did not answer in time.', code: 'ETIMEDOUT' };
    const exchange = exchangeFromEvidence(url, [anonymous({ status: null, failure })]);
    expect(exchange.legs).toHaveLength(1);
    expect(exchange.legs[0]).toMatchObject({ status: 'problem', detail: 'web did not answer in time.' });
    expect(exchange.verdict).toBe('network-error');
  });
});
