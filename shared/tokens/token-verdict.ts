/**
 * The one line in plain words shown first for a decoded token. It answers the question IT
 * staff ask first — did the browser even try Kerberos, and for which SPN? (issue 3;
 * decision rule in reference §8.4: raw or SPNEGO-wrapped NTLMSSP under Negotiate means no
 * Kerberos ticket was obtained).
 */
import type { DecodedAuthToken } from './decoded-auth-token.js';

export type VerdictInput = Omit<DecodedAuthToken, 'verdict' | 'fields'>;

export const ntlmFallbackVerdict = 'NTLM fallback inside Negotiate: no Kerberos ticket was obtained';

/** A type 1 pasted without its header: which scheme carried it is unknown (reference §8.4). */
export const rawNtlmNegotiateVerdict =
  'Raw NTLMSSP: if this came in a Negotiate header, no Kerberos ticket was obtained';

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function ntlmLogon(token: VerdictInput): string {
  const ntlm = token.ntlm;
  if (!ntlm) return '';
  if (ntlm.responseKind === 'anonymous') return 'anonymous NTLM logon (no credentials)';
  const who = ntlm.domain ? `${ntlm.domain}\\${ntlm.user ?? ''}` : (ntlm.user ?? 'an unnamed user');
  const from = ntlm.workstation ? ` from ${ntlm.workstation}` : '';
  const kinds = {
    NTLMv2: 'NTLMv2',
    'NTLMv1-ESS': 'NTLMv1 (NTLM2 session response, weak)',
    NTLMv1: 'NTLMv1 (weak)',
    'LM-only': 'LM-only (obsolete)',
  };
  const kind = kinds[ntlm.responseKind ?? 'NTLMv1'];
  return `${kind} logon as ${who}${from}`;
}

export function tokenVerdict(token: VerdictInput): string {
  if (token.container === 'no-token') {
    const schemes = joinAnd(token.offeredSchemes);
    return token.direction === 'client-to-server'
      ? `The header names ${schemes} but carries no token`
      : `The server offers ${schemes} authentication; no token yet (the normal first 401)`;
  }
  const kerberos = token.kerberos;
  if (token.mechanism === 'kerberos' && kerberos) {
    switch (kerberos.messageType) {
      case 'AP-REQ':
        return `Kerberos ticket for ${kerberos.spn ?? '?'} in ${kerberos.realm ?? '?'}`;
      case 'AP-REP':
        return 'Kerberos mutual-authentication reply: the server accepted the ticket and proved its identity';
      case 'KRB-ERROR':
        return `Kerberos error ${kerberos.errorName ?? '?'} (${kerberos.errorCode ?? '?'}) for ${kerberos.spn ?? '?'} in ${kerberos.realm ?? '?'}: ${kerberos.errorMeaning ?? ''}`;
      case 'TGT-REQ':
        return `Kerberos user-to-user request${kerberos.spn ? ` for ${kerberos.spn}` : ''}: not an ordinary ticket for a web site`;
    }
  }
  const ntlm = token.ntlm;
  if (token.mechanism === 'ntlm' && ntlm) {
    if (token.ntlmInsideNegotiate) {
      if (ntlm.messageType === 2) {
        return `NTLM challenge inside Negotiate${ntlm.targetName ? ` from ${ntlm.targetName}` : ''}: the exchange has fallen back to NTLM`;
      }
      return ntlm.messageType === 3 ? `${ntlmFallbackVerdict} (${ntlmLogon(token)})` : ntlmFallbackVerdict;
    }
    switch (ntlm.messageType) {
      case 1:
        // Only the NTLM scheme rules Kerberos out; a bare token may have been cut from a Negotiate header.
        return token.scheme === 'NTLM'
          ? 'NTLM negotiate message: the client starts NTLM (the NTLM scheme never uses Kerberos)'
          : rawNtlmNegotiateVerdict;
      case 2:
        return `NTLM challenge${ntlm.targetName ? ` from ${ntlm.targetName}` : ''}`;
      case 3:
        return `NTLM ${ntlmLogon(token)}`;
    }
  }
  if (token.mechanism === 'negoex') {
    return 'NEGOEX inside Negotiate (e.g. PKU2U): no Kerberos ticket for a domain service in this token';
  }
  const spnego = token.spnego;
  if (spnego && spnego.carries === 'none') {
    if (spnego.kind === 'init') {
      return `Negotiate offer listing ${joinAnd(spnego.mechTypes.map((mechanism) => mechanism.name))}: it carries no ticket`;
    }
    const mechanism = spnego.supportedMech ? ` (${spnego.supportedMech.name})` : '';
    switch (spnego.negState) {
      case 'accept-completed':
        return `The server accepted the Negotiate exchange${mechanism}; no mutual-authentication reply in this token`;
      case 'reject':
        return `The server rejected the Negotiate exchange${mechanism}`;
      case 'accept-incomplete':
        return `The Negotiate exchange continues${mechanism}; this token carries nothing`;
      case 'request-mic':
        return `The server asks for a mechListMIC${mechanism}`;
      case null:
        return `Negotiate response without state or token${mechanism}`;
    }
  }
  if (token.unknownMechanism) {
    return `GSS-API token for ${token.unknownMechanism.name} (${token.unknownMechanism.oid}), which this tool does not decode`;
  }
  return 'Token decoded, but it carries no Kerberos or NTLM message';
}
