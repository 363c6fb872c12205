import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { causeIds } from '../../shared/causes/cause-catalog.js';
import { runCli } from './main.js';

const scenario = fileURLToPath(new URL('../../e2e/scenarios/zone-not-intranet.json', import.meta.url));

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe('iwa-doctor CLI', () => {
  it('diagnose --scenario --json prints one JSON document naming the cause', async () => {
    const { code, stdout, stderr } = await cli('diagnose', '--scenario', scenario, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      findings: { cause: string; evidence: string[] }[];
      host: { kind: string };
    };
    expect(result.findings.map((finding) => finding.cause)).toEqual(['zone-not-intranet']);
    expect(result.host.kind).toBe('scenario');
  });

  it("diagnose --scenario uses the scenario's answers, runs every check of the tree, and prints the simulated sign-in", async () => {
    const loopback = fileURLToPath(new URL('../../e2e/scenarios/loopback-check.json', import.meta.url));
    const answered = JSON.parse((await cli('diagnose', '--scenario', loopback, '--json')).stdout) as {
      target: { answers?: Record<string, string> };
      findings: { cause: string }[];
    };
    expect(answered.target.answers).toEqual({ 'where-it-fails': 'on-the-server' });
    expect(answered.findings.map((finding) => finding.cause)).toEqual(['loopback-check']);

    const { stdout } = await cli('diagnose', '--scenario', scenario, '--symptom', 'check-everything');
    expect(stdout).not.toMatch(/not available in this version/);
    const everything = JSON.parse(
      (await cli('diagnose', '--scenario', scenario, '--symptom', 'check-everything', '--json')).stdout,
    ) as { target: { answers?: unknown }; evidence: { probe: string; summary: string }[] };
    expect(everything.target.answers).toBeUndefined();
    const live = everything.evidence.filter((item) => item.probe === 'live-sign-in');
    expect(live.length).toBeGreaterThan(0);
    for (const item of live) expect(item.summary).toMatch(/^Simulated: /);
  });

  it('causes --json lists exactly the catalog ids', async () => {
    const { code, stdout } = await cli('causes', '--json');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { causes: { id: string }[] }).causes.map((cause) => cause.id)).toEqual([
      ...causeIds,
    ]);
  });

  it.each([
    [['diagnose', 'not a url', '--scenario', scenario], /is not a web address/],
    [['diagnose', 'file:///etc/passwd', '--scenario', scenario], /only http:\/\/ and https:\/\//],
    [['diagnose', '--scenario', '/does/not/exist.json'], /does not exist/],
    [['diagnose', '--scenario', scenario, '--symptom', 'bogus'], /unknown symptom "bogus"/],
    [['diagnose', '--scenario', scenario, '--frobnicate'], /unknown option --frobnicate/],
    [['diagnose', 'https://a/', 'https://b/', '--scenario', scenario], /one URL/],
    [['diagnose', 'https://intranet.contoso.com/'], /--scenario/],
    [['nonsense'], /unknown command/],
  ])('bad input %j gives one line on stderr and exit 2', async (argv, message) => {
    const { code, stdout, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a malformed scenario file is refused with the field that is wrong', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iwa-cli-'));
    try {
      const broken = join(dir, 'broken.json');
      await writeFile(broken, JSON.stringify({ format: 'iwa-doctor-scenario', version: 1, id: 'x' }));
      const { code, stderr } = await cli('diagnose', '--scenario', broken, '--json');
      expect(code).toBe(2);
      expect(stderr).toMatch(/^iwa-doctor: .*broken\.json is not a valid scenario: title: /);
      await writeFile(broken, '{"format":');
      expect((await cli('diagnose', '--scenario', broken)).stderr).toMatch(/is not valid JSON/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
