/**
 * The server checks on unexpected configuration (issue 6, Robustness): every fact that cannot
 * be read becomes the probe's status with the command to check it by hand, and the diagnosis
 * goes on — no crash, no guessed cause. Also: the one verdict line reaches the SPN evidence
 * (what the UI shows under a finding), the ruled-out list exactly once, and the CLI text.
 *
 * Each case starts from e2e/scenarios/healthy-service-account.json and breaks one thing.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../shared/model/diagnosis.js';
import type { Scenario } from '../../shared/scenario/scenario-schema.js';
import { diagnoseCommand } from '../cli/commands/diagnose.js';
import type { AllowedTool, ToolRun } from '../host/host.js';
import { HostError } from '../host/host.js';
import { loadScenarioFile } from '../host/scenario/load-scenario.js';
import { ScenarioHost } from '../host/scenario/scenario-host.js';
import { diagnose } from './diagnose.js';
import { iisLoopbackCheckProbe } from './probes/iis-loopback-check.js';

const healthyFile = fileURLToPath(
  new URL('../../e2e/scenarios/healthy-service-account.json', import.meta.url),
);
const healthy = await loadScenarioFile(healthyFile);
const verdict =
  'Browsers ask for HTTP/web01.contoso.com → registered on CONTOSO\\svc-web → pool AppPool1 runs as CONTOSO\\svc-web → kernel mode on, useAppPoolCredentials true → Kerberos can be decrypted ✓';
const serverCauses = [
  'windows-auth-disabled',
  'providers-misconfigured',
  'spn-missing',
  'spn-netbios-missing',
  'spn-duplicate',
  'spn-wrong-account',
  'kernel-mode-no-apppool-creds',
  'farm-shared-name',
  'cname-alias-spn',
  'port-in-spn',
];

function variant(change: (scenario: Scenario) => void): Scenario {
  const scenario = structuredClone(healthy);
  change(scenario);
  return scenario;
}

/** A scenario host whose tool answers can be replaced, for outputs no scenario state produces. */
class AlteredToolHost extends ScenarioHost {
  constructor(
    scenario: Scenario,
    private readonly alter: (tool: AllowedTool, args: readonly string[], real: ToolRun) => ToolRun,
  ) {
    super(scenario);
  }
  override async runTool(tool: AllowedTool, args: readonly string[]): Promise<ToolRun> {
    return this.alter(tool, args, await super.runTool(tool, args));
  }
}

async function run(host: ScenarioHost): Promise<Diagnosis> {
  return diagnose(host, healthy.target);
}

function probe(diagnosis: Diagnosis, id: string) {
  const found = diagnosis.probes.find((item) => item.probe === id);
  expect(found, `probe ${id} ran`).toBeDefined();
  return found as NonNullable<typeof found>;
}

/** Evidence of the server probes: the live sign-in test rules on the same causes from its own evidence. */
const serverEvidence = ['iis-application', 'spn-registrations'];
const fromServerEvidence = (item: { readonly evidence: readonly string[] }) =>
  item.evidence.some((id) => serverEvidence.includes(id));

function serverFindings(diagnosis: Diagnosis): string[] {
  return diagnosis.findings
    .filter(fromServerEvidence)
    .map((finding) => finding.cause)
    .filter((cause) => serverCauses.includes(cause));
}

