import { describe, expect, it } from 'vitest';
import { AuthenticateHeaderError, offersScheme, parseAuthenticateHeaders } from './www-authenticate.js';

describe('parseAuthenticateHeaders', () => {
  it('reads IIS-style separate Negotiate and NTLM headers', () => {
    const offers = parseAuthenticateHeaders(['Negotiate', 'NTLM']);
    expect(offers.map((offer) => offer.scheme)).toEqual(['Negotiate', 'NTLM']);
    expect(offers.every((offer) => offer.token === null)).toBe(true);
    expect(offersScheme(offers, 'negotiate')).toBe(true);
  });

  it('splits several challenges in one header and keeps Basic parameters', () => {
    const offers = parseAuthenticateHeaders(['Basic realm="CONTOSO, web", charset="UTF-8", Negotiate']);
    expect(offers).toEqual([
      { scheme: 'Basic', token: null, params: { realm: 'CONTOSO, web', charset: 'UTF-8' } },
      { scheme: 'Negotiate', token: null, params: {} },
    ]);
  });

  it('takes a padded base64 response token as a token68, not a parameter', () => {
    // Real mod_auth_gssapi reply prefix (NegTokenResp), padding included.
    const token = 'oX4wfKADCgEConUEc2BxBgkqhkiG9xIBAgIDAH5iMGCgAwIBBaEDAgEe==';
    const [offer] = parseAuthenticateHeaders([`Negotiate ${token}`]);
    expect(offer).toEqual({ scheme: 'Negotiate', token, params: {} });
  });

  it('rejects garbled or oversized headers with a one-line error', () => {
    expect(() => parseAuthenticateHeaders(['Negotiate abc def'])).toThrow(AuthenticateHeaderError);
    expect(() => parseAuthenticateHeaders(['Basic realm="open'])).toThrow(/unterminated/);
    expect(() => parseAuthenticateHeaders(['x'.repeat(70_000)])).toThrow(/longer than/);
    expect(() => parseAuthenticateHeaders([Array.from({ length: 40 }, () => 'NTLM').join(', ')])).toThrow(
      /more than 32/,
    );
    expect(() => parseAuthenticateHeaders(['(bad)'])).toThrow(/invalid scheme/);
  });
});
