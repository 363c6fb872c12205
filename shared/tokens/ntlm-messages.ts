/**
 * NTLMSSP NEGOTIATE (type 1), CHALLENGE (type 2) and AUTHENTICATE (type 3) messages
 * (reference §8.6; MS-NLMP §2.2.1.1–2.2.1.3, §2.2.2.1, §2.2.2.5, §2.2.2.7, §2.2.2.10).
 *
 * The header-length trap: Version and MIC are only present on newer clients, and some
 * send the VERSION flag without the Version field. The header ends where the first
 * payload begins, so it is computed from the smallest buffer offset instead of being
 * assumed (reference §8.6); Version/MIC are read only when they fit before it.
 * Responses, session keys and MIC values are never copied into the result; the server
 * challenge, a public nonce, is (as hex).
 */
import { avFlagNames, avIdName, avIds, hasNtlmFlag, ntlmFlagNames } from './ntlm-names.js';
import type { TokenField } from './token-field.js';
import { field, group } from './token-field.js';
import { TokenDecodeError } from './token-decode-error.js';
import { oemText, utf16leText } from './token-text.js';

export const ntlmSignature = [0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00] as const; // "NTLMSSP\0"

export type NtlmMessageType = 1 | 2 | 3;

export interface NtlmOsVersion {
  readonly major: number;
  readonly minor: number;
  readonly build: number;
  readonly ntlmRevision: number;
  /** e.g. `10.0.17763 rev 15` */
  readonly text: string;
}

export interface NtlmAvPair {
  readonly id: number;
  readonly name: string;
  /** Display value: names as text, flags by name, timestamps as ISO 8601, binary values described, never copied. */
  readonly value: string;
}

export type NtlmResponseKind = 'NTLMv1' | 'NTLMv1-ESS' | 'NTLMv2' | 'LM-only' | 'anonymous';

export interface NtlmFacts {
  readonly messageType: NtlmMessageType;
  readonly messageName: 'NEGOTIATE' | 'CHALLENGE' | 'AUTHENTICATE';
  /** NegotiateFlags as `0x` + 8 hex digits. */
  readonly flagsValue: string;
  readonly flags: readonly string[];
  /** Type 1: the client's (OEM) domain if supplied; type 3: the logon domain. */
  readonly domain: string | null;
  /** Type 3 only. */
  readonly user: string | null;
  /** Types 1 and 3. */
  readonly workstation: string | null;
  /**
   * Type 2: the challenge's TargetName (the server's domain or computer name).
   * Type 3: MsvAvTargetName from the NTLMv2 response — the SPN the client believed it was talking to.
   */
  readonly targetName: string | null;
  /**
   * Type 2: the 8-byte ServerChallenge as 16 lowercase hex digits. A nonce the server sends in
   * the clear, not a secret (MS-NLMP §2.2.1.2); shown so a capture's challenge can be matched
   * and checked. The type 3 responses computed from it are never copied.
   */
  readonly serverChallenge: string | null;
  /** Type 3: NTLM response version (`v1` also covers NTLMv1 with extended session security). */
  readonly version: 'v1' | 'v2' | null;
  readonly responseKind: NtlmResponseKind | null;
  readonly osVersion: NtlmOsVersion | null;
  /** Type 2: TargetInfo; type 3: the AV pairs inside the NTLMv2 client challenge. */
  readonly avPairs: readonly NtlmAvPair[];
  readonly timestamp: string | null;
  /** True when the type 3 carries a non-zero MsvAvChannelBindings hash (Extended Protection / CBT). */
  readonly channelBindings: boolean;
  /** True when the type 3 header carries a non-zero MIC field. */
  readonly micPresent: boolean;
  readonly lmResponseLength: number | null;
  readonly ntResponseLength: number | null;
  readonly anonymous: boolean;
  readonly notes: readonly string[];
}

export interface DecodedNtlmMessage {
  readonly facts: NtlmFacts;
  readonly field: TokenField;
}

const maxAvPairs = 64;
const messageNames = { 1: 'NEGOTIATE', 2: 'CHALLENGE', 3: 'AUTHENTICATE' } as const;

export function startsWithNtlmSignature(bytes: Uint8Array): boolean {
  return ntlmSignature.every((byte, index) => bytes[index] === byte);
}

class LittleEndian {
  constructor(private readonly bytes: Uint8Array) {}

  u8(offset: number): number {
    return this.bytes[offset] ?? 0;
  }

  u16(offset: number): number {
    return this.u8(offset) | (this.u8(offset + 1) << 8);
  }

