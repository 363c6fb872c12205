/**
 * The live-sign-in and dns:name probes of a diagnosis on a real (not simulated) machine, against
 * the real lab (MIT KDC, Apache with mod_auth_gssapi, dnsmasq): the engine hands them its
 * network settings, their evidence is the live test's, and the diagnosis names the lab site's
 * cause — the same path the app takes on Windows, where the host is the PowerShell host.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labMaySkip, labPackagesMissing, startLab, type Lab } from '../lab/lab.js';
import { suiteResource } from '../lab/suite-resource.js';
import { diagnose } from '../../electron/engine/diagnose.js';
import { HostError, type Host } from '../../electron/host/host.js';
import { reportHandshake } from '../../shared/report/report-handshake.js';

const kerberosMissing = (() => {
  try {
    createRequire(import.meta.url).resolve('kerberos');
    return [];
  } catch {
    return ['kerberos (npm, optional dependency)'];
  }
})();
const missing = [...labPackagesMissing(), ...kerberosMissing];
if (missing.length > 0) console.warn(`[lab] skipping the live probe tests, missing: ${missing.join(', ')}`);

/**
 * A real machine as far as these probes care: no `simulatedSignIn`, so they use the network.
 * The answer "a 401 only in a trace" plans only the live sign-in and the DNS lookup, so no
 * other primitive is asked; any that were would fail loudly.
 */
const realMachine: Host = {
  describe: () => ({ kind: 'powershell', machine: 'LAB-CLIENT' }),
  machineIdentity: async () => ({
    computerName: 'LAB-CLIENT',
    domain: 'CONTOSO',
    dnsDomain: 'contoso.test',
    user: { name: 'alice', domain: 'CONTOSO', kind: 'domain' },
    os: 'Debian (lab)',
    isServer: false,
    elevated: false,
  }),
  readRegistryTree: () => Promise.reject(new HostError('not in this test', 'not-supported')),
  setRegistryValue: () => Promise.reject(new HostError('not in this test', 'not-supported')),
  deleteRegistryValue: () => Promise.reject(new HostError('not in this test', 'not-supported')),
  deleteEmptyRegistryKey: () => Promise.reject(new HostError('not in this test', 'not-supported')),
  runTool: () => Promise.reject(new HostError('not in this test', 'not-supported')),
  windowsZoneForUrl: async () => null,
  close: async () => {},
};

describe.skipIf(labMaySkip(missing))('live probes in a diagnosis against the lab', () => {
  let lab: Lab;
  const suiteLab = suiteResource(startLab);
  beforeAll(async () => {
    lab = await suiteLab.start();
  }, 60_000);
  afterAll(() => suiteLab.stop(), 90_000);

  const diagnoseSite = (site: 'good' | 'stale-key' | 'cname-alias') =>
    diagnose(
      realMachine,
      { url: lab.sites[site].url, symptom: 'http-401', answers: { 'which-401': 'only-in-a-trace' } },
      {
        liveTest: {
          dnsServer: lab.dnsServer,
          dnsSearch: [lab.dnsSearch],
          kerberosEnv: lab.clientEnv,
          timeoutMs: 8_000,
          trustedCertificates: [lab.certificatePem],
        },
      },
    );

  it('names the normal first 401 for a working site, with the sign-in drawn from real evidence', async () => {
    const diagnosis = await diagnoseSite('good');
    expect(diagnosis.probes.map((run) => [run.probe, run.status])).toEqual([
      ['live-sign-in', 'ok'],
      ['dns:name', 'ok'],
    ]);
    expect(diagnosis.findings.map((finding) => finding.cause)).toEqual(['challenge-normal']);
    for (const item of diagnosis.evidence) expect(item.summary).not.toMatch(/^Simulated/);
    expect(reportHandshake(diagnosis.target.url, diagnosis.evidence)?.verdict).toBe('signed-in');
    const tokenSize = diagnosis.evidence.find((item) => item.kind === 'negotiate-token-size');
    expect(tokenSize?.facts).toMatchObject({ mechanism: 'kerberos' });
  });

  it('proves a server that cannot decrypt the ticket, and follows a CNAME in DNS', async () => {
    expect((await diagnoseSite('stale-key')).findings.map((finding) => finding.cause)).toEqual([
      'spn-wrong-account',
    ]);
    const alias = await diagnoseSite('cname-alias');
    expect(alias.findings.map((finding) => finding.cause)).toEqual(['cname-alias-spn']);
    const dns = alias.evidence.find((item) => item.kind === 'dns-name');
    expect(dns?.facts).toMatchObject({ canonicalName: expect.stringMatching(/^srv01\./) });
  });
});
