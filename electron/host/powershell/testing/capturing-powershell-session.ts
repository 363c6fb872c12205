/**
 * The one test double of the PowerShell host: a PowerShellSession that records the exact
 * text it is sent and answers with what the test gives it (e.g. a reconstructed fixture).
 * Everything else in the host's tests is the real code.
 */
import type { PowerShellSession } from '../powershell-session.js';

export class CapturingPowerShellSession implements PowerShellSession {
  readonly sent: string[] = [];
  disposed = false;

  constructor(private readonly answer: (scriptText: string) => string) {}

  async invoke(scriptText: string): Promise<string> {
    if (this.disposed) throw new Error('invoke after dispose');
    this.sent.push(scriptText);
    return this.answer(scriptText);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

/** What the epilogue prints: the sentinel line, then the JSON line (CRLF, as the Windows console writes). */
export function printedResult(json: string): string {
  return `::iwa-doctor-result-v1::\r\n${json}`;
}