  u32(offset: number): number {
    return (this.u16(offset) + this.u16(offset + 2) * 0x10000) >>> 0;
  }
}

interface SecurityBuffer {
  readonly length: number;
  readonly offset: number;
}

/**
 * Reads the `Len | MaxLen | BufferOffset` items at `positions` and finds where the header
 * ends (the smallest payload offset). A buffer whose header item lies past that end is
 * absent (older, shorter header); a payload overlapping a header item is malformed.
 */
function readSecurityBuffers(
  bytes: Uint8Array,
  positions: readonly number[],
  fixedEnd: number,
  what: string,
) {
  const view = new LittleEndian(bytes);
  let headerEnd = bytes.length;
  const buffers: (SecurityBuffer | null)[] = [];
  for (const position of positions) {
    if (position + 8 > headerEnd) {
      buffers.push(null);
      continue;
    }
    const length = view.u16(position);
    const offset = view.u32(position + 4);
    const lowestAllowed = Math.max(position + 8, fixedEnd);
    if (length > 0) {
      if (offset < lowestAllowed) {
        throw new TokenDecodeError(
          'ntlm-invalid',
          `${what}: a field's data offset ${offset} points into the message header`,
        );
      }
      if (offset + length > bytes.length) {
        throw new TokenDecodeError(
          'truncated',
          `${what}: a field claims bytes ${offset}–${offset + length} but the message has ${bytes.length}`,
        );
      }
      headerEnd = Math.min(headerEnd, offset);
    } else if (offset >= lowestAllowed && offset < headerEnd) {
      headerEnd = offset;
    }
    buffers.push({ length, offset });
  }
  return { buffers, headerEnd };
}

function slice(bytes: Uint8Array, buffer: SecurityBuffer | null | undefined): Uint8Array {
  if (!buffer || buffer.length === 0) return new Uint8Array(0);
  return bytes.subarray(buffer.offset, buffer.offset + buffer.length);
}

function readVersion(bytes: Uint8Array, position: number): NtlmOsVersion {
  const view = new LittleEndian(bytes);
  const major = view.u8(position);
  const minor = view.u8(position + 1);
  const build = view.u16(position + 2);
  const ntlmRevision = view.u8(position + 7);
  return { major, minor, build, ntlmRevision, text: `${major}.${minor}.${build} rev ${ntlmRevision}` };
}

function flagsHex(flags: number): string {
  return `0x${flags.toString(16).padStart(8, '0')}`;
}

const ticksPerSecond = 10_000_000n;
const secondsFrom1601To1970 = 11_644_473_600;

/**
 * FILETIME (100 ns since 1601-01-01 UTC) as ISO 8601 with all 7 fractional digits, e.g.
 * `2020-04-30T02:46:22.4140792Z` (MS-DTYP §2.3.3). A 64-bit count of 100 ns does not fit a
 * double exactly, so the whole seconds and the remainder are split with BigInt; any 64-bit
 * value is within what Date can show (up to the year 60056).
 */
export function fileTimeText(bytes: Uint8Array): string {
  const view = new LittleEndian(bytes);
  const ticks = BigInt(view.u32(0)) + (BigInt(view.u32(4)) << 32n);
  const seconds = Number(ticks / ticksPerSecond) - secondsFrom1601To1970;
  const fraction = (ticks % ticksPerSecond).toString().padStart(7, '0');
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, `.${fraction}Z`);
}

function hexText(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function isAllZero(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte === 0);
}

interface AvPairList {
  readonly pairs: NtlmAvPair[];
  readonly timestamp: string | null;
  readonly targetName: string | null;
  readonly channelBindings: boolean;
}

