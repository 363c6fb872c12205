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
import type { SpnRegistrationChange } from './workstation-evidence.js';

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

function tickets(
  list: string,
  get: string,
  registration?: SpnRegistrationChange,
): Evidence<'kerberos-tickets'> {
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
      ...(registration ? { registration } : {}),
    },
    raw: [],
  };
}

/** The sample's ticket (11/28/2022 1:28:11) against an SPN change of the holder at `changedAt`. */
const changedAt = (time: string | null, unavailableReason: string | null = null): SpnRegistrationChange => ({
  holders: ['CN=svc-iis,CN=Users,DC=contoso,DC=com'],
  heldAs: 'HTTP/iisserver.contoso.com',
  changedAt: time,
  unavailableReason,
});

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
  const list = fixture('klist-get-success.edited.txt');

  it('a cached ticket issued before the SPN holder last changed (causes.md: still fails right after an SPN fix): klist purge, and what to do if it still fails', () => {
    const evidence = tickets(list, list, changedAt('2022-11-28T08:15:00'));
    const [finding] = staleTicketRule({ target, evidence: [evidence] }).findings;
    expect(finding).toMatchObject({ cause: 'stale-ticket', confidence: 'likely' });
    expect(finding?.explanation).toContain(
      'Windows still has a Kerberos ticket for http/iisserver.contoso.com cached (issued 11/28/2022 1:28:11 (local)',
    );
    expect(finding?.explanation).toContain('The directory changed the service principal names of svc-iis');
    expect(finding?.explanation).toContain('at 2022-11-28 08:15:00, after that ticket was issued');
    expect(finding?.explanation).toContain(
      'If sign-in still fails after that, the new request went to the domain controller and the service principal name itself has to be fixed',
    );
    expect(finding?.remedies).toEqual([
      expect.objectContaining({ remedy: 'kerberos.purge-tickets', scope: 'user', params: {} }),
    ]);
  });

  it('a ticket issued after the last change is not stale', () => {
    expect(
      staleTicketRule({ target, evidence: [tickets(list, list, changedAt('2022-11-27T23:00:00'))] }),
    ).toMatchObject({
      findings: [],
      ruledOut: [
        {
          summary: expect.stringContaining(
            'was issued after the directory last changed the SPNs of svc-iis',
          ) as unknown,
        },
      ],
    });
  });

  it('a date klist printed that reads both ways, one reading before the change: only possible', () => {
    const ambiguous = list.replaceAll('11/28/2022 1:28:11', '11/10/2022 1:28:11');
    // 11/10 is November 10th or October 11th; the change on November 1st lies between them
    const [finding] = staleTicketRule({
      target,
      evidence: [tickets(ambiguous, ambiguous, changedAt('2022-11-01T00:00:00'))],
    }).findings;
    expect(finding?.confidence).toBe('possible');
    expect(finding?.explanation).toContain('can be read as day/month or month/day');
  });

  it('the SPN is gone (KDC_ERR_S_PRINCIPAL_UNKNOWN now): not stale-ticket — purging would not help, the SPN has to be registered', () => {
    const outcome = staleTicketRule({
      target,
      evidence: [tickets(list, fixture('klist-get-principal-unknown.txt'), changedAt('2022-11-28T08:15:00'))],
    });
    expect(outcome.findings).toEqual([]);
    expect(outcome.ruledOut[0]?.summary).toContain('clearing the ticket cache would not help');
    expect(outcome.ruledOut[0]?.summary).toContain('(KDC_ERR_S_PRINCIPAL_UNKNOWN)');
  });

  it('a cached ticket proves nothing when the directory change time is unknown, nor when the DC cannot be reached', () => {
    const unknown = staleTicketRule({
      target,
      evidence: [tickets(list, list, changedAt(null, 'There is no such object on the server.'))],
    });
    expect(unknown.findings).toEqual([]);
    expect(unknown.ruledOut[0]?.summary).toContain('(There is no such object on the server.)');
    expect(staleTicketRule({ target, evidence: [tickets(list, list)] }).findings).toEqual([]);
    expect(
      staleTicketRule({
        target,
        evidence: [
          tickets(
            list,
            fixture('klist-get-no-logon-servers.reconstructed.txt'),
            changedAt('2022-11-28T08:15:00'),
          ),
        ],
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

  it('other klist get failures (encryption type, no credentials) leave the comparison to the change time', () => {
    for (const failing of [
      'klist-get-etype-not-supported.reconstructed.txt',
      'klist-get-no-credentials.reconstructed.txt',
    ]) {
      const evidence = tickets(list, fixture(failing), changedAt('2022-11-28T08:15:00'));
      expect(staleTicketRule({ target, evidence: [evidence] }).findings, failing).toHaveLength(1);
    }
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
