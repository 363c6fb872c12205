/**
 * The handful of facts shown right under the verdict — the answers to "did the browser try
 * Kerberos, and for which SPN?" (issue 3) — before the full field tree.
 */
import type { DecodedAuthToken } from '../../../../shared/tokens/decoded-auth-token.js';

export interface KeyFact {
  readonly label: string;
  readonly value: string;
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

export function tokenKeyFacts(token: DecodedAuthToken): KeyFact[] {
  const facts: KeyFact[] = [];
  const add = (label: string, value: string | number | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') facts.push({ label, value: String(value) });
  };
  add('Scheme', token.scheme ?? 'none given (bare token)');
  add(
    'Mechanism carried',
    token.mechanism === 'unknown'
      ? 'none / unknown'
      : token.mechanism === 'ntlm'
        ? 'NTLM'
        : token.mechanism === 'negoex'
          ? 'NEGOEX'
          : 'Kerberos',
  );
  const spnego = token.spnego;
  if (spnego) {
    add('SPNEGO', spnego.kind === 'init' ? 'initial token (NegTokenInit)' : 'response (NegTokenResp)');
    if (spnego.mechTypes.length > 0)
      add('Mechanisms offered, in order', spnego.mechTypes.map((mechanism) => mechanism.name).join(', '));
    if (spnego.kind === 'response') add('Negotiation state', spnego.negState ?? 'not sent');
  }
  const kerberos = token.kerberos;
  if (kerberos) {
    add('Kerberos message', kerberos.messageType);
    add('Realm', kerberos.realm);
    add('SPN asked for', kerberos.spn);
    if (kerberos.nameType !== null) add('Name type', `${kerberos.nameTypeName ?? ''} (${kerberos.nameType})`);
    if (kerberos.etype !== null) add('Ticket encryption', `${kerberos.etypeName ?? ''} (${kerberos.etype})`);
    if (kerberos.messageType === 'AP-REQ') add('Key version (kvno)', kerberos.kvno ?? 'not sent');
    if (kerberos.mutualRequired !== null)
      add('Mutual authentication requested', yesNo(kerberos.mutualRequired));
    if (kerberos.errorCode !== null) {
      add('Error', `${kerberos.errorName ?? ''} (${kerberos.errorCode})`);
      add('Meaning', kerberos.errorMeaning);
    }
  }
  const ntlm = token.ntlm;
  if (ntlm) {
    add('NTLM message', `type ${ntlm.messageType} (${ntlm.messageName})`);
    add('Domain', ntlm.domain);
    add('User', ntlm.user);
    add('Workstation', ntlm.workstation);
    add(ntlm.messageType === 2 ? 'Target name' : 'Target SPN', ntlm.targetName);
    if (ntlm.messageType === 3) {
      add('NTLM version', ntlm.version ?? 'anonymous');
      add('Channel binding (CBT)', yesNo(ntlm.channelBindings));
      add('MIC', ntlm.micPresent ? 'present' : 'absent');
    }
    add('Flags', ntlm.flags.join(', '));
  }
  return facts;
}
