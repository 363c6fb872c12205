/**
 * Hand-built tokens for each trap in reference §8: the GSS TOK_ID that is not ASN.1, raw
 * NTLMSSP under Negotiate, NegTokenResp without negState, both Kerberos OIDs, NTLM header
 * length rules, KRB-ERROR names, header forms, and DER strictness. DER is written with
 * der-writer.ts (the simulated sign-in's encoder); NTLMSSP with a minimal builder written from
 * the same reference sections.
 */
import { describe, expect, it } from 'vitest';
import { DerReader, derTags } from './der-reader.js';
import {
  definiteLength,
  explicitTag,
  generalString,
  integer,
  objectIdentifier,
  octetString,
  tlv,
} from './der-writer.js';
import { decodeAuthToken, TokenDecodeError } from './decode-auth-token.js';
import { maxAuthInputCharacters } from './auth-header.js';
import { fileTimeText } from './ntlm-messages.js';
import { ntlmFallbackVerdict, rawNtlmNegotiateVerdict } from './token-verdict.js';

const krb5 = '1.2.840.113554.1.2.2';
const msKrb5 = '1.2.840.48018.1.2.2';
const spnegoOid = '1.3.6.1.5.5.2';
const ntlmOid = '1.3.6.1.4.1.311.2.2.10';

function principal(nameType: number, ...parts: string[]): number[] {
  return tlv(
    derTags.sequence,
    explicitTag(0, integer(nameType)),
    explicitTag(1, tlv(derTags.sequence, ...parts.map(generalString))),
  );
}
function encrypted(etype: number, kvno: number | null, cipherLength: number): number[] {
  return tlv(
    derTags.sequence,
    explicitTag(0, integer(etype)),
    ...(kvno === null ? [] : [explicitTag(1, integer(kvno))]),
    explicitTag(2, octetString(new Array(cipherLength).fill(0xab))),
  );
}
function apReq(
  options: {
    realm?: string;
    sname?: string[];
    nameType?: number;
    etype?: number;
    kvno?: number | null;
    mutual?: boolean;
  } = {},
): number[] {
  const ticket = tlv(
    0x61,
    tlv(
      derTags.sequence,
      explicitTag(0, integer(5)),
      explicitTag(1, generalString(options.realm ?? 'CONTOSO.COM')),
      explicitTag(2, principal(options.nameType ?? 2, ...(options.sname ?? ['HTTP', 'web01.contoso.com']))),
      explicitTag(3, encrypted(options.etype ?? 18, options.kvno === undefined ? 7 : options.kvno, 40)),
    ),
  );
  const apOptions = tlv(derTags.bitString, [0, options.mutual === false ? 0 : 0x20, 0, 0, 0]);
  return tlv(
    0x6e,
    tlv(
      derTags.sequence,
      explicitTag(0, integer(5)),
      explicitTag(1, integer(14)),
      explicitTag(2, apOptions),
      explicitTag(3, ticket),
      explicitTag(4, encrypted(18, null, 30)),
    ),
  );
}
const apRep = () =>
  tlv(
    0x6f,
    tlv(
      derTags.sequence,
      explicitTag(0, integer(5)),
      explicitTag(1, integer(15)),
      explicitTag(2, encrypted(18, null, 20)),
    ),
  );
function krbError(code: number, eText?: string): number[] {
  return tlv(
    0x7e,
    tlv(
      derTags.sequence,
      explicitTag(0, integer(5)),
      explicitTag(1, integer(30)),
      explicitTag(4, tlv(derTags.generalizedTime, Array.from(new TextEncoder().encode('20261122021500Z')))),
      explicitTag(5, integer(1)),
      explicitTag(6, integer(code)),
      explicitTag(9, generalString('CONTOSO.COM')),
      explicitTag(10, principal(2, 'HTTP', 'web01.contoso.com')),
      ...(eText ? [explicitTag(11, generalString(eText))] : []),
    ),
  );
}
const gssKrb = (mechOid: string, tokId: [number, number], message: number[]) =>
  tlv(0x60, objectIdentifier(mechOid), [...tokId, ...message]);
