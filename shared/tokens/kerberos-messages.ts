/**
 * Kerberos messages carried in HTTP Negotiate tokens: AP-REQ (client → server), AP-REP
 * (mutual-authentication reply), KRB-ERROR, and the user-to-user TGT-REQUEST. Only the
 * unencrypted fields are read — realm, service name (the SPN the client asked for),
 * encryption type, key version, options and error codes (reference §8.5; RFC 4120 §5.3,
 * §5.5.1, §5.5.2, §5.9.1). Encrypted parts are reported by size only.
 */
import type { BitStringValue, DerElement } from './der-reader.js';
import {
  application,
  bitIsSet,
  bitStringValue,
  context,
  DerReader,
  derTags,
  generalizedTimeValue,
  integerValue,
  unwrapExplicit,
} from './der-reader.js';
import {
  apOptionBits,
  encryptionTypeName,
  kerberosErrorName,
  principalNameTypeName,
} from './kerberos-names.js';
import type { TokenField } from './token-field.js';
import { field, group } from './token-field.js';
import { TokenDecodeError } from './token-decode-error.js';
import { utf8Text } from './token-text.js';

export type KerberosMessageType = 'AP-REQ' | 'AP-REP' | 'KRB-ERROR' | 'TGT-REQ';

export interface KerberosMessageFacts {
  readonly messageType: KerberosMessageType;
  /** Ticket realm (AP-REQ), error realm (KRB-ERROR), requested realm (TGT-REQ). */
  readonly realm: string | null;
  /** The service principal name, `sname` components joined with `/`. */
  readonly spn: string | null;
  readonly nameType: number | null;
  readonly nameTypeName: string | null;
  /** Ticket encryption type (AP-REQ) or enc-part type (AP-REP). */
  readonly etype: number | null;
  readonly etypeName: string | null;
  /** Key version of the service account key that encrypted the ticket; absent on some tickets. */
  readonly kvno: number | null;
  readonly authenticatorEtype: number | null;
  readonly apOptions: readonly string[];
  readonly mutualRequired: boolean | null;
  readonly errorCode: number | null;
  readonly errorName: string | null;
  readonly errorMeaning: string | null;
  readonly errorText: string | null;
  readonly serverTime: string | null;
  readonly clientTime: string | null;
  readonly clientRealm: string | null;
  readonly clientName: string | null;
}

export interface DecodedKerberosMessage {
  readonly facts: KerberosMessageFacts;
  readonly field: TokenField;
}

export const kerberosMessageTags = {
  apReq: application(14),
  apRep: application(15),
  krbError: application(30),
} as const;

const maxNameComponents = 32;

const emptyFacts: Omit<KerberosMessageFacts, 'messageType'> = {
  realm: null,
  spn: null,
  nameType: null,
  nameTypeName: null,
  etype: null,
  etypeName: null,
  kvno: null,
  authenticatorEtype: null,
  apOptions: [],
  mutualRequired: null,
  errorCode: null,
  errorName: null,
  errorMeaning: null,
  errorText: null,
  serverTime: null,
  clientTime: null,
  clientRealm: null,
  clientName: null,
};

/** A DER Kerberos message (AP-REQ, AP-REP or KRB-ERROR) that fills `bytes` exactly. */
export function decodeKerberosMessage(bytes: Uint8Array, baseOffset = 0): DecodedKerberosMessage {
  const reader = new DerReader(bytes, baseOffset);
  const tag = reader.peekTag();
  let decoded: DecodedKerberosMessage;
  if (tag === kerberosMessageTags.apReq) decoded = decodeApReq(reader.read('AP-REQ'));
  else if (tag === kerberosMessageTags.apRep) decoded = decodeApRep(reader.read('AP-REP'));
  else if (tag === kerberosMessageTags.krbError) decoded = decodeKrbError(reader.read('KRB-ERROR'));
  else {
    throw new TokenDecodeError(
      'unknown-token',
      `not a Kerberos AP-REQ, AP-REP or KRB-ERROR (first byte 0x${(tag ?? 0).toString(16).padStart(2, '0')} at byte ${baseOffset})`,
    );
  }
  reader.expectEnd('Kerberos message');
  return decoded;
}

