/**
 * Data inside a generated PowerShell script (design.md, Host: "no user data ever becomes
 * PowerShell source text" — a hand-off script is source text a person reads, so data goes
 * in only as single-quoted string literals). In a single-quoted string PowerShell expands
 * nothing (`$(…)`, backticks and double quotes are plain characters); the only special
 * characters are the single quotes, and PowerShell's tokenizer treats the typographic
 * quotes U+2018 ‘, U+2019 ’, U+201A ‚ and U+201B ‛ as single quotes too, so every one of
 * them is doubled. Line breaks and other control characters are refused: a literal is one line.
 */

export class PowerShellLiteralError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PowerShellLiteralError';
  }
}

const singleQuotes = new Set(["'", '\u2018', '\u2019', '\u201A', '\u201B']);

/** Line terminators PowerShell (and editors) honour besides CR/LF. */
const lineBreaks = new Set(['\u0085', '\u2028', '\u2029']);

export function isPowerShellSingleQuote(char: string): boolean {
  return singleQuotes.has(char);
}

export function assertOneLineText(value: string, what: string): void {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || lineBreaks.has(char)) {
      throw new PowerShellLiteralError(
        `${what} contains a line break or control character (U+${code.toString(16).padStart(4, '0').toUpperCase()})`,
      );
    }
  }
}

export function powerShellLiteral(value: string, what = 'a value'): string {
  if (value.length > 4096) throw new PowerShellLiteralError(`${what} is longer than 4096 characters`);
  assertOneLineText(value, what);
  let quoted = "'";
  for (const char of value) quoted += isPowerShellSingleQuote(char) ? char + char : char;
  return `${quoted}'`;
}