function negTokenInit(mechOids: string[], mechToken?: number[]): number[] {
  return tlv(
    0x60,
    objectIdentifier(spnegoOid),
    explicitTag(
      0,
      tlv(
        derTags.sequence,
        explicitTag(0, tlv(derTags.sequence, ...mechOids.map(objectIdentifier))),
        ...(mechToken ? [explicitTag(2, octetString(mechToken))] : []),
      ),
    ),
  );
}
const b64 = (bytes: number[] | Uint8Array) => btoa(String.fromCharCode(...Array.from(bytes)));

// ---- NTLMSSP builder (MS-NLMP §2.2.1.3 layout, reference §8.6) ---------------------------
const utf16 = (text: string) =>
  Array.from(text).flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8]);
const u16 = (n: number) => [n & 0xff, n >> 8];
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const signature = Array.from(new TextEncoder().encode('NTLMSSP\0'));
/** FILETIME bytes of an instant plus `extraTicks` of 100 ns (the digits a millisecond cannot hold). */
function fileTime(iso: string, extraTicks = 0n): number[] {
  let ticks = (BigInt(Date.parse(iso)) + 11_644_473_600_000n) * 10_000n + extraTicks;
  const bytes: number[] = [];
  for (let index = 0; index < 8; index += 1, ticks >>= 8n) bytes.push(Number(ticks & 0xffn));
  return bytes;
}
function avPairs(pairs: [number, number[]][]): number[] {
  return [...pairs.flatMap(([id, value]) => [...u16(id), ...u16(value.length), ...value]), 0, 0, 0, 0];
}
function ntlmv2Response(pairs: [number, number[]][]): number[] {
  return [
    ...new Array(16).fill(0x11),
    1,
    1,
    0,
    0,
    0,
    0,
    0,
    0,
    ...new Array(8).fill(0),
    ...new Array(8).fill(0x22),
    0,
    0,
    0,
    0,
    ...avPairs(pairs),
    0,
    0,
    0,
    0,
  ];
}
function type3(
  options: {
    headerLength?: number;
    flags?: number;
    domain?: string;
    user?: string;
    workstation?: string;
    nt?: number[];
    lm?: number[];
    mic?: boolean;
  } = {},
): number[] {
  const headerLength = options.headerLength ?? 88;
  const flags = options.flags ?? 0xe2888235;
  const payloads = [
    options.lm ?? [],
    options.nt ?? new Array(24).fill(0x33),
    utf16(options.domain ?? 'CONTOSO'),
    utf16(options.user ?? 'bob'),
    utf16(options.workstation ?? 'WS01'),
    [],
  ];
  let offset = headerLength;
  const fields = payloads.flatMap((payload) => {
    const item = [...u16(payload.length), ...u16(payload.length), ...u32(offset)];
    offset += payload.length;
    return item;
  });
  const header = [...signature, ...u32(3), ...fields, ...u32(flags)];
  if (headerLength >= 72) header.push(10, 0, ...u16(19041), 0, 0, 0, 15);
  if (headerLength >= 88) header.push(...new Array(16).fill(options.mic === false ? 0 : 0x5a));
  while (header.length < headerLength) header.push(0);
  return [...header, ...payloads.flat()];
}

function decodeError(input: string): TokenDecodeError {
  try {
    decodeAuthToken(input);
  } catch (error) {
    if (error instanceof TokenDecodeError) return error;
    throw error;
  }
  throw new Error('decoded without error');
}

