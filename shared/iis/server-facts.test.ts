import { describe, expect, it } from 'vitest';
import type { RegistryTreeNode } from '../host/registry.js';
import { parseAccountName } from '../spn/account-name.js';
import { readHttpSysLimits, recommendedHttpSysLimits, tokenExceedsLimits } from './httpsys-limits.js';
import { windowsAuthDefaults } from './iis-configuration.js';
import { loopbackBlocks, readLoopbackSettings } from './loopback-settings.js';
import { decryptingAccount } from './pool-account.js';
import { decodedPath, findServingApplication } from './serving-application.js';

const machine = { computerName: 'WEB01', domain: 'CONTOSO' };

describe('decryptingAccount (reference §4.1, §4.4)', () => {
  it('built-in identities decrypt with the computer account', () => {
    expect(
      decryptingAccount({ type: 'ApplicationPoolIdentity' }, windowsAuthDefaults, machine).account?.display,
    ).toBe('CONTOSO\\WEB01$');
  });
  it('a domain pool account with kernel mode and no app-pool credentials still decrypts with the computer account', () => {
    const result = decryptingAccount(
      { type: 'SpecificUser', userName: 'CONTOSO\\svc-web' },
      windowsAuthDefaults,
      machine,
    );
    expect(result.account?.display).toBe('CONTOSO\\WEB01$');
    expect(result.poolAccount?.display).toBe('CONTOSO\\svc-web');
  });
  it('useAppPoolCredentials or kernel mode off hands decryption to the pool account', () => {
    const id = { type: 'SpecificUser' as const, userName: 'contoso\\svc-web' };
    expect(
      decryptingAccount(id, { ...windowsAuthDefaults, useAppPoolCredentials: true }, machine).account
        ?.display,
    ).toBe('CONTOSO\\svc-web');
    expect(
      decryptingAccount(id, { ...windowsAuthDefaults, useKernelMode: false }, machine).account?.display,
    ).toBe('CONTOSO\\svc-web');
  });
  it('a workgroup server has no account in AD', () => {
    expect(
      decryptingAccount({ type: 'NetworkService' }, windowsAuthDefaults, {
        computerName: 'WEB01',
        domain: null,
      }).account,
    ).toBeNull();
  });
});

describe('parseAccountName', () => {
  it('reads the forms people write', () => {
    expect(parseAccountName('CONTOSO\\svc-web', 'WEB01')).toMatchObject({
      kind: 'user',
      domain: 'CONTOSO',
      samAccountName: 'svc-web',
    });
    expect(parseAccountName('.\\iisuser', 'WEB01')).toMatchObject({
      kind: 'local',
      display: 'WEB01\\iisuser',
    });
    expect(parseAccountName('web01\\iisuser', 'WEB01').kind).toBe('local');
    expect(parseAccountName('svc-web@contoso.com', 'WEB01')).toMatchObject({
      kind: 'user',
      domain: null,
      display: 'svc-web@contoso.com',
    });
    expect(parseAccountName('CONTOSO\\WEB02$', 'WEB01').kind).toBe('computer');
  });
  it('accepts $ and parentheses, which sAMAccountName allows (so the hand-off must quote them)', () => {
    expect(parseAccountName('CONTOSO\\$(calc)', 'WEB01').samAccountName).toBe('$(calc)');
  });
  it.each(['', 'a\\b\\c', 'CONTOSO\\svc;web', 'CONTOSO\\a\nb'])('rejects %j', (text) => {
    expect(() => parseAccountName(text, 'WEB01')).toThrow();
  });
});

const tree = (values: RegistryTreeNode['values'], subkeys: RegistryTreeNode[] = []): RegistryTreeNode => ({
  name: 'k',
  values,
  subkeys,
});

describe('http.sys limits (reference §7.2)', () => {
  it('defaults to 16384 and applies the sizing rule', () => {
    const limits = readHttpSysLimits(null);
    expect([limits.maxFieldLength, limits.maxRequestBytes]).toEqual([16384, 16384]);
    expect(tokenExceedsLimits(12000, limits)).toBe(false);
    expect(tokenExceedsLimits(13000, limits)).toBe(true);
    expect(recommendedHttpSysLimits(48000)).toEqual({ maxFieldLength: 64200, maxRequestBytes: 64200 });
  });
  it('uses the smaller of the two and ignores non-DWORD values', () => {
    const limits = readHttpSysLimits(
      tree([
        { name: 'MaxFieldLength', value: { type: 'REG_DWORD', data: 65534 } },
        { name: 'maxrequestbytes', value: { type: 'REG_SZ', data: '65534' } },
      ]),
    );
    expect(limits).toMatchObject({
      maxFieldLength: 65534,
      maxRequestBytes: 16384,
      ignoredValues: ['MaxRequestBytes (REG_SZ)'],
    });
    expect(tokenExceedsLimits(20000, limits)).toBe(true);
  });
});

