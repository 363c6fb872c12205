/**
 * The live sign-in test against the real lab (MIT KDC + Apache mod_auth_gssapi + dnsmasq on
 * 127.0.0.1): every lab site must be diagnosed with its cause id.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labMaySkip, labPackagesMissing, startLab, type Lab } from '../lab/lab.js';
import { labSitePlans } from '../lab/lab-sites.js';
import { freePort } from '../lab/free-port.js';
import { suiteResource } from '../lab/suite-resource.js';
import { runLiveSignInTest, type LiveTestResult } from '../../electron/live/run-live-sign-in-test.js';
import { createChildProcessNegotiateClient } from '../../electron/live/negotiate-client.js';
import type { LiveBrowserSpnFacts, LiveKerberosTicketFacts } from '../../shared/live/live-evidence.js';
import { liveTestResultSchema, renderLiveTestText } from '../../shared/live/live-test-result.js';

const kerberosMissing = (() => {
  try {
    createRequire(import.meta.url).resolve('kerberos');
    return [];
  } catch {
    return ['kerberos (npm, optional dependency)'];
  }
})();
const missing = [...labPackagesMissing(), ...kerberosMissing];
if (missing.length > 0) console.warn(`[lab] skipping live sign-in tests, missing: ${missing.join(', ')}`);

/** No token may leak into a result: the longest base64-looking run stays short. */
function longestBase64Run(result: LiveTestResult): number {
  return Math.max(
    0,
    ...(JSON.stringify(result).match(/[A-Za-z0-9+/]{80,}={0,2}/g) ?? []).map((run) => run.length),
  );
}

