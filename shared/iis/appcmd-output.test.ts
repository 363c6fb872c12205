import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AppcmdOutputError,
  parseAnonymousAuthSection,
  parseAppcmdAppPools,
  parseAppcmdApps,
  parseAppcmdSites,
  parseWindowsAuthSection,
  readAppcmdError,
} from './appcmd-output.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('appcmd list apppool /xml /config (reference §4.4, real export)', () => {
  it('reads the SpecificUser identity and drops the clear-text password', () => {
    const pools = parseAppcmdAppPools(fixture('apppool-specificuser-config.xml'));
    expect(pools).toEqual([
      { name: '[SiteName]', state: 'Started', identity: { type: 'SpecificUser', userName: 'user' } },
    ]);
    expect(JSON.stringify(pools)).not.toContain('password');
  });
  it('reads pools without /config as ApplicationPoolIdentity, and enum numbers', () => {
    const text =
      '<appcmd><APPPOOL APPPOOL.NAME="DefaultAppPool" PipelineMode="Integrated" RuntimeVersion="v4.0" state="Started" />' +
      '<APPPOOL APPPOOL.NAME="Net"><add name="Net"><processModel identityType="2" /></add></APPPOOL></appcmd>';
    expect(parseAppcmdAppPools(text).map((pool) => pool.identity.type)).toEqual([
      'ApplicationPoolIdentity',
      'NetworkService',
    ]);
  });
  it('rejects an unknown identity type and a SpecificUser without user', () => {
    expect(() =>
      parseAppcmdAppPools(
        '<appcmd><APPPOOL APPPOOL.NAME="x"><add><processModel identityType="Wizard"/></add></APPPOOL></appcmd>',
      ),
    ).toThrow(AppcmdOutputError);
    expect(() =>
      parseAppcmdAppPools(
        '<appcmd><APPPOOL APPPOOL.NAME="x"><add><processModel identityType="SpecificUser"/></add></APPPOOL></appcmd>',
      ),
    ).toThrow(/no userName/);
  });
});

describe('appcmd list app /xml (reference §4.4, real fixture)', () => {
  it('reads site, path and pool', () => {
    expect(parseAppcmdApps(fixture('app-list.xml'))).toEqual([
      { siteName: 'Site', path: '/', appPoolName: 'Pool' },
    ]);
  });
  it('derives site and path from APP.NAME when attributes are missing', () => {
    expect(parseAppcmdApps('<appcmd><APP APP.NAME="Default Web Site/app" /></appcmd>')).toEqual([
      { siteName: 'Default Web Site', path: '/app', appPoolName: null },
    ]);
  });
});

describe('appcmd list site /xml (assumed, not in the reference: fixtures/README.md)', () => {
  it('reads bindings from the summary attribute', () => {
    const sites = parseAppcmdSites(fixture('sites.reconstructed.xml'));
    expect(sites[0]).toEqual({
      name: 'Default Web Site',
      id: 1,
      state: 'Started',
      bindings: [
        { protocol: 'http', ipAddress: '*', port: 80, hostHeader: '' },
        { protocol: 'https', ipAddress: '*', port: 443, hostHeader: 'web01.contoso.com' },
      ],
    });
    expect(sites[1]?.bindings[1]).toEqual({
      protocol: 'net.tcp',
      ipAddress: '',
      port: null,
      hostHeader: '808:*',
    });
  });
  it('prefers <binding> elements under /config', () => {
    const text =
      '<appcmd><SITE SITE.NAME="S" SITE.ID="3" bindings="http/*:80:"><site name="S"><bindings><binding protocol="http" bindingInformation="*:81:a.b" /></bindings></site></SITE></appcmd>';
    expect(parseAppcmdSites(text)[0]?.bindings).toEqual([
      { protocol: 'http', ipAddress: '*', port: 81, hostHeader: 'a.b' },
    ]);
  });
});

