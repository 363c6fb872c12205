/**
 * The few facts of one HAR entry that authentication needs (HAR 1.2 `entry`): method, URL,
 * connection id, status, the auth headers decoded, and what the response body says about
 * IIS sub-status. Everything else (bodies, cookies, timings) is dropped right away.
 */
import { splitAuthChallenges } from '../tokens/auth-challenges.js';
import { decodeAuthToken, TokenDecodeError } from '../tokens/decode-auth-token.js';
import type { DecodedAuthToken } from '../tokens/decoded-auth-token.js';

export type AuthTarget = 'server' | 'proxy';

/** What a token said, without the token itself (tokens are secrets). */
export interface TokenSummary {
  readonly scheme: string;
  readonly mechanism: DecodedAuthToken['mechanism'] | 'absent';
  /** NTLM message type 1/2/3, null otherwise. */
  readonly ntlmMessageType: number | null;
  readonly ntlmInsideNegotiate: boolean;
  readonly kerberosMessage: string | null;
  readonly spn: string | null;
  readonly realm: string | null;
  /** NTLM type 3: MsvAvTargetName, the SPN the client believed it talked to. */
  readonly ntlmTargetName: string | null;
  readonly ntlmUser: string | null;
  /** NTLM type 3 only: channel bindings hash present; null when unknown. */
  readonly channelBindings: boolean | null;
  /** Base64 characters of the token. */
  readonly tokenLength: number;
  readonly verdict: string;
  /** Set when the value could not be decoded (why, in one line). */
  readonly decodeError: string | null;
}

export interface HarRequestFacts {
  readonly index: number;
  readonly startedDateTime: string;
  readonly method: string;
  readonly url: string;
  readonly host: string;
  readonly https: boolean;
  /** HAR `connection` (a socket id in Chrome/Fiddler exports), null when the HAR has none. */
  readonly connection: string | null;
  readonly serverIp: string | null;
  readonly status: number;
  /** `Authorization` / `Proxy-Authorization` on the request. */
  readonly requestAuth: {
    readonly target: AuthTarget;
    readonly token: TokenSummary | null;
    readonly headerChars: number;
  } | null;
  /** Auth headers of the request whose value was removed or replaced (sanitized HAR). */
  readonly requestAuthRedacted: boolean;
  /** Schemes the response offers in `WWW-Authenticate` / `Proxy-Authenticate` without a token. */
  readonly offers: readonly string[];
  /** A token in the response's authenticate header (NTLM type 2, SPNEGO with AP-REP). */
  readonly responseToken: TokenSummary | null;
  readonly responseAuthTarget: AuthTarget | null;
  /** Total size of the request headers, as the HAR states it (`headersSize`), or -1. */
  readonly requestHeadersSize: number;
  /** `401.1`, `401.2`… read from an IIS error page in the response body, when present. */
  readonly iisSubstatus: string | null;
  /** The response says HTTP.sys rejected a too long header (`Header Field Too Long`, §5.3). */
  readonly headerTooLong: boolean;
  readonly persistentAuth: boolean;
}

interface NameValue {
  readonly name: string;
  readonly value: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function headersOf(message: unknown): NameValue[] {
  if (!isRecord(message) || !Array.isArray(message.headers)) return [];
  return message.headers.flatMap((header): NameValue[] =>
    isRecord(header) && typeof header.name === 'string' && typeof header.value === 'string'
      ? [{ name: header.name, value: header.value }]
      : [],
  );
}

const authSchemes = /^(Negotiate|NTLM|Kerberos|Basic|Digest|Bearer)\b/i;
// Values HAR exporters and people put where a token was removed.
const redactedValue = /^(|\*+|\[?(redacted|removed|filtered|hidden|sanitized)\]?|x+)$/i;

export class HarEntryShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarEntryShapeError';
  }
}

