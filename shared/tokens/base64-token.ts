/**
 * Strict base64 for tokens pasted from headers, logs and captures (RFC 4648 §4, the
 * alphabet HTTP auth headers use per RFC 4559). Whitespace is ignored (pasted tokens wrap),
 * padding may be missing, and non-zero padding bits are accepted but reported: real IE6
 * traces in our data publish tokens like `…AAAAD3==` (PROVENANCE.md, chnking file).
 */
import { TokenDecodeError } from './token-decode-error.js';

export interface DecodedBase64 {
  readonly bytes: Uint8Array;
  readonly notes: readonly string[];
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const values = new Int16Array(128).fill(-1);
for (let index = 0; index < alphabet.length; index += 1) values[alphabet.charCodeAt(index)] = index;

export function looksLikeBase64(text: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text);
}

export function decodeBase64Token(text: string): DecodedBase64 {
  const compact = text.replace(/\s+/g, '');
  const unpadded = compact.replace(/={1,2}$/, '');
  const padding = compact.length - unpadded.length;
  if (unpadded.length === 0) {
    throw new TokenDecodeError('not-base64', 'the token is empty');
  }
  for (let index = 0; index < unpadded.length; index += 1) {
    const code = unpadded.charCodeAt(index);
    if (code >= 128 || values[code] === -1) {
      throw new TokenDecodeError(
        'not-base64',
        `the token is not base64 (character ${JSON.stringify(unpadded[index])} at position ${index + 1})`,
      );
    }
  }
  const remainder = unpadded.length % 4;
  if (remainder === 1) {
    throw new TokenDecodeError(
      'not-base64',
      `the token is not base64 (${unpadded.length} characters cannot encode whole bytes)`,
    );
  }
  if (padding > 0 && (unpadded.length + padding) % 4 !== 0) {
    throw new TokenDecodeError(
      'not-base64',
      'the token is not base64 (wrong number of "=" padding characters)',
    );
  }
  const bytes = new Uint8Array(Math.floor((unpadded.length * 3) / 4));
  let accumulator = 0;
  let bits = 0;
  let written = 0;
  for (let index = 0; index < unpadded.length; index += 1) {
    accumulator = ((accumulator << 6) | (values[unpadded.charCodeAt(index)] ?? 0)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[written] = (accumulator >> bits) & 0xff;
      written += 1;
    }
  }
  const notes: string[] = [];
  if (bits > 0 && (accumulator & ((1 << bits) - 1)) !== 0) {
    notes.push('non-canonical base64: the padding bits of the last character are not zero (decoded anyway)');
  }
  return { bytes, notes };
}
