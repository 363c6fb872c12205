import { describe, expect, it } from 'vitest';
import { browserSpnForms } from './browser-spn.js';
import { parseDistinguishedName } from './distinguished-name.js';
import { formatSpn, parseSpn, sameSpn, SpnFormatError } from './service-principal-name.js';

describe('browserSpnForms (reference §2.4, §7.3)', () => {
  it('asks for HTTP/<fqdn> and offers the NetBIOS form', () => {
    expect(
      browserSpnForms({
        host: 'web01.contoso.com',
        port: 443,
        scheme: 'https',
        canonicalName: null,
        dnsDomain: 'contoso.com',
      }),
    ).toEqual({
      requested: 'HTTP/web01.contoso.com',
      spnHost: 'web01.contoso.com',
      fqdnForm: 'HTTP/web01.contoso.com',
      netbiosForm: 'HTTP/web01',
      otherPortForm: null,
      aliasForm: null,
    });
  });
  it('expands a dotless name with the DNS domain', () => {
    const forms = browserSpnForms({
      host: 'web01',
      port: 80,
      scheme: 'http',
      canonicalName: null,
      dnsDomain: 'contoso.com',
    });
    expect([forms.requested, forms.fqdnForm, forms.netbiosForm]).toEqual([
      'HTTP/web01',
      'HTTP/web01.contoso.com',
      'HTTP/web01',
    ]);
  });
  it('uses the canonical name after a CNAME unless lookup is disabled', () => {
    const input = {
      host: 'intranet.contoso.com',
      port: 80,
      scheme: 'http' as const,
      canonicalName: 'srv01.contoso.com',
      dnsDomain: 'contoso.com',
    };
    expect(browserSpnForms(input)).toMatchObject({
      requested: 'HTTP/srv01.contoso.com',
      aliasForm: 'HTTP/intranet.contoso.com',
    });
    expect(browserSpnForms({ ...input, cnameLookup: false })).toMatchObject({
      requested: 'HTTP/intranet.contoso.com',
      aliasForm: null,
    });
  });
  it('omits a non-default port unless the client includes it', () => {
    const input = {
      host: 'web01.contoso.com',
      port: 8080,
      scheme: 'http' as const,
      canonicalName: null,
      dnsDomain: 'contoso.com',
    };
    expect(browserSpnForms(input)).toMatchObject({
      requested: 'HTTP/web01.contoso.com',
      otherPortForm: 'HTTP/web01.contoso.com:8080',
    });
    expect(browserSpnForms({ ...input, includePort: true })).toMatchObject({
      requested: 'HTTP/web01.contoso.com:8080',
      otherPortForm: 'HTTP/web01.contoso.com',
    });
  });
  it('asks for nothing for an IP address', () => {
    expect(
      browserSpnForms({ host: '10.0.0.5', port: 80, scheme: 'http', canonicalName: null, dnsDomain: null })
        .requested,
    ).toBeNull();
  });
});

describe('parseSpn (reference §3.1)', () => {
  it('reads class, host, port, name and realm', () => {
    expect(parseSpn('HTTP/web04.corp.com:80')).toEqual({
      serviceClass: 'HTTP',
      host: 'web04.corp.com',
      port: 80,
      serviceName: null,
      realm: null,
    });
    expect(parseSpn('HTTP/mysvc.naive.test@naive.test')).toMatchObject({
      host: 'mysvc.naive.test',
      realm: 'naive.test',
    });
    expect(formatSpn(parseSpn('MSSQLSvc/sql01:1433/inst'))).toBe('MSSQLSvc/sql01:1433/inst');
  });
  it('compares case-insensitively', () => {
    expect(sameSpn('http/WEB01', 'HTTP/web01')).toBe(true);
  });
  it.each([
    '',
    'HTTP',
    'HTTP/',
    'HTTP/web01:0',
    'HTTP/web01:99999',
    'HTTP/a b',
    'HTTP/web\n01',
    '/web01',
    'HTTP/a/b/c',
  ])('rejects %j', (text) => {
    expect(() => parseSpn(text)).toThrow(SpnFormatError);
  });
});

describe('parseDistinguishedName', () => {
  it('reads the common name and DNS domain, honouring escaped commas', () => {
    expect(parseDistinguishedName('CN=Smith\\, John,OU=Service Accounts,DC=contoso,DC=com')).toMatchObject({
      commonName: 'Smith, John',
      dnsDomain: 'contoso.com',
    });
    expect(parseDistinguishedName('CN=WEB01,CN=Computers,DC=contoso,DC=com').commonName).toBe('WEB01');
  });
  it('rejects a non-DN', () => {
    expect(() => parseDistinguishedName('web01')).toThrow(/not a distinguished name/);
  });
});
