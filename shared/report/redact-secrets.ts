/**
 * Removes secrets from anything that goes into a report: Negotiate/NTLM/Kerberos/Basic/Bearer
 * tokens (the base64 after the scheme in Authorization and WWW-Authenticate headers,
 * reference §5), long base64 runs that can only be tokens or keys, passwords written as
 * `password=…`, and fact fields whose name says they hold a token or a secret. Decoded facts
 * (realm, SPN, encryption type, NTLM flags) stay: they are what IT needs and prove nothing to
 * an attacker. Pure and total: every string is visited, nothing else changes.
 */

/** What replaces a removed secret; the length lets a reader tell an empty token from a real one. */
export function removedMarker(length: number): string {
  return `[secret removed, ${length} characters]`;
}

const schemeToken = /\b(Negotiate|NTLM|Kerberos|Basic|Bearer)(\s+)([A-Za-z0-9+/_-]{8,}={0,2})/g;
// 48 base64 characters are 36 bytes: longer than any word, path or GUID in Windows output
// (GUIDs have dashes), shorter than the smallest NTLM message (type 1 is 40+ bytes, §8).
const longBase64 = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{48,}={0,2}(?![A-Za-z0-9+/=])/g;
// A value already replaced by the marker stays as it is: redacting twice changes nothing.
const passwordAssignment =
  /\b(password|passwd|pwd|secret)(\s*[:=]\s*)(?!\[secret removed, \d+ characters\])("[^"]*"|'[^']*'|\S+)/gi;
const secretFieldName = /token|password|passwd|secret|base64/i;

/**
 * Base64 of a token or a password has digits, `+`, `/` or `=` in it, or mixes upper and lower
 * case; the words that follow a scheme name in plain sentences ("NTLM pre-authentication",
 * "Kerberos tickets", "NTLM NEGOTIATE") have none of that, and must stay readable.
 */
function looksEncoded(token: string): boolean {
  return /[0-9+/=]/.test(token) || (/[a-z]/.test(token) && /[A-Z]/.test(token.slice(1)));
}

export function redactText(text: string): string {
  return text
    .replace(schemeToken, (match, scheme: string, space: string, token: string) =>
      looksEncoded(token) ? `${scheme}${space}${removedMarker(token.length)}` : match,
    )
    .replace(longBase64, (token) => removedMarker(token.length))
    .replace(
      passwordAssignment,
      (_match, name: string, separator: string, value: string) =>
        `${name}${separator}${removedMarker(value.length)}`,
    );
}

/**
 * A deep copy of `value` with every string redacted, and string fields whose name says
 * "token"/"secret"/… replaced outright. Objects that describe a token (summaries with
 * decoded facts) are kept; only their raw strings go.
 */
export function redactSecrets<T>(value: T): T {
  return redactValue(value, null, 0) as T;
}

const maximumDepth = 64;
const removedMarkerPattern = /^\[secret removed, \d+ characters\]$/;

function redactValue(value: unknown, fieldName: string | null, depth: number): unknown {
  if (depth > maximumDepth) return '[removed: nested too deeply]';
  if (typeof value === 'string') {
    // Already removed (a report redacted once, then again before printing): keep its length.
    if (removedMarkerPattern.test(value)) return value;
    if (fieldName !== null && secretFieldName.test(fieldName) && value.length > 0)
      return removedMarker(value.length);
    return redactText(value);
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, fieldName, depth + 1));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = redactValue(item, key, depth + 1);
    return copy;
  }
  return value;
}
