/**
 * Server remedies on the scenario host (issue 6): apply → verify → undo exact, for the IIS
 * (appcmd /commit:apphost), machine (HKLM) and domain (setspn) fixes; rights that are missing
 * make the SPN offers unavailable and the admin hand-off carries them instead.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import type { RemedyOffer } from '../../../shared/model/finding.js';
import { verdictLine } from '../../../shared/model/verdict.js';
import type { ScenarioHost } from '../../host/scenario/scenario-host.js';
import {
  contosoWebServer,
  scenarioEnvelope,
  scenarioHostOf,
} from '../../host/scenario/testing/contoso-test-scenario.js';
import { Engine, EngineError } from '../engine.js';
import { JournalStore } from '../journal/journal-store.js';
import {
  iisEnableWindowsAuth,
  iisExtendedProtectionProxy,
  iisKernelModeOff,
  iisSetProviders,
  iisUseAppPoolCredentials,
} from './iis-authentication-remedies.js';
import { machineBackConnectionHostName, machineHttpSysLimits } from './machine-server-remedies.js';
import { applyPlan, undoEntry } from './remedy-runner.js';
import { planServerChange, type ServerRemedyDefinition } from './server-remedy.js';
import { domainRegisterSpn, domainRemoveSpn } from './spn-remedies.js';

type Json = Record<string, unknown>;

interface ServerOptions {
  readonly url?: string;
  readonly symptom?: string;
  readonly windowsAuthentication?: Json;
  readonly anonymousEnabled?: boolean;
  readonly poolUser?: string;
  readonly accounts?: Json[];
  readonly spnWriteAllowed?: boolean;
  readonly registry?: Json[];
  /** applicationHost.config readable by administrators only (scenario iis.configReadNeedsElevation). */
  readonly configReadNeedsElevation?: boolean;
  readonly uac?: 'accept' | 'deny';
}

const computerAccount = {
  samAccountName: 'WEB01$',
  kind: 'computer',
  spns: ['HOST/WEB01', 'HOST/web01.contoso.com'],
};

function serverScenario(options: ServerOptions = {}): ScenarioHost {
  return scenarioHostOf({
    ...scenarioEnvelope('server-remedy-test'),
    target: { url: options.url ?? 'https://web01.contoso.com/', symptom: options.symptom ?? 'http-401' },
    machine: { ...contosoWebServer('jane'), uac: options.uac ?? 'accept' },
    registry: options.registry ?? [],
    iis: {
      configReadNeedsElevation: options.configReadNeedsElevation ?? false,
      sites: [
        {
          name: 'Default Web Site',
          id: 1,
          bindings: [
            { protocol: 'http', bindingInformation: '*:80:' },
            { protocol: 'https', bindingInformation: '*:443:' },
          ],
          applications: [
            {
              path: '/',
              appPool: 'AppPool1',
              windowsAuthentication: options.windowsAuthentication ?? {
                enabled: true,
                useAppPoolCredentials: true,
              },
              anonymousAuthentication: { enabled: options.anonymousEnabled ?? false },
            },
          ],
        },
      ],
      appPools: [
        {
          name: 'AppPool1',
          identityType: 'SpecificUser',
          userName: options.poolUser ?? 'CONTOSO\\svc-web',
        },
      ],
    },
    directory: {
      netbiosDomain: 'CONTOSO',
      dnsDomain: 'contoso.com',
      spnWriteAllowed: options.spnWriteAllowed ?? true,
      accounts: options.accounts ?? [computerAccount, { samAccountName: 'svc-web', kind: 'user', spns: [] }],
    },
  });
}

let dir: string;
let journal: JournalStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iwa-server-remedies-'));
  journal = JournalStore.inDirectory(dir);
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

function engineFor(host: ScenarioHost): Engine {
  return new Engine({ version: 'test', transport: 'web', journal, initialHost: host });
}

function offerOf(diagnosis: Diagnosis, cause: string, remedy: string): RemedyOffer {
  const offer = diagnosis.findings
    .find((finding) => finding.cause === cause)
    ?.remedies.find((candidate) => candidate.remedy === remedy);
  if (!offer)
    throw new Error(
      `no ${remedy} offer for ${cause}; found ${diagnosis.findings.map((finding) => finding.cause).join(', ')}`,
    );
  return offer;
}

const causes = (diagnosis: Diagnosis) => diagnosis.findings.map((finding) => finding.cause);

function offer(remedy: RemedyOffer['remedy'], params: RemedyOffer['params']): RemedyOffer {
  return { offerId: 'offer-1', remedy, title: 'test', scope: 'iis', params, available: true };
}

