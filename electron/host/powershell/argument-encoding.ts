/**
 * The only way data reaches PowerShell (design.md, Seams → Host): JSON, UTF-8, base64. The
 * base64 alphabet [A-Za-z0-9+/=] holds no quote of any kind (ASCII ' or the typographic
 * ‘ ’ ‚ ‛ PowerShell also ends single-quoted strings with), no `$`, backtick or newline, so the
 * literal '<base64>' is inert whatever the data was. The scripts decode it with
 * [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String(...)) | ConvertFrom-Json.
 */
import { Buffer } from 'node:buffer';
import type { PrimitiveScripts } from './primitive-scripts.js';
import type { SessionPrimitive } from './primitive-names.js';

const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

/** Encodes primitive arguments; JSON.stringify escapes lone surrogates, so the UTF-8 is always valid. */
export function encodeArguments(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('primitive arguments must be JSON-serialisable');
  return Buffer.from(json, 'utf8').toString('base64');
}

/** The inverse, as the script does it; used by tests and by nothing on the production path. */
export function decodeArguments(base64: string): unknown {
  return JSON.parse(Buffer.from(base64, 'base64').toString('utf8'));
}

/**
 * The complete text sent to the session: fixed prelude + fixed primitive + fixed epilogue
 * inside `& { ... }`, then the fixed call with the base64 literal, then an empty line.
 * The empty line matters: powershell.exe -Command - reads stdin as the interactive console
 * does and only runs a multi-line block when an empty line follows it (PowerShell
 * ConsoleHost.cs, InputLoop.Run "block mode").
 */
export function buildInvocationText(
  scripts: PrimitiveScripts,
  primitive: SessionPrimitive,
  argumentsBase64: string,
): string {
  if (!base64Pattern.test(argumentsBase64)) throw new TypeError('arguments must be base64');
  return `& {\n${scripts.prelude}\n${scripts.primitives[primitive]}\n${scripts.epilogue}\n} -ArgumentsBase64 '${argumentsBase64}' | Out-Null\n\n`;
}
