/**
 * The mechanism OIDs that appear in Negotiate tokens (reference §8.2; MS-KILE §3.1.1.7,
 * RFC 4178, RFC 1964, MS-SPNG, MS-NEGOEX).
 */
export const oids = {
  spnego: '1.3.6.1.5.5.2',
  kerberos: '1.2.840.113554.1.2.2',
  /** "KILE also implements a truncated Kerberos OID value": 113554 & 0xFFFF = 48018 (MS-KILE §3.1.1.7). */
  msKerberos: '1.2.840.48018.1.2.2',
  kerberosUserToUser: '1.2.840.113554.1.2.2.3',
  /** Pre-RFC 1964 Kerberos OID still listed by old MIT clients (seen in the gokrb5 capture). */
  kerberosLegacy: '1.3.5.1.5.2',
  iakerb: '1.3.6.1.5.2.5',
  ntlmssp: '1.3.6.1.4.1.311.2.2.10',
  negoex: '1.3.6.1.4.1.311.2.2.30',
} as const;

const mechanismNames: Readonly<Record<string, string>> = {
  [oids.spnego]: 'SPNEGO',
  [oids.kerberos]: 'Kerberos V5',
  [oids.msKerberos]: 'Kerberos V5 (Microsoft OID)',
  [oids.kerberosUserToUser]: 'Kerberos V5 user-to-user',
  [oids.kerberosLegacy]: 'Kerberos V5 (legacy OID)',
  [oids.iakerb]: 'IAKERB',
  [oids.ntlmssp]: 'NTLM',
  [oids.negoex]: 'NEGOEX',
};

export function mechanismName(oid: string): string {
  return mechanismNames[oid] ?? 'unknown mechanism';
}

/** Both Kerberos OIDs mean Kerberos (reference §8.2: Windows lists the MS one first). */
export function isKerberosOid(oid: string): boolean {
  return oid === oids.kerberos || oid === oids.msKerberos || oid === oids.kerberosLegacy;
}

export interface MechanismOid {
  readonly oid: string;
  readonly name: string;
}

export function mechanismOid(oid: string): MechanismOid {
  return { oid, name: mechanismName(oid) };
}

/** The mechanism family an OID stands for. */
export function mechanismOfOid(oid: string): 'kerberos' | 'ntlm' | 'negoex' | 'unknown' {
  if (isKerberosOid(oid)) return 'kerberos';
  if (oid === oids.ntlmssp) return 'ntlm';
  if (oid === oids.negoex) return 'negoex';
  return 'unknown';
}
