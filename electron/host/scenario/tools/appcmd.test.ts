import { describe, expect, it } from 'vitest';
import {
  AppcmdOutputError,
  parseAnonymousAuthSection,
  parseAppcmdAppPools,
  parseAppcmdApps,
  parseAppcmdSites,
  parseWindowsAuthSection,
  readAppcmdError,
} from '../../../../shared/iis/appcmd-output.js';
import type { ScenarioHost } from '../scenario-host.js';
import { contosoWebServer, scenarioEnvelope, scenarioHostOf } from '../testing/contoso-test-scenario.js';

const windowsAuth = '-section:system.webServer/security/authentication/windowsAuthentication';

function host(iis: Record<string, unknown> | undefined, elevated = true): ScenarioHost {
  return scenarioHostOf({
    ...scenarioEnvelope('appcmd-test'),
    target: { url: 'https://web01.contoso.com/', symptom: 'check-everything' },
    machine: { ...contosoWebServer('admin'), elevated },
    ...(iis ? { iis } : {}),
  });
}

const iis = {
  sites: [
    {
      name: 'Default Web Site',
      id: 1,
      bindings: [{ protocol: 'https', bindingInformation: '*:443:web01.contoso.com' }],
      applications: [
        {
          path: '/',
          appPool: 'AppPool1',
          windowsAuthentication: { enabled: true },
          anonymousAuthentication: { enabled: false },
        },
        {
          path: '/odd',
          appPool: 'AppPool1',
          configError:
            'Configuration error Description: This configuration section cannot be used at this path.',
        },
      ],
    },
  ],
  appPools: [{ name: 'AppPool1', identityType: 'SpecificUser', userName: 'CONTOSO\\svc-web' }],
};

