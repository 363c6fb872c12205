/**
 * The DC probe and kdc-unreachable over the scenario host: the locator, the Kerberos port (TCP 88)
 * and `klist get`, each able to prove the cause on its own; a healthy domain member and a
 * workgroup computer prove nothing.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../shared/model/evidence.js';
import type { Scenario } from '../../../shared/scenario/scenario-schema.js';
import { kdcUnreachableRule } from '../../../shared/rules/workstation/kdc-unreachable-rule.js';
import { loadScenarioFile } from '../../host/scenario/load-scenario.js';
import { ScenarioHost } from '../../host/scenario/scenario-host.js';
import type { Host } from '../../host/host.js';
import { ProbeUnavailableError } from '../probe.js';
import { clockOffsetProbe } from './clock-offset.js';
import { domainControllerProbe } from './domain-controller.js';
import { kerberosTicketsProbe } from './kerberos-tickets.js';

const scenarioDirectory = fileURLToPath(new URL('../../../e2e/scenarios/', import.meta.url));

async function scenario(id: string, change?: (scenario: Scenario) => void): Promise<Scenario> {
  const loaded = await loadScenarioFile(join(scenarioDirectory, `${id}.json`));
  change?.(loaded);
  return loaded;
}

async function evidenceFrom(host: Host, loaded: Scenario): Promise<Evidence[]> {
  const context = {
    host,
    target: loaded.target,
    machine: await host.machineIdentity(),
    signal: new AbortController().signal,
  };
  const clock = await clockOffsetProbe.run(context).catch((error: unknown) => {
    if (error instanceof ProbeUnavailableError) return [];
    throw error;
  });
  return [
    ...(await domainControllerProbe.run(context)),
    ...clock,
    ...(await kerberosTicketsProbe.run(context)),
  ];
}

describe('kerberos:domain-controller and kdc-unreachable', () => {
  it('a healthy domain member: the DC is found, port 88 answers, and the cause is ruled out with both facts', async () => {
    const loaded = await scenario('healthy-intranet-zone');
    const evidence = await evidenceFrom(new ScenarioHost(loaded), loaded);
    expect(evidence.map((item) => `${item.id}:${item.status}`)).toEqual([
      'dc-locator:ok',
      'kdc-port:ok',
      'clock-offset:ok',
      'kerberos-tickets:ok',
    ]);
    const outcome = kdcUnreachableRule({ target: loaded.target, evidence });
    expect(outcome.findings).toEqual([]);
    expect(outcome.ruledOut).toEqual([
      {
        cause: 'kdc-unreachable',
        summary:
          'Domain controller DC01.contoso.com (10.0.0.10) answers for contoso.com and runs the Kerberos service (KDC). DC01.contoso.com accepts connections on the Kerberos port (TCP 88).',
        evidence: ['dc-locator', 'kdc-port'],
      },
    ]);
  });

  it('a firewall dropping port 88: the DC is found, yet Kerberos cannot reach it, and the finding says it is not the VPN', async () => {
    const loaded = await scenario('healthy-intranet-zone', (edited) => {
      edited.workstation = {
        domainController: {
          name: 'DC01.contoso.com',
          address: '10.0.0.10',
          site: 'Default-First-Site-Name',
          reachable: true,
          kdcPortOpen: false,
        },
        clockOffsetSeconds: 0,
        logonId: '0:0x3e7a1',
        tickets: [],
        credentials: [],
      };
    });
    const evidence = await evidenceFrom(new ScenarioHost(loaded), loaded);
    const port = evidence.find((item): item is Evidence<'kdc-port'> => item.kind === 'kdc-port');
    expect(port?.facts.answer).toMatchObject({
      reachable: false,
      failure: 'timed-out',
      port: 88,
      host: '10.0.0.10',
    });
    expect(port?.raw[0]?.label).toBe('TCP connection to 10.0.0.10:88 (at most 3 s)');
    const [finding] = kdcUnreachableRule({ target: loaded.target, evidence }).findings;
    expect(finding?.evidence).toEqual(['kdc-port', 'kerberos-tickets']);
    expect(finding?.explanation).toContain(
      'the domain controller DC01.contoso.com does not accept connections on the Kerberos port: 10.0.0.10 did not answer on port 88 within 3 s',
    );
    expect(finding?.explanation).toContain('usually a firewall');
    expect(finding?.explanation).not.toContain('VPN');
  });

  it('off the network: the locator fails, so port 88 is not tried, and klist get confirms it', async () => {
    const loaded = await scenario('kdc-unreachable');
    const evidence = await evidenceFrom(new ScenarioHost(loaded), loaded);
    expect(evidence.map((item) => item.id)).toEqual(['dc-locator', 'kerberos-tickets']);
    const [finding] = kdcUnreachableRule({ target: loaded.target, evidence }).findings;
    expect(finding?.evidence).toEqual(['dc-locator', 'kerberos-tickets']);
    expect(finding?.explanation).toMatch(
      /status 1355 ERROR_NO_SUCH_DOMAIN.*no logon server was available \(klist: 0xc000005e\).*VPN is not connected/,
    );
  });

  it('a host that cannot ask the network gives no port evidence instead of a guess', async () => {
    const loaded = await scenario('healthy-intranet-zone');
    const host: Host = Object.assign(Object.create(new ScenarioHost(loaded)) as Host, {
      checkTcpPort: undefined,
    });
    const evidence = await evidenceFrom(host, loaded);
    expect(evidence.some((item) => item.kind === 'kdc-port')).toBe(false);
    expect(kdcUnreachableRule({ target: loaded.target, evidence }).findings).toEqual([]);
  });

  it('a workgroup computer has no domain controller to look for: the probe says so and nothing is found', async () => {
    const loaded = await scenario('healthy-intranet-zone', (edited) => {
      edited.machine = {
        ...edited.machine,
        domain: null,
        dnsDomain: null,
        user: { name: 'alice', domain: 'WS01', kind: 'local' },
      };
    });
    const host = new ScenarioHost(loaded);
    const context = {
      host,
      target: loaded.target,
      machine: await host.machineIdentity(),
      signal: new AbortController().signal,
    };
    await expect(domainControllerProbe.run(context)).rejects.toThrow(ProbeUnavailableError);
    const tickets = await kerberosTicketsProbe.run(context);
    expect(kdcUnreachableRule({ target: loaded.target, evidence: tickets }).findings).toEqual([]);
  });
});
