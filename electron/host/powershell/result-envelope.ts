/**
 * Reads the one JSON document a primitive printed (prelude/epilogue .ps1) out of whatever
 * else came through stdout: node-powershell's own trimming, a UTF-8 BOM, stray lines from a
 * profile or a module, CRLF. The document follows a fixed sentinel line; it is ASCII-only
 * because the epilogue escapes every other character as \uXXXX.
 */
import { z } from 'zod';
import { HostError } from '../host.js';
import { findDepthTruncation } from './powershell-json-quirks.js';

/** Written by epilogue.ps1 on the line before the JSON document. */
export const resultSentinel = '::iwa-doctor-result-v1::';

/** Bound on what we agree to parse: a registry tree of 20 000 nodes fits well below it. */
const maxOutputLength = 32 * 1024 * 1024;

const hostErrorCodes = [
  'access-denied',
  'not-found',
  'invalid-argument',
  'not-supported',
  'failed',
  'elevation-refused',
] as const;

const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.string(),
      message: z.preprocess(
        (message) => (message === null || message === undefined ? '' : message),
        z.string(),
      ),
    }),
  }),
]);

function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

/** Extracts the JSON text after the last sentinel line; throws a one-line HostError when absent. */
export function extractResultJson(primitive: string, output: string): string {
  if (output.length > maxOutputLength)
    throw new HostError(
      `${primitive}: PowerShell output is larger than ${maxOutputLength} characters`,
      'failed',
    );
  const lines = output
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.replace(/^\uFEFF/, '').trim());
  const sentinelIndex = lines.lastIndexOf(resultSentinel);
  if (sentinelIndex < 0) {
    throw new HostError(
      `${primitive}: PowerShell printed no result (first line: ${JSON.stringify(firstLine(output))})`,
      'failed',
    );
  }
  const json = lines.slice(sentinelIndex + 1).find((line) => line.length > 0);
  if (json === undefined)
    throw new HostError(`${primitive}: PowerShell printed the result marker but no JSON after it`, 'failed');
  return json;
}

/**
 * Parses the envelope and validates `value` with the primitive's schema. A failed primitive
 * becomes a HostError with the script's code; a malformed result a HostError 'failed'.
 */
export function parsePrimitiveResult<T>(primitive: string, output: string, valueSchema: z.ZodType<T>): T {
  const json = extractResultJson(primitive, output);
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    throw new HostError(
      `${primitive}: the result is not valid JSON (${JSON.stringify(firstLine(json))})`,
      'failed',
    );
  }
  const envelope = envelopeSchema.safeParse(document);
  if (!envelope.success)
    throw new HostError(
      `${primitive}: the result has neither {ok:true,value} nor {ok:false,error}`,
      'failed',
    );
  if (!envelope.data.ok) {
    const { code, message } = envelope.data.error;
    const known = (hostErrorCodes as readonly string[]).includes(code)
      ? (code as HostError['code'])
      : 'failed';
    throw new HostError(`${primitive}: ${message.replace(/\s+/g, ' ').trim().slice(0, 500) || code}`, known);
  }
  const value = valueSchema.safeParse(envelope.data.value);
  if (!value.success) {
    const truncated = findDepthTruncation(envelope.data.value);
    if (truncated !== null) {
      throw new HostError(
        `${primitive}: PowerShell cut the result at ConvertTo-Json -Depth (found ${JSON.stringify(truncated.slice(0, 60))})`,
        'failed',
      );
    }
    const issue = value.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new HostError(`${primitive}: unexpected result${where}: ${issue?.message ?? 'invalid'}`, 'failed');
  }
  return value.data;
}
