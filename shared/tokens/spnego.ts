/**
 * SPNEGO NegotiationToken (RFC 4178 §4.2, MS-SPNG §2.2.1; reference §8.4):
 * `negTokenInit [0]` from the client (or the server's NegTokenInit2 hint) and
 * `negTokenResp [1]` for every later leg. Traps handled here: NegTokenResp without
 * negState (Windows omits it; Heimdal notes this), NegTokenInit2's `[3]` being negHints
 * rather than mechListMIC, and continuation tokens that are not GSS-framed.
 */
import type { DerElement } from './der-reader.js';
import {
  bitIsSet,
  bitStringValue,
  context,
  DerReader,
  derTags,
  integerValue,
  oidValue,
  unwrapExplicit,
} from './der-reader.js';
import type { CarriedToken, Mechanism } from './carried-token.js';
import { decodeCarriedToken } from './carried-token.js';
import type { MechanismOid } from './mechanism-oids.js';
import { mechanismOfOid, mechanismOid } from './mechanism-oids.js';
import type { TokenField } from './token-field.js';
import { field, group } from './token-field.js';
import { TokenDecodeError } from './token-decode-error.js';
import { utf8Text } from './token-text.js';

export const negStates = ['accept-completed', 'accept-incomplete', 'reject', 'request-mic'] as const;
export type NegState = (typeof negStates)[number];

/** ContextFlags bits (RFC 4178 §4.2.1). */
const contextFlagNames: readonly string[] = [
  'deleg',
  'mutual',
  'replay',
  'sequence',
  'anon',
  'conf',
  'integ',
];
const maxMechTypes = 32;

export interface SpnegoFacts {
  readonly kind: 'init' | 'response';
  /** Whether the SPNEGO token came inside the GSS-API `60 …` wrapper (only initial tokens do). */
  readonly gssFramed: boolean;
  /** NegTokenInit: the mechanisms the sender offers, in its order of preference. */
  readonly mechTypes: readonly MechanismOid[];
  readonly reqFlags: readonly string[] | null;
  /** NegTokenInit2 (server hint): negHints.hintName. */
  readonly negHint: string | null;
  readonly mechListMic: boolean;
  /** NegTokenResp: null when the sender omitted it (allowed in practice). */
  readonly negState: NegState | null;
  readonly supportedMech: MechanismOid | null;
  /** Which mechanism the carried token (mechToken / responseToken) really is; `none` when there is none. */
  readonly carries: Mechanism | 'none';
  /**
   * NegTokenInit: is the optimistic mechToken for the first listed mechanism, as RFC 4178
   * requires? False is worth a look (e.g. Kerberos first but an NTLM token).
   */
  readonly tokenMatchesFirstMech: boolean | null;
}

export interface DecodedSpnego {
  readonly facts: SpnegoFacts;
  readonly carried: CarriedToken | null;
  readonly field: TokenField;
}

function mechList(element: DerElement): MechanismOid[] {
  const list = DerReader.inside(unwrapExplicit(element, derTags.sequence, 'mechTypes'), 'mechTypes');
  const mechanisms: MechanismOid[] = [];
  while (!list.atEnd) {
    if (mechanisms.length >= maxMechTypes) {
      throw new TokenDecodeError(
        'unexpected-structure',
        `SPNEGO mechTypes lists more than ${maxMechTypes} mechanisms`,
      );
    }
    mechanisms.push(mechanismOid(oidValue(list.expect(derTags.oid, 'mechTypes entry'), 'mechTypes entry')));
  }
  return mechanisms;
}

function mechanismText(mechanism: MechanismOid): string {
  return `${mechanism.name} (${mechanism.oid})`;
}

/** `bytes` starts with `a0` (negTokenInit) or `a1` (negTokenResp) and holds exactly one token. */
export function decodeNegotiationToken(
  bytes: Uint8Array,
  baseOffset: number,
  gssFramed: boolean,
): DecodedSpnego {
  const outer = new DerReader(bytes, baseOffset);
  const tag = outer.peekTag();
  if (tag !== context(0) && tag !== context(1)) {
    throw new TokenDecodeError(
      'unexpected-structure',
      `SPNEGO: expected negTokenInit [0] or negTokenResp [1] at byte ${baseOffset}`,
    );
  }
  const choice = outer.read('SPNEGO NegotiationToken');
  outer.expectEnd('SPNEGO NegotiationToken');
  const sequence = unwrapExplicit(
    choice,
    derTags.sequence,
    tag === context(0) ? 'NegTokenInit' : 'NegTokenResp',
  );
  const reader = DerReader.inside(sequence, 'SPNEGO');
  return tag === context(0) ? decodeInit(reader, gssFramed) : decodeResp(reader, gssFramed);
}

/**
 * NegTokenInit ::= SEQUENCE { mechTypes [0], reqFlags [1] OPT, mechToken [2] OPT, mechListMIC [3] OPT }
 * NegTokenInit2 (MS-SPNG §2.2.1) ::= SEQUENCE { mechTypes [0] OPT, reqFlags [1] OPT, mechToken [2] OPT,
 *   negHints [3] OPT, mechListMIC [4] OPT }. `[3]` holds an OCTET STRING in the first, a SEQUENCE in the second.
 */
