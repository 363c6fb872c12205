/**
 * The Node side of the elevated session. The PowerShell side (scripts/elevated-*.ps1) has not
 * been executed anywhere; here its protocol is played by a small peer written in this test,
 * exactly as elevated-server.ps1's header documents it, over a real Unix socket in place of
 * the Windows named pipe. The checks: the UAC command line stays short and carries only
 * fixed code + base64 JSON, the bundle hash, the mutual HMAC proof, request/response ids,
 * and a refused UAC prompt.
 */
import { createHash, randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { HostError } from '../host.js';
import { encodeArguments } from './argument-encoding.js';
import {
  bootstrapCode,
  buildEncodedBootstrap,
  encodeMessage,
  maxEncodedCommandLength,
  sessionMac,
  startElevatedPrimitiveRunner,
} from './elevated-session.js';
import { elevatedBundleBytes, loadPrimitiveScripts } from './primitive-scripts.js';

const scripts = loadPrimitiveScripts();
const socketDirectory = mkdtempSync(join(tmpdir(), 'iwa-elevated-'));
const socketPath = (name: string) => join(socketDirectory, `${name}.sock`);

function decodeBootstrap(encoded: string): { code: string; args: { p: string; s: string; h: string } } {
  const command = Buffer.from(encoded, 'base64').toString('utf16le');
  const match = /^& \{\n([\s\S]*)\n\} '([A-Za-z0-9+/]*={0,2})'$/.exec(command);
  if (!match) throw new Error(`unexpected bootstrap shape: ${command.slice(0, 80)}`);
  return {
    code: match[1]!,
    args: JSON.parse(Buffer.from(match[2]!, 'base64').toString('utf8')) as {
      p: string;
      s: string;
      h: string;
    },
  };
}

/** Reads newline-terminated lines from a socket. */
function lines(socket: Socket): () => Promise<string> {
  let buffer = '';
  const queue: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let index = buffer.indexOf('\n');
    while (index >= 0) {
      const line = buffer.slice(0, index);
      buffer = buffer.slice(index + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else queue.push(line);
      index = buffer.indexOf('\n');
    }
  });
  return () => new Promise((resolve) => (queue.length > 0 ? resolve(queue.shift()!) : waiters.push(resolve)));
}
const decode = (line: string) =>
  JSON.parse(Buffer.from(line, 'base64').toString('utf8')) as Record<string, unknown>;

interface PeerBehaviour {
  readonly proof?: 'right' | 'wrong';
  readonly answer?: (request: Record<string, unknown>) => Record<string, unknown>;
}

/** Plays elevated-bootstrap.ps1 + elevated-server.ps1 as documented in their headers. */
function peer(
  behaviour: PeerBehaviour,
  seen: { requests: Record<string, unknown>[]; bundleHashOk?: boolean },
) {
  return async (encodedCommand: string): Promise<void> => {
    const { args } = decodeBootstrap(encodedCommand);
    const socket = connect(socketPath(args.p));
    const next = lines(socket);
    const bundle = Buffer.from(await next(), 'base64');
    seen.bundleHashOk = createHash('sha256').update(bundle).digest('base64') === args.h;
    const childNonce = randomBytes(32).toString('base64');
    socket.write(encodeMessage({ t: 'hello', nonce: childNonce }));
    const challenge = decode(await next());
    expect(challenge.mac).toBe(sessionMac(args.s, 'server', childNonce));
    const mac =
      behaviour.proof === 'wrong'
        ? sessionMac('not the secret', 'client', String(challenge.nonce))
        : sessionMac(args.s, 'client', String(challenge.nonce));
    socket.write(encodeMessage({ t: 'ready', mac }));
    void (async () => {
      for (;;) {
        const request = decode(await next());
        if (request.t !== 'run') return socket.end();
        seen.requests.push(request);
        socket.write(
          encodeMessage(
            behaviour.answer?.(request) ?? { t: 'result', id: request.id, output: 'printed', failure: null },
          ),
        );
      }
    })();
  };
}