function summarizeToken(headerName: string, value: string): TokenSummary | null {
  const schemeMatch = authSchemes.exec(value.trim());
  const scheme = schemeMatch?.[1] ?? value.trim().split(/\s+/)[0] ?? '';
  const hasToken = value.trim().split(/\s+/).length > 1;
  if (!hasToken) return null;
  const base = { scheme, tokenLength: value.trim().length - scheme.length - 1 };
  if (!/^(Negotiate|NTLM|Kerberos)$/i.test(scheme)) {
    return {
      ...base,
      mechanism: 'unknown',
      ntlmMessageType: null,
      ntlmInsideNegotiate: false,
      kerberosMessage: null,
      spn: null,
      realm: null,
      ntlmTargetName: null,
      ntlmUser: null,
      channelBindings: null,
      verdict: `${scheme} credentials (not Windows integrated authentication)`,
      decodeError: null,
    };
  }
  try {
    const decoded = decodeAuthToken(`${headerName}: ${value}`);
    return {
      ...base,
      mechanism: decoded.mechanism,
      ntlmMessageType: decoded.ntlm?.messageType ?? null,
      ntlmInsideNegotiate: decoded.ntlmInsideNegotiate,
      kerberosMessage: decoded.kerberos?.messageType ?? null,
      spn: decoded.kerberos?.spn ?? null,
      realm: decoded.kerberos?.realm ?? null,
      ntlmTargetName: decoded.ntlm?.targetName ?? null,
      ntlmUser: decoded.ntlm?.user
        ? `${decoded.ntlm.domain ? `${decoded.ntlm.domain}\\` : ''}${decoded.ntlm.user}`
        : null,
      channelBindings: decoded.ntlm?.messageType === 3 ? decoded.ntlm.channelBindings : null,
      verdict: decoded.verdict,
      decodeError: null,
    };
  } catch (error) {
    if (!(error instanceof TokenDecodeError)) throw error;
    return {
      ...base,
      mechanism: 'unknown',
      ntlmMessageType: null,
      ntlmInsideNegotiate: false,
      kerberosMessage: null,
      spn: null,
      realm: null,
      ntlmTargetName: null,
      ntlmUser: null,
      channelBindings: null,
      verdict: 'token could not be decoded',
      decodeError: error.message,
    };
  }
}

/** Reads the auth facts of one HAR entry; throws HarEntryShapeError when it lacks request/response. */
export function readHarRequest(entry: unknown, index: number): HarRequestFacts {
  if (!isRecord(entry) || !isRecord(entry.request) || !isRecord(entry.response))
    throw new HarEntryShapeError('entry has no request/response object');
  const request = entry.request;
  const response = entry.response;
  const url = typeof request.url === 'string' ? request.url : '';
  let host: string;
  let https: boolean;
  try {
    const parsed = new URL(url);
    host = parsed.host.toLowerCase();
    https = parsed.protocol === 'https:';
  } catch {
    throw new HarEntryShapeError(`request.url is not a URL: ${url.slice(0, 80)}`);
  }
  const status = typeof response.status === 'number' ? response.status : Number.NaN;
  if (!Number.isInteger(status)) throw new HarEntryShapeError('response.status is not a number');

  let requestAuth: HarRequestFacts['requestAuth'] = null;
  let requestAuthRedacted = false;
  for (const header of headersOf(request)) {
    const name = header.name.toLowerCase();
    if (name !== 'authorization' && name !== 'proxy-authorization') continue;
    const target: AuthTarget = name === 'authorization' ? 'server' : 'proxy';
    const value = header.value.trim();
    const words = value.split(/\s+/);
    if (redactedValue.test(value) || (words.length > 1 && redactedValue.test(words.slice(1).join(' ')))) {
      requestAuthRedacted = true;
      continue;
    }
    requestAuth = {
      target,
      token: summarizeToken(header.name, value),
      headerChars: header.name.length + 2 + value.length,
    };
  }

  const offers: string[] = [];
  let responseToken: TokenSummary | null = null;
  let responseAuthTarget: AuthTarget | null = null;
  let persistentAuth = false;
  for (const header of headersOf(response)) {
    const name = header.name.toLowerCase();
    if (name === 'persistent-auth') persistentAuth = /true/i.test(header.value);
    if (name !== 'www-authenticate' && name !== 'proxy-authenticate') continue;
    responseAuthTarget = name === 'www-authenticate' ? 'server' : 'proxy';
    // One header may list several challenges separated by commas (RFC 7235 §4.1).
    for (const challenge of splitAuthChallenges(header.value)) {
      const trimmed = challenge.trim();
      if (trimmed === '') continue;
      const token = summarizeToken(header.name, trimmed);
      if (token) responseToken = token;
      else offers.push(trimmed.split(/\s+/)[0] ?? trimmed);
    }
  }

  const content = isRecord(response.content) ? response.content : {};
  const body = typeof content.text === 'string' ? content.text.slice(0, 64 * 1024) : '';
  const substatusMatch = /\b(40[0-9])\.(\d{1,3})\b/.exec(body);
  const headersSize = typeof request.headersSize === 'number' ? request.headersSize : -1;
  return {
    index,
    startedDateTime: typeof entry.startedDateTime === 'string' ? entry.startedDateTime : '',
    method: typeof request.method === 'string' ? request.method : '',
    url,
    host,
    https,
    connection: typeof entry.connection === 'string' && entry.connection !== '' ? entry.connection : null,
    serverIp: typeof entry.serverIPAddress === 'string' ? entry.serverIPAddress : null,
    status,
    requestAuth,
    requestAuthRedacted,
    offers,
    responseToken,
    responseAuthTarget,
    requestHeadersSize: headersSize,
    iisSubstatus:
      substatusMatch && Number(substatusMatch[1]) === status
        ? `${substatusMatch[1]}.${substatusMatch[2]}`
        : null,
    headerTooLong:
      status === 400 && /Header Field Too Long|Request Header Too Long|Request header too long/i.test(body),
    persistentAuth,
  };
}
