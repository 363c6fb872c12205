/**
 * The clock fix on the PowerShell host, Node side: the plan reads the offset in the normal
 * session, and `w32tm /resync /rediscover` runs only in the elevated session — reached over the
 * elevated protocol, played here by a peer that follows elevated-server.ps1's documented header
 * (as elevated-session.test.ts does) over a Unix socket. A declined UAC prompt runs nothing and
 * journals nothing. No powershell.exe runs here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostError, type MachineIdentity } from '../host.js';
import { JournalStore } from '../../engine/journal/journal-store.js';
import { applyPlan } from '../../engine/remedies/remedy-runner.js';
import { timeResyncRemedy } from '../../engine/remedies/time-resync.js';
import { encodeMessage, sessionMac, startElevatedPrimitiveRunner } from './elevated-session.js';
import { PowerShellHost } from './powershell-host.js';
import { loadPrimitiveScripts } from './primitive-scripts.js';
import { SessionPrimitiveRunner } from './primitive-runner.js';
import { CapturingPowerShellSession, printedResult } from './testing/capturing-powershell-session.js';
import { readFileSync } from 'node:fs';

const scripts = loadPrimitiveScripts();
const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}.reconstructed.json`, import.meta.url), 'utf8').trim();
const decodeLine = (line: string) =>
  JSON.parse(Buffer.from(line, 'base64').toString('utf8')) as Record<string, unknown>;
const decodeArguments = (base64: unknown) =>
  JSON.parse(Buffer.from(String(base64), 'base64').toString('utf8')) as unknown;

/** The elevated side as elevated-bootstrap.ps1 + elevated-server.ps1 document it; answers every run with `output`. */
function elevatedPeer(output: string, requests: Record<string, unknown>[]) {
  return async (encodedCommand: string): Promise<void> => {
    const command = Buffer.from(encodedCommand, 'base64').toString('utf16le');
    const literal = /'([A-Za-z0-9+/]*={0,2})'$/.exec(command)?.[1] ?? '';
    const args = JSON.parse(Buffer.from(literal, 'base64').toString('utf8')) as {
      p: string;
      s: string;
      h: string;
    };
    const socket = connect(join(directory, `${args.p}.sock`));
    socket.setEncoding('utf8');
    let buffer = '';
    const waiting: ((line: string) => void)[] = [];
    const queued: string[] = [];
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let index = buffer.indexOf('\n'); index >= 0; index = buffer.indexOf('\n')) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 1);
        const waiter = waiting.shift();
        if (waiter) waiter(line);
        else queued.push(line);
      }
    });
    const next = () =>
      new Promise<string>((resolve) =>
        queued.length > 0 ? resolve(queued.shift() ?? '') : waiting.push(resolve),
      );
    const bundle = Buffer.from(await next(), 'base64');
    expect(createHash('sha256').update(bundle).digest('base64')).toBe(args.h);
    const nonce = randomBytes(32).toString('base64');
    socket.write(encodeMessage({ t: 'hello', nonce }));
    const challenge = decodeLine(await next());
    expect(challenge['mac']).toBe(sessionMac(args.s, 'server', nonce));
    socket.write(
      encodeMessage({ t: 'ready', mac: sessionMac(args.s, 'client', String(challenge['nonce'])) }),
    );
    void (async () => {
      for (;;) {
        const request = decodeLine(await next());
        if (request['t'] !== 'run') return socket.end();
        requests.push(request);
        socket.write(encodeMessage({ t: 'result', id: request['id'], output, failure: null }));
      }
    })();
  };
}

let directory: string;
let journal: JournalStore;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'iwa-resync-'));
  journal = JournalStore.inDirectory(directory);
});
afterEach(async () => rm(directory, { recursive: true, force: true }));

/** A user-scope host whose normal session answers the stripchart, and whose elevation is `launch`. */
function hostWith(launch: (encodedCommand: string) => Promise<void>) {
  const session = new CapturingPowerShellSession(() =>
    printedResult(fixture('run-tool.w32tm-stripchart-skew')),
  );
  const host = new PowerShellHost({
    runner: new SessionPrimitiveRunner(scripts, () => session),
    scope: 'user',
    openElevatedRunner: () =>
      startElevatedPrimitiveRunner({
        scripts,
        launch,
        pipePath: (name) => join(directory, `${name}.sock`),
        connectTimeoutMs: 10_000,
      }),
  });
  return { host, session };
}

const machine: MachineIdentity = {
  computerName: 'WS01',
  domain: 'CONTOSO',
  dnsDomain: 'contoso.com',
  user: { name: 'alice', domain: 'CONTOSO', kind: 'domain' },
  os: 'Windows 11 Enterprise',
  isServer: false,
  elevated: false,
};

const offer = {
  offerId: 'offer-1',
  remedy: 'time.resync' as const,
  title: 'Synchronise the clock with the domain',
  scope: 'machine' as const,
  params: { dc: 'DC01.contoso.com' },
  available: true,
};

describe('time.resync on the PowerShell host', () => {
  it('measures in the normal session and resynchronises only in the elevated one', async () => {
    const requests: Record<string, unknown>[] = [];
    const { host, session } = hostWith(
      elevatedPeer(printedResult(fixture('run-tool.w32tm-resync')), requests),
    );
    const plan = await timeResyncRemedy.plan(offer, { host, machine });
    expect(plan.summary).toContain('7 min 18 s away from DC01.contoso.com');
    const entry = await applyPlan(plan, {
      host,
      journal,
      targetUrl: 'https://intranet.contoso.com/',
      machine: 'WS01',
    });
    expect(entry).toMatchObject({ state: 'applied', needsElevation: true });
    expect(
      requests.map((request) => [request['primitive'], decodeArguments(request['argumentsBase64'])]),
    ).toEqual([['run-tool', { tool: 'w32tm', args: ['/resync', '/rediscover'], timeoutMs: 60_000 }]]);
    const sentToNormalSession = session.sent.map((text) =>
      decodeArguments(/\} -ArgumentsBase64 '([A-Za-z0-9+/]*={0,2})' \| Out-Null\n\n$/.exec(text)?.[1]),
    );
    expect(sentToNormalSession).toEqual([
      {
        tool: 'w32tm',
        args: ['/stripchart', '/computer:DC01.contoso.com', '/samples:3', '/dataonly'],
        timeoutMs: 60_000,
      },
    ]);
    await host.close();
  });

  it('a declined UAC prompt: w32tm /resync never runs, nothing is journaled, and the message says so', async () => {
    const { host, session } = hostWith(async () => {
      throw new HostError(
        'start-elevated: The administrator prompt (UAC) was declined.',
        'elevation-refused',
      );
    });
    const plan = await timeResyncRemedy.plan(offer, { host, machine });
    await expect(
      applyPlan(plan, { host, journal, targetUrl: 'https://intranet.contoso.com/', machine: 'WS01' }),
    ).rejects.toMatchObject({
      code: 'elevation-refused',
      message: expect.stringContaining('UAC') as unknown,
    });
    expect(await journal.list()).toEqual([]);
    expect(session.sent).toHaveLength(1);
    await host.close();
  });
});
