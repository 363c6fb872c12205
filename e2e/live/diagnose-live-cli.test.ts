/**
 * `iwa-doctor diagnose <url> --live` as a person runs it — a separate Node process whose user is
 * signed in to the lab realm (KRB5_CONFIG, KRB5CCNAME) — against the real lab (MIT KDC, Apache
 * with mod_auth_gssapi, dnsmasq): every lab site gives its cause id, in JSON and in text.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labMaySkip, labPackagesMissing, startLab, type Lab } from '../lab/lab.js';
import { labSitePlans } from '../lab/lab-sites.js';
import { liveTestResultSchema } from '../../shared/live/live-test-result.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const kerberosMissing = (() => {
  try {
    createRequire(import.meta.url).resolve('kerberos');
    return [];
  } catch {
    return ['kerberos (npm, optional dependency)'];
  }
})();
const missing = [...labPackagesMissing(), ...kerberosMissing];
if (missing.length > 0)
  console.warn(`[lab] skipping diagnose --live CLI tests, missing: ${missing.join(', ')}`);

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function iwaDoctor(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        join(repositoryRoot, 'node_modules/tsx/dist/cli.mjs'),
        join(repositoryRoot, 'electron/cli/iwa-doctor.ts'),
        ...args,
      ],
      // Only the lab identity: no Kerberos settings of whoever runs the tests leak in.
      {
        cwd: repositoryRoot,
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: tmpdir(), ...env },
        timeout: 40_000,
        maxBuffer: 4 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(labMaySkip(missing))('iwa-doctor diagnose --live against the lab', () => {
  let lab: Lab;
  let dir: string;
  let labArgs: string[];
  beforeAll(async () => {
    lab = await startLab();
    dir = await mkdtemp(join(tmpdir(), 'iwa-live-cli-'));
    const caFile = join(dir, 'lab-ca.pem');
    await writeFile(caFile, lab.certificatePem);
    labArgs = ['--dns-server', lab.dnsServer, '--ca-file', caFile, '--timeout', '8000'];
  }, 60_000);
  afterAll(async () => {
    await lab?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const plan of labSitePlans) {
    it(`--json: ${plan.id} (${plan.reproduces}) is ${plan.expectedCause}`, async () => {
      const run = await iwaDoctor(
        ['diagnose', lab.sites[plan.id].url, '--live', '--json', ...labArgs],
        lab.clientEnv,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const result = liveTestResultSchema.parse(JSON.parse(run.stdout));
      expect(result.findings.map((finding) => finding.cause)).toEqual([plan.expectedCause]);
      // A token is a secret: the JSON carries decoded facts, never the base64 itself.
      expect(run.stdout).not.toMatch(/[A-Za-z0-9+/]{80,}/);
    }, 45_000);
  }

  it('text: the good site, step by step, with the ticket and the mutual authentication', async () => {
    const run = await iwaDoctor(['diagnose', lab.sites.good.url, '--live', ...labArgs], lab.clientEnv);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('SPN a browser asks for: HTTP/web01.contoso.test');
    expect(run.stdout).toMatch(
      /^ 5\. {3}client -> server: GET \/ with Authorization: Negotiate\n {8}Kerberos ticket for HTTP\/web01\.contoso\.test in CONTOSO\.TEST/m,
    );
    expect(run.stdout).toMatch(/^ 6\. ✓ server -> client: 200 OK$/m);
    expect(run.stdout).toMatch(/^\* challenge-normal \(/m);
  }, 45_000);

  it('kdc-unreachable when the realm has no reachable KDC', async () => {
    const run = await iwaDoctor(
      ['diagnose', lab.sites.good.url, '--live', '--json', ...labArgs],
      lab.unreachableKdcEnv,
    );
    expect(run.code).toBe(0);
    expect(
      liveTestResultSchema.parse(JSON.parse(run.stdout)).findings.map((finding) => finding.cause),
    ).toEqual(['kdc-unreachable']);
  }, 45_000);
});
