/**
 * `iwa-doctor diagnose <url> --live` as a person runs it — a separate Node process whose user is
 * signed in to the lab realm (KRB5_CONFIG, KRB5CCNAME) — against the real lab (MIT KDC, Apache
 * with mod_auth_gssapi, dnsmasq): every lab site gives its cause id, in JSON and in text.
 */
import { execFile, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labMaySkip, labPackagesMissing, startLab, type Lab } from '../lab/lab.js';
import { labSitePlans } from '../lab/lab-sites.js';
import { findExecutable } from '../lab/find-executable.js';
import { runBounded } from '../lab/run-bounded.js';
import { suiteResource } from '../lab/suite-resource.js';
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

/**
 * A private mount namespace in which /etc/hosts is the given file: the system resolver (which
 * MIT krb5 uses to canonicalise host names) then knows the lab's names, as a real client's DNS
 * knows the intranet's. Needs unshare(1) and the right to mount (root here, and in CI).
 */
const privateHostsProblem = ((): string | null => {
  const unshare = findExecutable('unshare');
  if (!unshare) return 'unshare (util-linux) is not installed';
  const probe = spawnSync(unshare, ['-m', 'sh', '-c', 'mount --bind /etc/hosts /etc/hosts'], {
    timeout: 10_000,
    encoding: 'utf8',
  });
  return probe.status === 0 ? null : `cannot mount in a private namespace: ${probe.stderr.trim()}`;
})();
if (privateHostsProblem) console.warn(`[lab] skipping the MIT-defaults CLI test (${privateHostsProblem})`);

function withPrivateHosts(hostsFile: string, command: readonly string[]): string[] {
  // "$0" is the hosts file, "$@" the command: nothing becomes shell text.
  return ['-m', 'sh', '-c', 'mount --bind "$0" /etc/hosts && exec "$@"', hostsFile, ...command];
}

