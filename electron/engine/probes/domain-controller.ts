/**
 * Probe `kerberos:domain-controller`: on a domain member, the DC locator's answer
 * (`nltest /dsgetdc:<dns domain>`) and whether that DC accepts a TCP connection on the Kerberos
 * port 88 within a few seconds (the host's `checkTcpPort`; skipped where the host cannot ask the
 * network). The locator itself talks LDAP/DNS, so a DC can be found while a firewall still
 * drops Kerberos. The clock is the `kerberos:clock` probe's (clock-offset.ts).
 */
import type { Evidence } from '../../../shared/model/evidence.js';
import { describeTcpPortFailure, kerberosPort } from '../../../shared/host/tcp-port.js';
import '../../../shared/rules/workstation/kerberos-client-evidence.js';
import '../../../shared/rules/workstation/workstation-evidence.js';
import type { Host } from '../../host/host.js';
import type { Probe } from '../probe.js';
import { locateDomainController } from './domain-controller-locator.js';

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
  title: 'Whether a domain controller can be found, and whether it answers Kerberos requests',
  async run({ host, machine }) {
    const { domain, result, raw } = await locateDomainController(host, machine);
    const locator: Evidence<'dc-locator'> = {
      id: 'dc-locator',
      probe: this.id,
      kind: 'dc-locator',
      status: result.found && result.isKdc ? 'ok' : 'problem',
      summary: result.found
        ? `Domain controller for ${domain}: ${result.dcName} (${result.dcAddress ?? 'no address'}).`
        : `No domain controller found for ${domain} (status ${result.status}).`,
      facts: { domain, result, unavailableReason: null },
      raw: [raw],
    };
    if (!result.found) return [locator];
    const kdcPort = await checkKdcPort(host, result.dcName, result.dcAddress, this.id);
    return kdcPort ? [locator, kdcPort] : [locator];
  },
};
