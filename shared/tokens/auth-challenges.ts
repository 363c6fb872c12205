/**
 * Splits one `WWW-Authenticate` / `Proxy-Authenticate` value into its challenges
 * (RFC 7235 §4.1: the header is a comma-separated list of challenges). Browsers' dev tools
 * and HAR exporters join repeated headers into one line with ", " (RFC 7230 §3.2.2), so a
 * pasted `Negotiate oRQw…==, NTLM` is two challenges (reference §8.1).
 *
 * A comma starts a new challenge only when a scheme follows it: a token followed by
 * whitespace, another comma or the end. `name=value` after a comma (`realm="x", charset=…`)
 * is an auth-param of the same challenge, and commas inside quoted strings never split.
 * Base64 tokens (token68) contain no commas. One pass over the input: every look-ahead
 * stops at the next comma, so the work is linear in the length.
 */

/** RFC 7230 §3.2.6 tchar. */
function isTokenCharacter(character: string): boolean {
  return /[A-Za-z0-9!#$%&'*+.^_`|~-]/.test(character);
}

function isWhitespace(character: string | undefined): boolean {
  return character === ' ' || character === '\t' || character === '\r' || character === '\n';
}

/** True when the text after the comma at `commaIndex` begins a new challenge (a scheme), not an auth-param. */
function schemeFollows(value: string, commaIndex: number): boolean {
  let index = commaIndex + 1;
  while (isWhitespace(value[index])) index += 1;
  const tokenStart = index;
  while (index < value.length && isTokenCharacter(value[index] ?? '')) index += 1;
  if (index === tokenStart) return false;
  if (index === value.length || value[index] === ',') return true;
  if (!isWhitespace(value[index])) return false;
  while (isWhitespace(value[index])) index += 1;
  // `charset = "UTF-8"`: whitespace is allowed around an auth-param's "=" (RFC 7235 BWS).
  return value[index] !== '=';
}

/** The challenges of one header value, trimmed, empty ones dropped. */
export function splitAuthChallenges(value: string): string[] {
  const challenges: string[] = [];
  let start = 0;
  let quoted = false;
  for (let index = 0; index < value.length; index += 1) {
    const character = value[index];
    if (quoted) {
      if (character === '\\') index += 1;
      else if (character === '"') quoted = false;
      continue;
    }
    if (character === '"') quoted = true;
    else if (character === ',' && schemeFollows(value, index)) {
      challenges.push(value.slice(start, index));
      start = index + 1;
    }
  }
  challenges.push(value.slice(start));
  return challenges.map((challenge) => challenge.trim()).filter((challenge) => challenge !== '');
}
