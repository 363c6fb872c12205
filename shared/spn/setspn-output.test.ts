import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  describeAccountNotFound,
  parseSetspnChange,
  parseSetspnDuplicates,
  parseSetspnList,
  parseSetspnQuery,
  SetspnOutputError,
} from './setspn-output.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('setspn -L (reference §3.2)', () => {
  it('reads the real capture with its prompt line', () => {
    expect(parseSetspnList(fixture('setspn-L-iis_service.txt'))).toEqual({
      kind: 'list',
      accountDn: 'CN=iis_service,CN=Users,DC=corp,DC=com',
      spns: ['HTTP/web04.corp.com', 'HTTP/web04', 'HTTP/web04.corp.com:80'],
    });
  });
  it('reads an account without SPNs (header only)', () => {
    expect(parseSetspnList(fixture('setspn-L-no-spns.txt'))).toEqual({
      kind: 'list',
      accountDn: 'CN=SERVICE ACCOUNT NAME,CN=Users,DC=domain,DC=com',
      spns: [],
    });
  });
  it('accepts TAB indentation and CRLF', () => {
    const text = 'Registered ServicePrincipalNames for CN=a,DC=x,DC=y:\r\n\tHTTP/a\r\n';
    expect(parseSetspnList(text)).toMatchObject({ spns: ['HTTP/a'] });
  });
  it('reports an unknown account (reconstructed)', () => {
    expect(parseSetspnList(fixture('setspn-L-unknown-account.reconstructed.txt'))).toEqual({
      kind: 'account-not-found',
      account: 'nosuchuser',
      lookupError: 0x525,
    });
  });
  it('tells "no domain controller" (0x54B) from "no such account" (0x525) in plain words', () => {
    const offline = parseSetspnQuery(
      'FindDomainForAccount: Call to DsGetDcNameWithAccountW failed with return value 0x0000054B\r\nCould not find account HTTP/web01.contoso.com\r\n',
    );
    expect(offline).toEqual({
      kind: 'account-not-found',
      account: 'HTTP/web01.contoso.com',
      lookupError: 0x54b,
    });
    if (offline.kind !== 'account-not-found') throw new Error('expected account-not-found');
    expect(describeAccountNotFound(offline)).toBe(
      'no domain controller could be reached (setspn: DsGetDcNameWithAccountW returned 0x54B, ERROR_NO_SUCH_DOMAIN)',
    );
    const unknown = parseSetspnList(fixture('setspn-L-unknown-account.reconstructed.txt'));
    if (unknown.kind !== 'account-not-found') throw new Error('expected account-not-found');
    expect(describeAccountNotFound(unknown)).toBe(
      'the directory has no account nosuchuser (DsGetDcNameWithAccountW returned 0x525)',
    );
    expect(describeAccountNotFound({ kind: 'account-not-found', account: 'x', lookupError: null })).toBe(
      'the directory has no account x',
    );
  });
  it('rejects other text with one line', () => {
    expect(() => parseSetspnList('Ldap Error(0x51 -- Server Down): ldap_connect')).toThrow(SetspnOutputError);
    expect(() => parseSetspnList('Registered ServicePrincipalNames for CN=a:\nNOT INDENTED')).toThrow(
      /unexpected line/,
    );
  });
});

