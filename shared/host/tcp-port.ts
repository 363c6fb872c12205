/**
 * The answer to "does <host> accept a TCP connection on <port>?", asked with a bounded wait —
 * used for the Kerberos port (TCP 88) of the domain controller (kdc-unreachable, causes.md;
 * reference §6.1 "no logon servers / DC or KDC proxy unreachable"). Only the connection is
 * opened and closed again; nothing is sent.
 */

export type TcpPortFailure =
  /** The name did not resolve to an address. */
  | 'unresolved'
  /** Something answered and refused the connection (nothing listens on the port). */
  | 'refused'
  /** No answer within the bound: a firewall dropping packets, or the host is down or off this network. */
  | 'timed-out'
  /** No route to the host or network (off the company network, VPN down). */
  | 'unreachable'
  | 'failed';

export type TcpPortAnswer =
  | { readonly reachable: true; readonly host: string; readonly port: number; readonly address: string }
  | {
      readonly reachable: false;
      readonly host: string;
      readonly port: number;
      readonly failure: TcpPortFailure;
      /** The system's own words (e.g. "connect ECONNREFUSED 10.0.0.10:88"). */
      readonly message: string;
      readonly timeoutMs: number;
    };

/** The port the Kerberos service of a domain controller listens on (RFC 4120 §7.2.3). */
export const kerberosPort = 88;

/** A failure in plain words, for evidence and findings. */
export function describeTcpPortFailure(answer: Extract<TcpPortAnswer, { reachable: false }>): string {
  switch (answer.failure) {
    case 'unresolved':
      return `the name ${answer.host} could not be found`;
    case 'refused':
      return `${answer.host} refused the connection on port ${answer.port} (nothing listens there)`;
    case 'timed-out':
      return `${answer.host} did not answer on port ${answer.port} within ${answer.timeoutMs / 1000} s (a firewall may drop it, or the computer is off this network)`;
    case 'unreachable':
      return `there is no network route to ${answer.host}`;
    case 'failed':
      return `connecting to ${answer.host} on port ${answer.port} failed (${answer.message})`;
  }
}