describe('GSS framing: the 2-byte TOK_ID is not ASN.1 (reference §8.3)', () => {
  it('reads TOK_ID 01 00 then the AP-REQ behind it', () => {
    const decoded = decodeAuthToken(`Negotiate ${b64(gssKrb(krb5, [1, 0], apReq()))}`);
    expect(decoded).toMatchObject({
      container: 'gss-kerberos',
      mechanism: 'kerberos',
      verdict: 'Kerberos ticket for HTTP/web01.contoso.com in CONTOSO.COM',
    });
    expect(decoded.kerberos).toMatchObject({
      tokenId: '01 00',
      realm: 'CONTOSO.COM',
      spn: 'HTTP/web01.contoso.com',
      nameType: 2,
      nameTypeName: 'NT-SRV-INST',
      etype: 18,
      kvno: 7,
      mutualRequired: true,
    });
  });

  it('rejects an unknown TOK_ID and a TOK_ID that announces a different message', () => {
    expect(decodeError(b64(gssKrb(krb5, [5, 0], apReq()))).code).toBe('unexpected-structure');
    expect(decodeError(b64(gssKrb(krb5, [2, 0], apReq()))).message).toMatch(
      /announces KRB_AP_REP but the message is a AP-REQ/,
    );
  });

  it('rejects a GSS Kerberos token with the TOK_ID missing', () => {
    expect(decodeError(b64(tlv(0x60, objectIdentifier(krb5), apReq()))).code).toBe('unexpected-structure');
  });
});

describe('both Kerberos OIDs (reference §8.2)', () => {
  it('decodes the Microsoft OID 1.2.840.48018.1.2.2 as Kerberos, in mechTypes and in GSS framing', () => {
    const decoded = decodeAuthToken(
      b64(
        negTokenInit(
          [msKrb5, krb5, ntlmOid],
          gssKrb(
            msKrb5,
            [1, 0],
            apReq({ realm: 'ODESSY.LOCAL', sname: ['HTTP', 'web-server.odessy.local'] }),
          ),
        ),
      ),
    );
    expect(decoded.mechanism).toBe('kerberos');
    expect(decoded.spnego?.mechTypes.map((mechanism) => mechanism.name)).toEqual([
      'Kerberos V5 (Microsoft OID)',
      'Kerberos V5',
      'NTLM',
    ]);
    expect(decoded.spnego?.tokenMatchesFirstMech).toBe(true);
    expect(decoded.kerberos?.gssMechanism?.oid).toBe(msKrb5);
    expect(decoded.verdict).toBe('Kerberos ticket for HTTP/web-server.odessy.local in ODESSY.LOCAL');
  });

  it('reports a mechToken that is not for the first listed mechanism', () => {
    const ntlmType1 = [...signature, ...u32(1), ...u32(0x00088207), ...new Array(16).fill(0)];
    const decoded = decodeAuthToken(`Negotiate ${b64(negTokenInit([krb5, ntlmOid], ntlmType1))}`);
    expect(decoded.spnego?.tokenMatchesFirstMech).toBe(false);
    expect(decoded.notes).toContain('the SPNEGO mechToken is not for the first mechanism listed');
    expect(decoded.verdict).toBe(ntlmFallbackVerdict);
  });
});

describe('NTLM under the Negotiate scheme (reference §8.1, §8.4)', () => {
  const type1 = b64([
    ...signature,
    ...u32(1),
    ...u32(0xa2088207),
    ...new Array(16).fill(0),
    5,
    1,
    ...u16(2600),
    0,
    0,
    0,
    15,
  ]);

  it('raw NTLMSSP under Negotiate is the fallback', () => {
    const decoded = decodeAuthToken(`Authorization: Negotiate ${type1}`);
    expect(decoded).toMatchObject({
      scheme: 'Negotiate',
      container: 'raw-ntlmssp',
      mechanism: 'ntlm',
      ntlmInsideNegotiate: true,
      verdict: ntlmFallbackVerdict,
    });
    expect(decoded.ntlm?.osVersion?.text).toBe('5.1.2600 rev 15');
    expect(JSON.stringify(decoded)).not.toContain(type1.slice(0, 20));
  });

  it('the same message under the NTLM scheme is plain NTLM, not a fallback', () => {
    const decoded = decodeAuthToken(`Authorization: NTLM ${type1}`);
    expect(decoded.ntlmInsideNegotiate).toBe(false);
    expect(decoded.verdict).toBe(
      'NTLM negotiate message: the client starts NTLM (the NTLM scheme never uses Kerberos)',
    );
  });

  it('pasted without its header, it does not claim the NTLM scheme: it may have come from Negotiate', () => {
    const decoded = decodeAuthToken(type1);
    expect(decoded).toMatchObject({ scheme: null, ntlmInsideNegotiate: false });
    expect(decoded.verdict).toBe(rawNtlmNegotiateVerdict);
    expect(decoded.verdict).toBe(
      'Raw NTLMSSP: if this came in a Negotiate header, no Kerberos ticket was obtained',
    );
  });
});

