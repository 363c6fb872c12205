/**
 * The simulated machine's view of the network, for the host's `checkTcpPort`: the domain
 * controller of the `workstation` section answers on the ports a DC listens on (DNS 53,
 * Kerberos 88, RPC 135, LDAP 389, SMB 445, kpasswd 464, LDAPS 636, global catalog 3268) when it
 * is reachable; `kdcPortOpen: false` drops port 88 only, as a firewall rule would; off the
 * network nothing answers before the bound. Any other name does not resolve.
 */
import type { TcpPortAnswer } from '../../../shared/host/tcp-port.js';
import type { Scenario } from '../../../shared/scenario/scenario-schema.js';
import { domainControllerOf } from './tools/workstation-state.js';

const domainControllerPorts: ReadonlySet<number> = new Set([53, 88, 135, 389, 445, 464, 636, 3268]);

export function simulateTcpPort(
  scenario: Scenario,
  host: string,
  port: number,
  timeoutMs: number,
): TcpPortAnswer {
  const dc = domainControllerOf(scenario);
  const wanted = host.toLowerCase();
  const isDc = dc !== null && (wanted === dc.name.toLowerCase() || wanted === dc.address.toLowerCase());
  if (!isDc) {
    return {
      reachable: false,
      host,
      port,
      failure: 'unresolved',
      message: `getaddrinfo ENOTFOUND ${host}`,
      timeoutMs,
    };
  }
  const dropped = !dc.reachable || (port === 88 && !dc.kdcPortOpen);
  if (dropped)
    return {
      reachable: false,
      host,
      port,
      failure: 'timed-out',
      message: `no answer within ${timeoutMs} ms`,
      timeoutMs,
    };
  if (!domainControllerPorts.has(port)) {
    return {
      reachable: false,
      host,
      port,
      failure: 'refused',
      message: `connect ECONNREFUSED ${dc.address}:${port}`,
      timeoutMs,
    };
  }
  return { reachable: true, host, port, address: dc.address };
}