describe('loopback check (reference §7.1)', () => {
  it('blocks the FQDN unless listed or disabled', () => {
    const none = readLoopbackSettings(tree([]));
    expect(loopbackBlocks('web01.contoso.com', 'WEB01', none)).toBe(true);
    expect(loopbackBlocks('web01', 'WEB01', none)).toBe(false);
    const listed = readLoopbackSettings(
      tree(
        [],
        [
          tree([
            { name: 'BackConnectionHostNames', value: { type: 'REG_MULTI_SZ', data: ['Web01.Contoso.com'] } },
          ]),
        ].map((node) => ({ ...node, name: 'MSV1_0' })),
      ),
    );
    expect(loopbackBlocks('web01.contoso.com', 'WEB01', listed)).toBe(false);
    const disabled = readLoopbackSettings(
      tree([{ name: 'DisableLoopbackCheck', value: { type: 'REG_DWORD', data: 1 } }]),
    );
    expect(loopbackBlocks('intranet', 'WEB01', disabled)).toBe(false);
  });
  it('flags a REG_DWORD BackConnectionHostNames (KB 896861: delete it)', () => {
    const wrong = readLoopbackSettings(
      tree(
        [],
        [
          {
            name: 'MSV1_0',
            values: [{ name: 'BackConnectionHostNames', value: { type: 'REG_DWORD', data: 1 } }],
            subkeys: [],
          },
        ],
      ),
    );
    expect(wrong).toMatchObject({ backConnectionHostNames: null, backConnectionWrongType: 'REG_DWORD' });
  });
});

describe('findServingApplication', () => {
  const sites = [
    {
      name: 'Default Web Site',
      id: 1,
      state: 'Started',
      bindings: [{ protocol: 'http', ipAddress: '*', port: 80, hostHeader: '' }],
    },
    {
      name: 'Intranet',
      id: 2,
      state: 'Started',
      bindings: [{ protocol: 'http', ipAddress: '*', port: 80, hostHeader: 'intranet.contoso.com' }],
    },
  ];
  const apps = [
    { siteName: 'Default Web Site', path: '/', appPoolName: 'DefaultAppPool' },
    { siteName: 'Intranet', path: '/', appPoolName: 'IntranetPool' },
    { siteName: 'Intranet', path: '/hr', appPoolName: 'HrPool' },
  ];
  const pools = [
    { name: 'HrPool', state: 'Started', identity: { type: 'ApplicationPoolIdentity' as const } },
  ];
  it('prefers the host-header binding and the longest application path', () => {
    const served = findServingApplication(new URL('http://Intranet.contoso.com/HR/page'), sites, apps, pools);
    expect([
      served?.site.name,
      served?.application?.path,
      served?.pool?.name,
      served?.siteApplications.length,
    ]).toEqual(['Intranet', '/hr', 'HrPool', 2]);
  });
  it('falls back to the catch-all binding on the same port, and reaches an http binding for an offloaded https URL by host header', () => {
    expect(findServingApplication(new URL('http://web01/'), sites, apps, pools)?.site.name).toBe(
      'Default Web Site',
    );
    expect(
      findServingApplication(new URL('https://intranet.contoso.com/'), sites, apps, pools)?.binding.protocol,
    ).toBe('http');
    expect(findServingApplication(new URL('http://web01:8080/'), sites, apps, pools)).toBeNull();
  });
  it('reads a malformed percent-escape as the raw path instead of failing (URI malformed)', () => {
    expect(decodedPath('/%zz')).toBe('/%zz');
    expect(decodedPath('/hr%20team/%E2%82%AC')).toBe('/hr team/€');
    const served = findServingApplication(new URL('http://intranet.contoso.com/hr/%zz'), sites, apps, pools);
    expect([served?.site.name, served?.application?.path]).toEqual(['Intranet', '/hr']);
    expect(
      findServingApplication(new URL('http://intranet.contoso.com/%E0%A4%A'), sites, apps, pools)?.application
        ?.path,
    ).toBe('/');
  });
});