describe.skipIf(labMaySkip(missing))('live sign-in test against the lab', () => {
  let lab: Lab;
  // Kept so that a setup that times out while the lab is still starting stops it afterwards.
  const suiteLab = suiteResource(startLab);
  beforeAll(async () => {
    lab = await suiteLab.start();
  }, 60_000);
  afterAll(() => suiteLab.stop(), 90_000);

  const run = (url: string, env?: Record<string, string>, timeoutMs = 8_000): Promise<LiveTestResult> =>
    runLiveSignInTest(url, {
      dnsServer: lab.dnsServer,
      dnsSearch: [lab.dnsSearch],
      kerberosEnv: env ?? lab.clientEnv,
      timeoutMs,
      trustedCertificates: [lab.certificatePem],
    });
  const factsOf = <T>(result: LiveTestResult, kind: string, role?: string): T | undefined =>
    result.evidence.find(
      (item) => item.kind === kind && (role === undefined || (item.facts as { role?: string }).role === role),
    )?.facts as T | undefined;

  for (const plan of labSitePlans) {
    it(`diagnoses ${plan.id} (${plan.reproduces}) as ${plan.expectedCause}`, async () => {
      const result = await run(lab.sites[plan.id].url);
      expect(result.findings.map((finding) => finding.cause)).toEqual([plan.expectedCause]);
      const finding = result.findings[0];
      expect(finding?.remedies).toEqual([]);
      for (const id of finding?.evidence ?? [])
        expect(result.evidence.some((item) => item.id === id)).toBe(true);
      expect(longestBase64Run(result)).toBeLessThan(80);
      // The wire form validates, and survives a JSON round trip unchanged.
      const wire = liveTestResultSchema.parse(JSON.parse(JSON.stringify(result)));
      expect(renderLiveTestText(wire)).toContain(`* ${plan.expectedCause} (`);
    });
  }

  it('shows the whole good exchange: challenge, ticket, signed request, mutual authentication', async () => {
    // A cache with only the TGT: the service ticket has to come from the KDC.
    const env = await lab.freshClientEnv();
    const result = await run(lab.sites.good.url, env);
    const { exchange } = result;
    expect(factsOf<LiveKerberosTicketFacts>(result, 'live-kerberos-ticket')?.ticketSource).toBe('kdc');
    expect(exchange.verdict).toBe('signed-in');
    expect(exchange.spn).toBe('HTTP/web01.contoso.test');
    expect(exchange.legs.map((leg) => `${leg.from}>${leg.to}:${leg.httpStatus ?? ''}`)).toEqual([
      'client>server:',
      'server>client:401',
      'client>kdc:',
      'kdc>client:',
      'client>server:',
      'server>client:200',
    ]);
    expect(exchange.legs[4]?.token).toMatchObject({
      kind: 'kerberos-ap-req',
      spn: 'HTTP/web01.contoso.test',
      realm: 'CONTOSO.TEST',
      kvno: 2,
    });
    expect(exchange.legs[5]?.token).toMatchObject({ kind: 'kerberos-ap-rep', negState: 'accept-completed' });
    const signed = result.evidence.find((item) => item.kind === 'live-authenticated-request');
    expect(signed?.facts).toMatchObject({ connectionReused: true, status: 200 });
    expect(signed?.summary).toMatch(/proved its identity/);

    // The same user again: the ticket is in the cache now, and the diagram draws no KDC.
    const again = await run(lab.sites.good.url, env);
    expect(again.exchange.verdict).toBe('signed-in');
    expect(factsOf<LiveKerberosTicketFacts>(again, 'live-kerberos-ticket')?.ticketSource).toBe('cache');
    expect(again.exchange.legs.map((leg) => `${leg.from}>${leg.to}`)).toEqual([
      'client>server',
      'server>client',
      'client>server',
      'server>client',
    ]);
    expect(again.evidence.find((item) => item.kind === 'live-kerberos-ticket')?.summary).toMatch(
      /already in the ticket cache; no domain controller was asked/,
    );
  });

  it('expands a short name with the search suffix like the browser: an A record', async () => {
    const result = await run(lab.sites['short-name'].url);
    expect(result.exchange.spn).toBe('HTTP/web10.contoso.test');
    expect(result.findings.map((finding) => finding.cause)).toEqual(['challenge-normal']);
    expect(factsOf(result, 'live-name-resolution')).toMatchObject({
      host: 'web10',
      queriedName: 'web10.contoso.test',
      searchSuffix: 'contoso.test',
      canonicalName: null,
      addresses: ['127.0.0.1'],
    });
    expect(factsOf<LiveBrowserSpnFacts>(result, 'live-browser-spn')).toMatchObject({
      typedHost: 'web10',
      cnameFollowed: false,
      searchSuffix: 'contoso.test',
    });
    // Without the lab's suffix the name is not found at all: the suffix is what made it work.
    const unsuffixed = await runLiveSignInTest(lab.sites['short-name'].url, {
      dnsServer: lab.dnsServer,
      dnsSearch: [],
      kerberosEnv: lab.clientEnv,
      timeoutMs: 8_000,
    });
    expect(unsuffixed.exchange.verdict).toBe('network-error');
  });

  it('expands a short name with the search suffix like the browser: a CNAME alias', async () => {
    const result = await run(lab.sites['short-alias'].url);
    expect(result.exchange.spn).toBe('HTTP/srv01.contoso.test');
    expect(result.findings.map((finding) => `${finding.cause}:${finding.confidence}`)).toEqual([
      'cname-alias-spn:confirmed',
    ]);
    expect(factsOf(result, 'live-name-resolution')).toMatchObject({
      queriedName: 'intranet.contoso.test',
      searchSuffix: 'contoso.test',
      cnameChain: ['intranet.contoso.test', 'srv01.contoso.test'],
      canonicalName: 'srv01.contoso.test',
    });
    expect(factsOf<LiveKerberosTicketFacts>(result, 'live-kerberos-ticket', 'browser')).toMatchObject({
      spn: 'HTTP/srv01.contoso.test',
      outcome: 'principal-unknown',
    });
    expect(factsOf<LiveKerberosTicketFacts>(result, 'live-kerberos-ticket', 'alias')).toMatchObject({
      spn: 'HTTP/intranet.contoso.test',
      outcome: 'token',
    });
  });

  it('builds the SPN from the host that challenged after a redirect', async () => {
    const result = await run(lab.sites.redirect.url);
    expect(result.exchange.spn).toBe('HTTP/web01.contoso.test');
    expect(result.findings.map((finding) => finding.cause)).toEqual(['challenge-normal']);
    const anonymous = factsOf<{ redirects: string[]; finalUrl: string }>(result, 'live-anonymous-request');
    expect(anonymous?.redirects).toEqual([lab.sites.redirect.url]);
    expect(anonymous?.finalUrl).toBe(lab.sites.good.url);
    expect(factsOf<LiveBrowserSpnFacts>(result, 'live-browser-spn')?.typedHost).toBe('web01.contoso.test');
    expect(result.evidence.filter((item) => item.kind === 'live-name-resolution')).toHaveLength(2);
  });

  it('ends a ticket request to a KDC that never answers at the time limit, as a likely unreachable KDC', async () => {
    const seen = lab.silentKdc.requestsSeen();
    const result = await run(lab.sites.good.url, lab.silentKdcEnv, 1_500);
    expect(lab.silentKdc.requestsSeen()).toBeGreaterThan(seen);
    const ticket = factsOf<LiveKerberosTicketFacts>(result, 'live-kerberos-ticket');
    expect(ticket).toMatchObject({ outcome: 'timed-out' });
    expect(ticket?.message).toBe(
      'Kerberos ticket request for HTTP/web01.contoso.test timed out after 1500 ms',
    );
    expect(result.findings.map((finding) => `${finding.cause}:${finding.confidence}`)).toEqual([
      'kdc-unreachable:likely',
    ]);
    expect(result.exchange.legs.at(-1)).toMatchObject({ from: 'client', to: 'kdc', status: 'problem' });
    // Bounded by our limit, not by the library's retries (a bound, not a speed claim).
    expect(result.elapsedMs).toBeLessThan(1_500 + 5_000);
  });

  it('the Kerberos client itself answers within its time limit when the KDC is silent', async () => {
    const client = createChildProcessNegotiateClient({ env: lab.silentKdcEnv, callTimeoutMs: 1_000 });
    try {
      const started = Date.now();
      const answer = await client.start({ spn: 'HTTP/web01.contoso.test' });
      expect(Date.now() - started).toBeLessThan(1_000 + 4_000);
      expect(answer).toMatchObject({
        ok: false,
        outcome: 'timed-out',
        message: 'Kerberos ticket request for HTTP/web01.contoso.test timed out after 1000 ms',
      });
    } finally {
      await client.close();
    }
  });

  it('reads the KRB-ERROR inside the rejecting NegTokenResp of the stale keytab', async () => {
    const result = await run(lab.sites['stale-key'].url);
    const answer = result.exchange.legs.at(-1);
    expect(answer?.httpStatus).toBe(401);
    expect(answer?.token).toMatchObject({
      kind: 'kerberos-error',
      negState: 'reject',
      kerberosError: { code: 44, name: 'KRB_AP_ERR_BADKEYVER' },
    });
    expect(result.findings[0]?.confidence).toBe('confirmed');
  });

  it('follows the CNAME to the canonical name like a browser', async () => {
    const result = await run(lab.sites['cname-alias'].url);
    expect(result.exchange.spn).toBe('HTTP/srv01.contoso.test');
    const names = result.evidence.find((item) => item.kind === 'live-name-resolution');
    expect(names?.facts).toMatchObject({
      cnameChain: ['web.contoso.test', 'srv01.contoso.test'],
      canonicalName: 'srv01.contoso.test',
      addresses: ['127.0.0.1'],
    });
  });

  it('signs in over HTTPS and records the TLS facts; an untrusted self-signed certificate is a clear message', async () => {
    const trusted = await run(lab.sites['https-good'].url);
    const anonymous = trusted.evidence.find((item) => item.kind === 'live-anonymous-request');
    expect(anonymous?.facts).toMatchObject({ tls: { trusted: true, subject: 'CN=web09.contoso.test' } });
    expect(anonymous?.summary).toMatch(/Connection secured with TLSv1\.[23]/);
    const untrusted = await runLiveSignInTest(lab.sites['https-good'].url, {
      dnsServer: lab.dnsServer,
      kerberosEnv: lab.clientEnv,
      timeoutMs: 8_000,
    });
    expect(untrusted.exchange.verdict).toBe('network-error');
    expect(untrusted.exchange.summary).toMatch(/self-signed certificate/);
    expect(untrusted.findings).toEqual([]);
  });

  it('diagnoses kdc-unreachable when the realm has no reachable KDC', async () => {
    const result = await run(lab.sites.good.url, lab.unreachableKdcEnv);
    expect(result.findings.map((finding) => finding.cause)).toEqual(['kdc-unreachable']);
    expect(result.exchange.legs.at(-1)).toMatchObject({ from: 'client', to: 'kdc', status: 'problem' });
  });

  it('turns a name DNS does not know and a closed port into clear messages, not crashes', async () => {
    const unknownName = await run('http://nowhere.contoso.test/');
    expect(unknownName.exchange.verdict).toBe('network-error');
    expect(unknownName.exchange.summary).toBe('The name in nowhere.contoso.test does not exist in DNS.');
    expect(unknownName.findings).toEqual([]);
    const closed = await run(`http://web01.contoso.test:${await freePort()}/`);
    expect(closed.exchange.summary).toMatch(/refused the connection/);
    const invalid = await run('ftp://web01.contoso.test/');
    expect(invalid.exchange.verdict).toBe('network-error');
  });
});
