/**
 * A Negotiate (SPNEGO) token for an SPN from the current user's credentials, through the
 * optional `kerberos` package: SSPI on Windows, GSSAPI (MIT krb5) elsewhere (design.md,
 * Network seam). The engine works without it: when the package cannot load, every request
 * answers `unavailable` instead of failing.
 *
 * Two ways to run it:
 * - in this process, for the signed-in user (the app, the CLI, the bench);
 * - in a child Node process with its own environment (KRB5_CONFIG, KRB5CCNAME), because
 *   libkrb5 reads those from the C environment, which a worker thread (vitest) cannot change.
 *
 * Either way each ticket request runs with the client profile of kerberos-client-profile.ts
 * (no DNS canonicalisation by the library, so the SPN asked for is exactly the browser's; a
 * trace that tells whether a KDC was contacted or the ticket came from the cache).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import {
  classifyTicketFailure,
  cleanTicketMessage,
  type TicketOutcome,
} from '../../shared/live/ticket-outcome.js';
import { readKerberosTrace, type KerberosTraceFacts } from '../../shared/live/kerberos-trace.js';
import { createKerberosClientProfile, type KerberosClientProfile } from './kerberos-client-profile.js';

export interface SpnTarget {
  /** `HTTP/<host>[:port]`, as browsers build it (reference §2.4). */
  readonly spn: string;
}

export interface NegotiateSession {
  /** Base64 token for `Authorization: Negotiate <token>`. A secret: never log it. */
  readonly token: string;
  /** Feeds the server's reply token (mutual authentication, reference §8.1). */
  step(serverToken: string): Promise<{ readonly complete: boolean; readonly error: string | null }>;
  close(): Promise<void>;
}

export type NegotiateStart = (
  | { readonly ok: true; readonly session: NegotiateSession }
  | { readonly ok: false; readonly outcome: Exclude<TicketOutcome, 'token'>; readonly message: string }
) & {
  /** What the library's trace says it did (MIT krb5); null where there is no trace (SSPI). */
  readonly trace?: KerberosTraceFacts | null;
};

export interface NegotiateClient {
  start(target: SpnTarget): Promise<NegotiateStart>;
  close(): Promise<void>;
}

/** Subset of the `kerberos` package API used here (kerberos 7, index.d.ts). */
interface KerberosModule {
  GSS_MECH_OID_SPNEGO: number;
  initializeClient(
    service: string,
    options: { mechOID?: number },
  ): Promise<{ step(challenge: string): Promise<string>; contextComplete: boolean }>;
}

const defaultCallTimeoutMs = 15_000;
const kerberosPackage = 'kerberos';

/**
 * The name the library wants: GSSAPI takes a host-based service name `HTTP@host[:port]`
 * (what Chromium's CreateSPN builds on POSIX), SSPI the SPN itself `HTTP/host[:port]` (§2.4).
 */
export function libraryServiceName(spn: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return spn;
  const slash = spn.indexOf('/');
  return slash < 0 ? spn : `${spn.slice(0, slash)}@${spn.slice(slash + 1)}`;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}

function failedStart(message: string, trace: KerberosTraceFacts | null): NegotiateStart {
  const outcome = classifyTicketFailure(message);
  return {
    ok: false,
    outcome: outcome === 'token' ? 'failed' : outcome,
    message: cleanTicketMessage(message),
    trace,
  };
}

