/**
 * The one comma-before-scheme rule (RFC 7235 §4.1) shared by the token decoder and the HAR
 * reader: merged `WWW-Authenticate` values split into challenges, auth-params and quoted
 * commas stay with their challenge.
 */
import { describe, expect, it } from 'vitest';
import { readHarRequest } from '../har/har-request.js';
import { splitAuthChallenges } from './auth-challenges.js';

const negTokenResp = 'oRQwEqADCgEAoQsGCSqGSIb3EgECAg=='; // gokrb5 testGSSAPIResp (PROVENANCE)

describe('splitAuthChallenges', () => {
  it.each([
    [`Negotiate ${negTokenResp}, NTLM`, [`Negotiate ${negTokenResp}`, 'NTLM']],
    ['Negotiate, NTLM, Basic', ['Negotiate', 'NTLM', 'Basic']],
    ['Negotiate,NTLM', ['Negotiate', 'NTLM']],
    [
      'Basic realm="intranet", charset="UTF-8", Negotiate',
      ['Basic realm="intranet", charset="UTF-8"', 'Negotiate'],
    ],
    [
      'Digest realm="a, Negotiate b", qop = "auth", NTLM',
      ['Digest realm="a, Negotiate b", qop = "auth"', 'NTLM'],
    ],
    ['Basic realm="say \\"hi\\", NTLM x", NTLM', ['Basic realm="say \\"hi\\", NTLM x"', 'NTLM']],
    [`  Negotiate ${negTokenResp}  `, [`Negotiate ${negTokenResp}`]],
    ['Negotiate,', ['Negotiate,']],
    ['', []],
  ])('%s', (value, challenges) => {
    expect(splitAuthChallenges(value)).toEqual(challenges);
  });

  it('keeps empty list elements with the challenge before them', () => {
    const challenges = splitAuthChallenges(`Negotiate${', '.repeat(60_000)}NTLM`);
    expect(challenges).toHaveLength(2);
    expect(challenges[0]).toMatch(/^Negotiate,( ,)+$/);
    expect(challenges[1]).toBe('NTLM');
  });
});

describe('the HAR reader uses the same rule', () => {
  function responseWith(value: string) {
    return readHarRequest(
      {
        request: { method: 'GET', url: 'https://web01.contoso.test/', headers: [] },
        response: { status: 401, headers: [{ name: 'WWW-Authenticate', value }] },
      },
      0,
    );
  }

  it('reads every offer of a three-scheme list (the old regex kept "Negotiate, NTLM" together)', () => {
    expect(responseWith('Negotiate, NTLM, Basic').offers).toEqual(['Negotiate', 'NTLM', 'Basic']);
  });

  it('decodes the token of a merged challenge and keeps the other offer', () => {
    const facts = responseWith(`Negotiate ${negTokenResp}, NTLM`);
    expect(facts.offers).toEqual(['NTLM']);
    expect(facts.responseToken).toMatchObject({
      scheme: 'Negotiate',
      mechanism: 'kerberos',
      decodeError: null,
    });
  });
});
