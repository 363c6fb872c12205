/**
 * Generated HAR files around real tokens of ../shared/data/tokens (data/PROVENANCE.md): the
 * HAR framing is ours, every Authorization / WWW-Authenticate value is a real capture. Each
 * case is one thing the HAR analysis must see: a normal Kerberos sign-in, the same HAR
 * sanitized (Authorization removed), multi-leg NTLM inside Negotiate, legs split across
 * connections, 400 on a large token, channel bindings over HTTPS, pre-authentication refused
 * and repeated prompts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingSchema } from '../model/finding.js';
import { createHarAnalyzer } from './har-analyzer.js';
import type { HarAnalysis } from './har-analysis.js';

const tokensDirectory = new URL('../../../shared/data/tokens/', import.meta.url);

/** The token on 1-based line `line` of a token file. */
function token(file: string, line: number): string {
  const text = readFileSync(new URL(file, tokensDirectory), 'utf8').split('\n')[line - 1]?.trim() ?? '';
  if (text === '' || text.startsWith('#')) throw new Error(`${file}:${line} is not a token line`);
  return text;
}

// chnking: real IE6 ↔ IIS 6.0 traces (Negotiate carrying raw NTLMSSP, and a Kerberos pair).
const ie6Type1 = token('chnking-iis6-ie6-negotiate-2007.txt', 40);
const szbtiType2 = token('chnking-iis6-ie6-negotiate-2007.txt', 43);
const jinjzType3 = token('chnking-iis6-ie6-negotiate-2007.txt', 46);
const logsApReq = token('chnking-iis6-ie6-negotiate-2007.txt', 49);
const logsApRep = token('chnking-iis6-ie6-negotiate-2007.txt', 52);
// pyspnego: an NTLMv2 type 3 whose MsvAvChannelBindings is all zeros (no channel binding).
const pyspnegoType3 = token('pyspnego-ntlm.txt', 12);
const pyspnegoType2 = token('pyspnego-ntlm.txt', 9);
const pyspnegoType1 = token('pyspnego-ntlm.txt', 6);
// Kerberos.NET: a 4.7 KB SPNEGO AP-REQ (a user in many groups makes such tokens larger, §7.2).
const bigApReq = token('kerberos-net-spnego-krb.txt', 27);

/**
 * The same real type 3 with its 16 zero bytes of MsvAvChannelBindings replaced by a hash:
 * what a client that binds to the TLS certificate sends (§7.4). Derived, not captured.
 */
function withChannelBindings(type3: string): string {
  const bytes = Buffer.from(type3, 'base64');
  for (let index = 0; index + 20 <= bytes.length; index++) {
    if (
      bytes[index] === 0x0a &&
      bytes[index + 1] === 0 &&
      bytes[index + 2] === 16 &&
      bytes[index + 3] === 0 &&
      bytes.subarray(index + 4, index + 20).every((byte) => byte === 0)
    ) {
      for (let offset = 0; offset < 16; offset++) bytes[index + 4 + offset] = 0x5a ^ offset;
      return bytes.toString('base64');
    }
  }
  throw new Error('no empty MsvAvChannelBindings in this token');
}

interface Step {
  readonly url: string;
  readonly status: number;
  readonly connection?: string;
  readonly serverIp?: string;
  readonly authorization?: string;
  readonly authenticate?: readonly string[];
  readonly body?: string;
  readonly headersSize?: number;
  readonly proxy?: boolean;
}

