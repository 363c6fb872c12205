/** The simulated sign-in's tokens are read by the app's own decoders exactly like real ones. */
import { describe, expect, it } from 'vitest';
import { summarizeToken } from '../../../../shared/live/summarize-token.js';
import { decodeAuthToken } from '../../../../shared/tokens/decode-auth-token.js';
import {
  acceptingResponseToken,
  base64Of,
  kerberosErrorCodes,
  negotiateKerberosToken,
  ntlmChallengeMessage,
  ntlmNegotiateMessage,
  rejectingResponseToken,
} from './simulated-tokens.js';

const ticket = { spn: 'HTTP/web01.contoso.com', realm: 'CONTOSO.COM', etype: 18, kvno: 2 };

describe('simulated Negotiate tokens', () => {
  it('carry a Kerberos AP-REQ for the SPN asked for, inside SPNEGO, decoded like a real Windows token', () => {
    const summary = summarizeToken(
      'Authorization',
      'Negotiate',
      base64Of(negotiateKerberosToken(ticket, 2932)),
    );
    expect(summary).toMatchObject({
      kind: 'kerberos-ap-req',
      mechanism: 'kerberos',
      spn: 'HTTP/web01.contoso.com',
      realm: 'CONTOSO.COM',
      kvno: 2,
      decodeError: null,
    });
    expect(summary.etype).toMatch(/aes256/i);
    const decoded = decodeAuthToken(
      `Authorization: Negotiate ${base64Of(negotiateKerberosToken(ticket, 2932))}`,
    );
    expect(decoded.container).toBe('spnego');
  });

  it('have exactly the size the scenario gives for the user, small or large', () => {
    for (const size of [1200, 2932, 14000, 48000]) {
      const token = negotiateKerberosToken({ ...ticket, spn: 'HTTP/web01.contoso.com:8080' }, size);
      expect(token.length).toBe(size);
      expect(summarizeToken('Authorization', 'Negotiate', base64Of(token)).spn).toBe(
        'HTTP/web01.contoso.com:8080',
      );
    }
  });

  it('answer a ticket with an AP-REP (accept-completed) or a KRB-ERROR (reject)', () => {
    const accepted = summarizeToken(
      'WWW-Authenticate',
      'Negotiate',
      base64Of(acceptingResponseToken(ticket)),
    );
    expect(accepted).toMatchObject({
      kind: 'kerberos-ap-rep',
      negState: 'accept-completed',
      decodeError: null,
    });
    const rejected = summarizeToken(
      'WWW-Authenticate',
      'Negotiate',
      base64Of(
        rejectingResponseToken(
          ticket,
          kerberosErrorCodes.KRB_AP_ERR_MODIFIED,
          new Date('2026-11-22T02:15:00Z'),
        ),
      ),
    );
    expect(rejected).toMatchObject({
      kind: 'kerberos-error',
      negState: 'reject',
      kerberosError: { code: 41, name: 'KRB_AP_ERR_MODIFIED' },
      decodeError: null,
    });
  });

  it('fall back to NTLM: a NEGOTIATE message from the client, a CHALLENGE naming the server and its domain', () => {
    expect(base64Of(ntlmNegotiateMessage())).toMatch(/^TlRMTVNTUAABAAAA/);
    expect(summarizeToken('Authorization', 'Negotiate', base64Of(ntlmNegotiateMessage()))).toMatchObject({
      kind: 'ntlm-negotiate',
      mechanism: 'ntlm',
      decodeError: null,
    });
    const challenge = ntlmChallengeMessage({
      netbiosDomain: 'CONTOSO',
      netbiosComputer: 'WEB01',
      dnsDomain: 'contoso.com',
    });
    const summary = summarizeToken('WWW-Authenticate', 'Negotiate', base64Of(challenge));
    expect(summary).toMatchObject({ kind: 'ntlm-challenge', mechanism: 'ntlm', decodeError: null });
    expect(summary.description).toContain('CONTOSO');
  });
});
