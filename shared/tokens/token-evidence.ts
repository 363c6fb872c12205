/**
 * Evidence kind `auth-token`: a Negotiate / Kerberos / NTLM token seen on the wire (by the
 * network probe, in a HAR file, or pasted), decoded. Rules read the same typed facts as
 * from any probe — e.g. NTLMSSP inside Negotiate is evidence for the NTLM-fallback causes
 * (`spn-missing`, `local-account-ntlm`, `kdc-unreachable`, …; reference §8.1, §8.4).
 * The facts are the decoded token only: the raw base64 never enters evidence or reports.
 */
import type { Evidence, EvidenceStatus } from '../model/evidence.js';
import type { DecodedAuthToken } from './decoded-auth-token.js';

declare module '../model/evidence.js' {
  interface EvidenceFactsByKind {
    'auth-token': DecodedAuthToken;
  }
}

/** NTLM inside Negotiate and Kerberos errors are problems; a Kerberos ticket is good news; the rest is information. */
export function authTokenStatus(token: DecodedAuthToken): EvidenceStatus {
  if (token.ntlmInsideNegotiate) return 'problem';
  if (token.kerberos?.messageType === 'KRB-ERROR') return 'problem';
  if (token.spnego?.negState === 'reject') return 'problem';
  if (token.kerberos?.messageType === 'AP-REQ' || token.kerberos?.messageType === 'AP-REP') return 'ok';
  return 'info';
}

export interface AuthTokenEvidenceOptions {
  readonly id: string;
  /** Which probe or analyser saw the token, e.g. `http-negotiate` or `har-analysis`. */
  readonly probe: string;
  /** Where it was seen, e.g. `Authorization header of GET https://web01/ (request 2)`; shown as the raw-output label. */
  readonly seenIn?: string;
}

export function authTokenEvidence(
  token: DecodedAuthToken,
  options: AuthTokenEvidenceOptions,
): Evidence<'auth-token'> {
  const raw = options.seenIn
    ? [
        {
          label: options.seenIn,
          text: `${token.scheme ?? 'token'} (${token.tokenLength} bytes; raw token withheld): ${token.verdict}`,
        },
      ]
    : [];
  return {
    id: options.id,
    probe: options.probe,
    kind: 'auth-token',
    status: authTokenStatus(token),
    summary: token.verdict,
    facts: token,
    raw,
  };
}