/** AV_PAIR list (MS-NLMP §2.2.2.1): AvId u16, AvLen u16, value; ends with MsvAvEOL, which MUST be present. */
function parseAvPairs(bytes: Uint8Array, what: string): AvPairList {
  const view = new LittleEndian(bytes);
  const pairs: NtlmAvPair[] = [];
  let timestamp: string | null = null;
  let targetName: string | null = null;
  let channelBindings = false;
  let position = 0;
  for (;;) {
    if (position + 4 > bytes.length) {
      throw new TokenDecodeError('ntlm-invalid', `${what}: AV_PAIR list ends without MsvAvEOL`);
    }
    const id = view.u16(position);
    const length = view.u16(position + 2);
    const value = bytes.subarray(position + 4, position + 4 + length);
    if (value.length !== length) {
      throw new TokenDecodeError(
        'truncated',
        `${what}: AV_PAIR ${avIdName(id)} claims ${length} bytes past the end of the list`,
      );
    }
    position += 4 + length;
    if (id === avIds.MsvAvEOL) break;
    if (pairs.length >= maxAvPairs) {
      throw new TokenDecodeError('ntlm-invalid', `${what}: more than ${maxAvPairs} AV_PAIRs`);
    }
    const name = avIdName(id);
    let display: string;
    switch (id) {
      case avIds.MsvAvNbComputerName:
      case avIds.MsvAvNbDomainName:
      case avIds.MsvAvDnsComputerName:
      case avIds.MsvAvDnsDomainName:
      case avIds.MsvAvDnsTreeName:
      case avIds.MsvAvTargetName:
        display = utf16leText(value, `${what} ${name}`);
        if (id === avIds.MsvAvTargetName) targetName = display;
        break;
      case avIds.MsvAvFlags: {
        if (length !== 4)
          throw new TokenDecodeError('ntlm-invalid', `${what}: MsvAvFlags is ${length} bytes, expected 4`);
        const flags = new LittleEndian(value).u32(0);
        const names = avFlagNames(flags);
        display = `${names.length > 0 ? names.join(', ') : 'none'} (${flagsHex(flags)})`;
        break;
      }
      case avIds.MsvAvTimestamp:
        if (length !== 8)
          throw new TokenDecodeError(
            'ntlm-invalid',
            `${what}: MsvAvTimestamp is ${length} bytes, expected 8`,
          );
        display = fileTimeText(value);
        timestamp = display;
        break;
      case avIds.MsvAvChannelBindings:
        if (length !== 16)
          throw new TokenDecodeError(
            'ntlm-invalid',
            `${what}: MsvAvChannelBindings is ${length} bytes, expected 16`,
          );
        channelBindings = !isAllZero(value);
        display = channelBindings
          ? 'present (16-byte hash of the TLS channel)'
          : 'all zeros: no channel binding';
        break;
      case avIds.MsvAvSingleHost:
        display = `${length} bytes (machine identity, not shown)`;
        break;
      default:
        display = `${length} bytes`;
    }
    pairs.push({ id, name, value: display });
  }
  return { pairs, timestamp, targetName, channelBindings };
}

function avPairFields(pairs: readonly NtlmAvPair[]): TokenField[] {
  return pairs.map((pair) => field(pair.name, pair.value));
}

function flagField(flags: number): TokenField {
  return group(
    `flags ${flagsHex(flags)}`,
    ntlmFlagNames(flags).map((name) => field(name, 'set')),
  );
}

function text(bytes: Uint8Array, unicode: boolean, what: string): string {
  return unicode ? utf16leText(bytes, what) : oemText(bytes);
}

const emptyFacts = {
  domain: null,
  user: null,
  workstation: null,
  targetName: null,
  serverChallenge: null,
  version: null,
  responseKind: null,
  osVersion: null,
  avPairs: [],
  timestamp: null,
  channelBindings: false,
  micPresent: false,
  lmResponseLength: null,
  ntResponseLength: null,
  anonymous: false,
  notes: [],
} satisfies Partial<NtlmFacts>;

/** One NTLMSSP message that fills `bytes` (trailing bytes after the payload are tolerated, as Windows does). */
export function decodeNtlmMessage(bytes: Uint8Array): DecodedNtlmMessage {
  if (!startsWithNtlmSignature(bytes)) {
    throw new TokenDecodeError('unknown-token', 'not an NTLMSSP message (signature "NTLMSSP\\0" missing)');
  }
  if (bytes.length < 12) {
    throw new TokenDecodeError(
      'truncated',
      `NTLMSSP message of ${bytes.length} bytes ends before its message type`,
    );
  }
  const messageType = new LittleEndian(bytes).u32(8);
  switch (messageType) {
    case 1:
      return decodeNegotiate(bytes);
    case 2:
      return decodeChallenge(bytes);
    case 3:
      return decodeAuthenticate(bytes);
    default:
      throw new TokenDecodeError('ntlm-invalid', `NTLMSSP message type ${messageType} is not 1, 2 or 3`);
  }
}

function requireLength(bytes: Uint8Array, minimum: number, what: string): void {
  if (bytes.length < minimum) {
    throw new TokenDecodeError(
      'truncated',
      `${what} of ${bytes.length} bytes is shorter than its ${minimum}-byte header`,
    );
  }
}