describe('SPNEGO NegTokenResp (reference §8.4)', () => {
  it('decodes a NegTokenResp without negState', () => {
    const token = explicitTag(
      1,
      tlv(
        derTags.sequence,
        explicitTag(1, objectIdentifier(krb5)),
        explicitTag(2, octetString(gssKrb(krb5, [2, 0], apRep()))),
      ),
    );
    const decoded = decodeAuthToken(`WWW-Authenticate: Negotiate ${b64(token)}`);
    expect(decoded.spnego).toMatchObject({
      kind: 'response',
      negState: null,
      gssFramed: false,
      carries: 'kerberos',
    });
    expect(decoded.kerberos?.messageType).toBe('AP-REP');
    expect(decoded.direction).toBe('server-to-client');
  });

  it('a reject says the server rejected the exchange', () => {
    const token = explicitTag(1, tlv(derTags.sequence, explicitTag(0, tlv(derTags.enumerated, [2]))));
    const decoded = decodeAuthToken(b64(token));
    expect(decoded.verdict).toBe('The server rejected the Negotiate exchange');
    expect(decoded.spnego?.negState).toBe('reject');
  });

  it('rejects a negState outside RFC 4178', () => {
    expect(
      decodeError(b64(explicitTag(1, tlv(derTags.sequence, explicitTag(0, tlv(derTags.enumerated, [9]))))))
        .code,
    ).toBe('unexpected-structure');
  });
});

describe('KRB-ERROR (reference §6.2, §8.5)', () => {
  it.each([
    [41, 'KRB_AP_ERR_MODIFIED', /could not decrypt the ticket/],
    [37, 'KRB_AP_ERR_SKEW', /five minutes/],
    [7, 'KDC_ERR_S_PRINCIPAL_UNKNOWN', /no account holds the SPN/],
  ])('names error %i %s and explains it', (code, name, meaning) => {
    const token = explicitTag(
      1,
      tlv(
        derTags.sequence,
        explicitTag(0, tlv(derTags.enumerated, [2])),
        explicitTag(2, octetString(gssKrb(krb5, [3, 0], krbError(code, 'oops')))),
      ),
    );
    const decoded = decodeAuthToken(`WWW-Authenticate: Negotiate ${b64(token)}`);
    expect(decoded.kerberos).toMatchObject({
      messageType: 'KRB-ERROR',
      errorCode: code,
      errorName: name,
      errorText: 'oops',
      serverTime: '2026-11-22T02:15:00Z',
      spn: 'HTTP/web01.contoso.com',
    });
    expect(decoded.kerberos?.errorMeaning).toMatch(meaning);
    expect(decoded.verdict).toMatch(
      new RegExp(`^Kerberos error ${name} \\(${code}\\) for HTTP/web01.contoso.com in CONTOSO.COM: `),
    );
  });
});

