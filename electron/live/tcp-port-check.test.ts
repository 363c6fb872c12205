/** The TCP port check against real sockets on loopback: a listener, a closed port, a name that does not resolve, and a listener that never answers (the bound). */
import { createServer, type Server } from 'node:net';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTcpPortFailure } from '../../shared/host/tcp-port.js';
import { checkTcpPort } from './tcp-port-check.js';

let server: Server;
let openPort = 0;
let closedPort = 0;

beforeAll(async () => {
  server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  openPort = (server.address() as { port: number }).port;
  // A port that was just free: bind, read it, close — nothing listens there afterwards.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

describe('checkTcpPort', () => {
  it('reports a listening port as reachable, with the address it connected to', async () => {
    expect(await checkTcpPort('127.0.0.1', openPort, 5000)).toEqual({
      reachable: true,
      host: '127.0.0.1',
      port: openPort,
      address: '127.0.0.1',
    });
  });

  it('reports a closed port as refused, in plain words', async () => {
    const answer = await checkTcpPort('127.0.0.1', closedPort, 5000);
    expect(answer).toMatchObject({ reachable: false, failure: 'refused' });
    if (!answer.reachable)
      expect(describeTcpPortFailure(answer)).toBe(
        `127.0.0.1 refused the connection on port ${closedPort} (nothing listens there)`,
      );
  });

  it('reports a name that does not resolve as unresolved (or, without any DNS here, as failed to resolve)', async () => {
    const answer = await checkTcpPort('no-such-dc.invalid', 88, 5000);
    expect(answer.reachable).toBe(false);
    if (!answer.reachable) expect(['unresolved', 'timed-out']).toContain(answer.failure);
  });

  it('stops waiting at the bound and says so when nothing answers', async () => {
    // A listener whose thread never accepts, with a backlog of 1: once its queue is full the
    // kernel drops further connection attempts unanswered — what a firewall that drops packets does.
    const release = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const server = require('node:net').createServer();
       server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         parentPort.postMessage(server.address().port);
         Atomics.wait(workerData, 0, 0);
         server.close();
       });`,
      { eval: true, workerData: release },
    );
    try {
      const port = await new Promise<number>((resolve) => worker.once('message', resolve));
      const answers = [];
      for (let attempt = 0; attempt < 8; attempt++) {
        const answer = await checkTcpPort('127.0.0.1', port, 300);
        answers.push(answer);
        if (!answer.reachable) break;
      }
      const last = answers.at(-1);
      expect(answers[0]?.reachable).toBe(true);
      expect(last).toMatchObject({ reachable: false, failure: 'timed-out', timeoutMs: 300 });
      if (last && !last.reachable) {
        expect(describeTcpPortFailure(last)).toBe(
          '127.0.0.1 did not answer on port ' +
            port +
            ' within 0.3 s (a firewall may drop it, or the computer is off this network)',
        );
      }
    } finally {
      Atomics.store(release, 0, 1);
      Atomics.notify(release, 0);
      await worker.terminate();
    }
  });

  it('refuses arguments outside its bounds before opening anything', async () => {
    await expect(checkTcpPort('', 88, 1000)).rejects.toThrow(/host must be/);
    await expect(checkTcpPort('dc01', 0, 1000)).rejects.toThrow(/port must be/);
    await expect(checkTcpPort('dc01', 88, 60_000)).rejects.toThrow(/timeoutMs must be/);
  });
});