function iwaDoctor(
  args: readonly string[],
  env: Record<string, string>,
  options: { hostsFile?: string } = {},
): Promise<CliRun> {
  const command = [
    process.execPath,
    join(repositoryRoot, 'node_modules/tsx/dist/cli.mjs'),
    join(repositoryRoot, 'electron/cli/iwa-doctor.ts'),
    ...args,
  ];
  const [file, ...fileArgs] = options.hostsFile
    ? [findExecutable('unshare') as string, ...withPrivateHosts(options.hostsFile, command)]
    : command;
  return new Promise((resolve) => {
    execFile(
      file as string,
      fileArgs,
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
  // Kept so that a setup that times out while the lab is still starting stops it afterwards.
  const suiteLab = suiteResource(startLab);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iwa-live-cli-'));
    lab = await suiteLab.start();
    const caFile = join(dir, 'lab-ca.pem');
    await writeFile(caFile, lab.certificatePem);
    labArgs = [
      '--dns-server',
      lab.dnsServer,
      '--dns-search',
      lab.dnsSearch,
      '--ca-file',
      caFile,
      '--timeout',
      '8000',
    ];
  }, 60_000);
  afterAll(async () => {
    await suiteLab.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 90_000);

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
    // A fresh cache: the ticket comes from the KDC, so the diagram has its KDC legs (3 and 4).
    const run = await iwaDoctor(
      ['diagnose', lab.sites.good.url, '--live', ...labArgs],
      await lab.freshClientEnv(),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('SPN a browser asks for: HTTP/web01.contoso.test');
    expect(run.stdout).toMatch(
      /^ 5\. {3}client -> server: GET \/ with Authorization: Negotiate\n {8}Kerberos ticket for HTTP\/web01\.contoso\.test in CONTOSO\.TEST/m,
    );
    expect(run.stdout).toMatch(/^ 6\. ✓ server -> client: 200 OK$/m);
    expect(run.stdout).toMatch(/^\* challenge-normal \(/m);
  }, 45_000);

  it.skipIf(privateHostsProblem !== null && !process.env['CI'])(
    'with MIT default client settings and a resolver that knows the names, still asks for exactly the browser SPN',
    async () => {
      // As a real client's DNS would: web and web01 resolve to srv01 (forward), and 127.0.0.1 back to srv01 (rdns).
      const hostsFile = join(dir, 'hosts');
      await writeFile(hostsFile, '127.0.0.1 srv01.contoso.test web.contoso.test web01.contoso.test\n');
      const env = await lab.mitDefaultsEnv();
      // The premise: left alone, MIT turns HTTP@web.contoso.test into HTTP/srv01.contoso.test here.
      const unshare = findExecutable('unshare') as string;
      const kvno = findExecutable('kvno') as string;
      const premise = await runBounded(
        unshare,
        withPrivateHosts(hostsFile, [kvno, '-S', 'HTTP', 'web.contoso.test']),
        {
          env,
        },
      ).catch((error: { stderr?: string }) => ({ stdout: '', stderr: error.stderr ?? '' }));
      expect(premise.stderr).toMatch(
        /HTTP\/srv01\.contoso\.test@CONTOSO\.TEST not found in Kerberos database/,
      );

      const alias = await iwaDoctor(
        ['diagnose', lab.sites['cname-alias'].url, '--live', '--json', ...labArgs],
        env,
        { hostsFile },
      );
      expect(alias.stderr).toBe('');
      const aliasResult = liveTestResultSchema.parse(JSON.parse(alias.stdout));
      expect(aliasResult.findings.map((finding) => finding.cause)).toEqual(['cname-alias-spn']);
      const aliasTicket = aliasResult.evidence.find(
        (item) => item.kind === 'live-kerberos-ticket' && (item.facts as { role: string }).role === 'alias',
      );
      expect(aliasTicket?.facts).toMatchObject({ spn: 'HTTP/web.contoso.test', outcome: 'token' });
      expect(aliasTicket?.facts).toMatchObject({ token: { spn: 'HTTP/web.contoso.test' } });

      // The same in the app's way: the Kerberos client in the test's own process (the overlay goes
      // into that process's environment for each request).
      const inProcess = spawnSync(
        findExecutable('unshare') as string,
        withPrivateHosts(hostsFile, [
          process.execPath,
          join(repositoryRoot, 'node_modules/tsx/dist/cli.mjs'),
          join(repositoryRoot, 'e2e/live/live-test-in-this-process.ts'),
          lab.sites['cname-alias'].url,
          lab.dnsServer,
          lab.dnsSearch,
        ]),
        {
          cwd: repositoryRoot,
          env: {
            PATH: process.env['PATH'] ?? '/usr/bin:/bin',
            HOME: tmpdir(),
            ...(await lab.mitDefaultsEnv()),
          },
          encoding: 'utf8',
          timeout: 40_000,
        },
      );
      expect(inProcess.stderr).toBe('');
      const inProcessResult = liveTestResultSchema.parse(JSON.parse(inProcess.stdout));
      expect(inProcessResult.findings.map((finding) => finding.cause)).toEqual(['cname-alias-spn']);

      const good = await iwaDoctor(['diagnose', lab.sites.good.url, '--live', '--json', ...labArgs], env, {
        hostsFile,
      });
      const goodResult = liveTestResultSchema.parse(JSON.parse(good.stdout));
      expect(goodResult.findings.map((finding) => finding.cause)).toEqual(['challenge-normal']);
      expect(goodResult.exchange.legs[4]?.token?.spn).toBe('HTTP/web01.contoso.test');
    },
    60_000,
  );

  it('a KDC that never answers: the finding comes at the time limit and the command ends', async () => {
    const args = labArgs.map((arg, index) => (labArgs[index - 1] === '--timeout' ? '1500' : arg));
    const started = Date.now();
    const run = await iwaDoctor(
      ['diagnose', lab.sites.good.url, '--live', '--json', ...args],
      lab.silentKdcEnv,
    );
    const elapsedMs = Date.now() - started;
    expect(run.code).toBe(0);
    const result = liveTestResultSchema.parse(JSON.parse(run.stdout));
    expect(result.findings.map((finding) => `${finding.cause}:${finding.confidence}`)).toEqual([
      'kdc-unreachable:likely',
    ]);
    expect(result.exchange.legs.at(-1)?.detail).toBe(
      'Kerberos ticket request for HTTP/web01.contoso.test timed out after 1500 ms',
    );
    // libkrb5 keeps retrying a silent KDC for about 25 s after our limit; the command must not
    // wait for it (a bound with room for tsx's start-up, not a speed claim).
    expect(elapsedMs).toBeLessThan(20_000);
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

describe('iwa-doctor diagnose --live against a web server that never answers', () => {
  let server: Server | undefined;
  afterAll(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it('--timeout bounds the request and the result says so, in JSON and in text', async () => {
    const connections = new Set<Socket>();
    server = createServer((socket) => {
      connections.add(socket); // accepts, reads, never answers
      socket.resume();
      socket.once('close', () => connections.delete(socket));
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    const json = await iwaDoctor(['diagnose', url, '--live', '--json', '--timeout', '1000'], {});
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const result = liveTestResultSchema.parse(JSON.parse(json.stdout));
    expect(result.exchange.verdict).toBe('network-error');
    expect(result.exchange.summary).toBe(`127.0.0.1:${new URL(url).port} did not answer in time.`);
    const anonymous = result.evidence.find((item) => item.kind === 'live-anonymous-request');
    expect(anonymous?.raw[0]?.text).toMatch(/\(ETIMEDOUT\)$/);
    const text = await iwaDoctor(['diagnose', url, '--live', '--timeout', '1000'], {});
    expect(text.stdout).toContain('did not answer in time.');
    expect(text.stdout).toContain('No cause found.');
    for (const socket of connections) socket.destroy();
  }, 45_000);
});