describe('NTLM AUTHENTICATE header length rules (reference §8.6)', () => {
  it('reads Version and MIC from an 88-byte header', () => {
    const decoded = decodeAuthToken(`NTLM ${b64(type3())}`);
    expect(decoded.ntlm).toMatchObject({
      domain: 'CONTOSO',
      user: 'bob',
      workstation: 'WS01',
      version: 'v1',
      micPresent: true,
      osVersion: { text: '10.0.19041 rev 15' },
    });
    expect(decoded.verdict).toBe('NTLM NTLMv1 (weak) logon as CONTOSO\\bob from WS01');
  });

  it('finds no Version and no MIC in a 64-byte header even with the VERSION flag set', () => {
    const decoded = decodeAuthToken(`NTLM ${b64(type3({ headerLength: 64 }))}`);
    expect(decoded.ntlm).toMatchObject({ user: 'bob', osVersion: null, micPresent: false });
    expect(decoded.ntlm?.flags).toContain('NEGOTIATE_VERSION');
  });

  it('reads Version but no MIC from a 72-byte header', () => {
    expect(decodeAuthToken(b64(type3({ headerLength: 72 }))).ntlm).toMatchObject({
      micPresent: false,
      osVersion: { build: 19041 },
    });
  });

  it('rejects a payload offset inside the header, and a field past the end', () => {
    const intoHeader = type3();
    intoHeader.splice(40, 4, ...u32(30)); // UserNameFields.BufferOffset = 30
    expect(decodeError(b64(intoHeader)).code).toBe('ntlm-invalid');
    const pastEnd = type3();
    pastEnd.splice(36, 2, ...u16(5000));
    expect(decodeError(b64(pastEnd)).code).toBe('truncated');
  });

  it('NTLMv2: target SPN, channel bindings and MsvAvFlags from the client blob', () => {
    const nt = ntlmv2Response([
      [0x0002, utf16('CONTOSO')],
      [0x0006, u32(2)],
      [0x0009, utf16('HTTP/web01.contoso.com')],
      [0x000a, new Array(16).fill(7)],
      [0x0007, fileTime('2000-01-01T00:00:00.000Z', 1_234_567n)],
    ]);
    const decoded = decodeAuthToken(`Authorization: Negotiate ${b64(type3({ nt }))}`);
    expect(decoded.ntlm).toMatchObject({
      version: 'v2',
      targetName: 'HTTP/web01.contoso.com',
      channelBindings: true,
      timestamp: '2000-01-01T00:00:00.1234567Z',
    });
    expect(decoded.ntlm?.avPairs).toContainEqual({
      id: 6,
      name: 'MsvAvFlags',
      value: 'mic-present (0x00000002)',
    });
    expect(decoded.verdict).toBe(`${ntlmFallbackVerdict} (NTLMv2 logon as CONTOSO\\bob from WS01)`);
  });

  it('FILETIME keeps all 7 fractional digits over the whole 64-bit range', () => {
    const bytesOf = (ticks: bigint) => Uint8Array.from(fileTime('1601-01-01T00:00:00Z', ticks));
    expect(fileTimeText(Uint8Array.from(new Array(8).fill(0)))).toBe('1601-01-01T00:00:00.0000000Z');
    expect(fileTimeText(Uint8Array.from(new Array(8).fill(0xff)))).toBe('+060056-05-28T05:36:10.9551615Z');
    // 2^53 + 1 ticks: a double would round it to 2^53.
    expect(fileTimeText(bytesOf(2n ** 53n + 1n))).toBe('1629-07-17T23:58:45.4740993Z');
  });

  it('all-zero channel bindings mean none', () => {
    const decoded = decodeAuthToken(b64(type3({ nt: ntlmv2Response([[0x000a, new Array(16).fill(0)]]) })));
    expect(decoded.ntlm?.channelBindings).toBe(false);
  });

  it('rejects an NTLMv2 blob without MsvAvEOL and an odd-length UTF-16 name', () => {
    const noEol = ntlmv2Response([]).slice(0, 44);
    expect(decodeError(b64(type3({ nt: [...noEol, 2, 0, 2, 0, 0x41, 0] }))).code).toBe('ntlm-invalid');
    const odd = type3();
    odd.splice(36, 4, ...u16(5), ...u16(5));
    expect(decodeError(b64(odd)).message).toMatch(/odd byte length/);
  });

  it('anonymous: empty user and no NT response', () => {
    const decoded = decodeAuthToken(b64(type3({ user: '', domain: '', workstation: '', nt: [] })));
    expect(decoded.ntlm).toMatchObject({ anonymous: true, version: null, responseKind: 'anonymous' });
  });
});

