/** The one error type the command-output parsers throw: which tool, what was wrong, one line. */
export class WindowsOutputError extends Error {
  constructor(
    readonly tool: 'klist' | 'cmdkey' | 'nltest' | 'w32tm',
    message: string,
  ) {
    super(`${tool} output: ${message}`);
    this.name = 'WindowsOutputError';
  }
}

/** Output larger than this is refused: real outputs are a few KB. */
export const maxToolOutputLength = 512 * 1024;

export function splitOutputLines(tool: WindowsOutputError['tool'], text: string): string[] {
  if (text.length > maxToolOutputLength) throw new WindowsOutputError(tool, 'longer than 512 KB');
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}
