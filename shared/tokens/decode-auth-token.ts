/**
 * Public entry point: decode whatever a person pastes — a header line, a scheme and token,
 * or bare base64 — into facts, a plain-words verdict and a field tree (reference §8).
 *
 * Contract: every input either decodes or throws `TokenDecodeError`; nothing else is
 * thrown, and work and memory are bounded by the input size (at most
 * `maxAuthInputCharacters`). The fuzz tests (`decoders.fuzz.test.ts`,
 * `scripts/fuzz-decoders.ts`) hold us to it. Pure: runs in the renderer and in Node.
 */
import type { ParsedAuthInput, TokenDirection } from './auth-header.js';
import { parseAuthInput } from './auth-header.js';
import type { CarriedToken } from './carried-token.js';
import { decodeCarriedToken, gssInitialContextTokenTag, readGssToken } from './carried-token.js';
import { context } from './der-reader.js';
import type { DecodedAuthToken, TokenContainer } from './decoded-auth-token.js';
import { mechanismOfOid, oids } from './mechanism-oids.js';
import type { DecodedSpnego } from './spnego.js';
import { decodeNegotiationToken } from './spnego.js';
import type { TokenField } from './token-field.js';
import { field, group } from './token-field.js';
import { tokenVerdict } from './token-verdict.js';

export { TokenDecodeError } from './token-decode-error.js';
export type { TokenDecodeErrorCode } from './token-decode-error.js';
export type { DecodedAuthToken } from './decoded-auth-token.js';

interface Unwrapped {
  readonly container: TokenContainer;
  readonly spnego: DecodedSpnego | null;
  readonly carried: CarriedToken | null;
}

/** Peels the outer layers: GSS-framed SPNEGO, bare SPNEGO (gokrb5 sends it), or a mechanism token directly. */
function unwrap(bytes: Uint8Array): Unwrapped {
  const first = bytes[0];
  if (first === gssInitialContextTokenTag) {
    const gss = readGssToken(bytes, 0);
    if (gss.mechanism.oid === oids.spnego) {
      const spnego = decodeNegotiationToken(gss.inner, gss.innerOffset, true);
      return { container: 'spnego', spnego, carried: spnego.carried };
    }
  }
  if (first === context(0) || first === context(1)) {
    const spnego = decodeNegotiationToken(bytes, 0, false);
    return { container: 'spnego', spnego, carried: spnego.carried };
  }
  const carried = decodeCarriedToken(bytes, 0);
  const container: TokenContainer =
    carried.mechanism === 'ntlm'
      ? 'raw-ntlmssp'
      : carried.mechanism === 'negoex'
        ? 'negoex'
        : carried.mechanism === 'unknown'
          ? 'gss-other'
          : carried.kerberos?.gssMechanism
            ? 'gss-kerberos'
            : 'bare-kerberos';
  return { container, spnego: null, carried };
}

/** Who sent a token, judged from its content when the header name did not say. */
function inferDirection(unwrapped: Unwrapped): TokenDirection {
  const { spnego, carried } = unwrapped;
  if (carried?.kerberos) {
    return carried.kerberos.messageType === 'AP-REQ' || carried.kerberos.messageType === 'TGT-REQ'
      ? 'client-to-server'
      : 'server-to-client';
  }
  if (carried?.ntlm) return carried.ntlm.messageType === 2 ? 'server-to-client' : 'client-to-server';
  if (spnego)
    return spnego.facts.kind === 'response' || spnego.facts.negHint !== null
      ? 'server-to-client'
      : 'client-to-server';
  return 'unknown';
}

function httpField(parsed: ParsedAuthInput, direction: TokenDirection, tokenLength: number): TokenField {
  return group('HTTP', [
    field('header', parsed.headerName ?? 'not given'),
    field('scheme', parsed.scheme ?? 'not given (bare token)'),
    field(
      'sent by',
      direction === 'client-to-server'
        ? 'client (browser)'
        : direction === 'server-to-client'
          ? 'server'
          : 'unknown',
    ),
    field('token length', `${tokenLength} bytes`),
    ...(parsed.alsoOffered.length > 0 ? [field('also offered', parsed.alsoOffered.join(', '))] : []),
  ]);
}

export function decodeAuthToken(input: string): DecodedAuthToken {
  const parsed = parseAuthInput(input);
  if (parsed.token === null) {
    const base = {
      scheme: parsed.scheme,
      headerName: parsed.headerName,
      direction: parsed.direction,
      container: 'no-token' as const,
      mechanism: 'unknown' as const,
      tokenLength: 0,
      offeredSchemes: parsed.offeredSchemes,
      alsoOffered: parsed.alsoOffered,
      spnego: null,
      kerberos: null,
      ntlm: null,
      negoex: null,
      unknownMechanism: null,
      ntlmInsideNegotiate: false,
      notes: parsed.notes,
    };
    return {
      ...base,
      verdict: tokenVerdict(base),
      fields: [
        httpField(parsed, parsed.direction, 0),
        field('schemes offered', parsed.offeredSchemes.join(', ')),
      ],
    };
  }

  const unwrapped = unwrap(parsed.token);
  const { spnego, carried } = unwrapped;
  // A NegTokenResp without a responseToken still says which mechanism the exchange uses.
  const mechanism =
    carried?.mechanism ??
    (spnego?.facts.supportedMech ? mechanismOfOid(spnego.facts.supportedMech.oid) : 'unknown');
  const direction = parsed.direction === 'unknown' ? inferDirection(unwrapped) : parsed.direction;
  const notes = [...parsed.notes, ...(carried?.ntlm?.notes ?? [])];
  if (spnego?.facts.tokenMatchesFirstMech === false) {
    notes.push('the SPNEGO mechToken is not for the first mechanism listed');
  }
  if (parsed.scheme === 'NTLM' && unwrapped.container !== 'raw-ntlmssp') {
    notes.push('the NTLM scheme normally carries raw NTLMSSP, but this token is not');
  }
  const base = {
    scheme: parsed.scheme,
    headerName: parsed.headerName,
    direction,
    container: unwrapped.container,
    mechanism,
    tokenLength: parsed.token.length,
    offeredSchemes: [],
    alsoOffered: parsed.alsoOffered,
    spnego: spnego?.facts ?? null,
    kerberos: carried?.kerberos ?? null,
    ntlm: carried?.ntlm ?? null,
    negoex: carried?.negoex ?? null,
    unknownMechanism: carried?.unknownMechanism ?? null,
    ntlmInsideNegotiate: mechanism === 'ntlm' && (parsed.scheme === 'Negotiate' || spnego !== null),
    notes,
  };
  const fields: TokenField[] = [httpField(parsed, direction, parsed.token.length)];
  if (spnego) fields.push(spnego.field);
  else if (carried) fields.push(carried.field);
  if (notes.length > 0)
    fields.push(
      group(
        'notes',
        notes.map((note) => field('note', note)),
      ),
    );
  return { ...base, verdict: tokenVerdict(base), fields };
}