describe('header forms (reference §8.1)', () => {
  const token = b64(gssKrb(krb5, [1, 0], apReq()));

  it.each([
    [`Authorization: Negotiate ${token}`, 'Negotiate', 'Authorization'],
    [`authorization:negotiate ${token}`, 'Negotiate', 'Authorization'],
    [`Proxy-Authorization: Kerberos ${token}`, 'Kerberos', 'Proxy-Authorization'],
    [`  Negotiate ${token.slice(0, 30)}\n  ${token.slice(30)}  `, 'Negotiate', null],
    [token, null, null],
  ])('accepts form %# (scheme %s, header %s)', (input, scheme, headerName) => {
    const decoded = decodeAuthToken(input);
    expect(decoded).toMatchObject({ scheme, headerName, mechanism: 'kerberos' });
  });

  it('a challenge without a token lists the schemes offered', () => {
    expect(decodeAuthToken('WWW-Authenticate: Negotiate')).toMatchObject({
      container: 'no-token',
      offeredSchemes: ['Negotiate'],
      verdict: expect.stringMatching(/normal first 401/),
    });
    expect(decodeAuthToken('WWW-Authenticate: Negotiate, NTLM').offeredSchemes).toEqual([
      'Negotiate',
      'NTLM',
    ]);
  });

  describe('several challenges in one header (merged WWW-Authenticate, as dev tools show it)', () => {
    const negTokenResp = 'oRQwEqADCgEAoQsGCSqGSIb3EgECAg=='; // gokrb5 testGSSAPIResp (PROVENANCE)

    it('decodes the first challenge that carries a token and names the others', () => {
      const decoded = decodeAuthToken(`WWW-Authenticate: Negotiate ${negTokenResp}, NTLM`);
      expect(decoded).toMatchObject({
        scheme: 'Negotiate',
        direction: 'server-to-client',
        container: 'spnego',
        spnego: { kind: 'response', negState: 'accept-completed' },
        alsoOffered: ['NTLM'],
      });
      expect(decoded.notes).toContain(
        'the header holds 2 challenges: decoded the Negotiate token; also offered: NTLM',
      );
      expect(decoded.fields[0]?.children).toContainEqual(
        expect.objectContaining({ label: 'also offered', value: 'NTLM' }),
      );
    });

    it('finds the token in a later challenge, past Basic with a quoted comma', () => {
      const decoded = decodeAuthToken(
        `WWW-Authenticate: Basic realm="a, Negotiate b", charset="UTF-8", NTLM ${b64([...signature, ...u32(2), ...new Array(24).fill(0)])}, Negotiate`,
      );
      expect(decoded).toMatchObject({
        scheme: 'NTLM',
        mechanism: 'ntlm',
        ntlm: { messageType: 2, serverChallenge: '0000000000000000' },
        alsoOffered: ['Basic', 'Negotiate'],
      });
    });

    it('without any token lists the integrated schemes and the others', () => {
      expect(decodeAuthToken('WWW-Authenticate: Negotiate, NTLM, Basic realm="intranet"')).toMatchObject({
        container: 'no-token',
        offeredSchemes: ['Negotiate', 'NTLM'],
        alsoOffered: ['Basic'],
      });
    });

    it('a single challenge names nothing else', () => {
      expect(decodeAuthToken(`WWW-Authenticate: Negotiate ${negTokenResp}`).alsoOffered).toEqual([]);
    });

    it.each([
      ['WWW-Authenticate: Negotiate YII*, NTLM', 'not-base64'],
      ['WWW-Authenticate: Basic realm="x", Bearer', 'unsupported-scheme'],
      ['WWW-Authenticate: <x>, Negotiate', 'malformed-header'],
    ])('bad list %# gives %s', (input, code) => {
      expect(decodeError(input).code).toBe(code);
    });
  });

  it.each([
    ['', 'empty-input'],
    ['   ', 'empty-input'],
    ['not base64', 'not-base64'],
    ['Negotiate YII*', 'not-base64'],
    ['Negotiate YIIA===', 'not-base64'],
    ['Authorization: Basic dXNlcjpwYXNz', 'unsupported-scheme'],
    ['Cookie: a=b', 'malformed-header'],
    ['Negotiate', null],
    ['x'.repeat(maxAuthInputCharacters + 1), 'input-too-large'],
    ['A'.repeat(1024 * 1024), 'input-too-large'],
    ['aGVsbG8gd29ybGQ=', 'unknown-token'],
  ])('bad input %# gives %s', (input, code) => {
    if (code === null) {
      expect(decodeAuthToken(input).container).toBe('no-token');
      return;
    }
    const error = decodeError(input);
    expect(error.code).toBe(code);
    expect(error.message).not.toMatch(/\n/);
  });

  it('recognises the mangled "NTSP" token as not NTLMSSP (PROVENANCE: em-http-request #218)', () => {
    expect(decodeError('Negotiate TlRTUAABAAMTVNAAB4IIAA==').message).toMatch(
      /not NTLMSSP, SPNEGO, Kerberos or NEGOEX/,
    );
  });
});

