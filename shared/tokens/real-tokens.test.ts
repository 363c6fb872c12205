/**
 * Every real token in ../shared/data/tokens decodes, and the values its provenance states
 * (realm, SPN, user, domain, flags, …) come out exactly. The expectations below are typed
 * from the `#` description lines of each file (the "source states" values), not from our
 * decoder's output. The data directory lives beside the repository, in CI too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeAuthToken, TokenDecodeError } from './decode-auth-token.js';
import type { DecodedAuthToken } from './decoded-auth-token.js';
import { ntlmFallbackVerdict } from './token-verdict.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const tokenDir = resolve(repoRoot, '../shared/data/tokens');

function tokensOf(file: string): string[] {
  return readFileSync(resolve(tokenDir, file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

type Expectation = { readonly prefix?: string } & Record<string, unknown>;

const krb5 = '1.2.840.113554.1.2.2';
const msKrb5 = '1.2.840.48018.1.2.2';
const ntlmOid = '1.3.6.1.4.1.311.2.2.10';
const negoex = '1.3.6.1.4.1.311.2.2.30';
const u2u = '1.2.840.113554.1.2.2.3';

function apReq(
  realm: string,
  spn: string,
  nameType: number,
  etype: number,
  kvno: number | null,
  mutualRequired = true,
) {
  return {
    mechanism: 'kerberos',
    kerberos: { messageType: 'AP-REQ', realm, spn, nameType, etype, kvno, mutualRequired },
    verdict: `Kerberos ticket for ${spn} in ${realm}`,
  };
}
function mechs(...oids: string[]) {
  return oids.map((oid) => ({ oid }));
}
function avPair(name: string, value: string) {
  return expect.arrayContaining([{ id: expect.any(Number), name, value }]);
}
const ntlm1 = (ntlm: Record<string, unknown>) => ({
  mechanism: 'ntlm',
  container: 'raw-ntlmssp',
  ntlm: { messageType: 1, ...ntlm },
});
const ntlm2 = (ntlm: Record<string, unknown>) => ({
  mechanism: 'ntlm',
  container: 'raw-ntlmssp',
  ntlm: { messageType: 2, ...ntlm },
});
const ntlm3 = (ntlm: Record<string, unknown>) => ({
  mechanism: 'ntlm',
  container: 'raw-ntlmssp',
  ntlm: { messageType: 3, ...ntlm },
});

const ie6Server = 'WWW-Authenticate: Negotiate ';
const ie6Client = 'Authorization: Negotiate ';
const ie6Type1 = {
  prefix: ie6Client,
  ...ntlm1({
    flagsValue: '0xa2088207',
    domain: null,
    workstation: null,
    osVersion: { text: '5.2.3790 rev 15' },
  }),
  ntlmInsideNegotiate: true,
  verdict: ntlmFallbackVerdict,
};
const ie6Biztalk = {
  prefix: ie6Server,
  ...ntlm2({ flagsValue: '0xa28a8205', targetName: 'BIZTALKR2' }),
  ntlmInsideNegotiate: true,
  direction: 'server-to-client',
};
const ie6Szbti = {
  prefix: ie6Server,
  ...ntlm2({
    flagsValue: '0xa2898205',
    targetName: 'SZBTI',
    avPairs: expect.arrayContaining([
      expect.objectContaining({ name: 'MsvAvNbDomainName', value: 'SZBTI' }),
      expect.objectContaining({ name: 'MsvAvNbComputerName', value: 'LOGS' }),
      expect.objectContaining({ name: 'MsvAvDnsDomainName', value: 'szbti.gov.cn' }),
      expect.objectContaining({ name: 'MsvAvDnsComputerName', value: 'logs.szbti.gov.cn' }),
      expect.objectContaining({ name: 'MsvAvDnsTreeName', value: 'szbti.gov.cn' }),
    ]),
  }),
};
function ie6Type3(domain: string, user: string, workstation: string) {
  return {
    prefix: ie6Client,
    ...ntlm3({
      flagsValue: '0xa2888205',
      domain,
      user,
      workstation,
      version: 'v1',
      responseKind: 'NTLMv1-ESS',
      lmResponseLength: 24,
      ntResponseLength: 24,
    }),
    ntlmInsideNegotiate: true,
    verdict: expect.stringMatching(
      /^NTLM fallback inside Negotiate: no Kerberos ticket was obtained \(NTLMv1/,
    ),
  };
}
const nonCanonical = { notes: [expect.stringMatching(/non-canonical base64/)] };
const curlType3 = (flagsValue: string, domain: string | null, user: string) =>
  ntlm3({
    flagsValue,
    domain,
    user,
    workstation: 'WORKSTATION',
    version: 'v1',
    responseKind: 'NTLMv1',
    lmResponseLength: 24,
    ntResponseLength: 24,
  });
const kerberosNetRealm = { realm: 'IDENTITYINTERVENTION.COM', spn: 'HTTP/aadg.windows.net.nsatc.net' };
const windowsMechs = mechs(msKrb5, krb5, negoex, ntlmOid);

const expectations: Readonly<Record<string, readonly Expectation[]>> = {
  'arkime-pcap-ntlm-proxy.txt': [
    {
      prefix: 'Proxy-Authorization: NTLM ',
      ...ntlm1({
        flagsValue: '0xa2088207',
        domain: null,
        workstation: null,
        osVersion: { text: '6.1.7601 rev 15' },
      }),
      scheme: 'NTLM',
      ntlmInsideNegotiate: false,
    },
    {
      prefix: 'Proxy-Authenticate: NTLM ',
      ...ntlm2({
        flagsValue: '0xa2898205',
        targetName: 'CISCOLAB',
        avPairs: [
          expect.objectContaining({ name: 'MsvAvNbDomainName', value: 'CISCOLAB' }),
          expect.objectContaining({ name: 'MsvAvNbComputerName', value: 'POSEIDON' }),
          expect.objectContaining({ name: 'MsvAvDnsDomainName', value: 'ciscolab.com' }),
          expect.objectContaining({ name: 'MsvAvDnsComputerName', value: 'poseidon.ciscolab.com' }),
        ],
      }),
      direction: 'server-to-client',
    },
    {
      prefix: 'Proxy-Authorization: NTLM ',
      ...ntlm3({
        flagsValue: '0xa2888205',
        domain: 'ciscolab.com',
        user: 'user1',
        workstation: 'RECREATE2',
        version: 'v2',
        targetName: 'HTTP/10.122.144.182:80',
        micPresent: true,
        channelBindings: false,
      }),
    },
  ],
  'chnking-iis6-ie6-negotiate-2007.txt': [
    { ...ie6Type1, ...nonCanonical },
    ie6Biztalk,
    { ...ie6Type3('192.168.1.13', 'administrator', 'WIN2003-PC'), ...nonCanonical },
    ie6Type1,
    ie6Biztalk,
    ie6Type3('WIN2003-PC', 'Administrator', 'WIN2003-PC'),
    ie6Biztalk,
    ie6Type3('BIZTALKR2', 'administrator', 'WIN2003-PC'),
    ie6Biztalk,
    ie6Type3('WIN2003-PC', 'Administrator', 'WIN2003-PC'),
    { ...ie6Type1, ...nonCanonical },
    ie6Szbti,
    { ...ie6Type3('192.168.100.5', 'jinjz', 'JINJZ'), ...nonCanonical },
    {
      prefix: ie6Client,
      container: 'spnego',
      ...apReq('SZBTI.GOV.CN', 'HTTP/logs', 2, 23, 12),
      spnego: { kind: 'init', mechTypes: mechs(msKrb5, krb5, ntlmOid), carries: 'kerberos' },
    },
    {
      prefix: ie6Server,
      mechanism: 'kerberos',
      kerberos: { messageType: 'AP-REP', etype: 23 },
      spnego: {
        kind: 'response',
        negState: 'accept-completed',
        supportedMech: { oid: msKrb5 },
        carries: 'kerberos',
      },
    },
    ie6Szbti,
    ie6Type3('JINJZ', 'Administrator', 'JINJZ'),
    ie6Szbti,
    ie6Type3('JINJZ', 'administrator', 'JINJZ'),
    ie6Szbti,
    ie6Type3('JINJZ', 'Administrator', 'JINJZ'),
  ],
  'curl-ntlm.txt': [
    ntlm1({ flagsValue: '0x00088206', domain: null, workstation: null, osVersion: null }),
    ntlm2({
      flagsValue: '0x00818206',
      targetName: 'CC',
      avPairs: expect.arrayContaining([
        expect.objectContaining({ name: 'MsvAvNbComputerName', value: 'ELISABETH' }),
      ]),
    }),
    {
      ...ntlm2({
        flagsValue: '0x00018286',
        targetName: 'CC',
        avPairs: expect.arrayContaining([
          expect.objectContaining({ name: 'MsvAvDnsComputerName', value: 'elisabeth.cc.icedev.nu' }),
        ]),
      }),
      notes: [expect.stringMatching(/NEGOTIATE_TARGET_INFO flag is not set/)],
    },
    ntlm2({ flagsValue: '0x00018086', targetName: 'NTLMAuth', avPairs: [] }),
    curlType3('0x00018286', null, 'me'),
    curlType3('0x00018086', null, 'testuser'),
    curlType3('0x00018086', null, 'testuser'),
    curlType3('0x00018286', null, 'testuser'),
    curlType3('0x00018286', 'mydomain', 'myself'),
  ],
  'github-issues-misc.txt': [
    {
      prefix: 'authorization: Negotiate ',
      ...ntlm1({ flagsValue: '0xe20882b7', osVersion: { text: '10.0.19041 rev 15' } }),
      ntlmInsideNegotiate: true,
      verdict: ntlmFallbackVerdict,
    },
    {
      prefix: 'Proxy-Authorization: NTLM ',
      ...ntlm1({
        flagsValue: '0xa208b207',
        domain: 'DEPT07',
        workstation: 'DAROVSKIHA',
        osVersion: { text: '6.1.7601 rev 15' },
      }),
    },
    { prefix: 'Authorization: Negotiate ', error: 'unknown-token' },
  ],
  'gokrb5-spnego-krb.txt': [
    {
      container: 'spnego',
      ...apReq('TEST.GOKRB5', 'HTTP/host.test.gokrb5', 3, 18, 2, false),
      spnego: {
        kind: 'init',
        gssFramed: true,
        mechTypes: mechs(krb5, '1.3.5.1.5.2', msKrb5, '1.3.6.1.5.2.5'),
      },
    },
    {
      container: 'spnego',
      ...apReq('TEST.GOKRB5', 'HTTP/host.test.gokrb5', 3, 18, 2, false),
      spnego: {
        kind: 'init',
        gssFramed: false,
        mechTypes: mechs(krb5, '1.3.5.1.5.2', msKrb5, '1.3.6.1.5.2.5'),
      },
    },
    {
      tokenLength: 22,
      mechanism: 'kerberos',
      kerberos: null,
      spnego: {
        kind: 'response',
        negState: 'accept-completed',
        supportedMech: { oid: krb5 },
        carries: 'none',
      },
    },
    {
      container: 'gss-kerberos',
      ...apReq('TEST.GOKRB5', 'HTTP/host.test.gokrb5', 1, 18, 3, false),
      kerberos: { tokenId: '01 00', authenticatorEtype: 18, realm: 'TEST.GOKRB5' },
    },
    {
      container: 'bare-kerberos',
      ...apReq('ATHENA.MIT.EDU', 'hftsai/extra', 1, 0, 5),
      kerberos: { apOptions: ['reserved', 'use-session-key', 'mutual-required'] },
    },
    {
      container: 'bare-kerberos',
      mechanism: 'kerberos',
      kerberos: { messageType: 'AP-REP' },
      direction: 'server-to-client',
    },
    {
      container: 'bare-kerberos',
      mechanism: 'kerberos',
      kerberos: {
        messageType: 'KRB-ERROR',
        errorCode: 60,
        errorName: 'KRB_ERR_GENERIC',
        realm: 'ATHENA.MIT.EDU',
        spn: 'hftsai/extra',
      },
    },
  ],
  'kdownload-spnego-mit-java.txt': [
    {
      prefix: 'Authorization: Negotiate ',
      ...apReq('EXAMPLE.COM', 'HTTP/localhost', 3, 18, 1),
      spnego: { mechTypes: mechs(krb5), reqFlags: null },
    },
    {
      prefix: 'www-authenticate: Negotiate ',
      mechanism: 'kerberos',
      kerberos: { messageType: 'AP-REP', etype: 18 },
      spnego: { negState: 'accept-completed', supportedMech: { oid: krb5 } },
    },
    {
      ...apReq('EXAMPLE.COM', 'HTTP/localhost', 0, 18, 1),
      spnego: { mechTypes: mechs(krb5), reqFlags: ['mutual', 'replay', 'sequence', 'conf', 'integ'] },
    },
    {
      mechanism: 'kerberos',
      kerberos: { messageType: 'AP-REP', etype: 18 },
      spnego: { negState: 'accept-completed' },
    },
    {
      ...apReq('EXAMPLE.COM', 'HTTP/localhost', 0, 18, 1),
      spnego: { reqFlags: ['mutual', 'replay', 'sequence', 'conf', 'integ'] },
    },
    { mechanism: 'kerberos', kerberos: { messageType: 'AP-REP', etype: 18 } },
  ],
  'kerberos-net-ntlm-negoex-u2u.txt': [
    ntlm1({
      flagsValue: '0xe2088297',
      domain: null,
      workstation: null,
      osVersion: { text: '10.0.17134 rev 15' },
    }),
    {
      container: 'spnego',
      mechanism: 'ntlm',
      ntlmInsideNegotiate: true,
      verdict: ntlmFallbackVerdict,
      ntlm: { messageType: 1, flagsValue: '0xe208b297', domain: 'WORKGROUP', workstation: 'DESKTOP-Q8RE0UE' },
      spnego: {
        kind: 'init',
        mechTypes: mechs(ntlmOid, msKrb5, krb5, negoex),
        carries: 'ntlm',
        tokenMatchesFirstMech: true,
      },
    },
    {
      container: 'spnego',
      mechanism: 'negoex',
      spnego: { mechTypes: mechs(negoex, ntlmOid), carries: 'negoex' },
      negoex: { messages: expect.arrayContaining([expect.objectContaining({ type: 'INITIATOR_NEGO' })]) },
    },
    {
      container: 'spnego',
      mechanism: 'negoex',
      spnego: { mechTypes: mechs(negoex, ntlmOid), carries: 'negoex' },
    },
    {
      container: 'gss-kerberos',
      mechanism: 'kerberos',
      kerberos: { messageType: 'TGT-REQ', tokenId: '04 00', gssMechanism: { oid: u2u } },
    },
  ],
  'kerberos-net-spnego-krb.txt': [
    {
      ...apReq('DOMAIN.COM', 'HTTP/server.test.domain.com', 2, 17, 5),
      spnego: { mechTypes: mechs(msKrb5, krb5, ntlmOid) },
    },
    {
      ...apReq('DOMAIN.COM', 'HTTP/server.test.domain.com', 2, 18, 5),
      spnego: { mechTypes: mechs(msKrb5, krb5, ntlmOid) },
    },
    {
      ...apReq('DOMAIN.COM', 'HTTP/server.test.domain.com', 2, 23, 3),
      spnego: { mechTypes: mechs(msKrb5, krb5, ntlmOid) },
    },
    {
      container: 'gss-kerberos',
      ...apReq('DOMAIN.COM', 'HTTP/server.test.domain.com', 2, 17, 5),
      spnego: null,
    },
    { container: 'gss-kerberos', ...apReq('DOMAIN.COM', 'HTTP/server.test.domain.com', 2, 18, 5) },
    { container: 'gss-kerberos', ...apReq('DOMAIN.COM', 'HTTP/server.test.domain.com', 2, 23, 3) },
    {
      prefix: 'Negotiate ',
      ...apReq(kerberosNetRealm.realm, kerberosNetRealm.spn, 2, 23, 3),
      spnego: { mechTypes: windowsMechs },
    },
    {
      ...apReq('CORP.IDENTITYINTERVENTION.COM', 'host/app.corp.identityintervention.com', 2, 23, 3),
      spnego: { mechTypes: windowsMechs },
    },
    {
      ...apReq(
        'CORP.IDENTITYINTERVENTION.COM',
        'host/appservice.corp.identityintervention.com/CORP.IDENTITYINTERVENTION.COM',
        2,
        18,
        null,
      ),
      spnego: { mechTypes: mechs(krb5) },
    },
    apReq(kerberosNetRealm.realm, kerberosNetRealm.spn, 2, 18, 3),
    apReq(kerberosNetRealm.realm, kerberosNetRealm.spn, 2, 17, 4),
    apReq(kerberosNetRealm.realm, kerberosNetRealm.spn, 2, 23, 2),
  ],
  'lab-mit-curl.txt': [
    {
      prefix: 'Authorization: Negotiate ',
      container: 'spnego',
      ...apReq('CONTOSO.TEST', 'HTTP/web01.contoso.test', 3, 18, 2),
      kerberos: { etypeName: 'aes256-cts-hmac-sha1-96' },
    },
    {
      prefix: 'Authorization: NTLM ',
      ...ntlm1({
        flagsValue: '0x00088206',
        domain: null,
        workstation: null,
        flags: [
          'NEGOTIATE_OEM',
          'REQUEST_TARGET',
          'NEGOTIATE_NTLM',
          'NEGOTIATE_ALWAYS_SIGN',
          'NEGOTIATE_EXTENDED_SESSIONSECURITY',
        ],
      }),
    },
  ],
  'openuniversity-sharepoint2010-ntlm.txt': [
    {
      prefix: 'WWW-Authenticate: NTLM ',
      ...ntlm2({
        targetName: 'OPEN-UNIVERSITY',
        osVersion: { text: '6.1.7601 rev 15' },
        timestamp: expect.stringMatching(/^2012-07-05T/),
        avPairs: expect.arrayContaining([
          expect.objectContaining({ name: 'MsvAvNbComputerName', value: 'SP-WEB-LIVE-A' }),
          expect.objectContaining({ name: 'MsvAvDnsDomainName', value: 'open.ac.uk' }),
          expect.objectContaining({ name: 'MsvAvDnsComputerName', value: 'SP-WEB-LIVE-A.open.ac.uk' }),
          expect.objectContaining({ name: 'MsvAvDnsTreeName', value: 'open.ac.uk' }),
        ]),
      }),
    },
    {
      prefix: 'Authorization: NTLM ',
      ...ntlm3({
        domain: null,
        user: 'ndf42',
        workstation: 'PCIE663',
        version: 'v1',
        lmResponseLength: 24,
        ntResponseLength: 24,
        micPresent: true,
      }),
    },
  ],
  'pyspnego-kerberos-spnego.txt': [
    {
      ...apReq('DOMAIN.LOCAL', 'host/dc01', 3, 18, 6),
      spnego: { kind: 'init', mechTypes: mechs(krb5, ntlmOid), reqFlags: null, mechListMic: false },
    },
    { container: 'gss-kerberos', ...apReq('DOMAIN.LOCAL', 'host/dc01', 3, 18, 6) },
    {
      mechanism: 'kerberos',
      kerberos: { messageType: 'AP-REP', etype: 18 },
      spnego: {
        kind: 'response',
        negState: 'accept-completed',
        supportedMech: { oid: krb5 },
        mechListMic: false,
      },
    },
    {
      container: 'gss-kerberos',
      mechanism: 'kerberos',
      kerberos: { messageType: 'AP-REP', tokenId: '02 00', gssMechanism: { oid: krb5 } },
    },
    {
      mechanism: 'unknown',
      direction: 'server-to-client',
      spnego: {
        kind: 'init',
        mechTypes: mechs(negoex, msKrb5, krb5, u2u, ntlmOid),
        negHint: 'not_defined_in_RFC4178@please_ignore',
        reqFlags: null,
        mechListMic: false,
        carries: 'none',
      },
    },
  ],
  'pyspnego-ntlm.txt': [
    ntlm1({
      flagsValue: '0xe20882b7',
      domain: null,
      workstation: null,
      osVersion: { text: '10.0.17763 rev 15' },
    }),
    ntlm2({
      flagsValue: '0xe2898235',
      targetName: 'DOMAIN',
      osVersion: { text: '10.0.14393 rev 15' },
      avPairs: expect.arrayContaining([
        expect.objectContaining({ name: 'MsvAvDnsComputerName', value: 'DC01.domain.local' }),
      ]),
    }),
    ntlm3({
      flagsValue: '0xe2898235',
      domain: null,
      user: 'vagrant-domain@DOMAIN.LOCAL',
      workstation: 'JBOREAN-LINUX',
      version: 'v2',
      lmResponseLength: 0,
      ntResponseLength: 252,
    }),
    ntlm3({
      user: 'vagrant',
      workstation: 'JBOREAN-LINUX',
      version: 'v2',
      lmResponseLength: 24,
      ntResponseLength: 272,
      targetName: 'HOST/192.168.121.229',
      micPresent: true,
      avPairs: avPair('MsvAvFlags', 'mic-present (0x00000002)'),
    }),
    ntlm3({
      flagsValue: '0xe2808235',
      domain: 'Domain',
      user: 'User',
      workstation: 'COMPUTER',
      version: 'v1',
      osVersion: { text: '5.1.2600 rev 15' },
    }),
    ntlm3({
      domain: 'Domain',
      user: 'User',
      workstation: 'COMPUTER',
      version: 'v2',
      avPairs: [
        expect.objectContaining({ name: 'MsvAvNbDomainName', value: 'Domain' }),
        expect.objectContaining({ name: 'MsvAvNbComputerName', value: 'Server' }),
      ],
    }),
  ],
  'rubyntlm-ntlm.txt': [
    ntlm1({ flagsValue: '0x00088207', domain: null, workstation: null, osVersion: null }),
    ntlm1({ flagsValue: '0xe00882b7' }),
    ntlm1({ flagsValue: '0x00008237' }),
    ntlm1({ flagsValue: '0xe2088297', osVersion: { text: '6.2.9200 rev 15' } }),
    ntlm2({ flagsValue: '0x028a8205', targetName: 'VAGRANT-2008R2', osVersion: { text: '6.1.7601 rev 15' } }),
    ntlm3({
      flagsValue: '0x028a8205',
      domain: null,
      user: 'vagrant',
      workstation: 'kobe.local',
      version: 'v2',
      ntResponseLength: 192,
      osVersion: null,
      micPresent: false,
    }),
    ntlm2({
      flagsValue: '0xe0898235',
      targetName: 'TESTNT',
      avPairs: [
        expect.objectContaining({ value: 'TESTNT' }),
        expect.objectContaining({ value: 'MEMBER' }),
        expect.objectContaining({ value: 'member.test.com' }),
      ],
    }),
    ntlm2({ flagsValue: '0xe28a8235', targetName: 'SERVER', osVersion: { text: '6.2.9200 rev 15' } }),
    ntlm3({
      domain: 'WORKGROUP',
      user: 'administrator',
      workstation: 'AUS-LEET-1031',
      version: 'v2',
      ntResponseLength: 196,
    }),
    ntlm3({
      flagsValue: '0xe0888235',
      domain: 'TESTNT',
      user: 'test',
      workstation: 'MEMBER',
      version: 'v1',
      responseKind: 'NTLMv1-ESS',
    }),
  ],
};

describe('real tokens from ../shared/data/tokens', () => {
  it('has an expectation for every token file and every token in it', () => {
    const files = readdirSync(tokenDir)
      .filter((file) => file.endsWith('.txt'))
      .sort();
    expect(files).toEqual(Object.keys(expectations).sort());
    for (const file of files) expect(tokensOf(file), file).toHaveLength(expectations[file]?.length ?? -1);
  });

  for (const [file, expected] of Object.entries(expectations)) {
    describe(file, () => {
      expected.forEach((expectation, index) => {
        const { prefix = '', error, ...shape } = expectation;
        it(`token ${index + 1}${error ? ` is rejected with ${String(error)}` : ''}`, () => {
          const token = tokensOf(file)[index] ?? '';
          if (error) {
            expect(() => decodeAuthToken(prefix + token)).toThrow(TokenDecodeError);
            expect(() => decodeAuthToken(prefix + token)).toThrow(expect.objectContaining({ code: error }));
            return;
          }
          const decoded: DecodedAuthToken = decodeAuthToken(prefix + token);
          expect(decoded).toMatchObject(shape);
          // Decoded facts, never the token: no long base64 run survives into the JSON.
          expect(JSON.stringify(decoded)).not.toContain(token.slice(8, 40));
        });
      });
    });
  }
});