/** NEGOTIATE_MESSAGE: flags @12, DomainNameFields @16, WorkstationFields @24, Version @32 (MS-NLMP §2.2.1.1). */
function decodeNegotiate(bytes: Uint8Array): DecodedNtlmMessage {
  const what = 'NTLM NEGOTIATE';
  requireLength(bytes, 16, what);
  const flags = new LittleEndian(bytes).u32(12);
  const { buffers, headerEnd } = readSecurityBuffers(bytes, [16, 24], 16, what);
  // Type 1 domain and workstation are always OEM strings (MS-NLMP §2.2.1.1).
  const domain = oemText(slice(bytes, buffers[0]));
  const workstation = oemText(slice(bytes, buffers[1]));
  const osVersion =
    hasNtlmFlag(flags, 'NEGOTIATE_VERSION') && headerEnd >= 40 ? readVersion(bytes, 32) : null;
  const fields: TokenField[] = [
    flagField(flags),
    field('domain supplied', domain === '' ? null : domain),
    field('workstation supplied', workstation === '' ? null : workstation),
    field('client OS version', osVersion?.text ?? null),
  ];
  return {
    facts: {
      messageType: 1,
      messageName: messageNames[1],
      flagsValue: flagsHex(flags),
      flags: ntlmFlagNames(flags),
      ...emptyFacts,
      domain: domain === '' ? null : domain,
      workstation: workstation === '' ? null : workstation,
      osVersion,
    },
    field: group('NTLM NEGOTIATE (type 1): the client starts NTLM', fields),
  };
}

/** CHALLENGE_MESSAGE: TargetNameFields @12, flags @20, ServerChallenge @24, Reserved @32, TargetInfoFields @40, Version @48 (MS-NLMP §2.2.1.2). */
function decodeChallenge(bytes: Uint8Array): DecodedNtlmMessage {
  const what = 'NTLM CHALLENGE';
  requireLength(bytes, 32, what);
  const flags = new LittleEndian(bytes).u32(20);
  const unicode = hasNtlmFlag(flags, 'NEGOTIATE_UNICODE');
  const serverChallenge = hexText(bytes.subarray(24, 32));
  const { buffers, headerEnd } = readSecurityBuffers(bytes, [12, 40], 32, what);
  const targetName = text(slice(bytes, buffers[0]), unicode, `${what} TargetName`);
  const targetInfoBytes = slice(bytes, buffers[1]);
  const notes: string[] = [];
  const targetInfo = targetInfoBytes.length > 0 ? parseAvPairs(targetInfoBytes, `${what} TargetInfo`) : null;
  if (targetInfo && !hasNtlmFlag(flags, 'NEGOTIATE_TARGET_INFO')) {
    notes.push('TargetInfo is present although the NEGOTIATE_TARGET_INFO flag is not set');
  }
  const osVersion =
    hasNtlmFlag(flags, 'NEGOTIATE_VERSION') && headerEnd >= 56 ? readVersion(bytes, 48) : null;
  const fields: TokenField[] = [
    flagField(flags),
    field('target name', targetName === '' ? null : targetName),
    field(
      'target type',
      hasNtlmFlag(flags, 'TARGET_TYPE_DOMAIN')
        ? 'domain'
        : hasNtlmFlag(flags, 'TARGET_TYPE_SERVER')
          ? 'server'
          : null,
    ),
    field('server challenge', serverChallenge),
    group('target info (AV pairs)', targetInfo ? avPairFields(targetInfo.pairs) : []),
    field('server OS version', osVersion?.text ?? null),
    ...notes.map((note) => field('note', note)),
  ];
  return {
    facts: {
      messageType: 2,
      messageName: messageNames[2],
      flagsValue: flagsHex(flags),
      flags: ntlmFlagNames(flags),
      ...emptyFacts,
      targetName: targetName === '' ? null : targetName,
      serverChallenge,
      osVersion,
      avPairs: targetInfo?.pairs ?? [],
      timestamp: targetInfo?.timestamp ?? null,
      notes,
    },
    field: group('NTLM CHALLENGE (type 2): the server answers with a challenge', fields),
  };
}

/**
 * AUTHENTICATE_MESSAGE: LmChallengeResponseFields @12, NtChallengeResponseFields @20,
 * DomainNameFields @28, UserNameFields @36, WorkstationFields @44,
 * EncryptedRandomSessionKeyFields @52, flags @60, Version @64, MIC @72 (MS-NLMP §2.2.1.3).
 */
