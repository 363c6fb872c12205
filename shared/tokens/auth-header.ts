/**
 * What a person pastes: a whole header line (`Authorization: Negotiate YII…`,
 * `WWW-Authenticate: Negotiate oYG…`, `Proxy-Authorization: NTLM TlRM…`), a scheme and
 * token (`NTLM TlRM…`), or bare base64 (reference §8.1; RFC 4559 §4, RFC 7235 §4.1/4.2).
 */
import { splitAuthChallenges } from './auth-challenges.js';
import { decodeBase64Token, looksLikeBase64 } from './base64-token.js';
import { TokenDecodeError } from './token-decode-error.js';

/** Longest input accepted: http.sys caps a header at 64 KB (reference §7.2), so twice that is never a real token. */
export const maxAuthInputCharacters = 128 * 1024;

export const authHeaderNames = [
  'Authorization',
  'Proxy-Authorization',
  'WWW-Authenticate',
  'Proxy-Authenticate',
] as const;
export type AuthHeaderName = (typeof authHeaderNames)[number];

export const authSchemes = ['Negotiate', 'NTLM', 'Kerberos'] as const;
export type AuthScheme = (typeof authSchemes)[number];

/** Who sent it: the client (Authorization headers) or the server (Authenticate headers); unknown for a bare token. */
export type TokenDirection = 'client-to-server' | 'server-to-client' | 'unknown';

export interface ParsedAuthInput {
  readonly headerName: AuthHeaderName | null;
  readonly scheme: AuthScheme | null;
  readonly direction: TokenDirection;
  /** Schemes a challenge offers without a token (`WWW-Authenticate: Negotiate, NTLM`). */
  readonly offeredSchemes: readonly AuthScheme[];
  /**
   * The schemes of the header's other challenges, as spelled, when one header holds several
   * (`Negotiate oRQw…, NTLM` gives `NTLM`; `Negotiate, Basic realm="x"` gives `Basic`).
   */
  readonly alsoOffered: readonly string[];
  readonly token: Uint8Array | null;
  readonly notes: readonly string[];
}

const otherSchemes = [
  'basic',
  'digest',
  'bearer',
  'hoba',
  'mutual',
  'scram-sha-1',
  'scram-sha-256',
  'vapid',
  'aws4-hmac-sha256',
  'oauth',
];

/** RFC 7235 §2.1: auth-scheme = token (RFC 7230 §3.2.6 tchar). */
const schemeTokenPattern = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

function findScheme(word: string): AuthScheme | null {
  return authSchemes.find((scheme) => scheme.toLowerCase() === word.toLowerCase()) ?? null;
}

function directionOf(headerName: AuthHeaderName | null): TokenDirection {
  if (headerName === null) return 'unknown';
  return headerName.endsWith('Authorization') ? 'client-to-server' : 'server-to-client';
}

/**
 * Several challenges in one header (`WWW-Authenticate: Negotiate oRQw…==, NTLM`, as dev tools
 * show merged headers): decodes the first Negotiate/NTLM/Kerberos challenge that carries a
 * token and names the others; without any token, lists the schemes offered. Null when no
 * challenge names an integrated scheme, so the single-value rules report the error.
 */
function parseChallengeList(
  challenges: readonly string[],
  headerName: AuthHeaderName | null,
  direction: TokenDirection,
): ParsedAuthInput | null {
  const parsed = challenges.map((text) => {
    const word = /^\S+/.exec(text)?.[0] ?? '';
    return { word, scheme: findScheme(word), data: text.slice(word.length).trim() };
  });
  const first = parsed.find((challenge) => challenge.scheme !== null);
  if (!first?.scheme) return null;
  const notAScheme = parsed.find((challenge) => !schemeTokenPattern.test(challenge.word));
  if (notAScheme) {
    throw new TokenDecodeError(
      'malformed-header',
      `a challenge in the list starts with "${notAScheme.word.slice(0, 40)}", which is not an authentication scheme`,
    );
  }
  const carrier = parsed.find((challenge) => challenge.scheme !== null && challenge.data !== '');
  if (carrier?.scheme) {
    const decoded = decodeBase64Token(carrier.data);
    const others = parsed.filter((challenge) => challenge !== carrier).map((challenge) => challenge.word);
    return {
      headerName,
      scheme: carrier.scheme,
      direction,
      offeredSchemes: [],
      alsoOffered: others,
      token: decoded.bytes,
      notes: [
        ...decoded.notes,
        `the header holds ${parsed.length} challenges: decoded the ${carrier.scheme} token; also offered: ${others.join(', ')}`,
      ],
    };
  }
  return {
    headerName,
    scheme: first.scheme,
    direction,
    offeredSchemes: parsed.flatMap((challenge) => (challenge.scheme ? [challenge.scheme] : [])),
    alsoOffered: parsed.filter((challenge) => challenge.scheme === null).map((challenge) => challenge.word),
    token: null,
    notes: [],
  };
}

