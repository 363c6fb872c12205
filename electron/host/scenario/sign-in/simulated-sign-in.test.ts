/**
 * The simulated sign-in, driven by the real live sign-in test (runLiveSignInTest) through its
 * network and Negotiate seams: each answer follows from the scenario's state, and the live rules
 * read the result as they read a real exchange.
 */
import { describe, expect, it } from 'vitest';
import {
  scenarioSchema,
  type Scenario,
  type ScenarioInput,
} from '../../../../shared/scenario/scenario-schema.js';
import { runLiveSignInTest } from '../../../live/run-live-sign-in-test.js';
import { ScenarioHost } from '../scenario-host.js';
import { contosoWebServer, contosoWorkstation, scenarioEnvelope } from '../testing/contoso-test-scenario.js';

const workstation: ScenarioInput = {
  ...scenarioEnvelope('sign-in-test'),
  target: { url: 'https://intranet.contoso.com/app', symptom: 'check-everything' },
  machine: contosoWorkstation(),
  registry: [],
};

/** A server WEB01 serving https://web01.contoso.com/ from AppPool1, as `pool` and `auth` say. */
function webServer(
  pool: { identityType: 'ApplicationPoolIdentity' | 'SpecificUser'; userName?: string },
  auth: Record<string, unknown> = {},
  anonymous = false,
): ScenarioInput {
  return {
    ...workstation,
    target: { url: 'https://web01.contoso.com/', symptom: 'check-everything' },
    machine: contosoWebServer('alice'),
    iis: {
      sites: [
        {
          name: 'Default Web Site',
          id: 1,
          bindings: [{ protocol: 'https', bindingInformation: '*:443:' }],
          applications: [
            {
              path: '/',
              appPool: 'AppPool1',
              windowsAuthentication: { enabled: true, ...auth },
              anonymousAuthentication: { enabled: anonymous },
            },
          ],
        },
      ],
      appPools: [{ name: 'AppPool1', ...pool }],
    },
    directory: {
      netbiosDomain: 'CONTOSO',
      dnsDomain: 'contoso.com',
      accounts: [
        { samAccountName: 'WEB01$', kind: 'computer', spns: ['HOST/WEB01', 'HOST/web01.contoso.com'] },
        { samAccountName: 'svc-web', kind: 'user', spns: ['HTTP/web01.contoso.com', 'HTTP/web01'] },
      ],
    },
  };
}

function parse(input: ScenarioInput): Scenario {
  return scenarioSchema.parse(input);
}

async function signIn(input: ScenarioInput) {
  const scenario = parse(input);
  const simulated = new ScenarioHost(scenario).simulatedSignIn(scenario.target.url);
  const result = await runLiveSignInTest(scenario.target.url, {
    network: simulated.network,
    negotiate: simulated.negotiate,
  });
  return { result, simulated, causes: result.findings.map((finding) => finding.cause) };
}