function entry(step: Step, index: number): object {
  const requestHeaders = [
    { name: 'Host', value: new URL(step.url).host },
    { name: 'User-Agent', value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/120.0' },
  ];
  if (step.authorization !== undefined)
    requestHeaders.push({
      name: step.proxy ? 'Proxy-Authorization' : 'Authorization',
      value: step.authorization,
    });
  const responseHeaders = (step.authenticate ?? []).map((value) => ({
    name: step.proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate',
    value,
  }));
  return {
    startedDateTime: new Date(Date.UTC(2026, 10, 20, 8, 0, index)).toISOString(),
    time: 5,
    ...(step.connection === undefined ? {} : { connection: step.connection }),
    ...(step.serverIp === undefined ? {} : { serverIPAddress: step.serverIp }),
    request: {
      method: 'GET',
      url: step.url,
      httpVersion: 'HTTP/1.1',
      headers: requestHeaders,
      queryString: [],
      cookies: [],
      headersSize: step.headersSize ?? -1,
      bodySize: 0,
    },
    response: {
      status: step.status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: responseHeaders,
      cookies: [],
      content: { size: step.body?.length ?? 0, mimeType: 'text/html', text: step.body ?? '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: step.body?.length ?? 0,
    },
    cache: {},
    timings: { send: 0, wait: 5, receive: 0 },
  };
}

function har(steps: readonly Step[]): string {
  return JSON.stringify(
    {
      log: { version: '1.2', creator: { name: 'iwa-doctor test', version: '1' }, entries: steps.map(entry) },
    },
    null,
    1,
  );
}

function analyze(steps: readonly Step[], chunkSize = 211): HarAnalysis {
  const text = har(steps);
  const bytes = new TextEncoder().encode(text);
  const analyzer = createHarAnalyzer('capture.har');
  for (let offset = 0; offset < bytes.length; offset += chunkSize)
    analyzer.push(bytes.subarray(offset, offset + chunkSize));
  const analysis = analyzer.finish();
  for (const finding of analysis.findings) findingSchema.parse(finding);
  return analysis;
}

function issueKinds(analysis: HarAnalysis): string[] {
  return analysis.issues.map((issue) => issue.kind);
}

function causes(analysis: HarAnalysis): string[] {
  return analysis.findings.map((finding) => `${finding.cause}/${finding.confidence}`);
}

const error401 = (substatus: string): string =>
  `<h1>Server Error</h1><h2>HTTP Error ${substatus} - Unauthorized</h2>`;

describe('generated HAR: Kerberos', () => {
  const logs = 'http://logs:81/iisstart.htm';
  const kerberosSteps: Step[] = [
    { url: logs, status: 401, connection: '1', authenticate: ['Negotiate', 'NTLM'] },
    {
      url: logs,
      status: 200,
      connection: '1',
      authorization: `Negotiate ${logsApReq}`,
      authenticate: [`Negotiate ${logsApRep}`],
    },
  ];

  it('a normal Kerberos sign-in: offer, AP-REQ for HTTP/logs, AP-REP, no issue', () => {
    const analysis = analyze(kerberosSteps);
    expect(analysis.exchanges).toHaveLength(1);
    const exchange = analysis.exchanges[0]!;
    expect(exchange).toMatchObject({
      outcome: 'success',
      mechanism: 'kerberos',
      host: 'logs:81',
      connections: ['1'],
    });
    expect(exchange.legs[0]?.offers).toEqual(['Negotiate', 'NTLM']);
    expect(exchange.legs[1]?.sent).toMatchObject({
      mechanism: 'kerberos',
      kerberosMessage: 'AP-REQ',
      spn: 'HTTP/logs',
      realm: 'SZBTI.GOV.CN',
    });
    expect(exchange.legs[1]?.received).toMatchObject({ mechanism: 'kerberos', kerberosMessage: 'AP-REP' });
    expect(issueKinds(analysis)).toEqual([]);
    expect(causes(analysis)).toEqual(['challenge-normal/confirmed']);
    expect(analysis).toMatchObject({
      sanitized: false,
      unknowable: [],
      hosts: [
        {
          host: 'logs:81',
          requests: 2,
          serverIps: [],
          connections: 1,
          connectionList: [{ id: '1', serverIp: null, requests: 2, exchanges: [0] }],
          connectionsNotListed: 0,
          exchanges: 1,
        },
      ],
    });
  });

  it('the same HAR sanitized (Authorization header dropped, as Chrome exports it): Kerberos still proven by the AP-REP, and the rest said unknown', () => {
    const sanitized = kerberosSteps.map(({ authorization: _removed, ...step }) => step);
    const analysis = analyze(sanitized);
    expect(analysis.exchanges[0]).toMatchObject({ outcome: 'success', mechanism: 'kerberos' });
    expect(issueKinds(analysis)).toEqual(['tokens-removed']);
    expect(analysis.issues[0]?.detail).toContain(
      "The server's last answer carries a Kerberos reply (AP-REP), so Kerberos was used.",
    );
    expect(analysis.sanitized).toBe(true);
    // The AP-REP survived sanitizing: the method is known, the rest is not.
    expect(analysis.unknowable.join(' ')).toContain(
      "Kerberos or NTLM is read from the server's answers, but the SPN it asked a ticket for, the user name and channel bindings cannot be known",
    );
    expect(causes(analysis)).toEqual(['challenge-normal/confirmed']);
  });

  it('Kerberos over HTTPS: its channel bindings are inside the encrypted authenticator and said unknowable', () => {
    const url = 'https://logs.contoso.com/';
    const analysis = analyze([
      { url, status: 401, connection: '1', authenticate: ['Negotiate'] },
      {
        url,
        status: 200,
        connection: '1',
        authorization: `Negotiate ${logsApReq}`,
        authenticate: [`Negotiate ${logsApRep}`],
      },
    ]);
    expect(analysis.exchanges[0]).toMatchObject({ https: true, mechanism: 'kerberos', outcome: 'success' });
    expect(issueKinds(analysis)).toEqual([]);
    expect(analysis.unknowable).toEqual([
      expect.stringMatching(
        /^Over HTTPS, whether a Kerberos ticket was bound to the TLS certificate \(channel bindings, §7\.4\) cannot be read from any capture: the binding travels inside the authenticator, which is encrypted/,
      ),
    ]);
  });

  it('sanitized by value ("[REDACTED]") with no server token: the exchange and its outcome, mechanism unknown', () => {
    const analysis = analyze([
      { url: logs, status: 401, connection: '1', authenticate: ['Negotiate'] },
      {
        url: logs,
        status: 401,
        connection: '1',
        authorization: 'Negotiate [REDACTED]',
        authenticate: ['Negotiate'],
      },
      {
        url: logs,
        status: 401,
        connection: '1',
        authorization: 'Negotiate [REDACTED]',
        authenticate: ['Negotiate'],
      },
    ]);
    expect(analysis.exchanges[0]).toMatchObject({ outcome: 'rejected', mechanism: 'none' });
    expect(analysis.exchanges[0]?.legs.map((leg) => leg.sentRedacted)).toEqual([false, true, true]);
    expect(issueKinds(analysis)).toEqual(['repeated-prompts', 'tokens-removed']);
    expect(analysis.sanitized).toBe(true);
    expect(analysis.unknowable).toHaveLength(2);
    expect(analysis.unknowable[1]).toContain('is in the IIS log of the same minute');
  });

  it('400 on a large Kerberos token: the header size the HAR states and the http.sys page', () => {
    const analysis = analyze([
      { url: 'https://portal.contoso.com/', status: 401, connection: '7', authenticate: ['Negotiate'] },
      {
        url: 'https://portal.contoso.com/',
        status: 400,
        connection: '7',
        authorization: `Negotiate ${bigApReq}`,
        headersSize: 17_050,
        body: '<h1>Bad Request (Header Field Too Long)</h1>',
      },
    ]);
    expect(analysis.exchanges[0]).toMatchObject({ outcome: 'error', mechanism: 'kerberos' });
    expect(issueKinds(analysis)).toEqual(['large-token-400']);
    expect(analysis.issues[0]?.detail).toBe(
      `The server refused (400) a request whose headers came to 17050 bytes (its Negotiate token alone ${bigApReq.length} characters), saying "Header Field Too Long". http.sys's defaults refuse one header over 16,384 bytes (MaxFieldLength) or a request line and headers over 16,384 bytes together (MaxRequestBytes) (§7.2); this request was over them.`,
    );
    expect(causes(analysis)).toEqual(['kerberos-token-too-large/likely']);
  });

  it('"Header Field Too Long" for a header under the http.sys defaults says only what is known: the limit there is lower', () => {
    const analysis = analyze([
      { url: 'https://portal.contoso.com/', status: 401, connection: '7', authenticate: ['Negotiate'] },
      {
        url: 'https://portal.contoso.com/',
        status: 400,
        connection: '7',
        authorization: `Negotiate ${bigApReq}`,
        body: '<h1>Bad Request (Header Field Too Long)</h1>',
      },
    ]);
    const detail = analysis.issues.find((issue) => issue.kind === 'large-token-400')?.detail ?? '';
    expect(detail).toContain(
      `whose headers came to ${'Authorization: Negotiate '.length + bigApReq.length} bytes`,
    );
    expect(detail).toMatch(
      /this request was under them, so the limits on that server, or on a device in front of it, are set lower\.$/,
    );
    expect(detail).not.toContain('larger than');
  });

  it('sanitized: a 400 "Header Field Too Long" whose Authorization header was removed is still found', () => {
    const analysis = analyze([
      { url: 'https://portal.contoso.com/', status: 401, connection: '7', authenticate: ['Negotiate'] },
      {
        url: 'https://portal.contoso.com/',
        status: 400,
        connection: '7',
        body: '<h1>Bad Request (Header Field Too Long)</h1>',
      },
    ]);
    expect(issueKinds(analysis)).toContain('large-token-400');
    expect(causes(analysis)).toEqual(['kerberos-token-too-large/likely']);
  });

  it('sanitized: a 400 on a redacted token with headersSize 20000 is a large-token 400', () => {
    const analysis = analyze([
      { url: 'https://portal.contoso.com/', status: 401, connection: '7', authenticate: ['Negotiate'] },
      {
        url: 'https://portal.contoso.com/',
        status: 400,
        connection: '7',
        authorization: 'Negotiate [REDACTED]',
        headersSize: 20_000,
      },
    ]);
    expect(issueKinds(analysis)).toEqual(['large-token-400', 'tokens-removed']);
    expect(analysis.issues[0]?.detail).toContain(
      'whose headers came to 20000 bytes (its Authorization value removed from the HAR)',
    );
    expect(causes(analysis)).toEqual(['kerberos-token-too-large/likely']);
  });
});

describe('generated HAR: NTLM', () => {
  it('multi-leg NTLM inside Negotiate to an IP address: three legs on one connection, NTLM because of the IP', () => {
    const url = 'http://192.168.100.5:81/iisstart.htm';
    const analysis = analyze([
      { url, status: 401, connection: '3', authenticate: ['Negotiate', 'NTLM'] },
      {
        url,
        status: 401,
        connection: '3',
        authorization: `Negotiate ${ie6Type1}`,
        authenticate: [`Negotiate ${szbtiType2}`],
      },
      { url, status: 200, connection: '3', authorization: `Negotiate ${jinjzType3}` },
    ]);
    const exchange = analysis.exchanges[0]!;
    expect(exchange).toMatchObject({ outcome: 'success', mechanism: 'ntlm', connections: ['3'] });
    expect(
      exchange.legs.map((leg) => leg.sent?.ntlmMessageType ?? leg.received?.ntlmMessageType ?? null),
    ).toEqual([null, 1, 3]);
    expect(exchange.legs[1]?.received).toMatchObject({ ntlmMessageType: 2, ntlmTargetName: 'SZBTI' });
    expect(exchange.legs[2]?.sent).toMatchObject({
      ntlmInsideNegotiate: true,
      ntlmUser: '192.168.100.5\\jinjz',
    });
    expect(analysis.issues).toMatchObject([{ kind: 'ntlm-not-kerberos', reason: 'ip-address' }]);
    expect(causes(analysis)).toEqual(['spn-missing/possible', 'challenge-normal/confirmed']);
  });

  it('the NTLM scheme answering a Negotiate offer points at EnableNegotiate = 0 (§2.1)', () => {
    const url = 'http://intranet.contoso.com/';
    const analysis = analyze([
      { url, status: 401, connection: '1', authenticate: ['Negotiate', 'NTLM'] },
      {
        url,
        status: 401,
        connection: '1',
        authorization: `NTLM ${pyspnegoType1}`,
        authenticate: [`NTLM ${pyspnegoType2}`],
      },
      { url, status: 200, connection: '1', authorization: `NTLM ${pyspnegoType3}` },
    ]);
    expect(analysis.issues).toMatchObject([{ kind: 'ntlm-not-kerberos', reason: 'ntlm-scheme' }]);
    expect(causes(analysis)).toEqual(['negotiate-disabled/likely', 'challenge-normal/confirmed']);
    // The explanation argues for its own cause, not for a missing SPN or domain controller.
    const explanation = analysis.findings[0]?.explanation ?? '';
    expect(explanation).toContain('EnableNegotiate = 0');
    expect(explanation).not.toMatch(/no SPN|no domain controller/);
  });

  it("sanitized: NTLM instead of Kerberos is read from the server's type 2 under Negotiate", () => {
    const url = 'http://intranet.contoso.com/';
    const analysis = analyze([
      { url, status: 401, connection: '1', authenticate: ['Negotiate', 'NTLM'] },
      { url, status: 401, connection: '1', authenticate: [`Negotiate ${szbtiType2}`] },
      { url, status: 200, connection: '1' },
    ]);
    expect(analysis.exchanges[0]).toMatchObject({ mechanism: 'ntlm', outcome: 'success' });
    expect(analysis.issues).toMatchObject([
      { kind: 'ntlm-not-kerberos', reason: 'no-ticket' },
      { kind: 'tokens-removed' },
    ]);
    expect(causes(analysis)).toEqual([
      'spn-missing/possible',
      'kdc-unreachable/possible',
      'challenge-normal/confirmed',
    ]);
  });

  it("sanitized: the server's type 2 under the NTLM scheme shows the browser used NTLM itself (§2.1)", () => {
    const url = 'http://intranet.contoso.com/';
    const analysis = analyze([
      { url, status: 401, connection: '1', authenticate: ['Negotiate', 'NTLM'] },
      {
        url,
        status: 401,
        connection: '1',
        authorization: 'NTLM [REDACTED]',
        authenticate: [`NTLM ${pyspnegoType2}`],
      },
      { url, status: 200, connection: '1', authorization: 'NTLM [REDACTED]' },
    ]);
    expect(analysis.issues[0]).toMatchObject({ kind: 'ntlm-not-kerberos', reason: 'ntlm-scheme' });
    expect(causes(analysis)[0]).toBe('negotiate-disabled/likely');
  });

  it('NTLM inside Negotiate for a short host name: consistent with the NetBIOS SPN missing', () => {
    const url = 'http://intranet/';
    const analysis = analyze([
      { url, status: 401, connection: '1', authenticate: ['Negotiate'] },
      {
        url,
        status: 401,
        connection: '1',
        authorization: `Negotiate ${ie6Type1}`,
        authenticate: [`Negotiate ${szbtiType2}`],
      },
      { url, status: 200, connection: '1', authorization: `Negotiate ${jinjzType3}` },
    ]);
    expect(analysis.issues).toMatchObject([{ kind: 'ntlm-not-kerberos', reason: 'short-name' }]);
    expect(causes(analysis)[0]).toBe('spn-netbios-missing/possible');
  });

  it('NTLM legs split across connections (a load balancer without affinity): 401 after the type 3', () => {
    const url = 'http://farm.contoso.com/app/';
    const analysis = analyze([
      { url, status: 401, connection: '11', authenticate: ['Negotiate'] },
      {
        url,
        status: 401,
        connection: '11',
        authorization: `Negotiate ${ie6Type1}`,
        authenticate: [`Negotiate ${szbtiType2}`],
      },
      {
        url,
        status: 401,
        connection: '12',
        authorization: `Negotiate ${jinjzType3}`,
        authenticate: ['Negotiate'],
        body: error401('401.1'),
      },
    ]);
    expect(analysis.exchanges[0]).toMatchObject({ outcome: 'rejected', connections: ['11', '12'] });
    expect(issueKinds(analysis)).toContain('ntlm-legs-split');
    expect(analysis.issues.find((issue) => issue.kind === 'ntlm-legs-split')?.detail).toContain(
      'travelled on 2 different connections (11, 12)',
    );
    expect(causes(analysis)).toContain('farm-shared-name/likely');
  });

  it('NTLM legs answered by two servers on one connection id: the server address splits them too (§7.5)', () => {
    const url = 'http://farm.contoso.com/app/';
    const analysis = analyze([
      { url, status: 401, connection: '11', serverIp: '10.0.0.21', authenticate: ['Negotiate'] },
      {
        url,
        status: 401,
        connection: '11',
        serverIp: '10.0.0.21',
        authorization: `Negotiate ${ie6Type1}`,
        authenticate: [`Negotiate ${szbtiType2}`],
      },
      {
        url,
        status: 401,
        connection: '11',
        serverIp: '10.0.0.22',
        authorization: `Negotiate ${jinjzType3}`,
        authenticate: ['Negotiate'],
      },
      { url: 'http://farm.contoso.com/app/logo.png', status: 200, connection: '14', serverIp: '10.0.0.22' },
    ]);
    expect(analysis.exchanges[0]).toMatchObject({
      connections: ['11'],
      serverIps: ['10.0.0.21', '10.0.0.22'],
    });
    expect(analysis.issues.find((issue) => issue.kind === 'ntlm-legs-split')?.detail).toBe(
      'The NTLM messages of one sign-in to farm.contoso.com travelled to 2 different server addresses (10.0.0.21, 10.0.0.22); NTLM only works when all legs share one connection to one server (§7.5).',
    );
    expect(analysis.hosts).toEqual([
      {
        host: 'farm.contoso.com',
        requests: 4,
        serverIps: ['10.0.0.21', '10.0.0.22'],
        connections: 3,
        connectionList: [
          { id: '11', serverIp: '10.0.0.21', requests: 2, exchanges: [0] },
          { id: '11', serverIp: '10.0.0.22', requests: 1, exchanges: [0] },
          { id: '14', serverIp: '10.0.0.22', requests: 1, exchanges: [] },
        ],
        connectionsNotListed: 0,
        exchanges: 1,
      },
    ]);
  });

  it('connections are tracked up to a total over all hosts; requests on further ones are counted and said in one line', () => {
    const steps: Step[] = [
      { url: 'http://a.contoso.com/', status: 200, connection: '1' },
      { url: 'http://a.contoso.com/', status: 200, connection: '2' },
      { url: 'http://b.contoso.com/', status: 200, connection: '3' },
      { url: 'http://b.contoso.com/', status: 200, connection: '4' },
      { url: 'http://b.contoso.com/', status: 200, connection: '5' },
      { url: 'http://b.contoso.com/x', status: 200, connection: '3' },
    ];
    const analyzer = createHarAnalyzer('capture.har', { limits: { maxConnections: 3 } });
    analyzer.push(har(steps));
    const analysis = analyzer.finish();
    expect(
      analysis.hosts.map(
        (host) =>
          `${host.host} ${host.requests} ${host.connectionList.map((connection) => `${connection.id}×${connection.requests}`).join(',')}`,
      ),
    ).toEqual(['b.contoso.com 4 3×2', 'a.contoso.com 2 1×1,2×1']);
    expect(analysis.messages).toEqual([
      'capture.har: 2 requests to 1 host on connections beyond the first 10000 per host or 3 in all are counted, not listed per connection',
    ]);
  });

  it('with server addresses but no connection ids the split over one address cannot be checked, and the analysis says so', () => {
    const url = 'http://farm.contoso.com/app/';
    const analysis = analyze([
      { url, status: 401, serverIp: '10.0.0.20', authenticate: ['Negotiate'] },
      {
        url,
        status: 401,
        serverIp: '10.0.0.20',
        authorization: `Negotiate ${ie6Type1}`,
        authenticate: [`Negotiate ${szbtiType2}`],
      },
      { url, status: 200, serverIp: '10.0.0.20', authorization: `Negotiate ${jinjzType3}` },
    ]);
    expect(issueKinds(analysis)).not.toContain('ntlm-legs-split');
    expect(analysis.unknowable).toEqual([
      'This HAR records server addresses but no connection ids, so whether the NTLM messages shared one connection (they must, §7.5) cannot be checked: legs on different connections to one address, such as a load balancer in front of several servers, look the same.',
    ]);
  });

  it('without connection ids the split cannot be checked, and the analysis says so', () => {
    const url = 'http://farm.contoso.com/app/';
    const analysis = analyze([
      { url, status: 401, authenticate: ['Negotiate'] },
      { url, status: 401, authorization: `Negotiate ${ie6Type1}`, authenticate: [`Negotiate ${szbtiType2}`] },
      { url, status: 200, authorization: `Negotiate ${jinjzType3}` },
    ]);
    expect(issueKinds(analysis)).not.toContain('ntlm-legs-split');
    expect(analysis.hosts[0]?.connections).toBeNull();
    expect(analysis.unknowable).toEqual([
      'This HAR records neither connection ids nor server addresses, so whether the NTLM messages shared one connection to one server (they must, §7.5) cannot be checked.',
    ]);
  });

  it('over HTTPS: a type 3 without channel bindings refused, consistent with Extended Protection', () => {
    const url = 'https://secure.contoso.com/';
    const analysis = analyze([
      { url, status: 401, connection: '5', authenticate: ['Negotiate'] },
      {
        url,
        status: 401,
        connection: '5',
        authorization: `Negotiate ${pyspnegoType1}`,
        authenticate: [`Negotiate ${pyspnegoType2}`],
      },
      {
        url,
        status: 401,
        connection: '5',
        authorization: `Negotiate ${pyspnegoType3}`,
        authenticate: ['Negotiate'],
        body: error401('401.1'),
      },
    ]);
    expect(analysis.exchanges[0]?.legs[2]?.sent).toMatchObject({
      channelBindings: false,
      ntlmTargetName: 'dc01.domain.local',
    });
    expect(issueKinds(analysis)).toContain('channel-bindings-absent');
    expect(causes(analysis)).toContain('epa-channel-binding/possible');
  });

  it('over HTTPS: channel bindings present and accepted is reported as information, not a cause', () => {
    const url = 'https://secure.contoso.com/';
    const analysis = analyze([
      { url, status: 401, connection: '5', authenticate: ['Negotiate'] },
      {
        url,
        status: 401,
        connection: '5',
        authorization: `Negotiate ${pyspnegoType1}`,
        authenticate: [`Negotiate ${pyspnegoType2}`],
      },
      { url, status: 200, connection: '5', authorization: `Negotiate ${withChannelBindings(pyspnegoType3)}` },
    ]);
    expect(analysis.exchanges[0]?.legs[2]?.sent?.channelBindings).toBe(true);
    expect(issueKinds(analysis)).toEqual(['ntlm-not-kerberos', 'channel-bindings-present']);
    expect(analysis.evidence.find((item) => item.id === 'har-channel-bindings-present-0')?.status).toBe(
      'info',
    );
    expect(causes(analysis)).not.toContain('epa-channel-binding/possible');
  });

  it('pre-authentication on the first request refused with 401.1 (KB 2749007)', () => {
    const url = 'http://app.contoso.com/kernel/';
    const analysis = analyze([
      {
        url,
        status: 401,
        connection: '2',
        authorization: `Negotiate ${ie6Type1}`,
        authenticate: ['Negotiate'],
        body: error401('401.1'),
      },
    ]);
    expect(issueKinds(analysis)).toContain('preauth-rejected');
    expect(causes(analysis)).toContain('ntlm-preauth-kernel-mode/likely');
  });

  it('a successful NTLM pre-authentication (type 1 on the first request, 401 with type 2, type 3, 200) is not a refusal', () => {
    const url = 'http://app.contoso.com/kernel/';
    const analysis = analyze([
      {
        url,
        status: 401,
        connection: '2',
        authorization: `Negotiate ${ie6Type1}`,
        authenticate: [`Negotiate ${szbtiType2}`],
      },
      { url, status: 200, connection: '2', authorization: `Negotiate ${jinjzType3}` },
    ]);
    expect(analysis.exchanges[0]).toMatchObject({ outcome: 'success', mechanism: 'ntlm' });
    expect(issueKinds(analysis)).not.toContain('preauth-rejected');
    expect(causes(analysis)).not.toContain('ntlm-preauth-kernel-mode/possible');
    expect(causes(analysis)).not.toContain('ntlm-preauth-kernel-mode/likely');
  });

  it('pre-authentication answered with a bare re-offer, then the browser starts over and signs in: refused, "possible"', () => {
    const url = 'http://app.contoso.com/kernel/';
    const analysis = analyze([
      {
        url,
        status: 401,
        connection: '2',
        authorization: `Negotiate ${ie6Type1}`,
        authenticate: ['Negotiate', 'NTLM'],
      },
      {
        url,
        status: 401,
        connection: '2',
        authorization: `Negotiate ${ie6Type1}`,
        authenticate: [`Negotiate ${szbtiType2}`],
      },
      { url, status: 200, connection: '2', authorization: `Negotiate ${jinjzType3}` },
    ]);
    expect(analysis.issues.find((issue) => issue.kind === 'preauth-rejected')?.detail).toBe(
      'The first request already carried Negotiate NTLM type 1 and got 401 with a bare offer of Negotiate, NTLM instead of a challenge to go on with — pre-authentication refused (KB 2749007, §2.2); the browser then started over and signed in.',
    );
    expect(causes(analysis)).toContain('ntlm-preauth-kernel-mode/possible');
  });

  it('a first request carrying a type 3 (the capture began mid-handshake) is not pre-authentication', () => {
    const url = 'http://app.contoso.com/kernel/';
    const analysis = analyze([
      {
        url,
        status: 401,
        connection: '2',
        authorization: `Negotiate ${jinjzType3}`,
        authenticate: ['Negotiate'],
        body: error401('401.1'),
      },
    ]);
    expect(issueKinds(analysis)).not.toContain('preauth-rejected');
  });

  it('repeated prompts: two type 3 refused, then the typed password works', () => {
    const url = 'http://biztalkr2:81/wstest/default.aspx';
    const analysis = analyze([
      { url, status: 401, connection: '1', authenticate: ['Negotiate'] },
      {
        url,
        status: 401,
        connection: '1',
        authorization: `Negotiate ${ie6Type1}`,
        authenticate: [`Negotiate ${szbtiType2}`],
      },
      {
        url,
        status: 401,
        connection: '1',
        authorization: `Negotiate ${jinjzType3}`,
        authenticate: ['Negotiate'],
      },
      {
        url,
        status: 401,
        connection: '1',
        authorization: `Negotiate ${ie6Type1}`,
        authenticate: [`Negotiate ${szbtiType2}`],
      },
      {
        url,
        status: 401,
        connection: '1',
        authorization: `Negotiate ${jinjzType3}`,
        authenticate: ['Negotiate'],
      },
      {
        url,
        status: 401,
        connection: '1',
        authorization: `Negotiate ${ie6Type1}`,
        authenticate: [`Negotiate ${szbtiType2}`],
      },
      { url, status: 200, connection: '1', authorization: `Negotiate ${jinjzType3}` },
    ]);
    expect(analysis.exchanges).toHaveLength(1);
    expect(analysis.issues.find((issue) => issue.kind === 'repeated-prompts')?.detail).toBe(
      '2 sets of credentials were refused by biztalkr2:81 (then it worked): the prompts repeat.',
    );
    expect(causes(analysis)).toContain('stored-credentials/possible');
    // Repeated refusals are not "normal": no challenge-normal finding then.
    expect(causes(analysis)).not.toContain('challenge-normal/confirmed');
  });

  it('requests without sign-in are counted per host but not kept', () => {
    const analysis = analyze([
      { url: 'http://cdn.contoso.com/a.js', status: 200, connection: '8' },
      { url: 'http://cdn.contoso.com/b.css', status: 200, connection: '9' },
    ]);
    expect(analysis.counts).toMatchObject({ entries: 2, kept: 0 });
    expect(analysis.hosts).toEqual([
      {
        host: 'cdn.contoso.com',
        requests: 2,
        serverIps: [],
        connections: 2,
        connectionList: [
          { id: '8', serverIp: null, requests: 1, exchanges: [] },
          { id: '9', serverIp: null, requests: 1, exchanges: [] },
        ],
        connectionsNotListed: 0,
        exchanges: 0,
      },
    ]);
    expect(analysis.unknowable[0]).toMatch(/^No sign-in exchange is in this HAR/);
  });
});
