/**
 * The mechanism token inside a Negotiate exchange — whatever SPNEGO carries in
 * mechToken/responseToken, or what a client sends without SPNEGO: a GSS-API Kerberos
 * token, a bare Kerberos message, raw NTLMSSP, or NEGOEX (reference §8.1, §8.3).
 *
 * GSS framing (RFC 2743 §3.1): `60 len 06 <mech OID> innerContextToken`. For Kerberos the
 * inner token starts with a 2-byte TOK_ID that is NOT ASN.1 (RFC 1964 §1.1, RFC 4121
 * §4.1): `01 00` AP-REQ, `02 00` AP-REP, `03 00` KRB-ERROR; user-to-user adds `04 00`
 * TGT-REQUEST. A naive TLV walker misreads `01 00` as "BOOLEAN, length 0" (reference §8.3).
 */
import { application, DerReader, derTags, oidValue } from './der-reader.js';
import type { KerberosMessageFacts } from './kerberos-messages.js';
import { decodeKerberosMessage, decodeKerberosTgtRequest, kerberosMessageTags } from './kerberos-messages.js';
import type { MechanismOid } from './mechanism-oids.js';
import { isKerberosOid, mechanismOid, oids } from './mechanism-oids.js';
import type { NegoexFacts } from './negoex-messages.js';
import { decodeNegoexMessages, startsWithNegoexSignature } from './negoex-messages.js';
import type { NtlmFacts } from './ntlm-messages.js';
import { decodeNtlmMessage, startsWithNtlmSignature } from './ntlm-messages.js';
import type { TokenField } from './token-field.js';
import { field, group } from './token-field.js';
import { TokenDecodeError } from './token-decode-error.js';

export type Mechanism = 'kerberos' | 'ntlm' | 'negoex' | 'unknown';

export interface KerberosFacts extends KerberosMessageFacts {
  /** The GSS-API mechanism OID the Kerberos message was framed with; null for a bare message. */
  readonly gssMechanism: MechanismOid | null;
  /** GSS TOK_ID as two hex bytes (`01 00` = AP-REQ); null for a bare message. */
  readonly tokenId: string | null;
}

export interface CarriedToken {
  readonly mechanism: Mechanism;
  /** Set when the token is GSS-framed with a mechanism we do not decode. */
  readonly unknownMechanism: MechanismOid | null;
  readonly kerberos: KerberosFacts | null;
  readonly ntlm: NtlmFacts | null;
  readonly negoex: NegoexFacts | null;
  readonly field: TokenField;
}

export const gssInitialContextTokenTag = application(0);

const kerberosTokenIds: Readonly<Record<string, string>> = {
  '01 00': 'KRB_AP_REQ',
  '02 00': 'KRB_AP_REP',
  '03 00': 'KRB_ERROR',
  '04 00': 'KERB_TGT_REQUEST (user-to-user)',
};

export interface GssToken {
  readonly mechanism: MechanismOid;
  readonly inner: Uint8Array;
  readonly innerOffset: number;
}

/** InitialContextToken ::= [APPLICATION 0] IMPLICIT SEQUENCE { thisMech MechType, innerContextToken ANY } */
export function readGssToken(bytes: Uint8Array, baseOffset: number): GssToken {
  const outer = new DerReader(bytes, baseOffset);
  const token = outer.expect(gssInitialContextTokenTag, 'GSS-API token');
  outer.expectEnd('GSS-API token');
  const reader = DerReader.inside(token, 'GSS-API token');
  const oid = oidValue(reader.expect(derTags.oid, 'GSS-API mechanism'), 'GSS-API mechanism');
  return { mechanism: mechanismOid(oid), inner: reader.rest(), innerOffset: reader.offset };
}