/** Plans, applies, checks `applied`, undoes, and returns the state in between. */
async function applyAndUndo(
  host: ScenarioHost,
  definition: ServerRemedyDefinition,
  params: RemedyOffer['params'],
) {
  const before = host.stateSnapshot();
  const plan = await planServerChange(definition, offer(definition.id, params), {
    host,
    machine: await host.machineIdentity(),
  });
  const entry = await applyPlan(
    { ...plan, remedy: definition.id },
    { host, journal, targetUrl: 'https://web01.contoso.com/', machine: 'm' },
  );
  const applied = host.stateSnapshot();
  await undoEntry(entry, { host, journal, machine: 'm' });
  expect(host.stateSnapshot()).toEqual(before);
  return { plan, entry, applied };
}

const rootApp = (snapshot: ReturnType<ScenarioHost['stateSnapshot']>) =>
  snapshot.scenario.iis?.sites[0]?.applications[0];

describe('IIS remedies (appcmd set config … /commit:apphost, reference §4.2)', () => {
  it('kernel-mode-no-apppool-creds: the offer sets useAppPoolCredentials, the cause goes, undo restores exactly', async () => {
    const host = serverScenario({
      windowsAuthentication: { enabled: true, useKernelMode: true, useAppPoolCredentials: false },
      accounts: [
        computerAccount,
        { samAccountName: 'svc-web', kind: 'user', spns: ['HTTP/web01.contoso.com', 'HTTP/web01'] },
      ],
    });
    const engine = engineFor(host);
    const diagnosis = await engine.runDiagnosis({ url: 'https://web01.contoso.com/', symptom: 'http-401' });
    expect(causes(diagnosis)).toEqual(['kernel-mode-no-apppool-creds']);
    const { offerId } = offerOf(diagnosis, 'kernel-mode-no-apppool-creds', 'iis.use-apppool-credentials');
    const before = host.stateSnapshot();
    const plan = await engine.previewRemedy(offerId);
    expect(plan.needsElevation).toBe(true);
    // IIS applies appcmd changes at once: nothing to restart.
    expect(plan.restartRequired).toBeUndefined();
    expect(plan.exactChange).toEqual([
      'appcmd.exe set config "Default Web Site" -section:system.webServer/security/authentication/windowsAuthentication /useAppPoolCredentials:"True" /commit:apphost',
    ]);
    const { entry, verification } = await engine.applyRemedy(offerId);
    // The journal holds the previous value in the undo call, written before the change.
    expect(entry.operations[0]?.operation).toMatchObject({
      op: 'tool.run',
      undo: {
        tool: 'appcmd',
        args: expect.arrayContaining(['/useAppPoolCredentials:False', '/commit:apphost']) as unknown,
      },
    });
    expect(rootApp(host.stateSnapshot())?.windowsAuthentication.useAppPoolCredentials).toBe(true);
    expect(causes(verification)).not.toContain('kernel-mode-no-apppool-creds');
    const undone = await engine.undo(entry.id);
    expect(undone.entry.state).toBe('undone');
    expect(host.stateSnapshot()).toEqual(before);
  });

  it('turns Windows authentication on and anonymous off in two appcmd calls, each undone to its own previous value', async () => {
    const host = serverScenario({ windowsAuthentication: { enabled: false }, anonymousEnabled: true });
    const { plan, applied } = await applyAndUndo(host, iisEnableWindowsAuth, {
      location: 'Default Web Site',
    });
    expect(plan.exactChange).toEqual([
      'appcmd.exe set config "Default Web Site" -section:system.webServer/security/authentication/windowsAuthentication /enabled:"True" /commit:apphost',
      'appcmd.exe set config "Default Web Site" -section:system.webServer/security/authentication/anonymousAuthentication /enabled:"False" /commit:apphost',
    ]);
    expect(rootApp(applied)?.windowsAuthentication.enabled).toBe(true);
    expect(rootApp(applied)?.anonymousAuthentication.enabled).toBe(false);
  });

  it('sets providers to Negotiate, NTLM in order and puts the odd previous list back', async () => {
    const host = serverScenario({
      windowsAuthentication: { enabled: true, providers: ['NTLM', 'Negotiate:Kerberos'] },
    });
    const { plan, entry, applied } = await applyAndUndo(host, iisSetProviders, {
      location: 'Default Web Site',
    });
    expect(rootApp(applied)?.windowsAuthentication.providers).toEqual(['Negotiate', 'NTLM']);
    expect(plan.exactChange[0]).toContain(
      `/~"providers" /+"providers.[value='Negotiate']" /+"providers.[value='NTLM']" /commit:apphost`,
    );
    expect(entry.operations[0]?.operation).toMatchObject({
      undo: {
        args: expect.arrayContaining([
          "/+providers.[value='NTLM']",
          "/+providers.[value='Negotiate:Kerberos']",
        ]) as unknown,
      },
    });
  });

  it('turns kernel mode off for one application, and refuses when it is already off', async () => {
    const host = serverScenario({ windowsAuthentication: { enabled: true, useKernelMode: true } });
    const { applied } = await applyAndUndo(host, iisKernelModeOff, { location: 'Default Web Site' });
    expect(rootApp(applied)?.windowsAuthentication.useKernelMode).toBe(false);
    const off = serverScenario({ windowsAuthentication: { enabled: true, useKernelMode: false } });
    await expect(
      planServerChange(iisKernelModeOff, offer('iis.kernel-mode-off', { location: 'Default Web Site' }), {
        host: off,
        machine: await off.machineIdentity(),
      }),
    ).rejects.toThrow(/already off/);
  });

  it('adds the Proxy flag and the public SPN to extended protection, keeping tokenChecking', async () => {
    const host = serverScenario({
      windowsAuthentication: {
        enabled: true,
        extendedProtection: { tokenChecking: 'Require', flags: ['AllowDotlessSpn'] },
      },
    });
    const { plan, applied } = await applyAndUndo(host, iisExtendedProtectionProxy, {
      location: 'Default Web Site',
      spn: 'HTTP/portal.contoso.com',
    });
    expect(rootApp(applied)?.windowsAuthentication.extendedProtection).toEqual({
      tokenChecking: 'Require',
      flags: ['Proxy', 'AllowDotlessSpn'],
      spns: ['HTTP/portal.contoso.com'],
    });
    expect(plan.exactChange[0]).toContain(
      `/extendedProtection.flags:"Proxy,AllowDotlessSpn" /+"extendedProtection.[name='HTTP/portal.contoso.com']" /commit:apphost`,
    );
  });

  it('refuses a location or value appcmd cannot take, before running anything', async () => {
    const host = serverScenario();
    const context = { host, machine: await host.machineIdentity() };
    await expect(
      planServerChange(
        iisKernelModeOff,
        offer('iis.kernel-mode-off', { location: 'Default Web Site" /commit:webroot' }),
        context,
      ),
    ).rejects.toThrow(/not a valid appcmd location/);
    await expect(
      planServerChange(
        iisExtendedProtectionProxy,
        offer('iis.extended-protection-proxy', { location: 'Default Web Site', spn: "HTTP/x']" }),
        context,
      ),
    ).rejects.toThrow(/cannot be written/);
    await expect(
      planServerChange(iisKernelModeOff, offer('iis.kernel-mode-off', { location: 'No Such Site' }), context),
    ).rejects.toThrow(/could not be read, so nothing was changed/);
  });
});

