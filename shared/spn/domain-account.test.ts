import { describe, expect, it } from 'vitest';
import { DomainAccountError, setspnAccountArgument } from './domain-account.js';

const dn = 'CN=svc-web,OU=Service Accounts,DC=contoso,DC=com';

describe('setspnAccountArgument (one function for the SPN fixes and the admin hand-off)', () => {
  it('keeps DOMAIN\\name, upper-cases the domain', () => {
    expect(setspnAccountArgument('contoso\\svc-web', 'WEB01')).toBe('CONTOSO\\svc-web');
    expect(setspnAccountArgument('CONTOSO\\WEB01$', 'WEB02')).toBe('CONTOSO\\WEB01$');
  });

  it('treats user@domain as a domain account, named to setspn by the DN the directory gave', () => {
    expect(setspnAccountArgument('svc-web@contoso.com', 'WEB01', dn)).toBe(dn);
    expect(() => setspnAccountArgument('svc-web@contoso.com', 'WEB01')).toThrow(
      /is a domain account written as a UPN, and its distinguished name could not be looked up/,
    );
  });

  it('passes a DN through once it parses', () => {
    expect(setspnAccountArgument(dn, 'WEB01')).toBe(dn);
    expect(() => setspnAccountArgument('CN=broken\\', 'WEB01')).toThrow(DomainAccountError);
  });

  it('refuses local and bare accounts in one line', () => {
    for (const local of ['.\\iisuser', 'WEB01\\iisuser', 'iisuser'])
      expect(() => setspnAccountArgument(local, 'WEB01')).toThrow(
        /is not a domain account \(write DOMAIN\\name\)/,
      );
    expect(() => setspnAccountArgument('CONTOSO\\a"b', 'WEB01')).toThrow(DomainAccountError);
  });
});