function decodeInit(reader: DerReader, gssFramed: boolean): DecodedSpnego {
  const mechTypesElement = reader.optional(context(0), 'mechTypes');
  const mechTypes = mechTypesElement ? mechList(mechTypesElement) : [];
  const reqFlagsElement = reader.optional(context(1), 'reqFlags');
  const reqFlagBits = reqFlagsElement
    ? bitStringValue(unwrapExplicit(reqFlagsElement, derTags.bitString, 'reqFlags'), 'reqFlags')
    : null;
  const reqFlags = reqFlagBits ? contextFlagNames.filter((_, bit) => bitIsSet(reqFlagBits, bit)) : null;
  const mechTokenElement = reader.optional(context(2), 'mechToken');
  const mechToken = mechTokenElement
    ? unwrapExplicit(mechTokenElement, derTags.octetString, 'mechToken')
    : null;
  let negHint: string | null = null;
  let mechListMic = false;
  const third = reader.optional(context(3), 'mechListMIC or negHints');
  if (third) {
    const inner = DerReader.inside(third, 'mechListMIC or negHints');
    if (inner.peekTag() === derTags.octetString) {
      unwrapExplicit(third, derTags.octetString, 'mechListMIC');
      mechListMic = true;
    } else {
      const hints = DerReader.inside(unwrapExplicit(third, derTags.sequence, 'negHints'), 'negHints');
      const hintName = hints.optional(context(0), 'negHints hintName');
      if (hintName) negHint = utf8Text(unwrapExplicit(hintName, derTags.generalString, 'hintName').content);
      const hintAddress = hints.optional(context(1), 'negHints hintAddress');
      if (hintAddress) unwrapExplicit(hintAddress, derTags.octetString, 'hintAddress');
      hints.expectEnd('negHints');
    }
  }
  // NegTokenInit2 moves mechListMIC to [4].
  const micAfterHints = reader.optional(context(4), 'mechListMIC');
  if (micAfterHints) {
    unwrapExplicit(micAfterHints, derTags.octetString, 'mechListMIC');
    mechListMic = true;
  }
  reader.expectEnd('NegTokenInit');
  if (!mechTypesElement && negHint === null) {
    throw new TokenDecodeError('unexpected-structure', 'SPNEGO NegTokenInit without mechTypes');
  }

  const carried = mechToken ? decodeCarriedToken(mechToken.content, mechToken.contentOffset) : null;
  const carries = carried?.mechanism ?? 'none';
  const firstMech = mechTypes[0];
  const tokenMatchesFirstMech =
    carried && firstMech ? mechanismOfOid(firstMech.oid) === carried.mechanism : null;
  const fields: TokenField[] = [
    group(
      'mechanisms offered (in order)',
      mechTypes.map((mechanism, index) => field(`${index + 1}`, mechanismText(mechanism))),
    ),
    field('requested context flags', reqFlags === null ? 'not sent' : reqFlags.join(', ') || 'none'),
  ];
  if (negHint !== null) fields.push(field('negotiation hint', negHint));
  fields.push(field('mechListMIC', mechListMic ? 'present' : 'absent'));
  fields.push(carried ? group('mechToken (optimistic token)', [carried.field]) : field('mechToken', 'none'));
  if (tokenMatchesFirstMech === false) {
    fields.push(field('note', 'the mechToken is not for the first mechanism listed'));
  }
  return {
    facts: {
      kind: 'init',
      gssFramed,
      mechTypes,
      reqFlags,
      negHint,
      mechListMic,
      negState: null,
      supportedMech: null,
      carries,
      tokenMatchesFirstMech,
    },
    carried,
    field: group(
      negHint !== null && !mechToken ? 'SPNEGO NegTokenInit2 (server hint)' : 'SPNEGO NegTokenInit',
      fields,
    ),
  };
}

/** NegTokenResp ::= SEQUENCE { negState [0] ENUMERATED OPT, supportedMech [1] OPT, responseToken [2] OPT, mechListMIC [3] OPT } */
function decodeResp(reader: DerReader, gssFramed: boolean): DecodedSpnego {
  const negStateElement = reader.optional(context(0), 'negState');
  let negState: NegState | null = null;
  if (negStateElement) {
    const value = integerValue(unwrapExplicit(negStateElement, derTags.enumerated, 'negState'), 'negState');
    const state = negStates[value];
    if (state === undefined) {
      throw new TokenDecodeError(
        'unexpected-structure',
        `SPNEGO negState ${value} is not defined by RFC 4178`,
      );
    }
    negState = state;
  }
  const supportedElement = reader.optional(context(1), 'supportedMech');
  const supportedMech = supportedElement
    ? mechanismOid(oidValue(unwrapExplicit(supportedElement, derTags.oid, 'supportedMech'), 'supportedMech'))
    : null;
  const responseElement = reader.optional(context(2), 'responseToken');
  const responseToken = responseElement
    ? unwrapExplicit(responseElement, derTags.octetString, 'responseToken')
    : null;
  const micElement = reader.optional(context(3), 'mechListMIC');
  if (micElement) unwrapExplicit(micElement, derTags.octetString, 'mechListMIC');
  reader.expectEnd('NegTokenResp');

  const carried =
    responseToken && responseToken.content.length > 0
      ? decodeCarriedToken(responseToken.content, responseToken.contentOffset)
      : null;
  const fields: TokenField[] = [
    field('negotiation state', negState ?? 'not sent (allowed: Windows omits it on some legs)'),
    field('selected mechanism', supportedMech ? mechanismText(supportedMech) : 'not sent'),
    carried ? group('responseToken', [carried.field]) : field('responseToken', 'none'),
    field('mechListMIC', micElement ? 'present' : 'absent'),
  ];
  return {
    facts: {
      kind: 'response',
      gssFramed,
      mechTypes: [],
      reqFlags: null,
      negHint: null,
      mechListMic: micElement !== null,
      negState,
      supportedMech,
      carries: carried?.mechanism ?? 'none',
      tokenMatchesFirstMech: null,
    },
    carried,
    field: group('SPNEGO NegTokenResp', fields),
  };
}