describe('machine remedies on the IIS server (HKLM, reference §7.1, §7.2)', () => {
  const msv = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0';
  const http = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters';

  it('BackConnectionHostNames: a REG_DWORD Windows ignores is replaced by REG_MULTI_SZ; undo brings the DWORD back', async () => {
    const host = serverScenario({
      registry: [{ key: msv, values: { BackConnectionHostNames: { type: 'REG_DWORD', data: 1 } } }],
    });
    const { plan, entry, applied } = await applyAndUndo(host, machineBackConnectionHostName, {
      host: 'intranet.contoso.com',
    });
    expect(plan.needsElevation).toBe(true);
    expect(plan.notes[0]).toMatch(/^Restart needed/);
    // Said as data too, so no screen calls it fixed before the restart; the journal keeps it.
    expect(plan.restartRequired).toEqual({ what: 'server', setting: 'BackConnectionHostNames' });
    expect(entry.restartRequired).toEqual(plan.restartRequired);
    expect(plan.exactChange).toEqual([
      `reg add "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0" /v BackConnectionHostNames /t REG_MULTI_SZ /d "intranet.contoso.com" /f`,
    ]);
    expect(applied.registry.HKLM).toBeTruthy();
  });

  it('BackConnectionHostNames: appends to the existing list', async () => {
    const host = serverScenario({
      registry: [
        {
          key: msv,
          values: { BackConnectionHostNames: { type: 'REG_MULTI_SZ', data: ['web01.contoso.com'] } },
        },
      ],
    });
    const { plan } = await applyAndUndo(host, machineBackConnectionHostName, {
      host: 'intranet.contoso.com',
    });
    expect(plan.operations[0]).toMatchObject({
      value: { type: 'REG_MULTI_SZ', data: ['web01.contoso.com', 'intranet.contoso.com'] },
    });
  });

  it('http.sys limits: announces the restart first, never lowers a raised limit, undo removes what was absent', async () => {
    const host = serverScenario({
      registry: [{ key: http, values: { MaxFieldLength: { type: 'REG_DWORD', data: 65534 } } }],
    });
    const { plan, entry } = await applyAndUndo(host, machineHttpSysLimits, {
      maxFieldLength: 64200,
      maxRequestBytes: 64200,
    });
    expect(plan.notes[0]).toMatch(/^Restart needed.*net stop http/);
    expect(plan.restartRequired).toMatchObject({ what: 'http-service' });
    expect(entry.restartRequired).toEqual(plan.restartRequired);
    expect(plan.operations).toEqual([
      {
        op: 'registry.setValue',
        key: { hive: 'HKLM', path: 'SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters' },
        name: 'MaxRequestBytes',
        value: { type: 'REG_DWORD', data: 64200 },
      },
    ]);
  });

  it('a refused UAC prompt changes nothing', async () => {
    const host = serverScenario();
    host.scenario.machine.uac = 'deny';
    const before = host.stateSnapshot();
    const plan = await planServerChange(
      machineHttpSysLimits,
      offer('machine.httpsys-limits', { maxFieldLength: 30000, maxRequestBytes: 30000 }),
      { host, machine: await host.machineIdentity() },
    );
    await expect(
      applyPlan(
        { ...plan, remedy: 'machine.httpsys-limits' },
        { host, journal, targetUrl: 'u', machine: 'm' },
      ),
    ).rejects.toThrow(/UAC\) was refused/);
    expect(host.stateSnapshot()).toEqual(before);
  });
});

