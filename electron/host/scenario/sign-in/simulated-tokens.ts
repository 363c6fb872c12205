/**
 * Structurally valid Negotiate tokens for the simulated sign-in, built with shared/tokens/der-writer.ts in the
 * layouts of reference §8 so the app's own decoders (shared/tokens) read them like real ones:
 *
 * - the client's SPNEGO NegTokenInit with a Kerberos AP-REQ for the SPN asked for (§8.4, §8.5;
 *   mechTypes in the order Windows lists them, §8.2), its ticket encrypted for the account that
 *   holds the SPN — the ciphertext is filler: nothing in a simulation can or should decrypt it;
 * - the server's NegTokenResp: accept-completed with an AP-REP (mutual authentication), or
 *   reject with a KRB-ERROR (§6.2 codes);
 * - NTLM NEGOTIATE (type 1) and CHALLENGE (type 2) messages (§8.6).
 *
 * Sizes are real: the ticket's encrypted part is padded so the whole token has the size the
 * scenario gives for the user (the PAC with its group list is what makes tokens large, §7.2).
 */
import { oids } from '../../../../shared/tokens/mechanism-oids.js';
import {
  applicationTag,
  bitString,
  enumerated,
  explicitTag,
  generalString,
  integer,
  kerberosTime,
  objectIdentifier,
  octetString,
  sequence,
  type DerBytes,
} from '../../../../shared/tokens/der-writer.js';

/** Kerberos message numbers (RFC 4120 §5.2.2: AP-REQ 14, AP-REP 15, KRB-ERROR 30). */
const apReqType = 14;
const apRepType = 15;
const krbErrorType = 30;
/** NT-SRV-INST: what Windows clients put in the ticket's sname for HTTP/host (§8.5, §8.7 b). */
const ntSrvInst = 2;
/** GSS TOK_IDs before the Kerberos message inside a GSS krb5 token (§8.3). */
const tokenIds = { apReq: [0x01, 0x00], apRep: [0x02, 0x00], krbError: [0x03, 0x00] } as const;

/** Kerberos encryption type numbers (§8.5). */
export const encryptionTypeNumbers = { AES256: 18, AES128: 17, RC4: 23, DES: 3 } as const;
export type EncryptionTypeName = keyof typeof encryptionTypeNumbers;

/** Kerberos error codes the simulation answers with (RFC 4120 §7.5.9, reference §6.2). */
export const kerberosErrorCodes = {
  KRB_AP_ERR_SKEW: 37,
  KRB_AP_ERR_MODIFIED: 41,
} as const;

/** Deterministic filler bytes (xorshift32): looks like ciphertext, the same run after run. */
function fillerBytes(count: number, seed: number): number[] {
  const bytes: number[] = [];
  let state = seed >>> 0 || 0x9e3779b9;
  for (let index = 0; index < count; index += 1) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes.push(state & 0xff);
  }
  return bytes;
}

function seedOf(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash;
}

function principalName(nameType: number, spn: string): number[] {
  const slash = spn.indexOf('/');
  const parts = slash < 0 ? [spn] : [spn.slice(0, slash), spn.slice(slash + 1)];
  return sequence(explicitTag(0, integer(nameType)), explicitTag(1, sequence(...parts.map(generalString))));
}

function encryptedData(etype: number, kvno: number | null, cipher: DerBytes): number[] {
  return sequence(
    explicitTag(0, integer(etype)),
    ...(kvno === null ? [] : [explicitTag(1, integer(kvno))]),
    explicitTag(2, octetString(cipher)),
  );
}

const gssKerberos = (tokenId: readonly number[], message: DerBytes): number[] =>
  applicationTag(0, objectIdentifier(oids.kerberos), [...tokenId, ...message]);

export interface ServiceTicketFacts {
  /** The SPN as the client asked for it, e.g. `HTTP/web01.contoso.com`. */
  readonly spn: string;
  readonly realm: string;
  readonly etype: number;
  /** Key version of the account the ticket is encrypted for. */
  readonly kvno: number;
}

function apRequest(ticket: ServiceTicketFacts, ticketCipherBytes: number): number[] {
  const seed = seedOf(`${ticket.spn}@${ticket.realm}`);
  const encodedTicket = applicationTag(
    1,
    sequence(
      explicitTag(0, integer(5)),
      explicitTag(1, generalString(ticket.realm)),
      explicitTag(2, principalName(ntSrvInst, ticket.spn)),
      explicitTag(3, encryptedData(ticket.etype, ticket.kvno, fillerBytes(ticketCipherBytes, seed))),
    ),
  );
  return applicationTag(
    apReqType,
    sequence(
      explicitTag(0, integer(5)),
      explicitTag(1, integer(apReqType)),
      // ap-options: mutual-required (bit 2), as browsers send it (§8.5, §8.7).
      explicitTag(2, bitString([0x20, 0, 0, 0])),
      explicitTag(3, encodedTicket),
      explicitTag(4, encryptedData(ticket.etype, null, fillerBytes(180, seed ^ 0x5a5a5a5a))),
    ),
  );
}

function negTokenInit(mechToken: DerBytes): number[] {
  return applicationTag(
    0,
    objectIdentifier(oids.spnego),
    explicitTag(
      0,
      sequence(
        explicitTag(
          0,
          sequence(
            objectIdentifier(oids.msKerberos),
            objectIdentifier(oids.kerberos),
            objectIdentifier(oids.negoex),
            objectIdentifier(oids.ntlmssp),
          ),
        ),
        explicitTag(2, octetString(mechToken)),
      ),
    ),
  );
}

