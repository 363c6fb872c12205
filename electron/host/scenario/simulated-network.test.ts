import { describe, expect, it } from 'vitest';
import { parseScenario } from './load-scenario.js';
import { simulateTcpPort } from './simulated-network.js';
import { contosoWorkstation, scenarioEnvelope } from './testing/contoso-test-scenario.js';

const scenario = (workstation: unknown) =>
  parseScenario(
    JSON.stringify({
      ...scenarioEnvelope('network-test'),
      target: { url: 'https://intranet.contoso.com/', symptom: 'check-everything' },
      machine: contosoWorkstation(),
      registry: [],
      ...(workstation === undefined ? {} : { workstation }),
    }),
    'test',
  );

describe('simulated network', () => {
  it('a domain member without a workstation section reaches DC01.<domain> on the DC ports, by name or address', () => {
    const healthy = scenario(undefined);
    expect(simulateTcpPort(healthy, 'DC01.contoso.com', 88, 3000)).toEqual({
      reachable: true,
      host: 'DC01.contoso.com',
      port: 88,
      address: '10.0.0.10',
    });
    expect(simulateTcpPort(healthy, '10.0.0.10', 389, 3000)).toMatchObject({ reachable: true });
    expect(simulateTcpPort(healthy, '10.0.0.10', 8080, 3000)).toMatchObject({
      reachable: false,
      failure: 'refused',
    });
    expect(simulateTcpPort(healthy, 'web99.contoso.com', 88, 3000)).toMatchObject({
      reachable: false,
      failure: 'unresolved',
    });
  });

  it('kdcPortOpen false drops port 88 only; an unreachable DC answers on nothing', () => {
    const firewalled = scenario({ domainController: { name: 'DC01.contoso.com', kdcPortOpen: false } });
    expect(simulateTcpPort(firewalled, '10.0.0.10', 88, 3000)).toMatchObject({
      reachable: false,
      failure: 'timed-out',
      timeoutMs: 3000,
    });
    expect(simulateTcpPort(firewalled, '10.0.0.10', 389, 3000)).toMatchObject({ reachable: true });
    const offline = scenario({ domainController: { name: 'DC01.contoso.com', reachable: false } });
    expect(simulateTcpPort(offline, '10.0.0.10', 389, 3000)).toMatchObject({
      reachable: false,
      failure: 'timed-out',
    });
  });

  it('a workgroup machine or `domainController: null` has no DC to reach', () => {
    expect(simulateTcpPort(scenario({ domainController: null }), 'DC01.contoso.com', 88, 3000)).toMatchObject(
      { reachable: false, failure: 'unresolved' },
    );
  });
});
