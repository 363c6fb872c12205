/**
 * The long fuzz run's own guards, run as the real script in a child process against targets
 * that misbehave on purpose (fixtures/misbehaving-fuzz-targets.ts): a hang, unbounded
 * allocation, a foreign exception, a confirmed-slow input and a leak across inputs each fail
 * the run with exit 1, and the input that did it is saved to a file that replays it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const failuresDir = mkdtempSync(join(tmpdir(), 'iwa-fuzz-test-'));
const targetsModule = 'scripts/fixtures/misbehaving-fuzz-targets.ts';

afterAll(() => rmSync(failuresDir, { recursive: true, force: true }));

function fuzz(args: readonly string[]) {
  const result = spawnSync(
    process.execPath,
    [
      resolve(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
      'scripts/fuzz-decoders.ts',
      '--targets-module',
      targetsModule,
      '--failures-dir',
      failuresDir,
      ...args,
    ],
    { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function savedInput(stderr: string): { file: string; bytes: Uint8Array } {
  const file = /saved to (\S+)/.exec(stderr)?.[1] ?? '';
  expect(readdirSync(failuresDir)).toContain(file.slice(failuresDir.length + 1));
  return { file, bytes: Uint8Array.from(readFileSync(file)) };
}

describe('fuzz-decoders.ts guards', () => {
  it.each([
    ['loops on 0x07', 'hung', 0x07, ['--hang-ms', '1000']],
    ['allocates without bound on 0x09', 'out-of-memory', 0x09, ['--hang-ms', '60000', '--heap-mb', '64']],
    ['throws TypeError on 0x0b', 'threw', 0x0b, []],
    ['slow on 0x0c', 'slow', 0x0c, ['--slow-ms', '250']],
  ] as const)(
    '%s: fails as "%s" and saves the input that did it',
    (target, reason, trigger, extra) => {
      const run = fuzz(['--target', target, '--runs', '5000', ...extra]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`FAIL ${target}: ${reason}: `);
      expect(run.stdout).toMatch(/fuzz-decoders: FAILED in/);
      const saved = savedInput(run.stderr);
      expect(saved.bytes[0]).toBe(trigger);
      expect(run.stderr).toContain(`--replay ${saved.file} --target "${target}"`);
    },
    150_000,
  );

  it('replays a saved input through the same guards', () => {
    const failing = fuzz(['--target', 'throws TypeError on 0x0b', '--runs', '5000']);
    const { file } = savedInput(failing.stderr);
    const replay = fuzz(['--replay', file, '--target', 'throws TypeError on 0x0b']);
    expect(replay.status).toBe(1);
    expect(replay.stderr).toMatch(/^FAIL throws TypeError on 0x0b: threw: TypeError: /m);
    const harmless = fuzz(['--replay', file, '--target', 'well behaved']);
    expect(harmless.status).toBe(0);
    expect(harmless.stdout).toMatch(/^well behaved: rejected in [\d.]+ ms$/m);
  }, 150_000);

  it('fails when the heap keeps growing across inputs', () => {
    const run = fuzz([
      '--target',
      'keeps something from every input',
      '--runs',
      '5000',
      '--retained-mb',
      '4',
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /FAIL keeps something from every input: the heap after the run kept [\d.]+ MB more/,
    );
  }, 150_000);

  it('a well-behaved target passes with counts, the slowest input and the peak heap', () => {
    const run = fuzz(['--target', 'well behaved', '--runs', '5000']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^well behaved +\d+ seeds +5,000 inputs +0 decoded +5,000 TokenDecodeError .* slowest [\d.]+ ms \(\d+ bytes; re-run median [\d.]+ ms\) +peak heap [\d.]+ MB/m,
    );
    expect(run.stdout).toMatch(/^fuzz-decoders: ok in /m);
  }, 150_000);

  it('rejects an unknown target with the list of targets', () => {
    const run = fuzz(['--target', 'nope']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^fuzz-decoders: no target "nope"; targets: "loops on 0x07", /);
  });
});
