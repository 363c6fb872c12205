/**
 * The elevated PowerShell (design.md, Seams → Host: "Elevated primitives run in a separate
 * elevated PowerShell started with UAC, through the same encoding").
 *
 * UNTESTED ON WINDOWS: nothing in this file has been executed against a real powershell.exe,
 * a real UAC prompt or a real Windows named pipe. The Node side of the protocol is tested here
 * (elevated-session.test.ts); the PowerShell side (scripts/elevated-*.ps1) is reviewed only.
 *
 * How it works:
 * 1. The parent (Node) listens on a named pipe with a random name and draws a random secret.
 * 2. The normal session runs start-elevated.ps1 with { encodedCommand } as base64 JSON; that
 *    script starts powershell.exe -EncodedCommand <stage 1> with the "runas" verb (UAC).
 *    Stage 1 is fixed text (scripts/elevated-bootstrap.ps1, comment lines removed to keep the
 *    ShellExecuteEx command line under about 2 KB); its only argument is base64 JSON
 *    { p: pipe name, s: secret, h: SHA-256 of the bundle }.
 * 3. Stage 1 connects, reads the bundle (stage 2 + prelude + primitives + epilogue, all fixed
 *    files) and runs stage 2 only when its SHA-256 equals h.
 * 4. Stage 2 and the parent prove the secret to each other with HMAC-SHA256 over fresh nonces
 *    (the secret itself never crosses the pipe), then stage 2 answers requests
 *    { t:'run', id, primitive, argumentsBase64 } with the primitive's stdout, captured.
 * A declined UAC prompt is HostError 'elevation-refused'; no connection in time is 'failed'.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { Buffer } from 'node:buffer';
import { z } from 'zod';
import { HostError } from '../host.js';
import { elevatedBundleBytes, type PrimitiveScripts } from './primitive-scripts.js';
import { elevatedPrimitives, type SessionPrimitive } from './primitive-names.js';
import type { PrimitiveRunner } from './primitive-runner.js';

/** ShellExecuteEx has been observed to fail above INTERNET_MAX_URL_LENGTH (2083) characters of parameters. */
export const maxEncodedCommandLength = 1900;
const maxLineLength = 64 * 1024 * 1024;

export interface BootstrapArguments {
  /** Pipe name without the \\.\pipe\ prefix. */
  readonly p: string;
  /** Session secret (base64). */
  readonly s: string;
  /** Base64 SHA-256 of the bundle bytes. */
  readonly h: string;
}

/** Stage 1 without its comment lines: every remaining line is code, none is blank. */
export function bootstrapCode(scripts: PrimitiveScripts): string {
  return scripts.elevatedBootstrap
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .map((line) => line.trim())
    .join('\n');
}

/** The -EncodedCommand value: base64 of the UTF-16LE text `& { <stage 1> } '<base64 JSON>'`. */
export function buildEncodedBootstrap(scripts: PrimitiveScripts, args: BootstrapArguments): string {
  const argumentsBase64 = Buffer.from(JSON.stringify(args), 'utf8').toString('base64');
  const command = `& {\n${bootstrapCode(scripts)}\n} '${argumentsBase64}'`;
  const encoded = Buffer.from(command, 'utf16le').toString('base64');
  if (encoded.length > maxEncodedCommandLength) {
    throw new HostError(
      `the elevated bootstrap is ${encoded.length} characters encoded, above ${maxEncodedCommandLength}`,
      'failed',
    );
  }
  return encoded;
}

export function sessionMac(secret: string, role: 'server' | 'client', nonce: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(`${role}|${nonce}`, 'utf8')
    .digest('base64');
}

function sameMac(expected: string, actual: unknown): boolean {
  if (typeof actual !== 'string') return false;
  const left = Buffer.from(expected, 'utf8');
  const right = Buffer.from(actual, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export function encodeMessage(message: unknown): string {
  return `${Buffer.from(JSON.stringify(message), 'utf8').toString('base64')}\n`;
}

const helloSchema = z.object({ t: z.literal('hello'), nonce: z.string().min(40).max(64) });
const readySchema = z.object({ t: z.literal('ready'), mac: z.string() });
const resultSchema = z.object({
  t: z.literal('result'),
  id: z.number().int(),
  output: z.preprocess((value) => value ?? '', z.string()),
  failure: z.string().nullable().optional(),
});

/** Reads base64-JSON lines from a socket, one at a time, bounded. */
class LineReader {
  private buffer = '';
  private readonly lines: string[] = [];
  private waiting: { resolve: (line: string) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      if (this.buffer.length > maxLineLength)
        return this.fail(new HostError('the elevated session sent a line that is too long', 'failed'));
      let newline = this.buffer.indexOf('\n');
      while (newline >= 0) {
        this.lines.push(this.buffer.slice(0, newline).replace(/\r$/, ''));
        this.buffer = this.buffer.slice(newline + 1);
        newline = this.buffer.indexOf('\n');
      }
      this.deliver();
    });
    socket.on('close', () => this.fail(new HostError('the elevated session ended', 'failed')));
    socket.on('error', (error) =>
      this.fail(new HostError(`the elevated session pipe failed: ${error.message}`, 'failed')),
    );
  }

  next(timeoutMs: number): Promise<unknown> {
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(
          new HostError(
            `the elevated session did not answer within ${Math.round(timeoutMs / 1000)} s`,
            'failed',
          ),
        );
      }, timeoutMs);
      this.waiting = {
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.deliver();
    }).then((line) => {
      try {
        return JSON.parse(Buffer.from(line, 'base64').toString('utf8')) as unknown;
      } catch {
        throw new HostError('the elevated session sent a line that is not base64 JSON', 'failed');
      }
    });
  }

  private deliver(): void {
    if (!this.waiting) return;
    const line = this.lines.shift();
    if (line !== undefined) {
      const waiting = this.waiting;
      this.waiting = null;
      waiting.resolve(line);
    } else if (this.failure) {
      const waiting = this.waiting;
      this.waiting = null;
      waiting.reject(this.failure);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.deliver();
  }
}

