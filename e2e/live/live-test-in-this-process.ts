/**
 * Runs the live sign-in test with the Kerberos client in this very process — the path the
 * packaged app takes (no helper process) — and prints the result as JSON. For the lab tests
 * that need libkrb5 to see this process's own environment (a vitest worker cannot change it).
 *
 * Usage: tsx e2e/live/live-test-in-this-process.ts <url> <dns-server> <dns-search>
 */
import { runLiveSignInTest } from '../../electron/live/run-live-sign-in-test.js';

const [url, dnsServer, dnsSearch] = process.argv.slice(2);
if (!url || !dnsServer || !dnsSearch) {
  process.stderr.write('usage: live-test-in-this-process.ts <url> <dns-server> <dns-search>\n');
  process.exit(2);
}
const result = await runLiveSignInTest(url, { dnsServer, dnsSearch: [dnsSearch], timeoutMs: 8_000 });
process.stdout.write(`${JSON.stringify(result)}\n`);
