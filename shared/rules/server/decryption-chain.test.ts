import { describe, expect, it } from 'vitest';
import {
  windowsAuthDefaults,
  type AppPoolIdentity,
  type WindowsAuthSettings,
} from '../../iis/iis-configuration.js';
import { decryptingAccount } from '../../iis/pool-account.js';
import { parseAccountName, computerAccount } from '../../spn/account-name.js';
import { browserSpnForms } from '../../spn/browser-spn.js';
import { walkDecryptionChain } from './decryption-chain.js';
import type {
  IisApplicationFacts,
  SpnFormOwnership,
  SpnOwner,
  SpnRegistrationFacts,
} from './server-evidence.js';

const machine = { computerName: 'WEB01', domain: 'CONTOSO', dnsDomain: 'contoso.com' };
const svcDn = 'CN=svc-web,OU=Service Accounts,DC=contoso,DC=com';
const web01Dn = 'CN=WEB01,CN=Computers,DC=contoso,DC=com';
const svc: SpnOwner = { dn: svcDn, isComputer: false };
const web01: SpnOwner = { dn: web01Dn, isComputer: true };

function app(
  options: {
    identity?: AppPoolIdentity;
    auth?: Partial<WindowsAuthSettings>;
    anonymous?: boolean;
    host?: string;
  } = {},
): IisApplicationFacts {
  const identity = options.identity ?? { type: 'SpecificUser', userName: 'CONTOSO\\svc-web' };
  const settings = { ...windowsAuthDefaults, enabled: true, useAppPoolCredentials: true, ...options.auth };
  const host = options.host ?? 'web01.contoso.com';
  return {
    url: `https://${host}/`,
    host,
    port: 443,
    scheme: 'https',
    machine,
    iisReadable: true,
    site: {
      name: 'Default Web Site',
      id: 1,
      state: 'Started',
      bindings: [{ protocol: 'https', ipAddress: '*', port: 443, hostHeader: '' }],
    },
    bindingProtocol: 'https',
    application: { siteName: 'Default Web Site', path: '/', appPoolName: 'AppPool1' },
    pool: { name: 'AppPool1', state: 'Started', identity },
    windowsAuth: { path: null, locked: null, overrideMode: null, settings },
    anonymousAuth: {
      path: null,
      locked: null,
      overrideMode: null,
      settings: { enabled: options.anonymous ?? false, userName: 'IUSR' },
    },
    decrypting: decryptingAccount(identity, settings, machine),
    siteApplications: [],
    unreadable: [],
  };
}