export interface ElevatedSessionOptions {
  readonly scripts: PrimitiveScripts;
  /** Runs start-elevated.ps1 in the normal session (UAC prompt); rejects with 'elevation-refused' on No. */
  readonly launch: (encodedCommand: string) => Promise<void>;
  /** How long to wait for the person to answer UAC and the process to connect. */
  readonly connectTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** Maps a pipe name to the path Node listens on; Windows: \\.\pipe\<name>. */
  readonly pipePath?: (pipeName: string) => string;
}

function windowsPipePath(pipeName: string): string {
  return `\\\\.\\pipe\\${pipeName}`;
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function firstConnection(server: Server, timeoutMs: number, launched: Promise<void>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new HostError(
            `no elevated PowerShell connected within ${Math.round(timeoutMs / 1000)} s`,
            'failed',
          ),
        ),
      timeoutMs,
    );
    launched.catch((error: unknown) => {
      clearTimeout(timer);
      reject(error);
    });
    server.once('connection', (socket) => {
      clearTimeout(timer);
      // One client only: stop listening, so nobody else can take a second instance.
      server.close();
      resolve(socket);
    });
  });
}

export async function startElevatedPrimitiveRunner(
  options: ElevatedSessionOptions,
): Promise<PrimitiveRunner> {
  const pipeName = `iwa-${randomBytes(12).toString('hex')}`;
  const secret = randomBytes(18).toString('base64');
  const { bytes, sha256Base64 } = elevatedBundleBytes(options.scripts);
  const encodedCommand = buildEncodedBootstrap(options.scripts, { p: pipeName, s: secret, h: sha256Base64 });
  const requestTimeoutMs = options.requestTimeoutMs ?? 180_000;

  const server = createServer();
  server.maxConnections = 1;
  await listen(server, (options.pipePath ?? windowsPipePath)(pipeName));
  let socket: Socket;
  try {
    const launched = options.launch(encodedCommand);
    socket = await firstConnection(server, options.connectTimeoutMs ?? 180_000, launched);
  } catch (error) {
    server.close();
    throw error;
  }
  const reader = new LineReader(socket);
  const untrusted = (message: string) =>
    new HostError(`the elevated session could not be trusted: ${message}`, 'failed');
  try {
    socket.write(`${bytes.toString('base64')}\n`);
    const hello = helloSchema.safeParse(await reader.next(60_000));
    if (!hello.success) throw untrusted('it did not say hello');
    const parentNonce = randomBytes(32).toString('base64');
    socket.write(
      encodeMessage({
        t: 'challenge',
        nonce: parentNonce,
        mac: sessionMac(secret, 'server', hello.data.nonce),
      }),
    );
    const ready = readySchema.safeParse(await reader.next(60_000));
    if (!ready.success || !sameMac(sessionMac(secret, 'client', parentNonce), ready.data.mac))
      throw untrusted('wrong proof of the secret');
  } catch (error) {
    socket.destroy();
    throw error;
  }

  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  return {
    run(primitive: SessionPrimitive, argumentsBase64: string): Promise<string> {
      if (closed)
        return Promise.reject(new HostError(`${primitive}: the elevated session is closed`, 'failed'));
      if (!(elevatedPrimitives as readonly string[]).includes(primitive)) {
        return Promise.reject(
          new HostError(`${primitive} does not run in the elevated session`, 'invalid-argument'),
        );
      }
      const id = nextId++;
      const request = async (): Promise<string> => {
        socket.write(encodeMessage({ t: 'run', id, primitive, argumentsBase64 }));
        const answer = resultSchema.safeParse(await reader.next(requestTimeoutMs));
        if (!answer.success || answer.data.id !== id)
          throw new HostError(`${primitive}: the elevated session answered out of step`, 'failed');
        if (answer.data.failure)
          throw new HostError(`${primitive}: ${answer.data.failure.slice(0, 500)}`, 'failed');
        return answer.data.output;
      };
      const result = queue.then(request, request);
      queue = result.catch(() => undefined);
      return result;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await queue;
      socket.end(encodeMessage({ t: 'exit' }));
    },
  };
}
