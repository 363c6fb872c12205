/**
 * Network seam (design.md, Seams §2), one small question: does `host` accept a TCP connection on
 * `port` within `timeoutMs`? Node's own socket, run on the machine being checked (on Windows the
 * engine runs there, so this is the workstation's view of the network). Every outcome is a typed
 * answer, never an exception; the socket is always destroyed.
 */
import { connect } from 'node:net';
import type { TcpPortAnswer, TcpPortFailure } from '../../shared/host/tcp-port.js';

export const maxTcpPortTimeoutMs = 30_000;

function failureOf(code: string | undefined): TcpPortFailure {
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return 'unresolved';
    case 'ECONNREFUSED':
      return 'refused';
    case 'ETIMEDOUT':
      return 'timed-out';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
      return 'unreachable';
    default:
      return 'failed';
  }
}

export function checkTcpPort(host: string, port: number, timeoutMs: number): Promise<TcpPortAnswer> {
  if (host.length === 0 || host.length > 253)
    return Promise.reject(new RangeError('host must be 1 to 253 characters'));
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    return Promise.reject(new RangeError('port must be 1..65535'));
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > maxTcpPortTimeoutMs) {
    return Promise.reject(new RangeError(`timeoutMs must be 1..${maxTcpPortTimeoutMs}`));
  }
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (answer: TcpPortAnswer): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(
      () =>
        finish({
          reachable: false,
          host,
          port,
          failure: 'timed-out',
          message: `no answer within ${timeoutMs} ms`,
          timeoutMs,
        }),
      timeoutMs,
    );
    socket.once('connect', () =>
      finish({ reachable: true, host, port, address: socket.remoteAddress ?? host }),
    );
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish({
        reachable: false,
        host,
        port,
        failure: failureOf(error.code),
        message: error.message,
        timeoutMs,
      }),
    );
  });
}
