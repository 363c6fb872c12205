import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { summarizeToken } from './summarize-token.js';
import { base64ByteLength, tokenKindFromPrefix } from './token-summary.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
function tokensOf(file: string): string[] {
  return readFileSync(resolve(repoRoot, '../shared/data/tokens', file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

describe('summarizeToken on real tokens (../shared/data/tokens)', () => {
  it('reads the SPN, realm, etype and kvno of the lab curl AP-REQ', () => {
    const [apReq = ''] = tokensOf('lab-mit-curl.txt');
    const summary = summarizeToken('Authorization', 'Negotiate', apReq);
    // Values the provenance states: realm CONTOSO.TEST, SPN HTTP/web01.contoso.test, etype 18, kvno 2; 773 bytes (§8.7a).
    expect(summary).toMatchObject({
      kind: 'kerberos-ap-req',
      mechanism: 'kerberos',
      spn: 'HTTP/web01.contoso.test',
      realm: 'CONTOSO.TEST',
      etype: 'aes256-cts-hmac-sha1-96',
      kvno: 2,
      bytes: 773,
      decodeError: null,
    });
    expect(summary.base64Chars).toBe(apReq.length);
  });

  it('reads the negState of a real NegTokenResp with AP-REP (pyspnego)', () => {
    const responses = tokensOf('pyspnego-kerberos-spnego.txt').filter((token) => token.startsWith('o'));
    const summary = summarizeToken('WWW-Authenticate', 'Negotiate', responses[0] ?? '');
    expect(summary.negState).toBe('accept-completed');
    expect(summary.kind).toBe('kerberos-ap-rep');
  });

  it('recognises NTLM and keeps a readable summary for a token the decoder rejects', () => {
    const ntlm = tokensOf('lab-mit-curl.txt')[1] ?? '';
    expect(summarizeToken('Authorization', 'NTLM', ntlm)).toMatchObject({
      kind: 'ntlm-negotiate',
      mechanism: 'ntlm',
      bytes: 32,
    });
    const broken = summarizeToken('Authorization', 'Negotiate', 'YIIBAAAA');
    expect(broken.decodeError).not.toBeNull();
    expect(broken.kind).toBe('spnego-init');
    expect(broken.description).toMatch(/could not be read/);
  });

  it('sizes and classifies base64 by its prefix (reference §8.1)', () => {
    expect(base64ByteLength('TlRMTVNTUAABAAAABoIIAAAAAAAAAAAAAAAAAAAAAAA=')).toBe(32);
    expect(tokenKindFromPrefix('TlRMTVNTUAACAAAA')).toBe('ntlm-challenge');
    expect(tokenKindFromPrefix('oYG3MIG0')).toBe('spnego-response');
  });
});
