/**
 * The Kerberos client rules over evidence built from the real and reconstructed tool outputs in
 * shared/windows-output/fixtures, read by the same parsers the probes use: where each cause
 * starts, what rules it out, and that missing facts prove nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../model/evidence.js';
import type { Target } from '../../model/target.js';
import { parseCmdkeyList, type StoredCredential } from '../../windows-output/cmdkey-list.js';
import { parseKlistOutput } from '../../windows-output/klist-output.js';
import { parseW32tmStripchart, type StripchartSample } from '../../windows-output/w32tm-output.js';
import { clockSkewRule } from './clock-skew-rule.js';
import { kerberosClientRules } from './kerberos-client-rules.js';
import { staleTicketRule } from './stale-ticket-rule.js';
import { storedCredentialsRule } from './stored-credentials-rule.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../windows-output/fixtures/${name}`, import.meta.url), 'utf8');
const target: Target = { url: 'https://iisserver.contoso.com/', symptom: 'prompt-once-per-session' };

function clock(
  offsetSeconds: number | null,
  samples: readonly StripchartSample[] = [],
): Evidence<'clock-offset'> {
  return {
    id: 'clock-offset',
    probe: 'kerberos:clock',
    kind: 'clock-offset',
    status: 'ok',
    summary: '',
    facts: { dc: 'DC01.contoso.com', offsetSeconds, samples, toleranceSeconds: 300 },
    raw: [],
  };
}

function tickets(list: string, get: string): Evidence<'kerberos-tickets'> {
  const spn = 'HTTP/iisserver.contoso.com';
  const listed = parseKlistOutput(list);
  const got = parseKlistOutput(get);
  return {
    id: 'kerberos-tickets',
    probe: 'kerberos:tickets',
    kind: 'kerberos-tickets',
    status: 'ok',
    summary: '',
    facts: {
      spn,
      listed: true,
      tickets: listed.tickets,
      ticketsForSpn: listed.tickets.filter((ticket) => ticket.server.toLowerCase() === spn.toLowerCase()),
      get: { retrieved: got.retrieved, failure: got.failure },
    },
    raw: [],
  };
}

function storedCredentials(
  host: string,
  forHost: readonly StoredCredential[],
): Evidence<'stored-credentials'> {
  const credentials = parseCmdkeyList(fixture('cmdkey-list.txt'));
  return {
    id: 'stored-credentials',
    probe: 'credentials:stored',
    kind: 'stored-credentials',
    status: 'ok',
    summary: '',
    facts: { host, credentials, forHost },
    raw: [],
  };
}

describe('clock-skew', () => {
  it('is found at five minutes or more either way, with the offset in minutes and the elevated resync on offer', () => {
    const skewed = parseW32tmStripchart(fixture('w32tm-stripchart-skew.reconstructed.txt'));
    const [finding] = clockSkewRule({ target, evidence: [clock(-437.5, skewed.samples)] }).findings;
    expect(finding?.explanation).toContain('by 7 min 18 s');
    expect(finding?.remedies).toEqual([
      expect.objectContaining({
        remedy: 'time.resync',
        scope: 'machine',
        params: { dc: 'DC01.contoso.com' },
        available: true,
      }),
    ]);
    expect(clockSkewRule({ target, evidence: [clock(300)] }).findings).toHaveLength(1);
  });

  it('is ruled out under five minutes, and says nothing when the DC clock could not be read', () => {
    expect(clockSkewRule({ target, evidence: [clock(-299.9)] })).toMatchObject({
      findings: [],
      ruledOut: [{ cause: 'clock-skew' }],
    });
    expect(clockSkewRule({ target, evidence: [clock(null)] })).toEqual({ findings: [], ruledOut: [] });
  });
});

describe('stale-ticket', () => {
  it('a cached ticket for the SPN (as cached: http/…, case kept, §6.1) while the KDC no longer knows the name: klist purge, in plain words', () => {
    const evidence = tickets(fixture('klist-get-success.edited.txt'), fixture('klist-get-principal-unknown.txt'));
    const [finding] = staleTicketRule({ target, evidence: [evidence] }).findings;
    expect(finding?.explanation).toContain(
      'the KDC does not know this service principal name (KDC_ERR_S_PRINCIPAL_UNKNOWN)',
    );
    expect(finding?.explanation).not.toContain('SAM database');
    expect(finding?.remedies).toEqual([
      expect.objectContaining({ remedy: 'kerberos.purge-tickets', scope: 'user', params: {} }),
    ]);
  });

  it('a cached ticket proves nothing on its own, nor when the DC cannot be reached to compare', () => {
    const list = fixture('klist-get-success.edited.txt');
    expect(staleTicketRule({ target, evidence: [tickets(list, list)] }).findings).toEqual([]);
    expect(
      staleTicketRule({
        target,
        evidence: [tickets(list, fixture('klist-get-no-logon-servers.reconstructed.txt'))],
      }).findings,
    ).toEqual([]);
    expect(
      staleTicketRule({
        target,
        evidence: [tickets(fixture('klist-purge.txt'), fixture('klist-get-principal-unknown.txt'))],
      }),
    ).toMatchObject({
      findings: [],
      ruledOut: [
        {
          cause: 'stale-ticket',
          summary: 'No ticket for HTTP/iisserver.contoso.com is cached, so none can be stale.',
        },
      ],
    });
  });
});

describe('stored-credentials', () => {
  it('a Domain:target entry for the server is found, with its user, and removing it is offered by its target name', () => {
    const credentials = parseCmdkeyList(fixture('cmdkey-list.txt'));
    const web01 = credentials.filter((credential) => credential.targetName === 'WEB01');
    const [finding] = storedCredentialsRule({
      target,
      evidence: [storedCredentials('web01.contoso.com', web01)],
    }).findings;
    expect(finding?.explanation).toContain('Domain:target=WEB01 (user amanda)');
    expect(finding?.explanation).toContain('cannot be put back by Undo');
    expect(finding?.remedies).toEqual([
      expect.objectContaining({ remedy: 'credentials.remove', scope: 'user', params: { target: 'WEB01' } }),
    ]);
  });

  it('other saved sign-ins (a Windows Live generic entry) are not this site’s', () => {
    expect(
      storedCredentialsRule({ target, evidence: [storedCredentials('intranet.contoso.com', [])] }),
    ).toMatchObject({ findings: [], ruledOut: [{ cause: 'stored-credentials' }] });
  });
});

describe('Kerberos client rules without workstation facts', () => {
  it('find nothing and rule nothing out: absence of evidence is not a finding', () => {
    for (const rule of kerberosClientRules)
      expect(rule({ target, evidence: [] })).toEqual({ findings: [], ruledOut: [] });
  });
});