describe('the verdict line', () => {
  it('is in the SPN evidence, once among the ruled-out causes, and every chain cause is ruled out by its own link', async () => {
    const diagnosis = await run(new ScenarioHost(healthy));
    expect(diagnosis.findings).toEqual([]);
    expect(diagnosis.evidence.find((item) => item.kind === 'spn-registrations')?.summary).toContain(
      `Verdict: ${verdict}`,
    );
    expect(diagnosis.ruledOut.filter((item) => item.summary === verdict).map((item) => item.cause)).toEqual([
      'spn-wrong-account',
    ]);
    const chainRuledOut = diagnosis.ruledOut.filter(
      (item) => serverCauses.includes(item.cause) && fromServerEvidence(item),
    );
    expect(chainRuledOut.map((item) => item.cause).sort()).toEqual([...serverCauses].sort());
    expect(new Set(chainRuledOut.map((item) => item.summary)).size).toBe(serverCauses.length);
  });

  it("is the diagnosis verdict field, link by link: whole on a healthy server, broken at the finding's link otherwise", async () => {
    const healthyDiagnosis = await run(new ScenarioHost(healthy));
    expect(healthyDiagnosis.verdict).toEqual({
      links: verdict.split(' → '),
      brokenLink: null,
      cause: null,
      complete: true,
    });
    const scenario = await loadScenarioFile(
      fileURLToPath(new URL('../../e2e/scenarios/spn-netbios-missing.json', import.meta.url)),
    );
    const broken = await diagnose(new ScenarioHost(scenario), scenario.target);
    expect(broken.verdict).toEqual({
      links: [
        'Browsers ask for HTTP/web01',
        'served by HOST/web01 on CONTOSO\\WEB01$',
        'but CONTOSO\\svc-web decrypts ✗',
      ],
      brokenLink: 2,
      cause: 'spn-netbios-missing',
      complete: true,
    });
    expect(broken.findings.map((finding) => finding.cause)).toContain(broken.verdict?.cause);
    // Without IIS the chain stops at what could not be read: no broken link, not complete.
    const noIis = await run(new ScenarioHost(variant((changed) => delete changed.iis)));
    expect(noIis.verdict).toMatchObject({ brokenLink: null, cause: null, complete: false });
  });

  it('reaches the CLI text once', async () => {
    let text = '';
    const code = await diagnoseCommand.run(['--scenario', healthyFile], {
      stdout: (chunk) => (text += chunk),
      stderr: () => undefined,
    });
    expect(code).toBe(0);
    expect(text.split(verdict).length - 1).toBe(1);
  });

  it('ends a broken chain at the link that breaks, in the finding and the evidence', async () => {
    const diagnosis = await run(
      new ScenarioHost(
        variant(
          (scenario) =>
            scenario.iis?.sites[0]?.applications[0] &&
            (scenario.iis.sites[0].applications[0].windowsAuthentication.useAppPoolCredentials = false),
        ),
      ),
    );
    const broken =
      'Browsers ask for HTTP/web01.contoso.com → registered on CONTOSO\\svc-web → pool AppPool1 runs as CONTOSO\\svc-web → kernel mode on, useAppPoolCredentials false: http.sys decrypts with CONTOSO\\WEB01$ ✗';
    expect(
      diagnosis.findings.find((finding) => finding.cause === 'kernel-mode-no-apppool-creds')?.explanation,
    ).toContain(`Verdict: ${broken}`);
    expect(diagnosis.evidence.find((item) => item.kind === 'spn-registrations')?.summary).toContain(
      `Verdict: ${broken}`,
    );
  });
});

describe('the loopback check on a healthy server', () => {
  it('is a fact, not a problem, when it is not what the person reported (no finding, no "problem" mark)', async () => {
    for (const name of ['healthy-service-account', 'healthy-computer-account', 'healthy-farm']) {
      const scenario = await loadScenarioFile(
        fileURLToPath(new URL(`../../e2e/scenarios/${name}.json`, import.meta.url)),
      );
      const diagnosis = await diagnose(new ScenarioHost(scenario), {
        ...scenario.target,
        symptom: 'check-everything',
      });
      const loopback = diagnosis.evidence.find((item) => item.kind === 'loopback-settings');
      expect(loopback?.summary, name).toMatch(
        /refused by the loopback check .*from other computers it is not affected/,
      );
      expect(loopback?.status, name).toBe('info');
      expect(
        diagnosis.findings.map((finding) => finding.cause),
        name,
      ).not.toContain('loopback-check');
    }
    // The same facts when the person says the browser on the server itself fails: the cause, marked as such.
    const scenario = await loadScenarioFile(
      fileURLToPath(new URL('../../e2e/scenarios/loopback-check.json', import.meta.url)),
    );
    const host = new ScenarioHost(scenario);
    const machine = await host.machineIdentity();
    const signal = new AbortController().signal;
    const statusFor = async (answer: 'on-the-server' | 'on-a-pc') =>
      (
        await iisLoopbackCheckProbe.run({
          host,
          machine,
          signal,
          target: {
            url: scenario.target.url,
            symptom: 'prompt-three-times',
            answers: { 'where-it-fails': answer },
          },
        })
      )[0]?.status;
    expect(await statusFor('on-the-server')).toBe('problem');
    expect(await statusFor('on-a-pc')).toBe('info');
  });
});