function explicitInteger(reader: DerReader, tagNumber: number, what: string): number {
  return integerValue(unwrapExplicit(reader.expect(context(tagNumber), what), derTags.integer, what), what);
}

function optionalExplicitInteger(reader: DerReader, tagNumber: number, what: string): number | null {
  const element = reader.optional(context(tagNumber), what);
  return element ? integerValue(unwrapExplicit(element, derTags.integer, what), what) : null;
}

function explicitString(element: DerElement, what: string): string {
  return utf8Text(unwrapExplicit(element, derTags.generalString, what).content);
}

function expectVersionAndType(reader: DerReader, messageType: number, what: string): void {
  const pvno = explicitInteger(reader, 0, `${what} pvno`);
  if (pvno !== 5) {
    throw new TokenDecodeError('unexpected-structure', `${what}: protocol version ${pvno}, expected 5`);
  }
  const msgType = explicitInteger(reader, 1, `${what} msg-type`);
  if (msgType !== messageType) {
    throw new TokenDecodeError(
      'unexpected-structure',
      `${what}: msg-type ${msgType}, expected ${messageType}`,
    );
  }
}

function sequenceReader(outer: DerElement, what: string): DerReader {
  const reader = DerReader.inside(outer, what);
  const sequence = reader.expect(derTags.sequence, what);
  reader.expectEnd(what);
  return DerReader.inside(sequence, what);
}

interface PrincipalName {
  readonly nameType: number;
  readonly name: string;
}

/** PrincipalName ::= SEQUENCE { name-type [0] Int32, name-string [1] SEQUENCE OF KerberosString } */
function principalName(element: DerElement, what: string): PrincipalName {
  const reader = sequenceReader(element, what);
  const nameType = explicitInteger(reader, 0, `${what} name-type`);
  const strings = DerReader.inside(
    unwrapExplicit(reader.expect(context(1), what), derTags.sequence, what),
    what,
  );
  const components: string[] = [];
  while (!strings.atEnd) {
    if (components.length >= maxNameComponents) {
      throw new TokenDecodeError(
        'unexpected-structure',
        `${what}: more than ${maxNameComponents} name components`,
      );
    }
    components.push(utf8Text(strings.expect(derTags.generalString, `${what} component`).content));
  }
  reader.expectEnd(what);
  return { nameType, name: components.join('/') };
}

interface EncryptedData {
  readonly etype: number;
  readonly kvno: number | null;
  readonly cipherLength: number;
}

/** EncryptedData ::= SEQUENCE { etype [0] Int32, kvno [1] UInt32 OPTIONAL, cipher [2] OCTET STRING } */
function encryptedData(element: DerElement, what: string): EncryptedData {
  const reader = sequenceReader(element, what);
  const etype = explicitInteger(reader, 0, `${what} etype`);
  const kvno = optionalExplicitInteger(reader, 1, `${what} kvno`);
  const cipher = unwrapExplicit(
    reader.expect(context(2), `${what} cipher`),
    derTags.octetString,
    `${what} cipher`,
  );
  reader.expectEnd(what);
  return { etype, kvno, cipherLength: cipher.content.length };
}

function encryptedDataFields(data: EncryptedData, keyNote: string): TokenField[] {
  const fields = [field('encryption type', `${encryptionTypeName(data.etype)} (${data.etype})`)];
  fields.push(field('key version (kvno)', data.kvno ?? 'not sent'));
  fields.push(field('encrypted part', `${data.cipherLength} bytes, ${keyNote}`));
  return fields;
}

function principalField(label: string, principal: PrincipalName): TokenField {
  return field(
    label,
    `${principal.name} (${principalNameTypeName(principal.nameType)}, ${principal.nameType})`,
  );
}

function apOptionNames(bits: BitStringValue): string[] {
  return apOptionBits.filter((_, bit) => bitIsSet(bits, bit));
}