describe('simulated appcmd (reference §4.3/§4.4 formats, read back by the real parsers)', () => {
  it('refuses every read and write without administrator rights when the configuration needs them', async () => {
    const scenarioHost = host({ ...iis, configReadNeedsElevation: true }, false);
    for (const args of [
      ['list', 'site', '/xml', '/config'],
      ['list', 'config', 'Default Web Site', windowsAuth, '/xml', '/config:*'],
      ['set', 'config', 'Default Web Site', windowsAuth, '/enabled:False', '/commit:apphost'],
    ]) {
      const run = await scenarioHost.runTool('appcmd', args);
      expect(run.outcome).toBe('failed');
      expect(readAppcmdError(run.stdout)).toBe(
        'Configuration error Filename: redirection.config Line Number: 0 Description: Cannot read configuration file due to insufficient permissions .',
      );
    }
    expect(scenarioHost.scenario.iis?.sites[0]?.applications[0]?.windowsAuthentication.enabled).toBe(true);
    // The elevated session (UAC accepted) reads it.
    const elevated = await scenarioHost.elevated();
    const sites = parseAppcmdSites((await elevated.runTool('appcmd', ['list', 'site', '/xml'])).stdout);
    expect(sites.map((site) => site.name)).toEqual(['Default Web Site']);
    expect(scenarioHost.uacPrompts).toBe(1);
  });

  it('lists sites, apps and pools', async () => {
    const scenarioHost = host(iis);
    const sites = parseAppcmdSites(
      (await scenarioHost.runTool('appcmd', ['list', 'site', '/xml', '/config'])).stdout,
    );
    expect(sites[0]?.bindings).toEqual([
      { protocol: 'https', ipAddress: '*', port: 443, hostHeader: 'web01.contoso.com' },
    ]);
    expect(parseAppcmdApps((await scenarioHost.runTool('appcmd', ['list', 'app', '/xml'])).stdout)).toEqual([
      { siteName: 'Default Web Site', path: '/', appPoolName: 'AppPool1' },
      { siteName: 'Default Web Site', path: '/odd', appPoolName: 'AppPool1' },
    ]);
    const pools = parseAppcmdAppPools(
      (await scenarioHost.runTool('appcmd', ['list', 'apppool', '/xml', '/config'])).stdout,
    );
    expect(pools).toEqual([
      {
        name: 'AppPool1',
        state: 'Started',
        identity: { type: 'SpecificUser', userName: 'CONTOSO\\svc-web' },
      },
    ]);
    expect((await scenarioHost.runTool('appcmd', ['list', 'apppool'])).stdout).toBe(
      'APPPOOL "AppPool1" (MgdVersion:v4.0,MgdMode:Integrated,state:Started)\r\n',
    );
  });

  it('lists the auth sections in the /xml and plain forms', async () => {
    const scenarioHost = host(iis);
    const xml = parseWindowsAuthSection(
      (
        await scenarioHost.runTool('appcmd', [
          'list',
          'config',
          'Default Web Site/',
          windowsAuth,
          '/xml',
          '/config:*',
        ])
      ).stdout,
    );
    expect(xml).toMatchObject({
      path: 'MACHINE/WEBROOT/APPHOST/Default Web Site',
      settings: { enabled: true, providers: ['Negotiate', 'NTLM'], useKernelMode: true },
    });
    const plain = parseWindowsAuthSection(
      (await scenarioHost.runTool('appcmd', ['list', 'config', 'Default Web Site', windowsAuth])).stdout,
    );
    expect(plain.settings.enabled).toBe(true);
    const anonymous = await scenarioHost.runTool('appcmd', [
      'list',
      'config',
      'Default Web Site/',
      '-section:system.webServer/security/authentication/anonymousAuthentication',
      '/xml',
    ]);
    expect(parseAnonymousAuthSection(anonymous.stdout).settings.enabled).toBe(false);
  });

  it('prints errors for locked sections and unknown paths instead of XML', async () => {
    const scenarioHost = host(iis);
    const odd = await scenarioHost.runTool('appcmd', [
      'list',
      'config',
      'Default Web Site/odd',
      windowsAuth,
      '/xml',
    ]);
    expect(readAppcmdError(odd.stdout)).toContain('cannot be used at this path');
    expect(() => parseWindowsAuthSection(odd.stdout)).toThrow(AppcmdOutputError);
    expect(
      readAppcmdError(
        (await scenarioHost.runTool('appcmd', ['list', 'config', 'Nope/', windowsAuth, '/xml'])).stdout,
      ),
    ).toContain('Cannot find');
  });

  it('set config /commit:apphost changes the scenario; without it the section is locked', async () => {
    const scenarioHost = host(iis);
    const locked = await scenarioHost.runTool('appcmd', [
      'set',
      'config',
      'Default Web Site',
      windowsAuth,
      '/useAppPoolCredentials:true',
    ]);
    expect(readAppcmdError(locked.stdout)).toContain('locked at a parent level');
    const set = await scenarioHost.runTool('appcmd', [
      'set',
      'config',
      'Default Web Site',
      windowsAuth,
      '/useAppPoolCredentials:"True"',
      '/extendedProtection.flags:Proxy',
      '/+"extendedProtection.[name=\'HTTP/web01.contoso.com\']"',
      '/commit:apphost',
    ]);
    expect(set.outcome).toBe('succeeded');
    const after = scenarioHost.scenario.iis?.sites[0]?.applications[0]?.windowsAuthentication;
    expect(after).toMatchObject({
      useAppPoolCredentials: true,
      extendedProtection: { flags: ['Proxy'], spns: ['HTTP/web01.contoso.com'] },
    });
    const providers = await scenarioHost.runTool('appcmd', [
      'set',
      'config',
      'Default Web Site',
      windowsAuth,
      '/~"providers"',
      '/+"providers.[value=\'NTLM\']"',
      '/commit:apphost',
    ]);
    expect(providers.outcome).toBe('succeeded');
    expect(scenarioHost.scenario.iis?.sites[0]?.applications[0]?.windowsAuthentication.providers).toEqual([
      'NTLM',
    ]);
    const bad = await scenarioHost.runTool('appcmd', [
      'set',
      'config',
      'Default Web Site',
      windowsAuth,
      '/useKernelMode:false',
      '/enabled:maybe',
      '/commit:apphost',
    ]);
    expect(bad.outcome).toBe('failed');
    expect(scenarioHost.scenario.iis?.sites[0]?.applications[0]?.windowsAuthentication.useKernelMode).toBe(
      true,
    );
  });

  it('is "not recognized" without IIS', async () => {
    const run = await host(undefined).runTool('appcmd', ['list', 'site', '/xml']);
    expect([run.outcome, run.exitCode]).toEqual(['failed', 9009]);
  });
});