describe('events that back a broken link', () => {
  it('adds KDC event 11 to the duplicate-SPN finding, as evidence and in words', async () => {
    const scenario = await loadScenarioFile(
      fileURLToPath(new URL('../../e2e/scenarios/spn-duplicate.json', import.meta.url)),
    );
    const diagnosis = await diagnose(new ScenarioHost(scenario), scenario.target);
    const finding = diagnosis.findings.find((item) => item.cause === 'spn-duplicate');
    expect(finding?.evidence).toContain('kerberos-events');
    expect(finding?.explanation).toContain(
      'The event log agrees: an event (Microsoft-Windows-Kerberos-Key-Distribution-Center 11',
    );
    expect(probe(diagnosis, 'kerberos:events').status).toBe('ok');
  });
});

describe('unexpected configuration: said, with the command to check by hand; the diagnosis goes on', () => {
  const cases: { name: string; host: () => ScenarioHost; probe: string; says: readonly string[] }[] = [
    {
      name: 'no IIS installed',
      host: () => new ScenarioHost(variant((scenario) => delete scenario.iis)),
      probe: 'iis:application',
      says: [
        'could not be read',
        'check by hand with: %windir%\\system32\\inetsrv\\appcmd.exe list site /xml /config',
      ],
    },
    {
      name: 'appcmd.exe absent',
      host: () =>
        new ScenarioHost(variant((scenario) => scenario.iis && (scenario.iis.appcmdAvailable = false))),
      probe: 'iis:application',
      says: ['appcmd.exe is not available', 'appcmd.exe list site /xml /config'],
    },
    {
      name: 'a locked windowsAuthentication section',
      host: () =>
        new ScenarioHost(
          variant((scenario) => {
            const app = scenario.iis?.sites[0]?.applications[0];
            if (app)
              app.configError =
                'Config Error: This configuration section cannot be used at this path. This happens when the section is locked at a parent level.';
          }),
        ),
      probe: 'iis:application',
      says: [
        'windowsAuthentication section of "Default Web Site"',
        'locked at a parent level',
        'appcmd.exe list config "Default Web Site" -section:system.webServer/security/authentication/windowsAuthentication /xml /config:*',
      ],
    },
    {
      name: 'the Windows authentication role service missing (unknown section)',
      host: () =>
        new ScenarioHost(
          variant((scenario) => {
            const app = scenario.iis?.sites[0]?.applications[0];
            if (app)
              app.configError =
                'Unknown config section "system.webServer/security/authentication/windowsAuthentication".';
          }),
        ),
      probe: 'iis:application',
      says: ['Unknown config section', 'check by hand with'],
    },
    {
      name: 'an application whose pool no longer exists',
      host: () =>
        new ScenarioHost(
          variant(
            (scenario) =>
              scenario.iis?.sites[0]?.applications[0] &&
              (scenario.iis.sites[0].applications[0].appPool = 'RetiredPool'),
          ),
        ),
      probe: 'iis:application',
      says: [
        'application pool "RetiredPool"',
        'appcmd does not list it',
        'appcmd.exe list apppool /xml /config',
      ],
    },
    {
      name: 'setspn without a domain controller',
      host: () =>
        new ScenarioHost(
          variant((scenario) => scenario.directory && (scenario.directory.dcReachable = false)),
        ),
      probe: 'spn:registrations',
      says: [
        'Could not read who holds HTTP/web01.contoso.com (no domain controller could be reached (setspn: DsGetDcNameWithAccountW returned 0x54B, ERROR_NO_SUCH_DOMAIN))',
        'check by hand with: setspn -Q HTTP/web01.contoso.com',
        'setspn -X',
      ],
    },
    {
      name: 'appcmd printing something that is not its XML',
      host: () =>
        new AlteredToolHost(healthy, (tool, args, real) =>
          tool === 'appcmd' && args[1] === 'apppool'
            ? {
                ...real,
                stdout:
                  '<?xml version="1.0" encoding="UTF-8"?>\r\n<appcmd>\r\n  <APPPOOL APPPOOL.NAME="AppPool1"',
              }
            : real,
        ),
      probe: 'iis:application',
      says: ['the application pools and their identities', 'appcmd.exe list apppool /xml /config'],
    },
    {
      name: 'setspn answering with an LDAP error',
      host: () =>
        new AlteredToolHost(healthy, (tool, _args, real) =>
          tool === 'setspn'
            ? {
                ...real,
                outcome: 'failed',
                exitCode: 1,
                stdout:
                  'Ldap Error(0x51 -- Server Down): ldap_connect\r\nFailed to retrieve DN for domain "CONTOSO" : 0x00000051\r\n',
              }
            : real,
        ),
      probe: 'spn:registrations',
      says: ['Ldap Error(0x51 -- Server Down)', 'check by hand with: setspn -L CONTOSO\\svc-web'],
    },
  ];

  for (const item of cases) {
    it(item.name, async () => {
      const diagnosis = await run(item.host());
      const status = probe(diagnosis, item.probe);
      expect(status.status).toBe('unavailable');
      for (const phrase of item.says) expect(status.message).toContain(phrase);
      // The rest of the diagnosis ran, and nothing was guessed from the missing facts.
      expect(probe(diagnosis, 'zones:mapping').status).toBe('ok');
      expect(serverFindings(diagnosis)).toEqual([]);
    });
  }

  it('on a workstation, no IIS means "run this on the web server", not a broken server', async () => {
    const workstation = variant((scenario) => {
      delete scenario.iis;
      scenario.machine.isServer = false;
    });
    const status = probe(await run(new ScenarioHost(workstation)), 'iis:application');
    expect(status.status).toBe('unavailable');
    expect(status.message).toContain(
      'IIS is not installed on WEB01, so these checks must run on the web server itself',
    );
  });

  it('a tool that cannot be started at all fails that probe only', async () => {
    const host = new AlteredToolHost(healthy, (tool, _args, real) => {
      if (tool === 'setspn')
        throw new HostError('setspn.exe did not answer within 60 s and was stopped', 'failed');
      return real;
    });
    const diagnosis = await run(host);
    expect(probe(diagnosis, 'spn:registrations')).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('did not answer within 60 s'),
    });
    expect(probe(diagnosis, 'iis:application').status).toBe('ok');
    expect(serverFindings(diagnosis)).toEqual([]);
  });

  it('a malformed address (/%zz) is read as its raw path: both server checks run and the verdict holds', async () => {
    const diagnosis = await diagnose(new ScenarioHost(healthy), {
      ...healthy.target,
      url: 'https://web01.contoso.com/%zz',
    });
    expect(probe(diagnosis, 'iis:application').status).toBe('ok');
    expect(probe(diagnosis, 'spn:registrations').status).toBe('ok');
    expect(serverFindings(diagnosis)).toEqual([]);
    expect(diagnosis.ruledOut.some((item) => item.summary === verdict)).toBe(true);
  });

  it('a custom identity that is a local account: no key in the directory, said as the broken link', async () => {
    const scenario = variant((changed) => {
      const pool = changed.iis?.appPools[0];
      if (pool) pool.userName = 'WEB01\\legacy-svc';
    });
    const diagnosis = await run(new ScenarioHost(scenario));
    const finding = diagnosis.findings.find((item) => item.cause === 'spn-wrong-account');
    expect(finding?.explanation).toContain('pool AppPool1 runs as an account the domain does not know');
    expect(probe(diagnosis, 'iis:application').status).toBe('ok');
  });
});