function traceOf(profile: KerberosClientProfile, traceFile: string | null): KerberosTraceFacts | null {
  const text = profile.readTrace(traceFile);
  return text === null ? null : readKerberosTrace(text);
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function loadKerberos(): Promise<KerberosModule | string> {
  try {
    // A variable specifier: the package is optional (a native build), so neither the type
    // checker nor the bundler may insist on it being installed.
    const specifier: string = kerberosPackage;
    const loaded = (await import(specifier)) as KerberosModule & { default?: KerberosModule };
    return typeof loaded.initializeClient === 'function' ? loaded : (loaded.default as KerberosModule);
  } catch (error) {
    return `the kerberos package could not be loaded: ${oneLine(error)}`;
  }
}

/**
 * Puts `values` into this process's environment and gives back a function that restores the
 * previous values. In the main thread Node writes process.env through to the C environment
 * that libkrb5 reads when a GSS call creates its krb5 context; a worker thread cannot (tests
 * use the child-process client). The kerberos package runs each call on the libuv thread pool,
 * so the values stay in place until the call has settled; a call that outlives its time limit
 * keeps running there and may see the restored environment, which only affects that
 * abandoned call.
 */
function setProcessEnvironment(values: Readonly<Record<string, string>>): () => void {
  const previous = Object.keys(values).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/** Tokens from the user this process runs as. */
export function createInProcessNegotiateClient(options: { callTimeoutMs?: number } = {}): NegotiateClient {
  const timeoutMs = options.callTimeoutMs ?? defaultCallTimeoutMs;
  const profile = createKerberosClientProfile();
  let kerberos: Promise<KerberosModule | string> | undefined;
  // One ticket request at a time: each one changes the process environment while it runs.
  let previousRequest: Promise<unknown> = Promise.resolve();
  return {
    start(target) {
      const request = previousRequest.then(() => startOne(target));
      previousRequest = request.catch(() => undefined);
      return request;
    },
    async close() {
      await previousRequest;
      profile.dispose();
    },
  };

  async function startOne({ spn }: SpnTarget): Promise<NegotiateStart> {
    kerberos ??= loadKerberos();
    const library = await kerberos;
    if (typeof library === 'string') return { ok: false, outcome: 'unavailable', message: library };
    const { env, traceFile } = profile.requestEnv(process.env);
    const restore = setProcessEnvironment(env);
    try {
      let client: Awaited<ReturnType<KerberosModule['initializeClient']>>;
      let token: string;
      try {
        client = await withTimeout(
          library.initializeClient(libraryServiceName(spn), { mechOID: library.GSS_MECH_OID_SPNEGO }),
          timeoutMs,
          'Kerberos client setup',
        );
        token = await withTimeout(client.step(''), timeoutMs, `Kerberos ticket request for ${spn}`);
      } finally {
        restore();
      }
      return {
        ok: true,
        trace: traceOf(profile, traceFile),
        session: {
          token,
          async step(serverToken) {
            try {
              await withTimeout(client.step(serverToken), timeoutMs, 'Kerberos mutual authentication');
              return { complete: client.contextComplete, error: null };
            } catch (error) {
              return { complete: false, error: oneLine(error) };
            }
          },
          async close() {},
        },
      };
    } catch (error) {
      return failedStart(oneLine(error), traceOf(profile, traceFile));
    }
  }
}

/**
 * The child's whole program. Requests and answers are JSON lines; nothing from a request is
 * ever evaluated. Contexts live in the child until it exits.
 */
const childProgram = `
'use strict';
const readline = require('readline');
let kerberos = null, loadError = null;
try { kerberos = require(process.argv[1]); } catch (error) { loadError = String(error && error.message || error); }
const clients = new Map();
let next = 1;
const reply = (message) => process.stdout.write(JSON.stringify(message) + '\\n');
readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  let request;
  try { request = JSON.parse(line); } catch { return; }
  const id = request.id;
  try {
    if (!kerberos) return reply({ id, ok: false, unavailable: true, message: loadError });
    if (request.op === 'start') {
      // MIT reads KRB5_TRACE when the call creates its context: one trace file per request.
      if (typeof request.trace === 'string') process.env.KRB5_TRACE = request.trace; else delete process.env.KRB5_TRACE;
      let client, token;
      try {
        client = await kerberos.initializeClient(String(request.service), { mechOID: kerberos.GSS_MECH_OID_SPNEGO });
        token = await client.step('');
      } finally {
        delete process.env.KRB5_TRACE;
      }
      const context = next++;
      clients.set(context, client);
      return reply({ id, ok: true, context, token });
    }
    if (request.op === 'step') {
      const client = clients.get(request.context);
      if (!client) return reply({ id, ok: false, message: 'unknown context' });
      await client.step(String(request.token));
      return reply({ id, ok: true, complete: client.contextComplete });
    }
    if (request.op === 'close') { clients.delete(request.context); return reply({ id, ok: true }); }
    reply({ id, ok: false, message: 'unknown request' });
  } catch (error) {
    reply({ id, ok: false, message: String(error && error.message || error) });
  }
});
`;

interface ChildAnswer {
  readonly id: number;
  readonly ok: boolean;
  readonly unavailable?: boolean;
  readonly message?: string;
  readonly context?: number;
  readonly token?: string;
  readonly complete?: boolean;
}

/**
 * Tokens from the Kerberos identity in `env` (KRB5_CONFIG, KRB5CCNAME…), computed in a child
 * Node process so this process's own environment never changes. Each call is bounded in time;
 * a child that hangs is killed.
 */
export function createChildProcessNegotiateClient(options: {
  env: Readonly<Record<string, string>>;
  callTimeoutMs?: number;
}): NegotiateClient {
  const timeoutMs = options.callTimeoutMs ?? defaultCallTimeoutMs;
  const profile = createKerberosClientProfile();
  let modulePath: string | null = null;
  let resolveError = '';
  try {
    modulePath = createRequire(import.meta.url).resolve(kerberosPackage);
  } catch (error) {
    resolveError = `the kerberos package could not be found: ${oneLine(error)}`;
  }
  let child: ChildProcessWithoutNullStreams | null = null;
  let childExited: Promise<void> = Promise.resolve();
  const pending = new Map<number, (answer: ChildAnswer) => void>();
  let nextId = 1;

  const failAll = (message: string): void => {
    for (const [id, settle] of pending) settle({ id, ok: false, message });
    pending.clear();
  };

  const ensureChild = (): ChildProcessWithoutNullStreams => {
    if (child) return child;
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('KRB5')),
    ) as Record<string, string>;
    const spawned = spawn(process.execPath, ['-e', childProgram, modulePath as string], {
      // Electron's binary behaves as plain Node with this variable; plain Node ignores it.
      env: { ...inherited, ...options.env, ...profile.profileEnv(options.env), ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    childExited = new Promise((resolve) => spawned.once('exit', () => resolve()));
    spawned.once('exit', () => {
      child = null;
      failAll('the Kerberos helper process ended');
    });
    spawned.once('error', (error) =>
      failAll(`the Kerberos helper process could not start: ${oneLine(error)}`),
    );
    spawned.stdin.on('error', () => undefined);
    spawned.stderr.resume();
    createInterface({ input: spawned.stdout }).on('line', (line) => {
      let answer: ChildAnswer;
      try {
        answer = JSON.parse(line) as ChildAnswer;
      } catch {
        return;
      }
      const settle = pending.get(answer.id);
      pending.delete(answer.id);
      settle?.(answer);
    });
    child = spawned;
    return spawned;
  };

  const call = (request: Record<string, unknown>, what: string): Promise<ChildAnswer> => {
    const helper = ensureChild();
    const id = nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        // A GSSAPI call that hangs (an unreachable KDC that drops packets) takes the helper with it.
        helper.kill('SIGKILL');
        resolve({ id, ok: false, message: `${what} timed out after ${timeoutMs} ms` });
      }, timeoutMs);
      pending.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      helper.stdin.write(`${JSON.stringify({ id, ...request })}\n`);
    });
  };

  return {
    async start({ spn }) {
      if (!modulePath) return { ok: false, outcome: 'unavailable', message: resolveError };
      const traceFile = profile.newTraceFile();
      const answer = await call(
        { op: 'start', service: libraryServiceName(spn), ...(traceFile ? { trace: traceFile } : {}) },
        `Kerberos ticket request for ${spn}`,
      );
      const trace = traceOf(profile, traceFile);
      if (answer.unavailable)
        return {
          ok: false,
          outcome: 'unavailable',
          message: `the kerberos package could not be loaded: ${answer.message ?? ''}`,
        };
      if (!answer.ok || typeof answer.token !== 'string' || typeof answer.context !== 'number') {
        return failedStart(oneLine(answer.message ?? 'no token'), trace);
      }
      const context = answer.context;
      return {
        ok: true,
        trace,
        session: {
          token: answer.token,
          async step(serverToken) {
            const stepped = await call(
              { op: 'step', context, token: serverToken },
              'Kerberos mutual authentication',
            );
            return stepped.ok
              ? { complete: stepped.complete === true, error: null }
              : { complete: false, error: oneLine(stepped.message ?? 'failed') };
          },
          async close() {
            if (child) await call({ op: 'close', context }, 'Closing the Kerberos context');
          },
        },
      };
    },
    async close() {
      const running = child;
      if (!running) {
        profile.dispose();
        return;
      }
      running.stdin.end();
      let grace: NodeJS.Timeout | undefined;
      const exited = await Promise.race([
        childExited.then(() => true),
        new Promise<boolean>((resolve) => {
          grace = setTimeout(() => resolve(false), 2_000);
        }),
      ]);
      // A pending grace timer would hold the event loop (the CLI's exit) for up to 2 s more.
      clearTimeout(grace);
      if (!exited) running.kill('SIGKILL');
      profile.dispose();
    },
  };
}
