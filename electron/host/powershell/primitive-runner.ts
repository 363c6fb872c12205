/**
 * Runs one fixed primitive with base64 JSON arguments and hands back its raw stdout. Two
 * implementations: the normal session (this file: invocation text through node-powershell)
 * and the elevated session (elevated-session.ts: a request line through a named pipe).
 */
import { HostError } from '../host.js';
import { buildInvocationText } from './argument-encoding.js';
import type { PrimitiveScripts } from './primitive-scripts.js';
import type { SessionPrimitive } from './primitive-names.js';
import { PowerShellSessionError, type PowerShellSession } from './powershell-session.js';

export interface PrimitiveRunner {
  run(primitive: SessionPrimitive, argumentsBase64: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The normal session: started on first use, kept for the whole diagnosis, replaced only when
 * it broke (timeout or exit), because after a timeout its output would be out of step.
 */
export class SessionPrimitiveRunner implements PrimitiveRunner {
  private session: PowerShellSession | null = null;
  private closed = false;

  constructor(
    private readonly scripts: PrimitiveScripts,
    private readonly startSession: () => PowerShellSession,
  ) {}

  async run(primitive: SessionPrimitive, argumentsBase64: string): Promise<string> {
    if (this.closed) throw new HostError(`${primitive}: the PowerShell session is closed`, 'failed');
    const text = buildInvocationText(this.scripts, primitive, argumentsBase64);
    let session: PowerShellSession;
    try {
      session = this.session ??= this.startSession();
    } catch (error) {
      throw new HostError(`${primitive}: ${(error as Error).message}`, 'not-supported');
    }
    try {
      return await session.invoke(text);
    } catch (error) {
      if (error instanceof PowerShellSessionError) {
        if (error.reason !== 'stderr') {
          this.session = null;
          await session.dispose();
        }
        throw new HostError(`${primitive}: ${error.message}`, 'failed');
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.session = null;
    await session?.dispose();
  }
}
