/**
 * Parsers for klist, cmdkey, nltest and w32tm output, on the captures quoted in the reference
 * (§6.1, §7.6), on edited versions of them (`.edited.`) and on reconstructed fixtures
 * (`.reconstructed.`); fixtures/README.md says which is which.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCmdkeyList } from './cmdkey-list.js';
import { klistFailureMeanings, parseKlistOutput } from './klist-output.js';
import { parseNltestDsGetDc } from './nltest-dsgetdc.js';
import { medianOffsetSeconds, parseW32tmStatus, parseW32tmStripchart } from './w32tm-output.js';
import { WindowsOutputError } from './windows-output-error.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('klist', () => {
  it('parses the Microsoft ticket list sample (§6.1, edited: without the "retrieved" line, CRLF line ends)', () => {
    const output = parseKlistOutput(fixture('klist-tickets.edited.txt'));
    expect(output.logonId).toBe('0:0xa8a98b');
    expect(output.retrieved).toBeNull();
    expect(output.tickets).toHaveLength(2);
    expect(output.tickets[1]).toEqual({
      index: 1,
      client: 'John',
      clientRealm: 'CONTOSO.COM',
      server: 'http/iisserver.contoso.com',
      serverRealm: 'CONTOSO.COM',
      encryptionType: 'AES-256-CTS-HMAC-SHA1-96',
      ticketFlags: 0x40a10000,
      ticketFlagNames: ['forwardable', 'renewable', 'pre_authent', 'name_canonicalize'],
      startTime: '11/28/2022 1:28:11 (local)',
      endTime: '11/28/2022 11:28:11 (local)',
      renewTime: '12/5/2022 1:28:11 (local)',
      sessionKeyType: 'AES-256-CTS-HMAC-SHA1-96',
      cacheFlags: '0',
      kdcCalled: 'DCA.contoso.com',
    });
    expect(output.tickets[0]?.server).toBe('krbtgt/CONTOSO.COM');
    expect(output.tickets[0]?.ticketFlagNames).toContain('initial');
  });

  it('accepts a TAB after #N> and LF line ends', () => {
    const text = fixture('klist-tickets.edited.txt')
      .replaceAll('\r\n', '\n')
      .replace('#0>     Client', '#0>\tClient');
    expect(parseKlistOutput(text).tickets[0]?.client).toBe('John');
  });

  it('klist get: the retrieved SPN', () => {
    expect(parseKlistOutput(fixture('klist-get-success.edited.txt')).retrieved).toBe(
      'http/iisserver.contoso.com',
    );
  });

  it('klist get failure for an unknown SPN (§6.1 real form)', () => {
    expect(parseKlistOutput(fixture('klist-get-principal-unknown.txt')).failure).toEqual({
      apiSubstatus: 0x6fb,
      status: 0xc000018b,
      message:
        'The SAM database on the Windows Server does not have a computer account for this workstation trust relationship.',
    });
  });

  it('klist get failure with no logon servers (reconstructed message text)', () => {
    expect(parseKlistOutput(fixture('klist-get-no-logon-servers.reconstructed.txt')).failure).toMatchObject({
      apiSubstatus: 0x51f,
      status: 0xc000005e,
    });
  });

  it('klist get failure: encryption type not supported by the KDC (§6.1 lines, reconstructed first lines)', () => {
    const failure = parseKlistOutput(fixture('klist-get-etype-not-supported.reconstructed.txt')).failure;
    expect(failure).toEqual({
      apiSubstatus: 0x80090342,
      status: 0xc00002fd,
      message: 'The encryption type requested is not supported by the KDC.',
    });
    expect(klistFailureMeanings[failure?.status ?? 0]).toBe(
      'the encryption type requested is not supported by the KDC',
    );
  });

  it('klist get failure: no credentials in the security package (§6.1 lines, reconstructed first lines)', () => {
    const failure = parseKlistOutput(fixture('klist-get-no-credentials.reconstructed.txt')).failure;
    expect(failure).toEqual({
      apiSubstatus: 0x520,
      status: 0x8009030e,
      message: 'No credentials are available in the security package',
    });
    expect(klistFailureMeanings[failure?.status ?? 0]).toBe(
      'no Kerberos credentials are available for this logon session',
    );
  });

  it('klist purge', () => {
    expect(parseKlistOutput(fixture('klist-purge.txt'))).toMatchObject({
      logonId: '0:0xf6b58',
      purged: true,
      tickets: [],
    });
  });

  it('an empty cache', () => {
    expect(parseKlistOutput('Current LogonId is 0:0x1\n\nCached Tickets: (0)\n').tickets).toEqual([]);
  });

  it.each([
    ['nothing recognisable', 'hello'],
    ['a count that does not match', 'Current LogonId is 0:0x1\nCached Tickets: (3)\n'],
    ['a ticket without a Server line', 'Current LogonId is 0:0x1\n#0>\tClient: a @ B\n'],
    ['a principal without a realm', 'Current LogonId is 0:0x1\n#0>\tClient: a\n\tServer: b @ C\n'],
    ['oversized output', 'x'.repeat(600 * 1024)],
  ])('rejects %s with a typed error', (_, text) => {
    expect(() => parseKlistOutput(text)).toThrow(WindowsOutputError);
  });
});

describe('cmdkey /list', () => {
  it('parses the real capture (§7.6)', () => {
    expect(parseCmdkeyList(fixture('cmdkey-list.txt'))).toEqual([
      {
        target: 'WindowsLive:target=virtualapp/didlogical',
        targetKind: 'WindowsLive',
        targetName: 'virtualapp/didlogical',
        type: 'Generic',
        user: '02oiyrkaiseq',
        persistence: 'Local machine persistence',
      },
      {
        target: 'Domain:target=WEB01',
        targetKind: 'Domain',
        targetName: 'WEB01',
        type: 'Domain Password',
        user: 'amanda',
        persistence: null,
      },
    ]);
  });

  it('an empty store (reconstructed "* NONE *")', () => {
    expect(parseCmdkeyList(fixture('cmdkey-list-empty.reconstructed.txt'))).toEqual([]);
  });

  it.each([
    ['no header', 'Target: x'],
    ['a User line before any Target', 'Currently stored credentials:\n\n    User: bob\n'],
    ['an unknown line', 'Currently stored credentials:\n\n    Target: a\n    Colour: blue\n'],
  ])('rejects %s', (_, text) => {
    expect(() => parseCmdkeyList(text)).toThrow(WindowsOutputError);
  });
});

describe('nltest /dsgetdc', () => {
  it('parses a located DC (reconstructed)', () => {
    expect(parseNltestDsGetDc(fixture('nltest-dsgetdc.reconstructed.txt'))).toMatchObject({
      found: true,
      dcName: 'DC01.contoso.com',
      dcAddress: '10.0.0.10',
      domainName: 'contoso.com',
      forestName: 'contoso.com',
      dcSiteName: 'Default-First-Site-Name',
      isKdc: true,
    });
  });

  it('parses a failure (reconstructed)', () => {
    expect(parseNltestDsGetDc(fixture('nltest-dsgetdc-no-such-domain.reconstructed.txt'))).toEqual({
      found: false,
      status: 1355,
      statusName: 'ERROR_NO_SUCH_DOMAIN',
    });
  });

  it('rejects unknown lines and output without a DC', () => {
    expect(() => parseNltestDsGetDc('Colour: blue\n')).toThrow(WindowsOutputError);
    expect(() => parseNltestDsGetDc('Flags: KDC\n')).toThrow(/no "DC:" line/);
  });
});

describe('w32tm', () => {
  it('stripchart /dataonly in sync (reconstructed)', () => {
    const output = parseW32tmStripchart(fixture('w32tm-stripchart-dataonly.reconstructed.txt'));
    expect(output).toMatchObject({ computer: 'DC01.contoso.com', address: '10.0.0.10:123' });
    expect(output.samples).toHaveLength(3);
    expect(medianOffsetSeconds(output)).toBeCloseTo(0.0011012, 7);
  });

  it('stripchart with a 7-minute skew and one failed sample (reconstructed)', () => {
    const output = parseW32tmStripchart(fixture('w32tm-stripchart-skew.reconstructed.txt'));
    expect(output.samples[2]).toEqual({ time: '01:35:16', offsetSeconds: null, error: '0x800705B4' });
    expect(medianOffsetSeconds(output)).toBeCloseTo(-437.50208585, 6);
  });

  it('stripchart chart form (without /dataonly)', () => {
    const output = parseW32tmStripchart(
      'Tracking dc01 [10.0.0.10:123].\n01:35:12 d:+00.0004883s o:-00.0012345s  [           *|          ]\n',
    );
    expect(output.samples[0]?.offsetSeconds).toBeCloseTo(-0.0012345, 7);
  });

  it('query /status (reconstructed)', () => {
    expect(parseW32tmStatus(fixture('w32tm-query-status.reconstructed.txt'))).toMatchObject({
      source: 'DC01.contoso.com',
      lastSuccessfulSync: '11/28/2022 1:20:04 AM',
      stratum: 2,
    });
  });

  it('rejects unreadable output', () => {
    expect(() => parseW32tmStripchart('garbage\n')).toThrow(WindowsOutputError);
    expect(() => parseW32tmStatus('The following error occurred: 0x80070426\n')).toThrow(WindowsOutputError);
    expect(medianOffsetSeconds({ computer: null, address: null, samples: [] })).toBeNull();
  });
});

describe('ticket flag names', () => {
  it('match the klist samples of §6.1', async () => {
    const { ticketFlagNames } = await import('./kerberos-ticket-flags.js');
    expect(ticketFlagNames(0x40e10000)).toEqual([
      'forwardable',
      'renewable',
      'initial',
      'pre_authent',
      'name_canonicalize',
    ]);
    expect(ticketFlagNames(0x40a50000)).toEqual([
      'forwardable',
      'renewable',
      'pre_authent',
      'ok_as_delegate',
      'name_canonicalize',
    ]);
    const sample = parseKlistOutput(fixture('klist-tickets.edited.txt'));
    for (const ticket of sample.tickets)
      expect(ticketFlagNames(ticket.ticketFlags ?? 0)).toEqual(ticket.ticketFlagNames);
  });
});
