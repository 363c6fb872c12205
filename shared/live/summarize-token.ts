/**
 * Turns a token seen on the wire into a `TokenSummary` with the shared decoder
 * (shared/tokens, reference §8): which mechanism, which SPN, key version, SPNEGO negState,
 * Kerberos error. A token the decoder rejects still gets a summary from its first bytes
 * (§8.1 table) plus the decoder's one-line reason.
 */
import { decodeAuthToken, TokenDecodeError, type DecodedAuthToken } from '../tokens/decode-auth-token.js';
import { base64ByteLength, tokenKindFromPrefix, type TokenKind, type TokenSummary } from './token-summary.js';

export type TokenHeader = 'Authorization' | 'WWW-Authenticate';

function kindOf(decoded: DecodedAuthToken): TokenKind {
  const kerberos = decoded.kerberos;
  if (kerberos?.messageType === 'AP-REQ') return 'kerberos-ap-req';
  if (kerberos?.messageType === 'AP-REP') return 'kerberos-ap-rep';
  if (kerberos?.messageType === 'KRB-ERROR') return 'kerberos-error';
  if (decoded.ntlm) {
    const type = decoded.ntlm.messageType;
    return type === 1 ? 'ntlm-negotiate' : type === 2 ? 'ntlm-challenge' : 'ntlm-authenticate';
  }
  if (decoded.spnego) return decoded.spnego.kind === 'init' ? 'spnego-init' : 'spnego-response';
  return 'unknown';
}

export function summarizeToken(header: TokenHeader, scheme: string, base64: string): TokenSummary {
  const bytes = base64ByteLength(base64);
  try {
    const decoded = decodeAuthToken(`${header}: ${scheme} ${base64}`);
    const kerberos = decoded.kerberos;
    const negState = decoded.spnego?.negState ?? null;
    return {
      scheme,
      base64Chars: base64.length,
      bytes: decoded.tokenLength || bytes,
      kind: kindOf(decoded),
      description:
        negState && !decoded.verdict.includes(negState)
          ? `${decoded.verdict} (negState ${negState})`
          : decoded.verdict,
      mechanism:
        decoded.mechanism === 'kerberos' || decoded.mechanism === 'ntlm' ? decoded.mechanism : 'unknown',
      spn: kerberos?.spn ?? null,
      realm: kerberos?.realm ?? null,
      etype: kerberos?.etypeName ?? null,
      kvno: kerberos?.kvno ?? null,
      negState,
      kerberosError:
        kerberos && kerberos.errorCode !== null
          ? { code: kerberos.errorCode, name: kerberos.errorName ?? `error ${kerberos.errorCode}` }
          : null,
      decodeError: null,
    };
  } catch (error) {
    if (!(error instanceof TokenDecodeError)) throw error;
    const kind = tokenKindFromPrefix(base64);
    return {
      scheme,
      base64Chars: base64.length,
      bytes,
      kind,
      description: `${scheme} token of ${bytes} bytes that could not be read: ${error.message}`,
      mechanism: kind.startsWith('ntlm') ? 'ntlm' : 'unknown',
      spn: null,
      realm: null,
      etype: null,
      kvno: null,
      negState: null,
      kerberosError: null,
      decodeError: error.message,
    };
  }
}