function spn(
  facts: IisApplicationFacts,
  owners: Readonly<Record<string, readonly SpnOwner[]>>,
  canonicalName: string | null = null,
): SpnRegistrationFacts {
  const forms = browserSpnForms({
    host: facts.host,
    port: facts.port,
    scheme: facts.scheme,
    canonicalName,
    dnsDomain: machine.dnsDomain,
  });
  const roles = new Map<string, SpnFormOwnership['roles'][number][]>();
  const add = (form: string | null, role: SpnFormOwnership['roles'][number]): void => {
    if (form) roles.set(form.toLowerCase(), [...(roles.get(form.toLowerCase()) ?? []), role]);
  };
  add(forms.requested, 'requested');
  add(forms.fqdnForm, 'fqdn');
  add(forms.netbiosForm, 'netbios');
  add(forms.otherPortForm, 'other-port');
  add(forms.aliasForm, 'alias');
  const ownership = [...roles].map(([form, formRoles]) => ({
    spn: form,
    roles: formRoles,
    httpOwners: owners[form] ?? [],
    hostOwners: owners[form.replace(/^http\//, 'host/')] ?? [],
  }));
  const account = facts.decrypting?.account ?? null;
  const pool = facts.decrypting?.poolAccount ?? null;
  const dnOf = (name: string): string => (name.toLowerCase().includes('web01$') ? web01Dn : svcDn);
  return {
    forms,
    canonicalName,
    ownership,
    decryptingAccount: account ? { account, dn: dnOf(account.display), spns: null } : null,
    poolAccount: pool ? { account: pool, dn: dnOf(pool.display) } : null,
    duplicates: [],
    unreadable: [],
  };
}

const bothForms = { 'http/web01.contoso.com': [svc], 'http/web01': [svc] };

describe('walkDecryptionChain', () => {
  it('prints the whole verdict when every link holds', () => {
    const facts = app({ identity: { type: 'SpecificUser', userName: 'CONTOSO\\svc-web' } });
    const result = walkDecryptionChain(facts, spn(facts, bothForms));
    expect(result.broken).toBeNull();
    expect(result.line).toBe(
      'Browsers ask for HTTP/web01.contoso.com → registered on CONTOSO\\svc-web → pool AppPool1 runs as CONTOSO\\svc-web → kernel mode on, useAppPoolCredentials true → Kerberos can be decrypted ✓',
    );
  });
  it('accepts the computer account through HOST/ for ApplicationPoolIdentity', () => {
    const facts = app({
      identity: { type: 'ApplicationPoolIdentity' },
      auth: { useAppPoolCredentials: false },
    });
    const result = walkDecryptionChain(
      facts,
      spn(facts, { 'host/web01.contoso.com': [web01], 'host/web01': [web01] }),
    );
    expect(result.broken).toBeNull();
    expect(result.line).toContain('registered on CONTOSO\\WEB01$');
  });
  it.each([
    ['windows-auth-disabled', app({ auth: { enabled: false } }), bothForms],
    ['windows-auth-disabled', app({ anonymous: true }), bothForms],
    ['providers-misconfigured', app({ auth: { providers: ['NTLM'] } }), bothForms],
    ['providers-misconfigured', app({ auth: { providers: ['NTLM', 'Negotiate'] } }), bothForms],
    ['providers-misconfigured', app({ auth: { providers: ['Negotiate:Kerberos'] } }), bothForms],
    ['spn-missing', app(), {}],
    ['spn-netbios-missing', app(), { 'http/web01': [svc] }],
    ['spn-netbios-missing', app(), { 'http/web01.contoso.com': [svc] }],
    [
      'spn-duplicate',
      app(),
      {
        'http/web01.contoso.com': [svc, { dn: 'CN=svc-old,DC=contoso,DC=com', isComputer: false }],
        'http/web01': [svc],
      },
    ],
    [
      'spn-wrong-account',
      app(),
      {
        'http/web01.contoso.com': [{ dn: 'CN=svc-other,DC=contoso,DC=com', isComputer: false }],
        'http/web01': [svc],
      },
    ],
    ['kernel-mode-no-apppool-creds', app({ auth: { useAppPoolCredentials: false } }), bothForms],
    [
      'farm-shared-name',
      app({ identity: { type: 'ApplicationPoolIdentity' }, host: 'portal.contoso.com' }),
      { 'http/portal.contoso.com': [{ dn: 'CN=WEB02,CN=Computers,DC=contoso,DC=com', isComputer: true }] },
    ],
  ] as const)('names %s', (cause, facts, owners) => {
    const result = walkDecryptionChain(facts, spn(facts, owners));
    expect(result.broken?.cause).toBe(cause);
    expect(result.line).toContain('✗');
  });
  it('says how sure spn-netbios-missing is by which form is missing (the live reconciliation relies on it)', () => {
    const facts = app();
    // Browsers ask for the FQDN; only the short form is registered: the requested form is missing.
    expect(walkDecryptionChain(facts, spn(facts, { 'http/web01': [svc] })).broken?.confidence).toBe(
      'confirmed',
    );
    // The requested form is on the right account; only the other form is missing.
    expect(
      walkDecryptionChain(facts, spn(facts, { 'http/web01.contoso.com': [svc] })).broken?.confidence,
    ).toBe('likely');
  });
  it("offers the farm script with the pool's own name and identity, and none when the pool was not read", () => {
    const facts = app({ identity: { type: 'NetworkService' }, host: 'portal.contoso.com' });
    const owners = {
      'http/portal.contoso.com': [{ dn: 'CN=WEB02,CN=Computers,DC=contoso,DC=com', isComputer: true }],
    };
    expect(walkDecryptionChain(facts, spn(facts, owners)).broken?.remedies).toMatchObject([
      {
        remedy: 'domain.farm-identity',
        params: { pool: 'AppPool1', previousIdentityType: 'NetworkService', previousUserName: '' },
      },
    ]);
    // The undo would put back an identity nobody read: no script instead.
    const unread = { ...facts, pool: null };
    const result = walkDecryptionChain(unread, spn(unread, owners));
    expect(result.broken?.cause).toBe('farm-shared-name');
    expect(result.broken?.remedies).toEqual([]);
  });
  it("does not count the computer's HOST/ SPN for a domain pool account", () => {
    const facts = app();
    const hostOnly = { 'host/web01.contoso.com': [web01], 'host/web01': [web01] };
    expect(walkDecryptionChain(facts, spn(facts, hostOnly)).broken?.cause).toBe('spn-missing');
    expect(walkDecryptionChain(facts, spn(facts, { ...hostOnly, 'http/web01': [svc] })).broken?.cause).toBe(
      'spn-netbios-missing',
    );
    const ported = { ...app(), port: 8443, url: 'https://web01.contoso.com:8443/' };
    expect(
      walkDecryptionChain(ported, spn(ported, { ...hostOnly, 'http/web01.contoso.com:8443': [svc] })).broken
        ?.cause,
    ).toBe('port-in-spn');
    const alias = app({ host: 'intranet.contoso.com' });
    expect(
      walkDecryptionChain(
        alias,
        spn(alias, { ...hostOnly, 'http/intranet.contoso.com': [svc] }, 'web01.contoso.com'),
      ).broken?.cause,
    ).toBe('cname-alias-spn');
  });
  it('says HOST/ on the computer serves a missing HTTP/ name, so the ticket is for the computer and the pool account cannot decrypt it', () => {
    const facts = app({ host: 'web01' });
    const result = walkDecryptionChain(
      facts,
      spn(facts, {
        'http/web01.contoso.com': [svc],
        'host/web01': [web01],
        'host/web01.contoso.com': [web01],
      }),
    );
    expect(result.broken?.cause).toBe('spn-netbios-missing');
    expect(result.links).toEqual([
      'Browsers ask for HTTP/web01',
      'served by HOST/web01 on CONTOSO\\WEB01$',
      'but CONTOSO\\svc-web decrypts ✗',
    ]);
    expect(result.brokenLink).toBe(2);
    expect(result.broken?.link).toBe('but CONTOSO\\svc-web decrypts ✗');
    const explanation = result.broken?.explanation ?? '';
    expect(explanation).toContain('issues a Kerberos ticket encrypted for CONTOSO\\WEB01$');
    expect(explanation).toContain('KRB_AP_ERR_MODIFIED');
    expect(explanation).not.toMatch(/registered on no account|issues no ticket|cannot issue/);
    expect(result.broken?.remedies.map((draft) => [draft.params['spn'], draft.params['account']])).toEqual([
      ['HTTP/web01', 'CONTOSO\\svc-web'],
    ]);
  });
  it('says "registered on no account" and "no ticket" only when no HOST/ serves the name either', () => {
    const facts = app({ host: 'intranet.contoso.com' });
    const result = walkDecryptionChain(facts, spn(facts, {}));
    expect(result.broken?.cause).toBe('spn-missing');
    expect(result.links.at(-1)).toBe('HTTP/intranet.contoso.com is registered on no account ✗');
    expect(result.broken?.explanation).toContain('cannot issue a Kerberos ticket');
  });
  it('names cname-alias-spn when the canonical name is explicitly on another account', () => {
    const alias = app({ host: 'intranet.contoso.com' });
    const other = { dn: 'CN=svc-other,DC=contoso,DC=com', isComputer: false };
    expect(
      walkDecryptionChain(
        alias,
        spn(
          alias,
          { 'http/web01.contoso.com': [other], 'http/intranet.contoso.com': [svc] },
          'web01.contoso.com',
        ),
      ).broken?.cause,
    ).toBe('cname-alias-spn');
  });
  it('names cname-alias-spn when only the alias is registered', () => {
    const facts = app({ host: 'intranet.contoso.com' });
    const result = walkDecryptionChain(
      facts,
      spn(facts, { 'http/intranet.contoso.com': [svc] }, 'web01.contoso.com'),
    );
    expect(result.broken?.cause).toBe('cname-alias-spn');
    expect(result.broken?.remedies[0]?.params).toMatchObject({
      spn: 'HTTP/web01.contoso.com',
      account: 'CONTOSO\\svc-web',
    });
  });
  it('names port-in-spn when only the port form is registered', () => {
    const facts = { ...app(), port: 8443, url: 'https://web01.contoso.com:8443/' };
    const result = walkDecryptionChain(facts, spn(facts, { 'http/web01.contoso.com:8443': [svc] }));
    expect(result.broken?.cause).toBe('port-in-spn');
  });
  it('proposes both forms on the decrypting account for spn-missing', () => {
    const facts = app();
    expect(
      walkDecryptionChain(facts, spn(facts, {})).broken?.remedies.map((draft) => draft.params['spn']),
    ).toEqual(['HTTP/web01.contoso.com', 'HTTP/web01']);
  });
  it('lets the person pick which account keeps a duplicate: one removal per holder, the decrypting account recommended', () => {
    const facts = app();
    const other = 'CN=svc-old,DC=contoso,DC=com';
    const result = walkDecryptionChain(
      facts,
      spn(facts, { 'http/web01.contoso.com': [svc, { dn: other, isComputer: false }], 'http/web01': [svc] }),
    );
    expect(result.broken?.remedies.map((draft) => [draft.params['accountDn'], draft.title])).toEqual([
      [
        other,
        'Remove HTTP/web01.contoso.com from svc-old (CN=svc-old,DC=contoso,DC=com) (recommended: CONTOSO\\svc-web decrypts tickets for this site and keeps it)',
      ],
      [
        svcDn,
        'Remove HTTP/web01.contoso.com from CONTOSO\\svc-web (not recommended: CONTOSO\\svc-web decrypts tickets for this site)',
      ],
    ]);
    expect(result.broken?.explanation).toContain(
      'You choose which account keeps it: each removal below is its own fix, and none is made for you. Recommended: keep it on CONTOSO\\svc-web',
    );
  });
  it('stops with what could not be read instead of guessing', () => {
    const facts = {
      ...app(),
      iisReadable: false,
      unreadable: [
        {
          what: 'IIS configuration',
          reason: 'appcmd.exe is not installed',
          checkByHand: 'Get-WindowsFeature Web-Server',
        },
      ],
    };
    const result = walkDecryptionChain(facts, null);
    expect(result).toMatchObject({ complete: false, broken: null });
    expect(result.line).toContain('check by hand with: Get-WindowsFeature Web-Server');
    const noSpn = walkDecryptionChain(app(), null);
    expect(noSpn.complete).toBe(false);
  });
  it('treats a local pool account as unable to decrypt', () => {
    const facts = app({ identity: { type: 'SpecificUser', userName: '.\\iisuser' } });
    expect(facts.decrypting?.poolAccount).toEqual(parseAccountName('.\\iisuser', 'WEB01'));
    expect(facts.decrypting?.account).toBeNull();
    const result = walkDecryptionChain(facts, spn(facts, bothForms));
    expect(result.broken?.cause).toBe('spn-wrong-account');
    expect(result.line).toContain(
      'pool AppPool1 runs as WEB01\\iisuser, which has no account in the domain ✗',
    );
    expect(computerAccount('web01', 'contoso').display).toBe('CONTOSO\\WEB01$');
  });
});