describe('appcmd list config windowsAuthentication (reference §4.1, §4.3)', () => {
  it('reads the /xml form (reconstructed)', () => {
    expect(parseWindowsAuthSection(fixture('config-windowsauth-xml.reconstructed.xml'))).toEqual({
      path: 'MACHINE/WEBROOT/APPHOST/Default Web Site/app',
      locked: false,
      overrideMode: 'Inherit',
      settings: {
        enabled: true,
        providers: ['Negotiate', 'NTLM'],
        useKernelMode: true,
        useAppPoolCredentials: false,
        authPersistNonNTLM: false,
        authPersistSingleRequest: false,
        extendedProtection: { tokenChecking: 'None', flags: [], spns: [] },
      },
    });
  });
  it('reads the plain wrapper form with schema defaults (reconstructed)', () => {
    const read = parseWindowsAuthSection(fixture('config-windowsauth-plain.reconstructed.xml'));
    expect(read.settings).toMatchObject({ enabled: true, useKernelMode: true, useAppPoolCredentials: false });
    expect(read.path).toBeNull();
  });
  it('honours clear/remove and extended protection flags and SPNs', () => {
    const text = `<appcmd><CONFIG CONFIG.SECTION="system.webServer/security/authentication/windowsAuthentication" path="MACHINE/WEBROOT/APPHOST/S" locked="true">
      <system.webServer-security-authentication-windowsAuthentication enabled="True" useKernelMode="False">
      <providers><add value="NTLM"/><clear/><add value="Negotiate:Kerberos"/><add value="NTLM"/><remove value="ntlm"/></providers>
      <extendedProtection tokenChecking="Require" flags="Proxy, ProxyCohosting"><spn name="HTTP/www.contoso.com"/></extendedProtection>
      </system.webServer-security-authentication-windowsAuthentication></CONFIG></appcmd>`;
    const read = parseWindowsAuthSection(text);
    expect(read.locked).toBe(true);
    expect(read.settings.providers).toEqual(['Negotiate:Kerberos']);
    expect(read.settings.useKernelMode).toBe(false);
    expect(read.settings.extendedProtection).toEqual({
      tokenChecking: 'Require',
      flags: ['Proxy', 'ProxyCohosting'],
      spns: ['HTTP/www.contoso.com'],
    });
  });
  it('a CONFIG for another section holds no windowsAuthentication (real requestFiltering capture)', () => {
    expect(() => parseWindowsAuthSection(fixture('config-requestfiltering.xml'))).toThrow(
      /holds no system.webServer\/security\/authentication\/windowsAuthentication/,
    );
  });
  it('reads anonymousAuthentication', () => {
    const text =
      '<appcmd><CONFIG CONFIG.SECTION="system.webServer/security/authentication/anonymousAuthentication" path="MACHINE/WEBROOT/APPHOST/S"><system.webServer-security-authentication-anonymousAuthentication enabled="false" userName="" password="secret" /></CONFIG></appcmd>';
    expect(parseAnonymousAuthSection(text).settings).toEqual({ enabled: false, userName: '' });
  });
});

describe('errors and hostile input', () => {
  it('turns ERROR ( message: … ) into one line', () => {
    const text =
      'ERROR ( message:Configuration error\nFilename: redirection.config\nLine Number: 0\nDescription: Cannot read configuration file due to insufficient permissions\n. )';
    expect(readAppcmdError(text)).toBe(
      'Configuration error Filename: redirection.config Line Number: 0 Description: Cannot read configuration file due to insufficient permissions .',
    );
    expect(() => parseWindowsAuthSection(text)).toThrow(/appcmd could not list config/);
  });
  it.each([
    ['', /no XML element/],
    ['<appcmd><APPPOOL APPPOOL.NAME="a"></appcmd>', /does not match/],
    ['<!DOCTYPE x [<!ENTITY e "boom">]><appcmd/>', /DOCTYPE/],
    ['<appcmd a="&e;"/>', /unknown entity/],
    ['<appcmd/><appcmd/>', /more than one root/],
    ['<site/>', /expected <appcmd>/],
    [`${'<a>'.repeat(100)}`, /deeper/],
  ])('rejects %j', (text, message) => {
    expect(() => parseAppcmdAppPools(text)).toThrow(message);
  });
  it('never throws anything but AppcmdOutputError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        for (const parse of [
          parseAppcmdSites,
          parseAppcmdApps,
          parseAppcmdAppPools,
          parseWindowsAuthSection,
          parseAnonymousAuthSection,
        ]) {
          try {
            parse(`<appcmd>${text}</appcmd>`);
          } catch (error) {
            expect(error).toBeInstanceOf(AppcmdOutputError);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
