/**
 * A real DNS server for the lab (Debian dnsmasq) on 127.0.0.1 and a high port, authoritative
 * for the lab domain only: A records for the lab hosts and CNAMEs for aliases, nothing forwarded
 * anywhere (`--no-resolv`, `--local`). The live probe is pointed at it through its resolver setting.
 */
import { Resolver } from 'node:dns/promises';
import { join } from 'node:path';
import { requireExecutable } from './find-executable.js';
import { freePort, labAddress } from './free-port.js';
import { startSupervised, type SupervisedProcess } from './supervised-process.js';

export interface DnsRecords {
  readonly domain: string;
  /** Host names answered with 127.0.0.1. */
  readonly addresses: readonly string[];
  /** alias → canonical name; the canonical name must be one of `addresses`. */
  readonly cnames: Readonly<Record<string, string>>;
}

export interface LabDnsServer {
  readonly port: number;
  /** `127.0.0.1:<port>`, the form `dns.Resolver#setServers` takes. */
  readonly server: string;
  stop(): Promise<void>;
}

const hostPattern = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

function checkedHost(host: string): string {
  if (!hostPattern.test(host)) throw new Error(`dns lab: invalid host name ${host}`);
  return host;
}

export async function startDnsServer(
  dir: string,
  records: DnsRecords,
  env: Record<string, string>,
): Promise<LabDnsServer> {
  const dnsmasq = requireExecutable('dnsmasq');
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort({ udpToo: true });
    const args = [
      '--keep-in-foreground',
      '--conf-file=/dev/null',
      '--no-resolv',
      '--no-hosts',
      '--no-poll',
      '--bind-interfaces',
      `--listen-address=${labAddress}`,
      `--port=${port}`,
      `--local=/${checkedHost(records.domain)}/`,
      `--pid-file=${join(dir, 'dnsmasq.pid')}`,
      `--log-facility=${join(dir, 'dnsmasq.log')}`,
      '--user=nobody',
      '--group=nogroup',
      ...records.addresses.map((host) => `--host-record=${checkedHost(host)},${labAddress}`),
      ...Object.entries(records.cnames).map(
        ([alias, target]) => `--cname=${checkedHost(alias)},${checkedHost(target)}`,
      ),
    ];
    const daemon = startSupervised('dnsmasq', dnsmasq, args, { env, cwd: dir });
    try {
      await waitForAnswer(port, records.addresses[0] ?? records.domain, daemon);
      return {
        port,
        server: `${labAddress}:${port}`,
        stop: () => daemon.stop(),
      };
    } catch (error) {
      lastError = error;
      await daemon.stop();
    }
  }
  throw new Error(`dns lab: dnsmasq did not start: ${String(lastError)}`);
}

async function waitForAnswer(port: number, host: string, daemon: SupervisedProcess): Promise<void> {
  const resolver = new Resolver({ timeout: 300, tries: 1 });
  resolver.setServers([`${labAddress}:${port}`]);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (!daemon.running()) throw new Error(`dnsmasq exited: ${daemon.output().trim()}`);
    try {
      await resolver.resolve4(host);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`dnsmasq not answering on ${labAddress}:${port}`);
}
