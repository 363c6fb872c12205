import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LiveExchange } from '../../../../shared/live/live-exchange.js';
import { HandshakeDiagram } from './handshake-diagram.js';

const exchange: LiveExchange = {
  url: 'http://web03.contoso.test:8080/',
  participants: [
    { id: 'client', label: 'This computer' },
    { id: 'server', label: 'Web server web03.contoso.test:8080' },
    { id: 'kdc', label: 'Domain KDC (CONTOSO.TEST)' },
  ],
  spn: 'HTTP/web03.contoso.test',
  verdict: 'refused',
  summary: 'The site refused the Kerberos sign-in with 401.',
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
      label: 'TGS-REQ: service ticket for HTTP/web03.contoso.test',
      status: 'info',
      httpStatus: null,
      token: null,
      detail: null,
    },
    {
      step: 4,
      from: 'kdc',
      to: 'client',
      label: 'TGS-REP: service ticket',
      status: 'ok',
      httpStatus: null,
      token: null,
      detail: 'kvno 3',
    },
    {
      step: 5,
      from: 'server',
      to: 'client',
      label: '401 Unauthorized',
      status: 'problem',
      httpStatus: 401,
      detail: null,
      token: {
        scheme: 'Negotiate',
        base64Chars: 172,
        bytes: 128,
        kind: 'kerberos-error',
        description: 'Kerberos error KRB_AP_ERR_BADKEYVER (44)',
        mechanism: 'kerberos',
        spn: 'HTTP/web03.contoso.test',
        realm: 'CONTOSO.TEST',
        etype: null,
        kvno: null,
        negState: 'reject',
        kerberosError: { code: 44, name: 'KRB_AP_ERR_BADKEYVER' },
        decodeError: null,
      },
    },
  ],
};

describe('HandshakeDiagram', () => {
  const html = renderToStaticMarkup(<HandshakeDiagram exchange={exchange} />);

  it('is an ordered list of steps that reads well without the arrows', () => {
    expect(html).toMatch(/<ol class="handshake-legs" aria-label="Steps of the exchange">/);
    expect(html.match(/<li class="handshake-leg /g)).toHaveLength(5);
    expect(html).toContain(
      'Step 3, This computer to Domain KDC (CONTOSO.TEST), normal step: </span>TGS-REQ: service ticket for HTTP/web03.contoso.test',
    );
    expect(html).toContain(
      'Step 5, Web server web03.contoso.test:8080 to This computer, problem: </span>401 Unauthorized',
    );
    expect(html.match(/<svg[^>]*aria-hidden="true"/g)).toHaveLength(5);
  });

  it('draws each arrow between neighbouring lifelines in the right direction', () => {
    // Lanes are KDC | client | server: client→server starts in column 2, client→KDC points left from column 1.
    expect(html).toMatch(/class="handshake-arrow handshake-arrow-right" style="grid-column:2 \/ span 2"/);
    expect(html).toMatch(/class="handshake-arrow handshake-arrow-left" style="grid-column:1 \/ span 2"/);
  });

  it('shows decoded token facts, never a raw token', () => {
    expect(html).toContain('<dt>Kerberos error</dt><dd>KRB_AP_ERR_BADKEYVER (44)</dd>');
    expect(html).toContain('<dt>SPNEGO state</dt><dd>reject</dd>');
    expect(html).toContain('<summary>Negotiate token: Kerberos KRB-ERROR</summary>');
    expect(html).toContain('SPN a browser asks for: <code>HTTP/web03.contoso.test</code>');
  });
});
