import { describe, expect, it } from 'vitest';
import { liveTestResultSchema, renderLiveTestText } from './live-test-result.js';

const result = {
  url: 'http://web02.contoso.test/',
  exchange: {
    url: 'http://web02.contoso.test/',
    participants: [
      { id: 'client', label: 'This computer' },
      { id: 'server', label: 'Web server web02.contoso.test' },
      { id: 'kdc', label: 'Domain KDC' },
    ],
    spn: 'HTTP/web02.contoso.test',
    legs: [
      {
        step: 1,
        from: 'client',
        to: 'server',
        label: 'GET / without credentials',
        status: 'info',
        httpStatus: null,
        token: null,
        detail: null,
      },
      {
        step: 2,
        from: 'server',
        to: 'client',
        label: '401 Unauthorized',
        status: 'info',
        httpStatus: 401,
        token: null,
        detail: 'WWW-Authenticate: Negotiate',
      },
      {
        step: 3,
        from: 'client',
        to: 'kdc',
        label: 'TGS-REQ: service ticket for HTTP/web02.contoso.test',
        status: 'info',
        httpStatus: null,
        token: null,
        detail: null,
      },
      {
        step: 4,
        from: 'kdc',
        to: 'client',
        label: 'KRB-ERROR: KDC_ERR_S_PRINCIPAL_UNKNOWN',
        status: 'problem',
        httpStatus: null,
        token: null,
        detail: 'Server HTTP/web02.contoso.test@CONTOSO.TEST not found in Kerberos database',
      },
    ],
    verdict: 'kerberos-not-attempted',
    summary: 'The domain has no account with the SPN HTTP/web02.contoso.test (KDC_ERR_S_PRINCIPAL_UNKNOWN).',
  },
  evidence: [],
  findings: [
    {
      cause: 'spn-missing',
      confidence: 'confirmed',
      title: 'No SPN is registered for the name the browser uses',
      explanation: 'Register it.',
      evidence: [],
      remedies: [],
    },
  ],
  ruledOut: [
    { cause: 'windows-auth-disabled', summary: 'web02 asks for Windows sign-in (Negotiate).', evidence: [] },
  ],
  elapsedMs: 12,
};

describe('live test result wire form', () => {
  it('validates and prints the exchange step by step, then the findings', () => {
    const wire = liveTestResultSchema.parse(result);
    const text = renderLiveTestText(wire);
    expect(text).toContain(' 4. ✗ KDC -> client: KRB-ERROR: KDC_ERR_S_PRINCIPAL_UNKNOWN');
    expect(text).toContain('SPN a browser asks for: HTTP/web02.contoso.test');
    expect(text).toContain('* spn-missing (confirmed): No SPN is registered for the name the browser uses');
    expect(text).toContain('  ok: web02 asks for Windows sign-in (Negotiate).');
  });

  it('rejects a leg between unknown parties or an unknown cause', () => {
    expect(
      liveTestResultSchema.safeParse({
        ...result,
        exchange: { ...result.exchange, legs: [{ ...result.exchange.legs[0], from: 'proxy' }] },
      }).success,
    ).toBe(false);
    expect(
      liveTestResultSchema.safeParse({
        ...result,
        findings: [{ ...result.findings[0], cause: 'not-a-cause' }],
      }).success,
    ).toBe(false);
  });
});
