/**
 * Probe `kerberos:domain-controller`: on a domain member, the DC locator's answer
 * (`nltest /dsgetdc:<dns domain>`) and the clock offset to that DC
 * (`w32tm /stripchart /computer:<dc> /samples:3 /dataonly`, reference §6.3), and whether that
 * DC accepts a TCP connection on the Kerberos port 88 within a few seconds (the host's
 * `checkTcpPort`; skipped where the host cannot ask the network). The locator itself talks
 * LDAP/DNS, so a DC can be found while a firewall still drops Kerberos.
 */
import type { Evidence } from '../../../shared/model/evidence.js';
import { describeTcpPortFailure, kerberosPort } from '../../../shared/host/tcp-port.js';
import '../../../shared/rules/workstation/kerberos-client-evidence.js';
import '../../../shared/rules/workstation/workstation-evidence.js';
import { parseNltestDsGetDc } from '../../../shared/windows-output/nltest-dsgetdc.js';
import { medianOffsetSeconds, parseW32tmStripchart } from '../../../shared/windows-output/w32tm-output.js';
import type { Host } from '../../host/host.js';
import type { Probe } from '../probe.js';
import { ProbeUnavailableError } from '../probe.js';
import { runToolForProbe } from './run-tool-output.js';

/** Kerberos' default clock tolerance: five minutes (reference §6.3). */
export const kerberosClockToleranceSeconds = 300;

/** How long to wait for the DC's Kerberos port: long enough for a VPN link, short enough not to stall the diagnosis. */
export const kdcPortTimeoutMs = 3000;

async function checkKdcPort(
  host: Host,
  dc: string,
  dcAddress: string | null,
  probe: string,
): Promise<Evidence<'kdc-port'> | null> {
  if (!host.checkTcpPort) return null;
  const address = dcAddress ?? dc;
  const answer = await host.checkTcpPort(address, kerberosPort, kdcPortTimeoutMs);
  return {
    id: 'kdc-port',
    probe,
    kind: 'kdc-port',
    status: answer.reachable ? 'ok' : 'problem',
    summary: answer.reachable
      ? `${dc} accepts connections on the Kerberos port (TCP ${kerberosPort}).`
      : `${dc}: ${describeTcpPortFailure(answer)}.`,
    facts: { dc, address, answer },
    raw: [
      {
        label: `TCP connection to ${address}:${kerberosPort} (at most ${kdcPortTimeoutMs / 1000} s)`,
        text: answer.reachable
          ? `connected to ${answer.address}:${kerberosPort}`
          : `${answer.failure}: ${answer.message}`,
      },
    ],
  };
}

export const domainControllerProbe: Probe = {
  id: 'kerberos:domain-controller',
  title: 'Whether a domain controller can be found, and whether the clocks agree',
  async run({ host, machine }) {
    const domain = machine.dnsDomain ?? machine.domain;
    if (domain === null)
      throw new ProbeUnavailableError(
        'this computer is not in a domain, so there is no domain controller to look for',
      );
    const nltest = await runToolForProbe(host, 'nltest', [`/dsgetdc:${domain}`]);
    const result = parseNltestDsGetDc(nltest.run.stdout || nltest.run.stderr);
    const locator: Evidence<'dc-locator'> = {
      id: 'dc-locator',
      probe: this.id,
      kind: 'dc-locator',
      status: result.found && result.isKdc ? 'ok' : 'problem',
      summary: result.found
        ? `Domain controller for ${domain}: ${result.dcName} (${result.dcAddress ?? 'no address'}).`
        : `No domain controller found for ${domain} (status ${result.status}).`,
      facts: { domain, result, unavailableReason: null },
      raw: [nltest.raw],
    };
    if (!result.found) return [locator];
    const kdcPort = await checkKdcPort(host, result.dcName, result.dcAddress, this.id);
    const w32tm = await runToolForProbe(host, 'w32tm', [
      '/stripchart',
      `/computer:${result.dcName}`,
      '/samples:3',
      '/dataonly',
    ]);
    const chart = parseW32tmStripchart(w32tm.run.stdout);
    const offsetSeconds = medianOffsetSeconds(chart);
    const clock: Evidence<'clock-offset'> = {
      id: 'clock-offset',
      probe: this.id,
      kind: 'clock-offset',
      status:
        offsetSeconds === null
          ? 'unavailable'
          : Math.abs(offsetSeconds) >= kerberosClockToleranceSeconds
            ? 'problem'
            : 'ok',
      summary:
        offsetSeconds === null
          ? `The clock of ${result.dcName} could not be read.`
          : `Clock offset to ${result.dcName}: ${offsetSeconds.toFixed(3)} s.`,
      facts: {
        dc: result.dcName,
        offsetSeconds,
        samples: chart.samples,
        toleranceSeconds: kerberosClockToleranceSeconds,
      },
      raw: [w32tm.raw],
    };
    return kdcPort ? [locator, kdcPort, clock] : [locator, clock];
  },
};
