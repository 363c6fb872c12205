/**
 * Live handshake against the lab: our whole live sign-in test (DNS like a browser, anonymous
 * request, Negotiate token for the browser SPN, signed request on the same connection, token
 * decoding, evidence and findings) beside `curl --negotiate -u :` doing the same HTTP exchange
 * (anonymous 401, SPNEGO token, 200 with mutual authentication), N times each; prints medians.
 *
 * Our Kerberos client runs in this process, as in the app: the lab identity is put into this
 * process's environment before the kerberos package is first used.
 *
 * Equal DNS terms: our run looks the name up once at the lab's dnsmasq (the connection reuses
 * that lookup). curl cannot be pointed at a DNS server on a high port (no c-ares here), so its
 * timed run includes the same lookup — an A query for the host at the lab's dnsmasq, made with
 * Node's resolver just before curl starts — and hands the answer to curl with --resolve.
 *
 * Run: npx tsx bench/handshake.bench.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { labPackagesMissing, startLab } from '../e2e/lab/lab.js';
import { findExecutable } from '../e2e/lab/find-executable.js';
import { runLiveSignInTest } from '../electron/live/run-live-sign-in-test.js';

const runs = Math.max(3, Number(process.argv[2] ?? 30) || 30);
const warmUp = 3;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function main(): Promise<void> {
  const curl = findExecutable('curl');
  const missing = [...labPackagesMissing(), ...(curl ? [] : ['curl (curl)'])];
  if (missing.length > 0) {
    console.log(`handshake: skipped, missing ${missing.join(', ')}`);
    return;
  }
  const lab = await startLab();
  try {
    for (const [name, value] of Object.entries(lab.clientEnv)) process.env[name] = value;
    const site = lab.sites.good;
    const resolver = new Resolver({ timeout: 3_000, tries: 1 });
    resolver.setServers([lab.dnsServer]);
    const curlArgs = (address: string): string[] => [
      '-sS',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '--max-time',
      '10',
      '--negotiate',
      '-u',
      ':',
      '--resolve',
      `${site.host}:${site.port}:${address}`,
      site.url,
    ];
    const curlEnv = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...lab.clientEnv };

    // Interleaved, so both see the same load on a shared machine.
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let index = 0; index < warmUp + runs; index += 1) {
      let started = performance.now();
      const result = await runLiveSignInTest(site.url, { dnsServer: lab.dnsServer, timeoutMs: 10_000 });
      const oursElapsed = performance.now() - started;
      if (result.exchange.verdict !== 'signed-in')
        throw new Error(`our handshake did not sign in: ${result.exchange.summary}`);

      started = performance.now();
      const [address] = await resolver.resolve4(site.host);
      const answer = spawnSync(curl as string, curlArgs(address as string), {
        env: curlEnv,
        encoding: 'utf8',
        timeout: 15_000,
      });
      const curlElapsed = performance.now() - started;
      if (answer.stdout.trim() !== '200')
        throw new Error(`curl did not sign in: ${answer.stdout} ${answer.stderr}`);

      if (index >= warmUp) {
        ours.push(oursElapsed);
        theirs.push(curlElapsed);
      }
    }

    const oursMedian = median(ours);
    const curlMedian = median(theirs);
    console.log(
      `runs: ${runs} each, interleaved, after ${warmUp} warm-up runs, against ${site.url} (${site.reproduces})`,
    );
    console.log(
      `ours: median ${oursMedian.toFixed(1)} ms, min ${Math.min(...ours).toFixed(1)} ms, max ${Math.max(...ours).toFixed(1)} ms`,
    );
    console.log(
      `curl: median ${curlMedian.toFixed(1)} ms, min ${Math.min(...theirs).toFixed(1)} ms, max ${Math.max(...theirs).toFixed(1)} ms`,
    );
    console.log(
      `handshake: ours ${oursMedian.toFixed(1)} ms, curl ${curlMedian.toFixed(1)} ms, ours/curl ${(oursMedian / curlMedian).toFixed(2)}`,
    );
  } finally {
    await lab.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`handshake bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