describe('domain remedies (setspn -S / -D, reference §3.1)', () => {
  it('spn-missing with the right to write SPNs: register, the cause goes, klist purge and re-test, undo restores the directory', async () => {
    const host = serverScenario();
    const engine = engineFor(host);
    const diagnosis = await engine.runDiagnosis({ url: 'https://web01.contoso.com/', symptom: 'http-401' });
    expect(causes(diagnosis)).toEqual(['spn-missing']);
    const registerOffers = diagnosis.findings[0]?.remedies ?? [];
    expect(registerOffers.map((item) => [item.remedy, item.params['spn'], item.available])).toEqual([
      ['domain.register-spn', 'HTTP/web01.contoso.com', true],
      ['domain.register-spn', 'HTTP/web01', true],
    ]);
    const before = host.stateSnapshot();
    const plan = await engine.previewRemedy(registerOffers[0]?.offerId ?? '');
    expect(plan.needsElevation).toBe(false);
    expect(plan.exactChange).toEqual(['setspn -S HTTP/web01.contoso.com CONTOSO\\svc-web']);
    const { entry, verification } = await engine.applyRemedy(registerOffers[0]?.offerId ?? '');
    expect(
      host.scenario.directory?.accounts.find((account) => account.samAccountName === 'svc-web')?.spns,
    ).toEqual(['HTTP/web01.contoso.com']);
    expect(causes(verification)).not.toContain('spn-missing');

    const retest = await engine.purgeTicketsAndRetest(entry.id);
    expect(retest.purge).toMatch(/^Ran klist purge/);
    expect(causes(retest.verification)).toEqual(causes(verification));

    await engine.undo(entry.id);
    // klist purge emptied the (simulated) ticket cache; everything else is exactly as before.
    const after = host.stateSnapshot();
    expect(after.scenario.workstation?.tickets).toEqual([]);
    delete after.scenario.workstation;
    delete before.scenario.workstation;
    expect(after).toEqual(before);
  });

  it('without the right, the SPN offers are unavailable with the reason, apply is refused, and the hand-off carries them', async () => {
    const host = serverScenario({ spnWriteAllowed: false });
    const engine = engineFor(host);
    const diagnosis = await engine.runDiagnosis({ url: 'https://web01.contoso.com/', symptom: 'http-401' });
    const [first] = diagnosis.findings[0]?.remedies ?? [];
    expect(first).toMatchObject({ remedy: 'domain.register-spn', available: false });
    expect(first?.unavailableReason).toMatch(
      /needs a domain administrator .* CONTOSO\\jane does not have that right/,
    );
    await expect(engine.applyRemedy(first?.offerId ?? '')).rejects.toBeInstanceOf(EngineError);
    const handoff = await engine.exportHandoff(first?.offerId ?? '');
    expect(handoff.fileName).toBe('iwa-doctor-spn-missing-web01.contoso.com.ps1');
    // The verdict comes from the diagnosis's own field, not from the explanation's text.
    expect(diagnosis.verdict?.cause).toBe('spn-missing');
    expect(handoff.script).toContain(
      `# Verdict: ${diagnosis.verdict ? verdictLine(diagnosis.verdict) : 'missing'}\r\n`,
    );
    expect(handoff.script).toContain(
      '# Verdict: Browsers ask for HTTP/web01.contoso.com → served by HOST/web01.contoso.com on CONTOSO\\WEB01$ → but CONTOSO\\svc-web decrypts ✗',
    );
    expect(handoff.script).toContain("setspn.exe -S 'HTTP/web01.contoso.com' 'CONTOSO\\svc-web'");
    expect(handoff.script).toContain("setspn.exe -S 'HTTP/web01' 'CONTOSO\\svc-web'");
    expect(handoff.script).toContain("  setspn.exe -D 'HTTP/web01' 'CONTOSO\\svc-web'");
  });

  it('a pool identity written as a UPN (svc-web@contoso.com) is a domain account: preview, apply and hand-off name it by its DN alike', async () => {
    const upnDn = 'CN=svc-web,CN=Users,DC=contoso,DC=com';
    const allowed = serverScenario({ poolUser: 'svc-web@contoso.com' });
    const engine = engineFor(allowed);
    const diagnosis = await engine.runDiagnosis({ url: 'https://web01.contoso.com/', symptom: 'http-401' });
    const registration = offerOf(diagnosis, 'spn-missing', 'domain.register-spn');
    expect(registration.params).toMatchObject({
      spn: 'HTTP/web01.contoso.com',
      account: 'svc-web@contoso.com',
      accountDn: upnDn,
    });
    const plan = await engine.previewRemedy(registration.offerId);
    expect(plan.exactChange).toEqual([
      `setspn -S HTTP/web01.contoso.com CN=svc-web,CN=Users,DC=contoso,DC=com`,
    ]);
    const { entry } = await engine.applyRemedy(registration.offerId);
    expect(entry.state).toBe('applied');
    expect(
      allowed.scenario.directory?.accounts.find((account) => account.samAccountName === 'svc-web')?.spns,
    ).toEqual(['HTTP/web01.contoso.com']);

    // Without the right: the hand-off carries the very same account argument.
    const denied = serverScenario({ poolUser: 'svc-web@contoso.com', spnWriteAllowed: false });
    const deniedEngine = engineFor(denied);
    const offers = await deniedEngine.runDiagnosis({
      url: 'https://web01.contoso.com/',
      symptom: 'http-401',
    });
    const { script } = await deniedEngine.exportHandoff(
      offerOf(offers, 'spn-missing', 'domain.register-spn').offerId,
    );
    expect(script).toContain(`setspn.exe -S 'HTTP/web01.contoso.com' '${upnDn}'`);
    expect(script).toContain(`setspn.exe -S 'HTTP/web01' '${upnDn}'`);
  });

  it('spn-duplicate: removal is one offer per account the person picks; the last holder is never removed', async () => {
    const holder = (name: string) => ({
      samAccountName: name,
      kind: 'user',
      dn: `CN=${name},OU=Service Accounts,DC=contoso,DC=com`,
      spns: ['HTTP/web01.contoso.com'],
    });
    const host = serverScenario({
      accounts: [
        computerAccount,
        { ...holder('svc-web'), spns: ['HTTP/web01.contoso.com', 'HTTP/web01'] },
        holder('svc-old'),
      ],
    });
    const engine = engineFor(host);
    const diagnosis = await engine.runDiagnosis({ url: 'https://web01.contoso.com/', symptom: 'http-401' });
    expect(causes(diagnosis)).toEqual(['spn-duplicate']);
    const removal = offerOf(diagnosis, 'spn-duplicate', 'domain.remove-spn');
    expect(removal.params['accountDn']).toBe('CN=svc-old,OU=Service Accounts,DC=contoso,DC=com');
    // Every holder can be the one that loses it; the account that decrypts is recommended, not chosen.
    const removals = diagnosis.findings.find((finding) => finding.cause === 'spn-duplicate')?.remedies ?? [];
    expect(removals.map((item) => [item.remedy, item.params['accountDn']])).toEqual([
      ['domain.remove-spn', 'CN=svc-old,OU=Service Accounts,DC=contoso,DC=com'],
      ['domain.remove-spn', 'CN=svc-web,OU=Service Accounts,DC=contoso,DC=com'],
    ]);
    expect(removals.map((item) => item.title)).toEqual([
      'Remove HTTP/web01.contoso.com from svc-old (CN=svc-old,OU=Service Accounts,DC=contoso,DC=com) (recommended: CONTOSO\\svc-web decrypts tickets for this site and keeps it)',
      'Remove HTTP/web01.contoso.com from CONTOSO\\svc-web (not recommended: CONTOSO\\svc-web decrypts tickets for this site)',
    ]);
    const { script } = await engine.exportHandoff(removal.offerId);
    expect(script).toContain(
      "setspn.exe -D 'HTTP/web01.contoso.com' 'CN=svc-old,OU=Service Accounts,DC=contoso,DC=com'",
    );
    expect(script.slice(script.indexOf('function Undo-IwaDoctorSpnChange'))).not.toContain('setspn.exe -S');
    const plan = await engine.previewRemedy(removal.offerId);
    expect(plan.summary).toMatch(/the account you chose; it stays on CN=svc-web/);
    expect(plan.notes.join(' ')).toMatch(
      /cannot be undone from IWA Doctor: giving HTTP\/web01.contoso.com back .* would re-create the duplicate/,
    );
    const { entry, verification } = await engine.applyRemedy(removal.offerId);
    expect(causes(verification)).not.toContain('spn-duplicate');
    const keeper = host.scenario.directory?.accounts.find((account) => account.samAccountName === 'svc-web');
    expect(keeper?.spns).toEqual(['HTTP/web01.contoso.com', 'HTTP/web01']);
    const changed = host.stateSnapshot();
    await expect(engine.undo(entry.id)).rejects.toThrow(
      /cannot be undone \(remove HTTP\/web01.contoso.com from CN=svc-old/,
    );
    expect(host.stateSnapshot()).toEqual(changed);

    // The keeper itself: removing the only holder is refused, whatever the offer says.
    const context = { host, machine: await host.machineIdentity() };
    host.scenario.directory?.accounts.splice(2, 1);
    await expect(
      planServerChange(
        domainRemoveSpn,
        offer('domain.remove-spn', {
          spn: 'HTTP/web01.contoso.com',
          accountDn: 'CN=svc-web,OU=Service Accounts,DC=contoso,DC=com',
        }),
        context,
      ),
    ).rejects.toThrow(/only account holding HTTP\/web01.contoso.com; removing it would leave none/);
  });

  it('a move is -D on the wrong account then -S on the right one, and undo reverses both', async () => {
    const host = serverScenario({
      accounts: [
        computerAccount,
        { samAccountName: 'svc-web', kind: 'user', spns: [] },
        { samAccountName: 'svc-other', kind: 'user', spns: ['HTTP/web01.contoso.com'] },
      ],
    });
    const { plan, applied } = await applyAndUndo(host, domainRegisterSpn, {
      spn: 'HTTP/web01.contoso.com',
      account: 'CONTOSO\\svc-web',
      fromAccountDn: 'CN=svc-other,CN=Users,DC=contoso,DC=com',
      why: 'test',
    });
    expect(plan.exactChange).toEqual([
      'setspn -D HTTP/web01.contoso.com CN=svc-other,CN=Users,DC=contoso,DC=com',
      'setspn -S HTTP/web01.contoso.com CONTOSO\\svc-web',
    ]);
    expect(applied.scenario.directory?.accounts.map((account) => account.spns)).toEqual([
      computerAccount.spns,
      ['HTTP/web01.contoso.com'],
      [],
    ]);
  });

  it('refuses to register an SPN another account holds (setspn -S would refuse it too)', async () => {
    const host = serverScenario({
      accounts: [
        computerAccount,
        { samAccountName: 'svc-web', kind: 'user', spns: [] },
        { samAccountName: 'svc-other', kind: 'user', spns: ['HTTP/web01'] },
      ],
    });
    await expect(
      planServerChange(
        domainRegisterSpn,
        offer('domain.register-spn', { spn: 'HTTP/web01', account: 'CONTOSO\\svc-web' }),
        { host, machine: await host.machineIdentity() },
      ),
    ).rejects.toThrow(/already registered on CN=svc-other/);
  });
});

describe('undo checks the state the fix left, as journaled data (appcmd, setspn)', () => {
  const context = async (host: ScenarioHost) => ({ host, machine: await host.machineIdentity() });

  it('journals the IIS values read before the change; after a hand edit, undo refuses in one line and changes nothing', async () => {
    const host = serverScenario({
      windowsAuthentication: { enabled: true, useKernelMode: true, useAppPoolCredentials: false },
    });
    const plan = await planServerChange(
      iisUseAppPoolCredentials,
      offer('iis.use-apppool-credentials', { location: 'Default Web Site' }),
      await context(host),
    );
    const entry = await applyPlan(
      { ...plan, remedy: 'iis.use-apppool-credentials' },
      { host, journal, targetUrl: 'https://web01.contoso.com/', machine: 'm' },
    );
    // The previous value as data, not only inside the undo call's arguments.
    expect(entry.operations[0]?.previous).toEqual({ iisSection: { useAppPoolCredentials: false } });
    expect(entry.operations[0]?.operation).toMatchObject({
      subject: {
        kind: 'iis-section',
        location: 'Default Web Site',
        before: { useAppPoolCredentials: false },
        after: { useAppPoolCredentials: true },
      },
    });

    const auth = host.scenario.iis?.sites[0]?.applications[0]?.windowsAuthentication;
    if (!auth) throw new Error('no application');
    auth.useAppPoolCredentials = false; // someone set it back by hand
    const changed = host.stateSnapshot();
    await expect(undoEntry(entry, { host, journal, machine: 'm' })).rejects.toThrow(
      'windowsAuthentication of "Default Web Site" was changed after the fix (now useAppPoolCredentials false, the fix left useAppPoolCredentials true); nothing was undone',
    );
    expect(host.stateSnapshot()).toEqual(changed);
    expect((await journal.get(entry.id))?.state).toBe('applied');
  });

  it('refuses to apply when the section changed between the preview and the click, journaling nothing', async () => {
    const host = serverScenario({ windowsAuthentication: { enabled: true, providers: ['NTLM'] } });
    const plan = await planServerChange(
      iisSetProviders,
      offer('iis.set-providers', { location: 'Default Web Site' }),
      await context(host),
    );
    const auth = host.scenario.iis?.sites[0]?.applications[0]?.windowsAuthentication;
    if (!auth) throw new Error('no application');
    auth.providers = ['NTLM', 'Negotiate'];
    const changed = host.stateSnapshot();
    await expect(
      applyPlan({ ...plan, remedy: 'iis.set-providers' }, { host, journal, targetUrl: 'u', machine: 'm' }),
    ).rejects.toThrow(
      /windowsAuthentication of "Default Web Site" changed since the preview \(now providers NTLM, Negotiate\)/,
    );
    expect(host.stateSnapshot()).toEqual(changed);
    expect(await journal.list()).toEqual([]);
  });

  it('through the engine, that refusal is a precondition the person reads, not an unexpected error', async () => {
    const host = serverScenario({
      windowsAuthentication: { enabled: true, useKernelMode: true, useAppPoolCredentials: false },
      accounts: [
        computerAccount,
        { samAccountName: 'svc-web', kind: 'user', spns: ['HTTP/web01.contoso.com', 'HTTP/web01'] },
      ],
    });
    const engine = engineFor(host);
    const diagnosis = await engine.runDiagnosis({ url: 'https://web01.contoso.com/', symptom: 'http-401' });
    const { offerId } = offerOf(diagnosis, 'kernel-mode-no-apppool-creds', 'iis.use-apppool-credentials');
    const auth = host.scenario.iis?.sites[0]?.applications[0]?.windowsAuthentication;
    if (!auth) throw new Error('no application');
    // The runner reads through the elevated session; someone sets the value by hand just before.
    const elevated = (await host.elevated()) as ScenarioHost;
    const runTool = elevated.runTool.bind(elevated);
    elevated.runTool = (tool, args) => {
      if (tool === 'appcmd' && args[1] === 'config') auth.useAppPoolCredentials = true;
      return runTool(tool, args);
    };
    const error: unknown = await engine.applyRemedy(offerId).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({
      code: 'precondition-failed',
      message: expect.stringContaining('changed since the preview') as unknown,
    });
    expect(await journal.list()).toEqual([]);
  });

  it('the engine applies only the change its preview showed: changed since, it refuses until the fix is previewed again', async () => {
    const host = serverScenario({ windowsAuthentication: { enabled: true, providers: ['NTLM'] } });
    const engine = engineFor(host);
    const diagnosis = await engine.runDiagnosis({ url: 'https://web01.contoso.com/', symptom: 'http-401' });
    const { offerId } = offerOf(diagnosis, 'providers-misconfigured', 'iis.set-providers');
    const shown = await engine.previewRemedy(offerId);
    const auth = host.scenario.iis?.sites[0]?.applications[0]?.windowsAuthentication;
    if (!auth) throw new Error('no application');
    auth.providers = ['NTLM', 'Negotiate:Kerberos']; // someone edits IIS while the preview is open
    const changed = host.stateSnapshot();
    const error: unknown = await engine.applyRemedy(offerId).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'precondition-failed' });
    expect((error as Error).message).toMatch(/preview/);
    expect(host.stateSnapshot()).toEqual(changed);
    expect(await journal.list()).toEqual([]);
    // Previewed again, the person sees (and gets) the change as it is now.
    const again = await engine.previewRemedy(offerId);
    expect(again.operations).not.toEqual(shown.operations);
    const { entry } = await engine.applyRemedy(offerId);
    expect(entry.operations[0]?.previous).toEqual({
      iisSection: { providers: ['NTLM', 'Negotiate:Kerberos'] },
    });
  });

  it('journals who held the SPN; after the registration changed, undo refuses in one line and changes nothing', async () => {
    const host = serverScenario({
      accounts: [
        computerAccount,
        { samAccountName: 'svc-web', kind: 'user', spns: [] },
        { samAccountName: 'svc-other', kind: 'user', spns: [] },
      ],
    });
    const plan = await planServerChange(
      domainRegisterSpn,
      offer('domain.register-spn', { spn: 'HTTP/web01.contoso.com', account: 'CONTOSO\\svc-web' }),
      await context(host),
    );
    const entry = await applyPlan(
      { ...plan, remedy: 'domain.register-spn' },
      { host, journal, targetUrl: 'https://web01.contoso.com/', machine: 'm' },
    );
    expect(entry.operations[0]).toMatchObject({
      previous: { spnHolders: [] },
      operation: {
        subject: {
          kind: 'spn-holder',
          spn: 'HTTP/web01.contoso.com',
          accountDn: 'CN=svc-web,CN=Users,DC=contoso,DC=com',
          holds: true,
        },
      },
    });

    // Someone moved the SPN to another account since.
    const [, svcWeb, svcOther] = host.scenario.directory?.accounts ?? [];
    if (!svcWeb || !svcOther) throw new Error('no accounts');
    svcWeb.spns = [];
    svcOther.spns = ['HTTP/web01.contoso.com'];
    const changed = host.stateSnapshot();
    await expect(undoEntry(entry, { host, journal, machine: 'm' })).rejects.toThrow(
      'HTTP/web01.contoso.com was changed after the fix (now on CN=svc-other,CN=Users,DC=contoso,DC=com, the fix left it on CN=svc-web,CN=Users,DC=contoso,DC=com); nothing was undone',
    );
    expect(host.stateSnapshot()).toEqual(changed);
    expect((await journal.get(entry.id))?.state).toBe('applied');
  });
});