export function parseAuthInput(input: string): ParsedAuthInput {
  if (input.length > maxAuthInputCharacters) {
    throw new TokenDecodeError(
      'input-too-large',
      `the input is ${input.length} characters; a Negotiate/NTLM header is never longer than ${maxAuthInputCharacters}`,
    );
  }
  let rest = input.trim();
  if (rest === '') {
    throw new TokenDecodeError('empty-input', 'nothing to decode: paste a header or a base64 token');
  }

  let headerName: AuthHeaderName | null = null;
  const headerMatch = /^([A-Za-z][A-Za-z0-9-]*)\s*:\s*/.exec(rest);
  if (headerMatch) {
    const name = headerMatch[1] ?? '';
    headerName = authHeaderNames.find((candidate) => candidate.toLowerCase() === name.toLowerCase()) ?? null;
    if (headerName === null) {
      throw new TokenDecodeError(
        'malformed-header',
        `"${name.slice(0, 40)}" is not an authentication header (expected Authorization, WWW-Authenticate or their Proxy- forms)`,
      );
    }
    rest = rest.slice(headerMatch[0].length).trim();
  }
  const direction = directionOf(headerName);

  const challenges = splitAuthChallenges(rest);
  const list = challenges.length > 1 ? parseChallengeList(challenges, headerName, direction) : null;
  if (list) return list;

  const firstWord = /^\S+/.exec(rest)?.[0] ?? '';
  const bareWord = firstWord.replace(/,$/, '');
  const scheme = findScheme(bareWord);
  if (scheme === null) {
    if (otherSchemes.includes(bareWord.toLowerCase())) {
      throw new TokenDecodeError(
        'unsupported-scheme',
        `${bareWord} is not an integrated Windows authentication scheme (expected Negotiate, NTLM or Kerberos)`,
      );
    }
    if (headerName !== null || !looksLikeBase64(rest.replace(/\s+/g, ''))) {
      if (!/\s/.test(rest) && headerName === null) {
        // One word that is not base64: decodeBase64Token names the bad character.
        decodeBase64Token(rest);
      }
      throw new TokenDecodeError(
        'malformed-header',
        `expected "Negotiate <token>", "NTLM <token>" or a base64 token, found "${bareWord.slice(0, 40)}"`,
      );
    }
    const decoded = decodeBase64Token(rest);
    return {
      headerName,
      scheme: null,
      direction,
      offeredSchemes: [],
      alsoOffered: [],
      token: decoded.bytes,
      notes: decoded.notes,
    };
  }

  const afterScheme = rest.slice(firstWord.length).trim();
  if (afterScheme === '' || firstWord.endsWith(',')) {
    // A challenge without data, possibly listing several schemes.
    const offered = rest
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    const schemes = offered.map(findScheme);
    if (schemes.some((found) => found === null)) {
      throw new TokenDecodeError(
        'malformed-header',
        'a challenge list may only name Negotiate, NTLM or Kerberos here',
      );
    }
    return {
      headerName,
      scheme,
      direction,
      offeredSchemes: schemes.filter((found): found is AuthScheme => found !== null),
      alsoOffered: [],
      token: null,
      notes: [],
    };
  }
  const decoded = decodeBase64Token(afterScheme);
  return {
    headerName,
    scheme,
    direction,
    offeredSchemes: [],
    alsoOffered: [],
    token: decoded.bytes,
    notes: decoded.notes,
  };
}
