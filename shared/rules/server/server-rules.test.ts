import { describe, expect, it } from 'vitest';
import { readHttpSysLimits } from '../../iis/httpsys-limits.js';
import { windowsAuthDefaults, type WindowsAuthSettings } from '../../iis/iis-configuration.js';
import { readLoopbackSettings } from '../../iis/loopback-settings.js';
import type { Evidence, EvidenceFactsByKind } from '../../model/evidence.js';
import type { SymptomId } from '../../wizard/symptoms.js';
import type { RuleInput } from '../rule.js';
import { apppoolIdentitySplitRule } from './apppool-identity-split-rule.js';
import { epaChannelBindingRule } from './epa-channel-binding-rule.js';
import { etypeMismatchRule } from './etype-mismatch-rule.js';
import { kerberosTokenTooLargeRule } from './kerberos-token-too-large-rule.js';
import { loopbackCheckRule } from './loopback-check-rule.js';
import type { IisApplicationFacts } from './server-evidence.js';
import { serverRemedyIds } from './server-remedies.js';
import { browserSpnForms } from '../../spn/browser-spn.js';
import { serverRules } from './server-rules.js';

function evidence<K extends keyof EvidenceFactsByKind & string>(
  kind: K,
  facts: EvidenceFactsByKind[K],
): Evidence {
  return { id: `${kind}-1`, probe: 'test', kind, status: 'info', summary: '', facts, raw: [] } as Evidence;
}

function input(symptom: SymptomId, ...items: Evidence[]): RuleInput {
  return { target: { url: 'https://web01.contoso.com/', symptom }, evidence: items };
}

function iisApp(
  overrides: Partial<IisApplicationFacts> & { auth?: Partial<WindowsAuthSettings> } = {},
): IisApplicationFacts {
  const { auth, ...rest } = overrides;
  return {
    url: 'https://portal.contoso.com/',
    host: 'portal.contoso.com',
    port: 443,
    scheme: 'https',
    machine: { computerName: 'WEB01', domain: 'CONTOSO', dnsDomain: 'contoso.com' },
    iisReadable: true,
    site: { name: 'Portal', id: 2, state: 'Started', bindings: [] },
    bindingProtocol: 'https',
    application: { siteName: 'Portal', path: '/', appPoolName: 'PortalPool' },
    pool: null,
    windowsAuth: {
      path: null,
      locked: null,
      overrideMode: null,
      settings: { ...windowsAuthDefaults, enabled: true, ...auth },
    },
    anonymousAuth: null,
    decrypting: null,
    siteApplications: [],
    unreadable: [],
    ...rest,
  };
}

describe('apppool-identity-split', () => {
  it('finds two decrypting accounts under one site, and rules out one', () => {
    const split = iisApp({
      siteApplications: [
        { path: '/', appPoolName: 'PortalPool', decryptingAccount: 'CONTOSO\\svc-portal' },
        { path: '/hr', appPoolName: 'HrPool', decryptingAccount: 'CONTOSO\\svc-hr' },
      ],
    });
    expect(
      apppoolIdentitySplitRule(input('check-everything', evidence('iis-application', split))).findings.map(
        (f) => f.cause,
      ),
    ).toEqual(['apppool-identity-split']);
    const same = iisApp({
      siteApplications: [
        { path: '/', appPoolName: 'A', decryptingAccount: 'CONTOSO\\svc' },
        { path: '/b', appPoolName: 'B', decryptingAccount: 'contoso\\SVC' },
      ],
    });
    const outcome = apppoolIdentitySplitRule(input('check-everything', evidence('iis-application', same)));
    expect([outcome.findings.length, outcome.ruledOut[0]?.cause]).toEqual([0, 'apppool-identity-split']);
  });
  it('recommends the account that holds the SPN, and no account when the computer holds it', () => {
    const split = iisApp({
      siteApplications: [
        {
          path: '/',
          appPoolName: 'PortalPool',
          decryptingAccount: 'CONTOSO\\WEB01$',
          poolIdentity: { type: 'ApplicationPoolIdentity' },
        },
        {
          path: '/hr',
          appPoolName: 'HrPool',
          decryptingAccount: 'CONTOSO\\svc-hr',
          poolIdentity: { type: 'SpecificUser', userName: 'CONTOSO\\svc-hr' },
        },
      ],
    });
    const heldBy = (dn: string, isComputer: boolean) =>
      evidence('spn-registrations', {
        forms: browserSpnForms({
          host: 'portal.contoso.com',
          port: 443,
          scheme: 'https',
          canonicalName: null,
          dnsDomain: 'contoso.com',
        }),
        canonicalName: null,
        ownership: [
          {
            spn: 'HTTP/portal.contoso.com',
            roles: ['requested', 'fqdn'],
            httpOwners: [{ dn, isComputer }],
            hostOwners: [],
          },
        ],
        decryptingAccount: null,
        poolAccount: null,
        duplicates: [],
        unreadable: [],
      });
    const byUser = apppoolIdentitySplitRule(
      input(
        'check-everything',
        evidence('iis-application', split),
        heldBy('CN=svc-hr,OU=Service Accounts,DC=contoso,DC=com', false),
      ),
    ).findings[0];
    expect(byUser?.remedies.map((remedy) => [remedy.remedy, remedy.params['account']])).toEqual([
      ['iis.set-pool-identity', 'CONTOSO\\svc-hr'],
    ]);
    // The computer holds it: moving PortalPool to svc-hr (the only user) would break the root too.
    const byComputer = apppoolIdentitySplitRule(
      input(
        'check-everything',
        evidence('iis-application', split),
        heldBy('CN=WEB01,CN=Computers,DC=contoso,DC=com', true),
      ),
    ).findings[0];
    expect(byComputer?.cause).toBe('apppool-identity-split');
    expect(byComputer?.remedies).toEqual([]);
    expect(byComputer?.explanation).not.toContain("svc-hr's password");
  });
});

