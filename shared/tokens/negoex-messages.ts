/**
 * NEGOEX (SPNEGO Extended Negotiation, MS-NEGOEX §2.2) messages: Windows uses it for
 * PKU2U and cloud/peer authentication. Nothing in it helps an IIS diagnosis beyond "this
 * is not Kerberos to a domain KDC and not NTLM", so only the message sequence and the
 * authentication-scheme GUIDs are read.
 *
 * MESSAGE_HEADER (40 bytes): Signature "NEGOEXTS" (8), MessageType (4), SequenceNum (4),
 * cbHeaderLength (4), cbMessageLength (4), ConversationId (16). NEGO_MESSAGE adds Random
 * (32), ProtocolVersion (8), AuthSchemes {offset u32, count u16, pad 2}, Extensions {…};
 * EXCHANGE_MESSAGE adds AuthScheme GUID (16) and Exchange {offset u32, length u32}.
 */
import type { TokenField } from './token-field.js';
import { field, group } from './token-field.js';
import { TokenDecodeError } from './token-decode-error.js';

export const negoexSignature = [0x4e, 0x45, 0x47, 0x4f, 0x45, 0x58, 0x54, 0x53] as const; // "NEGOEXTS"

const messageTypeNames: readonly string[] = [
  'INITIATOR_NEGO',
  'ACCEPTOR_NEGO',
  'INITIATOR_META_DATA',
  'ACCEPTOR_META_DATA',
  'CHALLENGE',
  'AP_REQUEST',
  'VERIFY',
  'ALERT',
];

const headerLength = 40;
const maxMessages = 64;
const maxAuthSchemes = 64;

export interface NegoexMessage {
  readonly type: string;
  readonly sequence: number;
  readonly length: number;
  /** Authentication-scheme GUIDs offered (NEGO) or addressed (META_DATA, CHALLENGE, AP_REQUEST). */
  readonly authSchemes: readonly string[];
}

export interface NegoexFacts {
  readonly messages: readonly NegoexMessage[];
}

export interface DecodedNegoex {
  readonly facts: NegoexFacts;
  readonly field: TokenField;
}

export function startsWithNegoexSignature(bytes: Uint8Array): boolean {
  return negoexSignature.every((byte, index) => bytes[index] === byte);
}

function u16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8);
}

function u32(bytes: Uint8Array, offset: number): number {
  return (u16(bytes, offset) + u16(bytes, offset + 2) * 0x10000) >>> 0;
}

/** GUID in its registry form: first three groups little-endian (MS-DTYP §2.3.4.2). */
function guidText(bytes: Uint8Array, offset: number): string {
  const hex = (from: number, to: number, reverse: boolean) => {
    const part = Array.from(bytes.subarray(offset + from, offset + to), (byte) =>
      byte.toString(16).padStart(2, '0'),
    );
    return (reverse ? part.reverse() : part).join('');
  };
  return `${hex(0, 4, true)}-${hex(4, 6, true)}-${hex(6, 8, true)}-${hex(8, 10, false)}-${hex(10, 16, false)}`;
}

/** A concatenation of NEGOEX messages, as carried in one SPNEGO mechToken. */
export function decodeNegoexMessages(bytes: Uint8Array): DecodedNegoex {
  const messages: NegoexMessage[] = [];
  let position = 0;
  while (position < bytes.length) {
    if (messages.length >= maxMessages) {
      throw new TokenDecodeError('negoex-invalid', `NEGOEX: more than ${maxMessages} messages`);
    }
    const message = bytes.subarray(position);
    if (!startsWithNegoexSignature(message)) {
      throw new TokenDecodeError(
        'negoex-invalid',
        `NEGOEX: message at byte ${position} lacks the "NEGOEXTS" signature`,
      );
    }
    if (message.length < headerLength) {
      throw new TokenDecodeError('truncated', `NEGOEX: message at byte ${position} ends inside its header`);
    }
    const typeNumber = u32(message, 8);
    const sequence = u32(message, 12);
    const cbHeader = u32(message, 16);
    const cbMessage = u32(message, 20);
    if (cbHeader < headerLength || cbHeader > cbMessage || cbMessage > message.length) {
      throw new TokenDecodeError(
        'negoex-invalid',
        `NEGOEX: message at byte ${position} has inconsistent lengths (header ${cbHeader}, message ${cbMessage})`,
      );
    }
    const body = message.subarray(0, cbMessage);
    const type = messageTypeNames[typeNumber] ?? `unknown type ${typeNumber}`;
    const authSchemes: string[] = [];
    if (typeNumber === 0 || typeNumber === 1) {
      if (cbMessage < 96)
        throw new TokenDecodeError('negoex-invalid', `NEGOEX: ${type} message is shorter than 96 bytes`);
      const arrayOffset = u32(body, 80);
      const count = u16(body, 84);
      if (
        count > maxAuthSchemes ||
        arrayOffset + count * 16 > cbMessage ||
        (count > 0 && arrayOffset < cbHeader)
      ) {
        throw new TokenDecodeError(
          'negoex-invalid',
          `NEGOEX: ${type} auth-scheme list lies outside the message`,
        );
      }
      for (let index = 0; index < count; index += 1)
        authSchemes.push(guidText(body, arrayOffset + index * 16));
    } else if (typeNumber >= 2 && typeNumber <= 5) {
      if (cbMessage < 64)
        throw new TokenDecodeError('negoex-invalid', `NEGOEX: ${type} message is shorter than 64 bytes`);
      authSchemes.push(guidText(body, 40));
      const exchangeOffset = u32(body, 56);
      const exchangeLength = u32(body, 60);
      if (exchangeLength > 0 && (exchangeOffset < cbHeader || exchangeOffset + exchangeLength > cbMessage)) {
        throw new TokenDecodeError(
          'negoex-invalid',
          `NEGOEX: ${type} exchange data lies outside the message`,
        );
      }
    }
    messages.push({ type, sequence, length: cbMessage, authSchemes });
    position += cbMessage;
  }
  if (messages.length === 0) {
    throw new TokenDecodeError('negoex-invalid', 'NEGOEX: no message');
  }
  return {
    facts: { messages },
    field: group(
      'NEGOEX (extended negotiation, e.g. PKU2U)',
      messages.map((message) =>
        group(`${message.type} #${message.sequence}`, [
          field('length', `${message.length} bytes`),
          ...message.authSchemes.map((scheme) => field('auth scheme', scheme)),
        ]),
      ),
    ),
  };
}