function bitsHex(bits: BitStringValue): string {
  return Array.from(bits.bytes.subarray(0, 8), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** AP-REQ ::= [APPLICATION 14] SEQUENCE { pvno, msg-type, ap-options [2], ticket [3], authenticator [4] } */
function decodeApReq(element: DerElement): DecodedKerberosMessage {
  const reader = sequenceReader(element, 'AP-REQ');
  expectVersionAndType(reader, 14, 'AP-REQ');
  const options = bitStringValue(
    unwrapExplicit(reader.expect(context(2), 'ap-options'), derTags.bitString, 'ap-options'),
    'ap-options',
  );
  const ticketElement = unwrapExplicit(reader.expect(context(3), 'ticket'), application(1), 'Ticket');
  const authenticator = encryptedData(reader.expect(context(4), 'authenticator'), 'authenticator');
  reader.expectEnd('AP-REQ');

  // Ticket ::= [APPLICATION 1] SEQUENCE { tkt-vno [0], realm [1], sname [2], enc-part [3] }
  const ticket = sequenceReader(ticketElement, 'Ticket');
  const ticketVersion = explicitInteger(ticket, 0, 'tkt-vno');
  if (ticketVersion !== 5) {
    throw new TokenDecodeError('unexpected-structure', `Ticket: tkt-vno ${ticketVersion}, expected 5`);
  }
  const realm = explicitString(ticket.expect(context(1), 'ticket realm'), 'ticket realm');
  const sname = principalName(ticket.expect(context(2), 'ticket sname'), 'ticket sname');
  const encPart = encryptedData(ticket.expect(context(3), 'ticket enc-part'), 'ticket enc-part');
  ticket.expectEnd('Ticket');

  const optionNames = apOptionNames(options);
  const mutualRequired = optionNames.includes('mutual-required');
  return {
    facts: {
      messageType: 'AP-REQ',
      ...emptyFacts,
      realm,
      spn: sname.name,
      nameType: sname.nameType,
      nameTypeName: principalNameTypeName(sname.nameType),
      etype: encPart.etype,
      etypeName: encryptionTypeName(encPart.etype),
      kvno: encPart.kvno,
      authenticatorEtype: authenticator.etype,
      apOptions: optionNames,
      mutualRequired,
    },
    field: group('Kerberos AP-REQ (client asks the service to accept a ticket)', [
      field(
        'ap-options',
        `${optionNames.length > 0 ? optionNames.join(', ') : 'none'} (0x${bitsHex(options)})`,
      ),
      field('mutual authentication requested', mutualRequired),
      group('Ticket', [
        field('realm', realm),
        principalField('service name (SPN)', sname),
        ...encryptedDataFields(encPart, "readable only with the service account's key"),
      ]),
      group('Authenticator', encryptedDataFields(authenticator, 'readable only with the ticket session key')),
    ]),
  };
}

/** AP-REP ::= [APPLICATION 15] SEQUENCE { pvno, msg-type, enc-part [2] } */
function decodeApRep(element: DerElement): DecodedKerberosMessage {
  const reader = sequenceReader(element, 'AP-REP');
  expectVersionAndType(reader, 15, 'AP-REP');
  const encPart = encryptedData(reader.expect(context(2), 'AP-REP enc-part'), 'AP-REP enc-part');
  reader.expectEnd('AP-REP');
  return {
    facts: {
      messageType: 'AP-REP',
      ...emptyFacts,
      etype: encPart.etype,
      etypeName: encryptionTypeName(encPart.etype),
      kvno: encPart.kvno,
    },
    field: group(
      'Kerberos AP-REP (server proves its identity: mutual authentication)',
      encryptedDataFields(encPart, 'readable only with the ticket session key'),
    ),
  };
}

/** KRB-ERROR ::= [APPLICATION 30] SEQUENCE { pvno, msg-type, ctime [2] OPT, cusec [3] OPT, stime [4], susec [5], error-code [6], crealm [7] OPT, cname [8] OPT, realm [9], sname [10], e-text [11] OPT, e-data [12] OPT } */
function decodeKrbError(element: DerElement): DecodedKerberosMessage {
  const reader = sequenceReader(element, 'KRB-ERROR');
  expectVersionAndType(reader, 30, 'KRB-ERROR');
  const ctimeElement = reader.optional(context(2), 'ctime');
  const clientTime = ctimeElement
    ? generalizedTimeValue(unwrapExplicit(ctimeElement, derTags.generalizedTime, 'ctime'), 'ctime')
    : null;
  optionalExplicitInteger(reader, 3, 'cusec');
  const serverTime = generalizedTimeValue(
    unwrapExplicit(reader.expect(context(4), 'stime'), derTags.generalizedTime, 'stime'),
    'stime',
  );
  explicitInteger(reader, 5, 'susec');
  const errorCode = explicitInteger(reader, 6, 'error-code');
  const crealmElement = reader.optional(context(7), 'crealm');
  const clientRealm = crealmElement ? explicitString(crealmElement, 'crealm') : null;
  const cnameElement = reader.optional(context(8), 'cname');
  const clientName = cnameElement ? principalName(cnameElement, 'cname') : null;
  const realm = explicitString(reader.expect(context(9), 'realm'), 'realm');
  const sname = principalName(reader.expect(context(10), 'sname'), 'sname');
  const etextElement = reader.optional(context(11), 'e-text');
  const errorText = etextElement ? explicitString(etextElement, 'e-text') : null;
  const edataElement = reader.optional(context(12), 'e-data');
  const errorDataLength = edataElement
    ? unwrapExplicit(edataElement, derTags.octetString, 'e-data').content.length
    : null;
  reader.expectEnd('KRB-ERROR');

  const error = kerberosErrorName(errorCode);
  const fields: TokenField[] = [
    field('error code', `${error.name} (${errorCode}, 0x${errorCode.toString(16)})`),
    field('meaning', error.meaning),
    field('realm', realm),
    principalField('service name (SPN)', sname),
    field('server time', serverTime),
  ];
  if (clientTime !== null) fields.push(field('client time', clientTime));
  if (clientRealm !== null) fields.push(field('client realm', clientRealm));
  if (clientName !== null) fields.push(principalField('client name', clientName));
  if (errorText !== null) fields.push(field('error text (e-text)', errorText));
  if (errorDataLength !== null) fields.push(field('error data (e-data)', `${errorDataLength} bytes`));
  return {
    facts: {
      messageType: 'KRB-ERROR',
      ...emptyFacts,
      realm,
      spn: sname.name,
      nameType: sname.nameType,
      nameTypeName: principalNameTypeName(sname.nameType),
      errorCode,
      errorName: error.name,
      errorMeaning: error.meaning,
      errorText,
      serverTime,
      clientTime,
      clientRealm,
      clientName: clientName?.name ?? null,
    },
    field: group('Kerberos KRB-ERROR', fields),
  };
}

/**
 * KERB-TGT-REQUEST ::= SEQUENCE { pvno [0], msg-type [1] (16), server-name [2] PrincipalName OPTIONAL,
 * realm [3] Realm OPTIONAL } — the first leg of Kerberos user-to-user (GSS TOK_ID 04 00;
 * draft-swift-win2k-krb-user2user §2, as Windows sends it under OID 1.2.840.113554.1.2.2.3).
 */
export function decodeKerberosTgtRequest(bytes: Uint8Array, baseOffset = 0): DecodedKerberosMessage {
  const outer = new DerReader(bytes, baseOffset);
  const sequence = outer.expect(derTags.sequence, 'TGT-REQUEST');
  outer.expectEnd('TGT-REQUEST');
  const reader = DerReader.inside(sequence, 'TGT-REQUEST');
  const pvno = explicitInteger(reader, 0, 'TGT-REQUEST pvno');
  const msgType = explicitInteger(reader, 1, 'TGT-REQUEST msg-type');
  if (pvno !== 5 || msgType !== 16) {
    throw new TokenDecodeError(
      'unexpected-structure',
      `TGT-REQUEST: pvno ${pvno} / msg-type ${msgType}, expected 5 / 16`,
    );
  }
  const serverElement = reader.optional(context(2), 'server-name');
  const server = serverElement ? principalName(serverElement, 'server-name') : null;
  const realmElement = reader.optional(context(3), 'realm');
  const realm = realmElement ? explicitString(realmElement, 'realm') : null;
  reader.expectEnd('TGT-REQUEST');
  const fields: TokenField[] = [field('realm', realm)];
  if (server) fields.push(principalField('server name', server));
  return {
    facts: {
      messageType: 'TGT-REQ',
      ...emptyFacts,
      realm,
      spn: server?.name ?? null,
      nameType: server?.nameType ?? null,
      nameTypeName: server ? principalNameTypeName(server.nameType) : null,
    },
    field: group('Kerberos user-to-user TGT request', fields),
  };
}