describe('loopback-check', () => {
  const facts = {
    settings: readLoopbackSettings(null),
    host: 'portal.contoso.com',
    computerName: 'WEB01',
    servedHere: true,
  };
  it('fires when the site fails on the server itself', () => {
    // "It works on the server but not from my PC" is the opposite case: no loopback check there.
    expect(
      loopbackCheckRule(input('works-on-server-only', evidence('loopback-settings', facts))).findings,
    ).toEqual([]);
    const answered = {
      target: {
        url: 'https://portal.contoso.com/',
        symptom: 'prompt-three-times' as const,
        answers: { 'where-it-fails': 'on-the-server' },
      },
      evidence: [evidence('loopback-settings', facts)],
    };
    expect(loopbackCheckRule(answered).findings[0]?.cause).toBe('loopback-check');
  });
  it('is only a fact when the person did not say the browser runs on the server (IT checking from the server)', () => {
    const outcome = loopbackCheckRule(input('prompt-three-times', evidence('loopback-settings', facts)));
    expect(outcome.findings).toEqual([]);
    expect(outcome.ruledOut[0]?.summary).toMatch(/matters only if the browser that prompts runs on WEB01/);
    const onAPc = {
      target: {
        url: 'https://portal.contoso.com/',
        symptom: 'prompt-three-times' as const,
        answers: { 'where-it-fails': 'on-a-pc' },
      },
      evidence: [evidence('loopback-settings', facts)],
    };
    expect(loopbackCheckRule(onAPc).findings).toEqual([]);
  });
  it('stays quiet for other symptoms or hosts served elsewhere', () => {
    expect(
      loopbackCheckRule(input('prompt-once-per-session', evidence('loopback-settings', facts))).findings,
    ).toEqual([]);
    expect(
      loopbackCheckRule(input('http-401', evidence('loopback-settings', { ...facts, servedHere: false })))
        .findings,
    ).toEqual([]);
  });
});

describe('kerberos-token-too-large', () => {
  const limits = evidence('httpsys-limits', { limits: readHttpSysLimits(null) });
  it('is confirmed by a measured token that does not fit', () => {
    const token = {
      ...evidence('negotiate-token-size', { tokenBytes: 14000, mechanism: 'kerberos' }),
      id: 'token',
    } as Evidence;
    const finding = kerberosTokenTooLargeRule(input('check-everything', limits, token)).findings[0];
    expect([finding?.cause, finding?.confidence]).toEqual(['kerberos-token-too-large', 'confirmed']);
  });
  it('is likely from the 400 symptom alone, and ruled out by a token that fits', () => {
    expect(kerberosTokenTooLargeRule(input('http-400', limits)).findings[0]?.confidence).toBe('likely');
    const small = {
      ...evidence('negotiate-token-size', { tokenBytes: 5000, mechanism: 'kerberos' }),
      id: 'token',
    } as Evidence;
    expect(kerberosTokenTooLargeRule(input('http-400', limits, small)).findings).toEqual([]);
  });
});

describe('epa-channel-binding', () => {
  it('fires when TLS ends before IIS and channel binding is required without Proxy', () => {
    const offloaded = iisApp({
      bindingProtocol: 'http',
      auth: { extendedProtection: { tokenChecking: 'Require', flags: [], spns: [] } },
    });
    expect(
      epaChannelBindingRule(input('http-401', evidence('iis-application', offloaded))).findings[0]?.cause,
    ).toBe('epa-channel-binding');
  });
  it('accepts the proxy configuration of §7.4 and direct TLS', () => {
    const proxied = iisApp({
      bindingProtocol: 'http',
      auth: {
        extendedProtection: { tokenChecking: 'Require', flags: ['Proxy'], spns: ['HTTP/portal.contoso.com'] },
      },
    });
    const direct = iisApp({
      auth: { extendedProtection: { tokenChecking: 'Require', flags: [], spns: [] } },
    });
    expect(
      epaChannelBindingRule(
        input('http-401', evidence('iis-application', proxied), {
          ...evidence('iis-application', direct),
          id: 'b',
        } as Evidence),
      ).findings,
    ).toEqual([]);
  });
});

describe('etype-mismatch', () => {
  it('fires only on an etype event', () => {
    const events = evidence('kerberos-events', {
      events: [
        {
          log: 'System',
          source: 'Microsoft-Windows-Kerberos-Key-Distribution-Center',
          id: 14,
          time: null,
          errorCode: null,
          name: null,
          message: 'etype not supported',
        },
      ],
    });
    expect(etypeMismatchRule(input('http-401', events)).findings[0]?.cause).toBe('etype-mismatch');
    const other = evidence('kerberos-events', {
      events: [
        {
          log: 'System',
          source: 'Kerberos',
          id: 4,
          time: null,
          errorCode: 41,
          name: null,
          message: 'KRB_AP_ERR_MODIFIED',
        },
      ],
    });
    expect(etypeMismatchRule(input('http-401', other)).findings).toEqual([]);
  });
});

describe('server rule list', () => {
  it('runs every rule without evidence and finds nothing', () => {
    for (const rule of serverRules) expect(rule(input('check-everything')).findings).toEqual([]);
  });
  it('declares remedy ids in the engine naming pattern', () => {
    for (const id of serverRemedyIds) expect(id).toMatch(/^(iis|machine|domain)\.[a-z-]+$/);
  });
});