function decodeAuthenticate(bytes: Uint8Array): DecodedNtlmMessage {
  const what = 'NTLM AUTHENTICATE';
  requireLength(bytes, 64, what);
  const flags = new LittleEndian(bytes).u32(60);
  const unicode = hasNtlmFlag(flags, 'NEGOTIATE_UNICODE');
  const { buffers, headerEnd } = readSecurityBuffers(bytes, [12, 20, 28, 36, 44, 52], 64, what);
  const lm = slice(bytes, buffers[0]);
  const nt = slice(bytes, buffers[1]);
  const domain = text(slice(bytes, buffers[2]), unicode, `${what} DomainName`);
  const user = text(slice(bytes, buffers[3]), unicode, `${what} UserName`);
  const workstation = text(slice(bytes, buffers[4]), unicode, `${what} Workstation`);
  const sessionKeyLength = buffers[5]?.length ?? 0;
  const osVersion =
    hasNtlmFlag(flags, 'NEGOTIATE_VERSION') && headerEnd >= 72 ? readVersion(bytes, 64) : null;
  const micPresent = headerEnd >= 88 && !isAllZero(bytes.subarray(72, 88));

  let responseKind: NtlmResponseKind;
  let clientInfo: AvPairList | null = null;
  if (nt.length === 0) {
    responseKind = user === '' ? 'anonymous' : 'LM-only';
  } else if (nt.length === 24) {
    const essPattern = lm.length === 24 && isAllZero(lm.subarray(8)) && !isAllZero(lm.subarray(0, 8));
    responseKind =
      hasNtlmFlag(flags, 'NEGOTIATE_EXTENDED_SESSIONSECURITY') && essPattern ? 'NTLMv1-ESS' : 'NTLMv1';
  } else {
    // NTLMv2: NTProofStr (16) + NTLMv2_CLIENT_CHALLENGE { RespType=1, HiRespType=1, Reserved (6),
    // TimeStamp (8), ChallengeFromClient (8), Reserved (4), AvPairs } (MS-NLMP §2.2.2.7, reference §8.6).
    if (nt.length < 16 + 28 + 4) {
      throw new TokenDecodeError(
        'ntlm-invalid',
        `${what}: NT response of ${nt.length} bytes is neither NTLMv1 (24) nor a complete NTLMv2 response`,
      );
    }
    if (nt[16] !== 1 || nt[17] !== 1) {
      throw new TokenDecodeError(
        'ntlm-invalid',
        `${what}: NTLMv2 client challenge has RespType ${nt[16]}/${nt[17]}, expected 1/1`,
      );
    }
    responseKind = 'NTLMv2';
    clientInfo = parseAvPairs(nt.subarray(44), `${what} NTLMv2 AV pairs`);
  }
  const version = responseKind === 'NTLMv2' ? 'v2' : responseKind === 'anonymous' ? null : 'v1';
  const responseDescriptions: Record<NtlmResponseKind, string> = {
    NTLMv1: 'NTLMv1 (24-byte response; weak)',
    'NTLMv1-ESS': 'NTLMv1 with extended session security (NTLM2 session response)',
    NTLMv2: 'NTLMv2',
    'LM-only': 'LM response only (obsolete)',
    anonymous: 'anonymous (no credentials)',
  };
  const fields: TokenField[] = [
    flagField(flags),
    field('domain', domain === '' ? null : domain),
    field('user', user === '' ? null : user),
    field('workstation', workstation === '' ? null : workstation),
    field(
      'response',
      `${responseDescriptions[responseKind]}; LM ${lm.length} bytes, NT ${nt.length} bytes (not shown)`,
    ),
    field('encrypted session key', sessionKeyLength > 0 ? `${sessionKeyLength} bytes (not shown)` : 'none'),
    field('client OS version', osVersion?.text ?? null),
    field('MIC', micPresent ? 'present (not shown)' : 'absent'),
  ];
  if (clientInfo) {
    fields.push(group('NTLMv2 client info (AV pairs)', avPairFields(clientInfo.pairs)));
    fields.push(field('channel binding (CBT)', clientInfo.channelBindings ? 'present' : 'absent'));
  }
  return {
    facts: {
      messageType: 3,
      messageName: messageNames[3],
      flagsValue: flagsHex(flags),
      flags: ntlmFlagNames(flags),
      ...emptyFacts,
      domain: domain === '' ? null : domain,
      user: user === '' ? null : user,
      workstation: workstation === '' ? null : workstation,
      targetName: clientInfo?.targetName ?? null,
      version,
      responseKind,
      osVersion,
      avPairs: clientInfo?.pairs ?? [],
      timestamp: clientInfo?.timestamp ?? null,
      channelBindings: clientInfo?.channelBindings ?? false,
      micPresent,
      lmResponseLength: lm.length,
      ntResponseLength: nt.length,
      anonymous: responseKind === 'anonymous',
    },
    field: group('NTLM AUTHENTICATE (type 3): the client proves the password', fields),
  };
}
