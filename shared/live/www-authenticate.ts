/**
 * Reads `WWW-Authenticate` header values into the authentication offers a server made
 * (RFC 7235 §4.1 challenges; RFC 4559 / MS-NTHT for `Negotiate <token>` and `NTLM <token>`,
 * reference §8.1). One header may hold several challenges separated by commas; a challenge
 * carries either a token68 (Negotiate/NTLM data) or `name=value` parameters (Basic realm).
 * Strict and bounded: oversized or garbled input gives a clear error, never a crash.
 */

export interface AuthenticationOffer {
  /** Scheme as the server spelled it, e.g. `Negotiate`. */
  readonly scheme: string;
  /** Base64 data after the scheme (a response token); a secret, never logged. */
  readonly token: string | null;
  readonly params: Readonly<Record<string, string>>;
}

export class AuthenticateHeaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticateHeaderError';
  }
}

const maxHeaderChars = 64 * 1024;
const maxChallenges = 32;
const schemePattern = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const token68Pattern = /^[A-Za-z0-9+/._~-]+=*$/;
/** auth-param = token BWS "=" BWS ( token / quoted-string ); `=` is not a token character, so `abc==` is a token68. */
const paramPattern = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[A-Za-z0-9!#$%&'*+.^_`|~-]+)$/;

/** Splits on commas outside quoted strings. */
function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quoted && char === '\\') {
      current += char + (text[index + 1] ?? '');
      index += 1;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += char;
  }
  if (quoted) throw new AuthenticateHeaderError('WWW-Authenticate has an unterminated quoted string');
  parts.push(current.trim());
  return parts.filter((part) => part.length > 0);
}

function unquote(value: string): string {
  return value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}

export function parseAuthenticateHeaders(values: readonly string[]): AuthenticationOffer[] {
  const offers: { scheme: string; token: string | null; params: Record<string, string> }[] = [];
  for (const value of values) {
    if (value.length > maxHeaderChars)
      throw new AuthenticateHeaderError(`WWW-Authenticate is longer than ${maxHeaderChars} characters`);
    for (const part of splitOutsideQuotes(value)) {
      const param = paramPattern.exec(part);
      const current = offers.at(-1);
      if (param && current) {
        // `realm="x"` continuing the previous challenge's parameter list.
        current.params[(param[1] as string).toLowerCase()] = unquote(param[2] as string);
        continue;
      }
      const space = part.search(/\s/);
      const scheme = space < 0 ? part : part.slice(0, space);
      const rest = space < 0 ? '' : part.slice(space).trim();
      if (!schemePattern.test(scheme))
        throw new AuthenticateHeaderError(`WWW-Authenticate has an invalid scheme "${scheme.slice(0, 40)}"`);
      if (offers.length >= maxChallenges)
        throw new AuthenticateHeaderError(`WWW-Authenticate has more than ${maxChallenges} challenges`);
      const offer = { scheme, token: null as string | null, params: {} as Record<string, string> };
      if (rest.length > 0) {
        const restParam = paramPattern.exec(rest);
        if (restParam) offer.params[(restParam[1] as string).toLowerCase()] = unquote(restParam[2] as string);
        else if (token68Pattern.test(rest)) offer.token = rest;
        else
          throw new AuthenticateHeaderError(
            `WWW-Authenticate ${scheme} carries data that is neither a token nor a parameter`,
          );
      }
      offers.push(offer);
    }
  }
  return offers;
}

export function offersScheme(offers: readonly AuthenticationOffer[], scheme: string): boolean {
  return offers.some((offer) => offer.scheme.toLowerCase() === scheme.toLowerCase());
}
