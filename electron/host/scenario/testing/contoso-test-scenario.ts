/**
 * TEST-ONLY: what every hand-built test scenario shares — the scenario file's envelope, a
 * CONTOSO domain machine (workstation WS01 signed in as alice, or web server WEB01), and the way
 * a test turns one into a host: through parseScenario, exactly as a scenario file is read. Each
 * test adds only what it exercises (registry, iis, directory, firefox, …).
 */
import type { ScenarioInput } from '../../../../shared/scenario/scenario-schema.js';
import { parseScenario } from '../load-scenario.js';
import { ScenarioHost } from '../scenario-host.js';

type ScenarioEnvelope = Pick<ScenarioInput, 'format' | 'version' | 'id' | 'title' | 'description' | 'expect'>;

/** The fields a scenario file needs besides its machine and target; nothing is expected to be found. */
export function scenarioEnvelope(id: string): ScenarioEnvelope {
  return {
    format: 'iwa-doctor-scenario',
    version: 1,
    id,
    title: id,
    description: '',
    expect: { causes: [] },
  };
}

/** WS01 in CONTOSO (contoso.com), alice signed in with her domain account. */
export function contosoWorkstation(): ScenarioInput['machine'] {
  return {
    computerName: 'WS01',
    domain: 'CONTOSO',
    dnsDomain: 'contoso.com',
    user: { name: 'alice', domain: 'CONTOSO', kind: 'domain' },
  };
}

/** The web server WEB01 in CONTOSO, `userName` (a CONTOSO account) signed in on it. */
export function contosoWebServer(userName: string): ScenarioInput['machine'] {
  return {
    computerName: 'WEB01',
    isServer: true,
    domain: 'CONTOSO',
    dnsDomain: 'contoso.com',
    user: { name: userName, domain: 'CONTOSO', kind: 'domain' },
  };
}

/**
 * A host for `scenario`, checked at run time by parseScenario as a file is (tests build their
 * parts loosely typed, and a mistake in one fails as a file's would).
 */
export function scenarioHostOf(scenario: Record<string, unknown>): ScenarioHost {
  return new ScenarioHost(parseScenario(JSON.stringify(scenario), 'test'));
}