function hexPair(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

const none = { unknownMechanism: null, kerberos: null, ntlm: null, negoex: null } as const;

export function decodeCarriedToken(bytes: Uint8Array, baseOffset: number): CarriedToken {
  if (bytes.length === 0) {
    throw new TokenDecodeError('truncated', `empty mechanism token at byte ${baseOffset}`);
  }
  if (startsWithNtlmSignature(bytes)) {
    const ntlm = decodeNtlmMessage(bytes);
    return { ...none, mechanism: 'ntlm', ntlm: ntlm.facts, field: ntlm.field };
  }
  if (startsWithNegoexSignature(bytes)) {
    const negoex = decodeNegoexMessages(bytes);
    return { ...none, mechanism: 'negoex', negoex: negoex.facts, field: negoex.field };
  }
  const first = bytes[0];
  if (first === gssInitialContextTokenTag) return decodeGssFramed(bytes, baseOffset);
  if (
    first === kerberosMessageTags.apReq ||
    first === kerberosMessageTags.apRep ||
    first === kerberosMessageTags.krbError
  ) {
    const message = decodeKerberosMessage(bytes, baseOffset);
    return {
      ...none,
      mechanism: 'kerberos',
      kerberos: { ...message.facts, gssMechanism: null, tokenId: null },
      field: group('bare Kerberos message (no GSS-API framing)', [message.field]),
    };
  }
  throw new TokenDecodeError(
    'unknown-token',
    `not NTLMSSP, SPNEGO, Kerberos or NEGOEX (first byte 0x${(first ?? 0).toString(16).padStart(2, '0')} at byte ${baseOffset})`,
  );
}

function decodeGssFramed(bytes: Uint8Array, baseOffset: number): CarriedToken {
  const gss = readGssToken(bytes, baseOffset);
  const oid = gss.mechanism.oid;
  const mechanismField = field('GSS-API mechanism', `${gss.mechanism.name} (${oid})`);
  if (isKerberosOid(oid) || oid === oids.kerberosUserToUser) {
    if (gss.inner.length < 2) {
      throw new TokenDecodeError(
        'truncated',
        `GSS-API Kerberos token ends before its 2-byte TOK_ID at byte ${gss.innerOffset}`,
      );
    }
    const tokenId = hexPair(gss.inner.subarray(0, 2));
    const tokenIdName = kerberosTokenIds[tokenId];
    if (tokenIdName === undefined || (tokenId === '04 00' && oid !== oids.kerberosUserToUser)) {
      throw new TokenDecodeError(
        'unexpected-structure',
        `GSS-API Kerberos token has unknown TOK_ID ${tokenId} at byte ${gss.innerOffset}`,
      );
    }
    const messageBytes = gss.inner.subarray(2);
    const message =
      tokenId === '04 00'
        ? decodeKerberosTgtRequest(messageBytes, gss.innerOffset + 2)
        : decodeKerberosMessage(messageBytes, gss.innerOffset + 2);
    const expected: Readonly<Record<string, string>> = {
      '01 00': 'AP-REQ',
      '02 00': 'AP-REP',
      '03 00': 'KRB-ERROR',
      '04 00': 'TGT-REQ',
    };
    if (expected[tokenId] !== message.facts.messageType) {
      throw new TokenDecodeError(
        'unexpected-structure',
        `GSS-API TOK_ID ${tokenId} announces ${tokenIdName} but the message is a ${message.facts.messageType}`,
      );
    }
    return {
      ...none,
      mechanism: 'kerberos',
      kerberos: { ...message.facts, gssMechanism: gss.mechanism, tokenId },
      field: group('GSS-API Kerberos token', [
        mechanismField,
        field('TOK_ID (2 bytes, not ASN.1)', `${tokenId} = ${tokenIdName}`),
        message.field,
      ]),
    };
  }
  if (oid === oids.ntlmssp && startsWithNtlmSignature(gss.inner)) {
    const ntlm = decodeNtlmMessage(gss.inner);
    return {
      ...none,
      mechanism: 'ntlm',
      ntlm: ntlm.facts,
      field: group('GSS-API NTLM token', [mechanismField, ntlm.field]),
    };
  }
  if (oid === oids.spnego) {
    throw new TokenDecodeError(
      'unexpected-structure',
      `SPNEGO token nested inside a mechanism token at byte ${baseOffset}`,
    );
  }
  return {
    ...none,
    mechanism: 'unknown',
    unknownMechanism: gss.mechanism,
    field: group('GSS-API token for a mechanism this tool does not decode', [
      mechanismField,
      field('inner token', `${gss.inner.length} bytes`),
    ]),
  };
}
