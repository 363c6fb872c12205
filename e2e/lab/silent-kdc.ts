/**
 * A "KDC" that never answers: a UDP socket that reads and drops every datagram and a TCP
 * listener that accepts connections and never writes — what a firewall that drops port 88 (or
 * a dead VPN) looks like to a Kerberos client. MIT krb5 then keeps retrying for much longer
 * than the live test may wait, so the test's own time limit is what ends the ticket request.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { freePort, labAddress } from './free-port.js';

export interface SilentKdc {
  readonly port: number;
  /** Datagrams and TCP connections received so far: proof the client really asked. */
  requestsSeen(): number;
  stop(): Promise<void>;
}

export async function startSilentKdc(): Promise<SilentKdc> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort({ udpToo: true });
    try {
      return await listenSilently(port);
    } catch (error) {
      lastError = error; // another process took the port in between: pick another
    }
  }
  throw new Error(`silent KDC: could not listen: ${String(lastError)}`);
}

async function listenSilently(port: number): Promise<SilentKdc> {
  let seen = 0;
  const connections = new Set<Socket>();
  const udp: UdpSocket = createSocket('udp4');
  udp.on('message', () => {
    seen += 1;
  });
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind({ address: labAddress, port, exclusive: true }, () => resolve());
  });
  const tcp: Server = createServer((connection) => {
    seen += 1;
    connections.add(connection);
    connection.on('error', () => undefined);
    connection.once('close', () => connections.delete(connection));
    connection.resume(); // read and forget
  });
  try {
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen({ host: labAddress, port, exclusive: true }, () => resolve());
    });
  } catch (error) {
    udp.close();
    throw error;
  }
  let stopped = false;
  return {
    port,
    requestsSeen: () => seen,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const connection of connections) connection.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}