describe('simulated sign-in', () => {
  it('is a healthy Kerberos sign-in when the scenario leaves the web server out', async () => {
    const { result, causes, simulated } = await signIn(workstation);
    expect(result.exchange.verdict).toBe('signed-in');
    expect(causes).toEqual(['challenge-normal']);
    expect(result.exchange.legs.map((leg) => leg.httpStatus).filter((status) => status !== null)).toEqual([
      401, 200,
    ]);
    // Every header as sent, the token included: reports redact it, the raw output keeps it.
    const authenticated = simulated.exchanges().find((exchange) => exchange.authenticated);
    expect(authenticated?.text).toMatch(/^Authorization: Negotiate YII[A-Za-z0-9+/]{100,}/m);
    expect(authenticated?.text).toMatch(/^www-authenticate: Negotiate o[A-Za-z0-9+/]{20,}/m);
  });

  it('answers what the server’s own IIS is set to: anonymous, Windows authentication off, providers in order', async () => {
    const pool = { identityType: 'ApplicationPoolIdentity' as const };
    expect((await signIn(webServer(pool, {}, true))).result.exchange.verdict).toBe('anonymous');
    const off = await signIn(webServer(pool, { enabled: false }));
    expect(off.result.evidence.find((item) => item.kind === 'live-anonymous-request')?.facts).toMatchObject({
      status: 401,
      offers: [],
    });
    expect(off.causes).toEqual(['windows-auth-disabled']);
    const ntlmOnly = await signIn(webServer(pool, { providers: ['NTLM'] }));
    expect(ntlmOnly.causes).toEqual(['providers-misconfigured']);
  });

  it('fails with KRB_AP_ERR_MODIFIED when the account that decrypts is not the one holding the SPN', async () => {
    // Pool as svc-web, which holds HTTP/web01.contoso.com; kernel mode decrypts with WEB01$ unless
    // useAppPoolCredentials is true (reference §4.4).
    const pool = { identityType: 'SpecificUser' as const, userName: 'CONTOSO\\svc-web' };
    const machineKey = await signIn(webServer(pool, { useAppPoolCredentials: false }));
    expect(machineKey.result.exchange.verdict).toBe('refused');
    const answer = machineKey.result.evidence.find((item) => item.kind === 'live-authenticated-request');
    expect(answer?.facts).toMatchObject({
      status: 401,
      responseToken: { kind: 'kerberos-error', kerberosError: { code: 41, name: 'KRB_AP_ERR_MODIFIED' } },
    });
    expect(machineKey.causes).toEqual(['spn-wrong-account']);
    const poolKey = await signIn(webServer(pool, { useAppPoolCredentials: true }));
    expect(poolKey.result.exchange.verdict).toBe('signed-in');
  });

  it('lets the KDC pick the other account of a duplicate SPN (the failing half of an intermittent failure)', async () => {
    const input = webServer(
      { identityType: 'SpecificUser', userName: 'CONTOSO\\svc-web' },
      { useAppPoolCredentials: true },
    );
    input.directory?.accounts?.push({
      samAccountName: 'svc-web-old',
      kind: 'user',
      spns: ['HTTP/web01.contoso.com'],
    });
    expect((await signIn(input)).result.exchange.verdict).toBe('refused');
  });

  it('asks for the SPN of the canonical name behind a CNAME; an unknown SPN is KDC_ERR_S_PRINCIPAL_UNKNOWN', async () => {
    const input: ScenarioInput = {
      ...workstation,
      target: { url: 'https://intranet.contoso.com/', symptom: 'check-everything' },
      dns: {
        records: [
          { type: 'CNAME', name: 'intranet.contoso.com', canonicalName: 'web01.contoso.com' },
          { type: 'A', name: 'web01.contoso.com', address: '10.0.0.21' },
        ],
      },
      workstation: { spnsKnownToKdc: ['HTTP/intranet.contoso.com'] },
    };
    const { result, causes } = await signIn(input);
    expect(result.exchange.spn).toBe('HTTP/web01.contoso.com');
    expect(result.evidence.find((item) => item.kind === 'live-anonymous-request')?.facts).toMatchObject({
      remoteAddress: '10.0.0.21',
    });
    expect(causes).toEqual(['cname-alias-spn']);
    const unknown = await signIn({ ...input, workstation: { spnsKnownToKdc: [] } });
    expect(unknown.causes).toEqual(['spn-missing']);
  });

  it('does not resolve names a dns section leaves out, and refuses or distrusts as webServer says', async () => {
    const missing = await signIn({ ...workstation, dns: { records: [] } });
    expect(missing.result.exchange.verdict).toBe('network-error');
    expect(missing.result.evidence[0]?.facts).toMatchObject({ failure: { kind: 'dns-not-found' } });
    const refused = await signIn({ ...workstation, webServer: { reachable: false } });
    expect(refused.result.exchange.summary).toMatch(/refused the connection/);
    const untrusted = await signIn({ ...workstation, webServer: { certificate: { trusted: false } } });
    expect(untrusted.result.exchange.summary).toMatch(/does not trust/);
  });

  it('answers what webServer says for a site the machine does not run: its offers, the account that decrypts', async () => {
    const ntlmOnly = await signIn({
      ...workstation,
      webServer: { anonymous: { status: 401, offers: ['NTLM'] } },
    });
    expect(ntlmOnly.causes).toEqual(['providers-misconfigured']);
    const otherAccount = await signIn({
      ...workstation,
      directory: {
        netbiosDomain: 'CONTOSO',
        dnsDomain: 'contoso.com',
        accounts: [{ samAccountName: 'svc-old', kind: 'user', spns: ['HTTP/intranet.contoso.com'] }],
      },
      webServer: { decryptingAccount: 'CONTOSO\\svc-intranet' },
    });
    expect(otherAccount.result.exchange.verdict).toBe('refused');
    expect(otherAccount.causes).toEqual(['spn-wrong-account']);
  });

  it('gives HTTP 400 from http.sys when the token does not fit MaxFieldLength', async () => {
    const big = await signIn({ ...workstation, workstation: { kerberosTokenBytes: 14000 } });
    expect(big.causes).toEqual(['kerberos-token-too-large']);
    expect(
      big.result.evidence.find((item) => item.kind === 'live-authenticated-request')?.facts,
    ).toMatchObject({
      status: 400,
      server: 'Microsoft-HTTPAPI/2.0',
    });
    const raised = await signIn({
      ...workstation,
      workstation: { kerberosTokenBytes: 14000 },
      webServer: { httpSysLimits: { maxFieldLength: 20000, maxRequestBytes: 20000 } },
    });
    expect(raised.result.exchange.verdict).toBe('signed-in');
  });

  it('meets an unreachable KDC, a skewed clock, or no domain credentials (then NTLM) as Windows does', async () => {
    const offline = await signIn({ ...workstation, workstation: { domainController: null } });
    expect(offline.causes).toEqual(['kdc-unreachable']);
    const skewed = await signIn({ ...workstation, workstation: { clockOffsetSeconds: 600 } });
    expect(skewed.causes).toEqual(['clock-skew']);
    const local = await signIn({
      ...workstation,
      machine: { ...workstation.machine, user: { name: 'bob', domain: 'WS01', kind: 'local' } },
    });
    const answer = local.result.evidence.find((item) => item.kind === 'live-authenticated-request');
    expect(answer?.facts).toMatchObject({
      requestToken: { kind: 'ntlm-negotiate' },
      status: 401,
      responseToken: { kind: 'ntlm-challenge' },
    });
    expect(local.causes).toContain('local-account-ntlm');
  });
});
