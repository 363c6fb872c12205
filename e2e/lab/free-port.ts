/**
 * A free high port on 127.0.0.1 for a lab daemon. Asks the kernel (port 0) for a TCP port and
 * checks the same number is free for UDP too, since the KDC and dnsmasq listen on both.
 * There is a small window before the daemon binds it; callers retry a failed start.
 */
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';

export const labAddress = '127.0.0.1';

export async function freePort(options: { udpToo?: boolean } = {}): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await freeTcpPort();
    if (port < 1024) continue;
    if (!options.udpToo || (await udpPortFree(port))) return port;
  }
  throw new Error('no free port on 127.0.0.1 after 20 attempts');
}

function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: labAddress, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function udpPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind({ address: labAddress, port, exclusive: true }, () => {
      socket.close(() => resolve(true));
    });
  });
}
