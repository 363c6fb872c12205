/**
 * What a Negotiate/NTLM token says, in facts a person can read — never the token itself
 * (tokens are secrets: reports show decoded facts, not raw tokens, unless asked).
 */

export type TokenKind =
  | 'spnego-init'
  | 'spnego-response'
  | 'kerberos-ap-req'
  | 'kerberos-ap-rep'
  | 'kerberos-error'
  | 'ntlm-negotiate'
  | 'ntlm-challenge'
  | 'ntlm-authenticate'
  | 'unknown';

export interface TokenSummary {
  /** HTTP scheme it travelled under (`Negotiate`, `NTLM`). */
  readonly scheme: string;
  /** Length of the base64 text in the header. */
  readonly base64Chars: number;
  readonly bytes: number;
  readonly kind: TokenKind;
  /** One line: what the token is and the facts that matter for sign-in. */
  readonly description: string;
  /** Mechanism actually carried: Kerberos, NTLM, or unknown. */
  readonly mechanism: 'kerberos' | 'ntlm' | 'unknown';
  /** SPN the ticket is for (AP-REQ) or the error names (KRB-ERROR). */
  readonly spn: string | null;
  readonly realm: string | null;
  readonly etype: string | null;
  readonly kvno: number | null;
  /** SPNEGO NegTokenResp negState: accept-completed, accept-incomplete, reject, request-mic. */
  readonly negState: string | null;
  readonly kerberosError: { readonly code: number; readonly name: string } | null;
  /** Why the token could not be read fully, if so. */
  readonly decodeError: string | null;
}

/** Decoded size of a base64 text (padding and whitespace excluded). */
export function base64ByteLength(base64: string): number {
  const clean = base64.replace(/\s+/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

/**
 * First-glance kind from the leading base64 characters (reference §8.1 table): `Y…` is a GSS
 * InitialContextToken (SPNEGO NegTokenInit), `o…` a NegTokenResp, `TlRMTVNTUAAB/AC/AD` NTLM 1/2/3.
 */
export function tokenKindFromPrefix(base64: string): TokenKind {
  if (base64.startsWith('TlRMTVNTUAAB')) return 'ntlm-negotiate';
  if (base64.startsWith('TlRMTVNTUAAC')) return 'ntlm-challenge';
  if (base64.startsWith('TlRMTVNTUAAD')) return 'ntlm-authenticate';
  if (base64.startsWith('Y')) return 'spnego-init';
  if (base64.startsWith('o')) return 'spnego-response';
  return 'unknown';
}
