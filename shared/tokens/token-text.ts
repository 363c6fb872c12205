/**
 * Turning name bytes from a token into text that is safe to show. Token strings are
 * attacker-controlled: control characters could rewrite a terminal line (CLI) and bidi
 * overrides could make `evil/host` read as something else (UI), so both are shown as
 * visible escapes. Decoding itself never throws: a malformed sequence becomes U+FFFD.
 */
import { TokenDecodeError } from './token-decode-error.js';

const utf8 = new TextDecoder('utf-8');
const utf16le = new TextDecoder('utf-16le');

// C0/C1 controls, DEL, and the bidi embedding/override/isolate characters.
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const invisibleOrDangerous = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function visibleText(text: string): string {
  return text.replace(invisibleOrDangerous, (character) => `\\u{${character.charCodeAt(0).toString(16)}}`);
}

/** KerberosString / Realm: GeneralString holding UTF-8 in practice (RFC 4120 §5.2.1). */
export function utf8Text(bytes: Uint8Array): string {
  return visibleText(utf8.decode(bytes));
}

/** NTLMSSP Unicode strings are UTF-16LE (MS-NLMP §2.2, reference §8.6). */
export function utf16leText(bytes: Uint8Array, what: string): string {
  if (bytes.length % 2 !== 0) {
    throw new TokenDecodeError(
      'ntlm-invalid',
      `${what} has an odd byte length (${bytes.length}) for a UTF-16 string`,
    );
  }
  return visibleText(utf16le.decode(bytes));
}

/**
 * NTLMSSP "OEM" strings use the client's OEM code page, which the token does not name.
 * ASCII is exact; other bytes are shown as Latin-1 so nothing is hidden (reference §8.6).
 */
export function oemText(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return visibleText(text);
}