describe('setspn -Q (reference §3.2)', () => {
  it('reads "No such SPN found."', () => {
    expect(parseSetspnQuery(fixture('setspn-Q-not-found.txt'))).toEqual({
      kind: 'query',
      searched: [{ scope: 'domain', dn: 'DC=example,DC=com' }],
      found: false,
      objects: [],
    });
  });
  it('reads a found SPN with every SPN of the object', () => {
    const result = parseSetspnQuery(fixture('setspn-Q-found.txt'));
    expect(result).toEqual({
      kind: 'query',
      searched: [{ scope: 'domain', dn: 'DC=example,DC=com' }],
      found: true,
      objects: [
        {
          dn: 'CN=...,DC=example,DC=com',
          spns: [
            'RestrictedKrbHost/host.example.com',
            'HOST/host.example.com',
            'RestrictedKrbHost/host',
            'HOST/host',
          ],
        },
      ],
    });
  });
  it('reads two owners and a forest search', () => {
    const text =
      'Checking forest DC=contoso,DC=com\nCN=a,DC=contoso,DC=com\n        HTTP/x\nCN=b,DC=contoso,DC=com\n        HTTP/x\n\nExisting SPN found!\n';
    const result = parseSetspnQuery(text);
    expect(result.kind === 'query' && result.objects.map((o) => o.dn)).toEqual([
      'CN=a,DC=contoso,DC=com',
      'CN=b,DC=contoso,DC=com',
    ]);
    expect(result.kind === 'query' && result.searched[0]?.scope).toBe('forest');
  });
  it('rejects output with neither ending', () => {
    expect(() => parseSetspnQuery('Checking domain DC=a\n')).toThrow(/neither/);
  });
});

describe('setspn -X (reference §3.2)', () => {
  it('reads the real no-duplicate output', () => {
    expect(parseSetspnDuplicates(fixture('setspn-X-none.txt'))).toEqual({
      kind: 'duplicates',
      searched: [{ scope: 'domain', dn: 'DC=contoso,DC=com' }],
      reportedGroupCount: 0,
      groups: [],
    });
  });
  it('reads the reconstructed duplicate output', () => {
    expect(parseSetspnDuplicates(fixture('setspn-X-duplicates.reconstructed.txt')).groups).toEqual([
      {
        spn: 'HTTP/web01.contoso.com',
        accountDns: [
          'CN=svc-web1,OU=Service Accounts,DC=contoso,DC=com',
          'CN=svc-web2,OU=Service Accounts,DC=contoso,DC=com',
        ],
      },
    ]);
  });
  it('needs the found line', () => {
    expect(() => parseSetspnDuplicates('Checking domain DC=a\nProcessing entry 0\n')).toThrow(
      /found N group/,
    );
  });
});

describe('setspn -S / -D (reference §3.2)', () => {
  it('reads the real success capture', () => {
    expect(parseSetspnChange(fixture('setspn-S-success.txt'))).toEqual({
      kind: 'updated',
      action: 'register',
      accountDn: 'CN=mysvc,CN=Users,DC=naive,DC=test',
      spns: ['HTTP/mysvc.naive.test@naive.test'],
    });
  });
  it('reads the reconstructed duplicate refusal', () => {
    expect(parseSetspnChange(fixture('setspn-S-duplicate.reconstructed.txt'))).toEqual({
      kind: 'duplicate',
      conflicts: [{ dn: 'CN=WEB01,CN=Computers,DC=contoso,DC=com', spns: ['HTTP/web01.contoso.com'] }],
    });
  });
  it('reads insufficient rights', () => {
    expect(parseSetspnChange(fixture('setspn-S-access-denied.txt'))).toEqual({
      kind: 'access-denied',
      accountDn: 'CN=svc-web,OU=Service Accounts,DC=contoso,DC=com',
      message: '0x2098/8344 -> Insufficient access rights to perform the operation.',
    });
  });
  it('reads an unregister', () => {
    const text = 'Unregistering ServicePrincipalNames for CN=svc,DC=a,DC=b\n        HTTP/x\nUpdated object\n';
    expect(parseSetspnChange(text)).toMatchObject({
      kind: 'updated',
      action: 'unregister',
      spns: ['HTTP/x'],
    });
  });
  it('rejects unknown text and bounds its input', () => {
    expect(() => parseSetspnChange('something else')).toThrow(SetspnOutputError);
    expect(() => parseSetspnChange('x'.repeat(1_000_001))).toThrow(/larger/);
  });
});