describe('DER strictness (der-reader.ts)', () => {
  const valid = gssKrb(krb5, [1, 0], apReq());

  it('rejects indefinite and non-minimal lengths', () => {
    expect(decodeError(b64([0x60, 0x80, ...valid.slice(4), 0, 0])).code).toBe('der-invalid');
    const inner = valid.slice(4);
    expect(decodeError(b64([0x60, 0x83, 0, ...definiteLength(inner.length).slice(1), ...inner])).code).toBe(
      'der-invalid',
    );
  });

  it('rejects every truncation of a valid token with a typed error', () => {
    for (let cut = 1; cut < valid.length; cut += 1) {
      expect(() => decodeAuthToken(b64(valid.slice(0, cut)))).toThrow(TokenDecodeError);
    }
  });

  it('rejects trailing bytes after the token', () => {
    expect(decodeError(b64([...valid, 0])).code).toBe('unexpected-structure');
  });

  it('caps nesting depth', () => {
    let nested = tlv(derTags.sequence);
    for (let level = 0; level < 40; level += 1) nested = tlv(derTags.sequence, nested);
    let reader = new DerReader(Uint8Array.from(nested));
    expect(() => {
      for (;;) reader = DerReader.inside(reader.read('nest'), 'nest');
    }).toThrow(expect.objectContaining({ code: 'der-too-deep' }));
  });
});

describe('display safety', () => {
  it('shows control and bidi characters from a token as escapes', () => {
    const decoded = decodeAuthToken(b64(gssKrb(krb5, [1, 0], apReq({ realm: 'EVIL\u001b[2J\u202eCOM' }))));
    expect(decoded.kerberos?.realm).toBe('EVIL\\u{1b}[2J\\u{202e}COM');
  });

  it('an unknown GSS mechanism decodes as mechanism "unknown"', () => {
    const decoded = decodeAuthToken(b64(tlv(0x60, objectIdentifier('1.3.6.1.4.1.99999.1'), [1, 2, 3])));
    expect(decoded).toMatchObject({
      container: 'gss-other',
      mechanism: 'unknown',
      unknownMechanism: { oid: '1.3.6.1.4.1.99999.1' },
    });
  });
});