describe('elevated bootstrap command line', () => {
  it('stays under the ShellExecuteEx limit and holds only fixed code and base64 JSON', () => {
    const args = {
      p: `iwa-${randomBytes(12).toString('hex')}`,
      s: randomBytes(18).toString('base64'),
      h: elevatedBundleBytes(scripts).sha256Base64,
    };
    const encoded = buildEncodedBootstrap(scripts, args);
    expect(encoded.length).toBeLessThanOrEqual(maxEncodedCommandLength);
    const decoded = decodeBootstrap(encoded);
    expect(decoded.code).toBe(bootstrapCode(scripts));
    expect(decoded.args).toEqual(args);
    expect(decoded.code).not.toContain(args.p);
    expect(decoded.code).not.toContain(args.s);
  });
});

describe('elevated session protocol (Node side)', () => {
  it('sends the hashed bundle, proves the secret both ways and runs primitives in order', async () => {
    const seen: { requests: Record<string, unknown>[]; bundleHashOk?: boolean } = { requests: [] };
    const runner = await startElevatedPrimitiveRunner({
      scripts,
      launch: peer({}, seen),
      pipePath: socketPath,
      connectTimeoutMs: 10_000,
    });
    expect(seen.bundleHashOk).toBe(true);
    const argumentsBase64 = encodeArguments({ hive: 'HKLM', path: "Software\\$(calc)'", name: 'v' });
    const [first, second] = await Promise.all([
      runner.run('delete-registry-value', argumentsBase64),
      runner.run('machine-identity', encodeArguments({})),
    ]);
    expect([first, second]).toEqual(['printed', 'printed']);
    expect(seen.requests.map((request) => [request.id, request.primitive])).toEqual([
      [1, 'delete-registry-value'],
      [2, 'machine-identity'],
    ]);
    expect(seen.requests[0]!.argumentsBase64).toBe(argumentsBase64);
    await expect(runner.run('start-elevated', encodeArguments({}))).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await runner.close();
  });

  it('refuses a peer that cannot prove the secret', async () => {
    const seen = { requests: [] as Record<string, unknown>[] };
    await expect(
      startElevatedPrimitiveRunner({
        scripts,
        launch: peer({ proof: 'wrong' }, seen),
        pipePath: socketPath,
        connectTimeoutMs: 10_000,
      }),
    ).rejects.toThrow(/could not be trusted: wrong proof of the secret/);
  });

  it('rejects an answer out of step and carries a failure message', async () => {
    const seen = { requests: [] as Record<string, unknown>[] };
    let count = 0;
    const answer = (request: Record<string, unknown>) => {
      count += 1;
      return count === 1
        ? { t: 'result', id: Number(request.id) + 7, output: '' }
        : { t: 'result', id: request.id, output: '', failure: 'primitive is not on the elevated allow-list' };
    };
    const runner = await startElevatedPrimitiveRunner({
      scripts,
      launch: peer({ answer }, seen),
      pipePath: socketPath,
      connectTimeoutMs: 10_000,
    });
    await expect(runner.run('machine-identity', encodeArguments({}))).rejects.toThrow(/out of step/);
    await expect(runner.run('machine-identity', encodeArguments({}))).rejects.toThrow(
      /not on the elevated allow-list/,
    );
    await runner.close();
  });

  it('passes a declined UAC prompt through as elevation-refused', async () => {
    const launch = async () => {
      throw new HostError(
        'start-elevated: The administrator prompt (UAC) was declined.',
        'elevation-refused',
      );
    };
    await expect(
      startElevatedPrimitiveRunner({ scripts, launch, pipePath: socketPath, connectTimeoutMs: 10_000 }),
    ).rejects.toMatchObject({ code: 'elevation-refused' });
  });

  it('gives up when nobody connects in time', async () => {
    await expect(
      startElevatedPrimitiveRunner({
        scripts,
        launch: async () => undefined,
        pipePath: socketPath,
        connectTimeoutMs: 200,
      }),
    ).rejects.toThrow(/no elevated PowerShell connected/);
  });
});
