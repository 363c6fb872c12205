/**
 * The one error every token decoder raises for bad input. Callers (CLI, inspector view,
 * probes) rely on this: any input either decodes or throws a TokenDecodeError with a
 * one-line message and a machine-readable `code` — never a TypeError or RangeError.
 */
export const tokenDecodeErrorCodes = [
  'empty-input',
  'input-too-large',
  'malformed-header',
  'unsupported-scheme',
  'no-token',
  'not-base64',
  'truncated',
  'der-invalid',
  'der-too-deep',
  'unexpected-structure',
  'unknown-token',
  'ntlm-invalid',
  'negoex-invalid',
] as const;
export type TokenDecodeErrorCode = (typeof tokenDecodeErrorCodes)[number];

export class TokenDecodeError extends Error {
  readonly code: TokenDecodeErrorCode;

  constructor(code: TokenDecodeErrorCode, message: string) {
    // One line, always: the CLI prints it verbatim after `iwa-doctor: `.
    super(message.replace(/[\r\n]+/g, ' '));
    this.name = 'TokenDecodeError';
    this.code = code;
  }
}