describe('IIS configuration readable by administrators only (scenario iis.configReadNeedsElevation)', () => {
  const kernelModeCase: ServerOptions = {
    windowsAuthentication: { enabled: true, useKernelMode: true, useAppPoolCredentials: false },
    accounts: [
      computerAccount,
      { samAccountName: 'svc-web', kind: 'user', spns: ['HTTP/web01.contoso.com', 'HTTP/web01'] },
    ],
    configReadNeedsElevation: true,
  };
  const target = { url: 'https://web01.contoso.com/', symptom: 'http-401' } as const;
  const iisProbe = (diagnosis: Diagnosis) =>
    diagnosis.probes.find((probe) => probe.probe === 'iis:application');

  it('without a way to ask for administrator rights, says so plainly and reads nothing', async () => {
    const host = serverScenario(kernelModeCase);
    // A host that cannot elevate (as when the app cannot show a UAC prompt).
    Object.defineProperty(host, 'elevated', { value: undefined });
    const diagnosis = await engineFor(host).runDiagnosis(target);
    expect(iisProbe(diagnosis)).toMatchObject({ status: 'unavailable' });
    expect(iisProbe(diagnosis)?.message).toContain(
      'Could not read the IIS configuration (reading the IIS configuration (applicationHost.config) needs administrator rights, which cannot be requested here; run IWA Doctor as an administrator); check by hand with: %windir%\\system32\\inetsrv\\appcmd.exe list site /xml /config (in a command prompt run as administrator)',
    );
    expect(diagnosis.findings.map((finding) => finding.cause)).not.toContain('kernel-mode-no-apppool-creds');
  });

  it('reads through the elevated session with one UAC prompt, which the fix then reuses', async () => {
    const host = serverScenario(kernelModeCase);
    const engine = engineFor(host);
    const diagnosis = await engine.runDiagnosis(target);
    expect(iisProbe(diagnosis)?.status).toBe('ok');
    expect(diagnosis.evidence.find((item) => item.id === 'iis-application')?.summary).toContain(
      'Read as administrator: applicationHost.config can be read only with administrator rights.',
    );
    // Three checks read IIS; one prompt.
    expect(host.uacPrompts).toBe(1);
    const { offerId } = offerOf(diagnosis, 'kernel-mode-no-apppool-creds', 'iis.use-apppool-credentials');
    const plan = await engine.previewRemedy(offerId);
    expect(plan.exactChange[0]).toContain('/useAppPoolCredentials:"True"');
    const { entry } = await engine.applyRemedy(offerId);
    expect(entry.operations[0]?.previous).toEqual({ iisSection: { useAppPoolCredentials: false } });
    expect(host.scenario.iis?.sites[0]?.applications[0]?.windowsAuthentication.useAppPoolCredentials).toBe(
      true,
    );
    expect(host.uacPrompts).toBe(1);
  });

  it('a declined UAC prompt reads nothing and changes nothing', async () => {
    const host = serverScenario({ ...kernelModeCase, uac: 'deny' });
    const before = host.stateSnapshot();
    const diagnosis = await engineFor(host).runDiagnosis(target);
    expect(iisProbe(diagnosis)).toMatchObject({ status: 'unavailable' });
    expect(iisProbe(diagnosis)?.message).toContain(
      'needs administrator rights, and the administrator prompt (UAC) was declined, so nothing was read',
    );
    // Asked once for the whole diagnosis, not once per check.
    expect(host.uacPrompts).toBe(1);
    expect(diagnosis.evidence.find((item) => item.id === 'iis-application')?.facts).toMatchObject({
      iisReadable: false,
      site: null,
    });
    // Planning the IIS fix asks again; declined, it reads and changes nothing either.
    await expect(
      planServerChange(
        iisUseAppPoolCredentials,
        offer('iis.use-apppool-credentials', { location: 'Default Web Site' }),
        { host, machine: await host.machineIdentity() },
      ),
    ).rejects.toThrow(
      'reading the IIS configuration (applicationHost.config) needs administrator rights, and the administrator prompt (UAC) was declined, so nothing was read; nothing was changed',
    );
    // Nothing on the server changed (the diagnosis may fill the simulated ticket cache, which is not the server's).
    const after = host.stateSnapshot();
    expect([after.registry, after.scenario.iis, after.scenario.directory]).toEqual([
      before.registry,
      before.scenario.iis,
      before.scenario.directory,
    ]);
    expect(await journal.list()).toEqual([]);
  });
});