/**
 * `Authorization: Negotiate` token with an AP-REQ for the ticket, `totalBytes` long where the
 * structure allows (never smaller than the smallest such token).
 */
export function negotiateKerberosToken(ticket: ServiceTicketFacts, totalBytes: number): Uint8Array {
  let cipherBytes = 64;
  let token = negTokenInit(gssKerberos(tokenIds.apReq, apRequest(ticket, cipherBytes)));
  // DER length prefixes grow with the content: a few rounds settle on the exact size.
  for (let round = 0; round < 4 && token.length !== totalBytes; round += 1) {
    cipherBytes = Math.max(64, cipherBytes + totalBytes - token.length);
    token = negTokenInit(gssKerberos(tokenIds.apReq, apRequest(ticket, cipherBytes)));
  }
  return Uint8Array.from(token);
}

const negStates = { acceptCompleted: 0, reject: 2 } as const;

function negTokenResp(negState: number, responseToken: DerBytes): Uint8Array {
  return Uint8Array.from(
    explicitTag(
      1,
      sequence(
        explicitTag(0, enumerated(negState)),
        explicitTag(1, objectIdentifier(oids.msKerberos)),
        explicitTag(2, octetString(responseToken)),
      ),
    ),
  );
}

/** The server's `WWW-Authenticate: Negotiate` answer to a ticket it decrypted: accept-completed + AP-REP. */
export function acceptingResponseToken(ticket: ServiceTicketFacts): Uint8Array {
  const apReply = applicationTag(
    apRepType,
    sequence(
      explicitTag(0, integer(5)),
      explicitTag(1, integer(apRepType)),
      explicitTag(2, encryptedData(ticket.etype, null, fillerBytes(40, seedOf(`ap-rep ${ticket.spn}`)))),
    ),
  );
  return negTokenResp(negStates.acceptCompleted, gssKerberos(tokenIds.apRep, apReply));
}

/** The server's answer to a ticket it could not accept: reject + KRB-ERROR (RFC 4120 §5.9.1). */
export function rejectingResponseToken(ticket: ServiceTicketFacts, errorCode: number, now: Date): Uint8Array {
  const error = applicationTag(
    krbErrorType,
    sequence(
      explicitTag(0, integer(5)),
      explicitTag(1, integer(krbErrorType)),
      explicitTag(4, kerberosTime(now)),
      explicitTag(5, integer(0)),
      explicitTag(6, integer(errorCode)),
      explicitTag(9, generalString(ticket.realm)),
      explicitTag(10, principalName(ntSrvInst, ticket.spn)),
    ),
  );
  return negTokenResp(negStates.reject, gssKerberos(tokenIds.krbError, error));
}

// ---- NTLMSSP (MS-NLMP §2.2.1.1, §2.2.1.2; reference §8.6) --------------------------------

const ntlmSignature = Array.from(new TextEncoder().encode('NTLMSSP\0'));
const u16 = (value: number) => [value & 0xff, (value >> 8) & 0xff];
const u32 = (value: number) => [
  value & 0xff,
  (value >> 8) & 0xff,
  (value >> 16) & 0xff,
  (value >>> 24) & 0xff,
];
const utf16 = (text: string) => Array.from(text).flatMap((char) => u16(char.charCodeAt(0)));
/** Version: Windows 10.0 build 19041, NTLM revision 15 (§8.6). */
const windowsVersion = [10, 0, ...u16(19041), 0, 0, 0, 15];

/**
 * NEGOTIATE (type 1) as Windows sends it under `Negotiate` when Kerberos is not possible
 * (§8.1): UNICODE, OEM, REQUEST_TARGET, SIGN, NTLM, ALWAYS_SIGN, EXTENDED_SESSIONSECURITY,
 * VERSION, 128, KEY_EXCH, 56; no domain or workstation supplied.
 */
export function ntlmNegotiateMessage(): Uint8Array {
  const flags = 0xe2088217;
  return Uint8Array.from([
    ...ntlmSignature,
    ...u32(1),
    ...u32(flags),
    ...u16(0),
    ...u16(0),
    ...u32(40),
    ...u16(0),
    ...u16(0),
    ...u32(40),
    ...windowsVersion,
  ]);
}

/** CHALLENGE (type 2) from a server of `netbiosDomain`, with its names in the target info (§8.6 AV pairs). */
export function ntlmChallengeMessage(server: {
  readonly netbiosDomain: string;
  readonly netbiosComputer: string;
  readonly dnsDomain: string;
}): Uint8Array {
  const targetName = utf16(server.netbiosDomain.toUpperCase());
  const pair = (id: number, value: number[]) => [...u16(id), ...u16(value.length), ...value];
  const targetInfo = [
    ...pair(2, utf16(server.netbiosDomain.toUpperCase())),
    ...pair(1, utf16(server.netbiosComputer.toUpperCase())),
    ...pair(4, utf16(server.dnsDomain.toLowerCase())),
    ...pair(3, utf16(`${server.netbiosComputer}.${server.dnsDomain}`.toLowerCase())),
    ...pair(0, []),
  ];
  const flags = 0xe28a8215;
  const headerLength = 56;
  const challenge = fillerBytes(8, seedOf(server.netbiosComputer));
  return Uint8Array.from([
    ...ntlmSignature,
    ...u32(2),
    ...u16(targetName.length),
    ...u16(targetName.length),
    ...u32(headerLength),
    ...u32(flags),
    ...challenge,
    ...new Array<number>(8).fill(0),
    ...u16(targetInfo.length),
    ...u16(targetInfo.length),
    ...u32(headerLength + targetName.length),
    ...windowsVersion,
    ...targetName,
    ...targetInfo,
  ]);
}

export function base64Of(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
