import { describe, expect, it } from 'vitest';
import { normalizeSuffix, searchListFromResolvConf, systemSearchList } from './dns-search-list.js';
import { searchCandidates } from './network.js';

describe('searchListFromResolvConf', () => {
  it('takes the last search or domain line, as resolv.conf(5) says', () => {
    expect(searchListFromResolvConf('nameserver 10.0.0.53\nsearch corp.contoso.com contoso.com\n')).toEqual([
      'corp.contoso.com',
      'contoso.com',
    ]);
    expect(searchListFromResolvConf('search a.test b.test\ndomain Contoso.COM.\n')).toEqual(['contoso.com']);
    expect(searchListFromResolvConf('domain x.test\nsearch y.test # comment\n')).toEqual(['y.test']);
    expect(searchListFromResolvConf('nameserver 10.255.255.53\n')).toEqual([]);
    expect(searchListFromResolvConf('search . bad_name ok.test\n')).toEqual(['ok.test']);
  });

  it('normalizes suffixes and refuses what is not a DNS name', () => {
    expect(normalizeSuffix('.Contoso.Test.')).toBe('contoso.test');
    expect(normalizeSuffix('contoso test')).toBeNull();
    expect(normalizeSuffix('')).toBeNull();
  });
});

describe('systemSearchList', () => {
  const file = () => 'search from-file.test\n';
  it('uses LOCALDOMAIN before /etc/resolv.conf on POSIX', () => {
    expect(systemSearchList({ platform: 'linux', env: {}, readResolvConf: file })).toEqual([
      'from-file.test',
    ]);
    expect(
      systemSearchList({ platform: 'linux', env: { LOCALDOMAIN: 'a.test b.test' }, readResolvConf: file }),
    ).toEqual(['a.test', 'b.test']);
    expect(systemSearchList({ platform: 'linux', env: {}, readResolvConf: () => null })).toEqual([]);
  });

  it('uses USERDNSDOMAIN on Windows (unverified stand-in for the primary DNS suffix)', () => {
    expect(
      systemSearchList({ platform: 'win32', env: { USERDNSDOMAIN: 'CONTOSO.COM' }, readResolvConf: file }),
    ).toEqual(['contoso.com']);
    expect(systemSearchList({ platform: 'win32', env: {}, readResolvConf: file })).toEqual([]);
  });
});

describe('searchCandidates', () => {
  it('tries a short name with each suffix first, a dotted name as it is first', () => {
    expect(searchCandidates('intranet', false, ['corp.contoso.com', 'contoso.com'])).toEqual([
      { name: 'intranet.corp.contoso.com', suffix: 'corp.contoso.com' },
      { name: 'intranet.contoso.com', suffix: 'contoso.com' },
      { name: 'intranet', suffix: null },
    ]);
    expect(searchCandidates('web.hr', false, ['contoso.com'])).toEqual([
      { name: 'web.hr', suffix: null },
      { name: 'web.hr.contoso.com', suffix: 'contoso.com' },
    ]);
    expect(searchCandidates('web.contoso.com', false, ['contoso.com'])).toEqual([
      { name: 'web.contoso.com', suffix: null },
    ]);
    expect(searchCandidates('intranet', true, ['contoso.com'])).toEqual([{ name: 'intranet', suffix: null }]);
  });
});
