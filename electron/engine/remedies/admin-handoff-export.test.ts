/**
 * The admin hand-off as the engine exports it (issue 6): built from scenarios where the person
 * may not make the change, with hostile account names and distinguished names. The script holds
 * no value the scenario did not provide — in its commands and in its comments — every value is a
 * single-quoted literal that reads back exactly, only known command shapes appear, and the same
 * values round-trip through the PowerShell host's argument encoding. Also the fixes that exist
 * only as scripts (a pool's identity, AES on an account, a farm's one identity).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPowerShellSingleQuote } from '../../../shared/handoff/powershell-literal.js';
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import type { RemedyOffer } from '../../../shared/model/finding.js';
import type { Scenario } from '../../../shared/scenario/scenario-schema.js';
import { scenarioAccountDn } from '../../../shared/scenario/sections/directory.js';
import { parseDistinguishedName } from '../../../shared/spn/distinguished-name.js';
import { decodeArguments, encodeArguments } from '../../host/powershell/argument-encoding.js';
import { loadScenarioFile } from '../../host/scenario/load-scenario.js';
import { ScenarioHost } from '../../host/scenario/scenario-host.js';
import {
  contosoWebServer,
  scenarioEnvelope,
  scenarioHostOf,
} from '../../host/scenario/testing/contoso-test-scenario.js';
import { Engine, EngineError } from '../engine.js';
import { JournalStore } from '../journal/journal-store.js';
import { planServerChange } from './server-remedy.js';
import { domainRegisterSpn } from './spn-remedies.js';

/** Reads a line as PowerShell's tokenizer reads single-quoted strings: code outside literals (literals as L) and the literal values. */
function tokenize(line: string): { code: string; literals: string[] } {
  let code = '';
  const literals: string[] = [];
  for (let i = 0; i < line.length; i += 1) {
    const char = line.charAt(i);
    if (!isPowerShellSingleQuote(char)) {
      code += char;
      continue;
    }
    let value = '';
    for (i += 1; ; i += 1) {
      if (i >= line.length) throw new Error(`unterminated literal in ${line}`);
      const inner = line.charAt(i);
      if (isPowerShellSingleQuote(inner)) {
        if (isPowerShellSingleQuote(line.charAt(i + 1))) {
          value += inner;
          i += 1;
          continue;
        }
        break;
      }
      value += inner;
    }
    literals.push(value);
    code += 'L';
  }
  return { code, literals };
}

/** Every command shape a hand-off may contain (values replaced by L); nothing else runs. */
const allowedCode = new Set([
  '$ErrorActionPreference = L',
  '$appcmd = Join-Path $env:windir L',
  '$ChosenAccount = Read-Host L',
  'if ($ChosenAccount -notmatch L) { throw L }',
  'setspn.exe -S L L',
  'setspn.exe -S L $ChosenAccount',
  'setspn.exe -D L L',
  'setspn.exe -D L $ChosenAccount',
  'setspn.exe -Q L',
  'setspn.exe -X',
  'if ($LASTEXITCODE -ne 0) { throw L }',
  '$credential = Get-Credential -UserName L -Message L',
  '$credential = Get-Credential -UserName $ChosenAccount -Message L',
  '$previousCredential = Get-Credential -UserName L -Message L',
  '& $appcmd set apppool L L (L + $credential.UserName) (L + $credential.GetNetworkCredential().Password)',
  '& $appcmd set apppool L L (L + $previousCredential.UserName) (L + $previousCredential.GetNetworkCredential().Password)',
  '& $appcmd set apppool L L',
  '& $appcmd set config L L L L',
  '& $appcmd list config L L',
  '$IwaDoctorPreviousEncryptionTypes = (Get-ADUser -Identity L -Properties L).L',
  'Write-Output (L + $IwaDoctorPreviousEncryptionTypes)',
  'Set-ADUser -Identity L -Replace @{ L = ([int]$IwaDoctorPreviousEncryptionTypes -bor 0x18) }',
  'Set-ADAccountPassword -Identity L -Reset',
  'Get-ADUser -Identity L -Properties L',
  'if ($null -eq $IwaDoctorPreviousEncryptionTypes) { Set-ADUser -Identity L -Clear L }',
  'else { Set-ADUser -Identity L -Replace @{ L = $IwaDoctorPreviousEncryptionTypes } }',
  'function Undo-IwaDoctorSpnChange {',
  'function Undo-IwaDoctorChange {',
  '}',
  '',
]);

/** Texts the script itself writes (commands' fixed parts, messages), not values of the scenario. */
const fixedLiterals: readonly RegExp[] = [
  /^Stop$/,
  /^system32\\inetsrv\\appcmd\.exe$/,
  /^(setspn|appcmd) failed at step \d+; the steps after it did not run\.$/,
  /^\/processModel\.(identityType:(SpecificUser|ApplicationPoolIdentity|NetworkService|LocalSystem|LocalService)|userName:|password:)$/,
  /^-section:system\.webServer\/security\/authentication\/windowsAuthentication$/,
  /^\/useAppPoolCredentials:(True|False)$/,
  /^\/commit:apphost$/,
  /^msDS-SupportedEncryptionTypes$/,
  /^AES(128|256)$/,
  /^Previous msDS-SupportedEncryptionTypes: $/,
  /^Write the account as DOMAIN\\name; nothing was changed\.$/,
  /^\^\[A-Za-z0-9\]/,
];
/** Fixed messages that carry one scenario value (a pool name) after a fixed prefix. */
const fixedWithValue: readonly RegExp[] = [
  /^The password of the account that runs application pool (.+)$/,
  /^The domain account every server behind this name will run pool (.+) as \(DOMAIN\\name\)$/,
];

/** The values a scenario provides: names, accounts as DOMAIN\name and DN, SPNs, pools, sites, locations, the address. */
function scenarioValues(scenario: Scenario): Set<string> {
  const host = new URL(scenario.target.url).hostname;
  // The address, and the SPN forms browsers make of it (HTTP/<name>, HTTP/<short name>, reference §7.3).
  const values = new Set<string>([
    scenario.target.url,
    host,
    `HTTP/${host}`,
    `HTTP/${host.split('.')[0] ?? ''}`,
  ]);
  const directory = scenario.directory;
  for (const account of directory?.accounts ?? []) {
    values.add(account.samAccountName);
    values.add(`${directory?.netbiosDomain ?? ''}\\${account.samAccountName}`);
    if (directory) {
      const dn = scenarioAccountDn(directory, account);
      values.add(dn);
      values.add(parseDistinguishedName(dn).commonName);
    }
    for (const spn of account.spns) values.add(spn);
  }
  for (const pool of scenario.iis?.appPools ?? []) {
    values.add(pool.name);
    if (pool.userName) values.add(pool.userName);
  }
  for (const site of scenario.iis?.sites ?? []) {
    values.add(site.name);
    for (const app of site.applications) values.add(app.path === '/' ? site.name : `${site.name}${app.path}`);
  }
  for (const name of [scenario.machine.computerName, scenario.machine.domain, scenario.machine.dnsDomain])
    if (name) values.add(name);
  return values;
}

const causes = (diagnosis: Diagnosis) => diagnosis.findings.map((finding) => finding.cause);

/**
 * Checks a script line by line: commands have a known shape and only provided or fixed values;
 * comments, once every provided value is blanked out, name no other account, DN or SPN.
 */
function expectOnlyProvidedValues(script: string, provided: Set<string>): string[] {
  const values = [...provided].filter((value) => value.length > 0).sort((a, b) => b.length - a.length);
  const data: string[] = [];
  for (const line of script.split('\r\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) {
      const scrubbed = values.reduce((text, value) => text.split(value).join('⟨value⟩'), trimmed);
      // What is left is the script's own words: no account (\), DN, SPN or address of its own.
      expect(scrubbed, `comment ${JSON.stringify(line)}`).not.toMatch(
        /\\(?!name\b|<file>)|\b(CN|OU|DC)=|\b(HTTP|HOST)\/|https?:\/\/|\$\(/i,
      );
      continue;
    }
    const tokens = tokenize(trimmed);
    expect(allowedCode, `line ${JSON.stringify(line)}`).toContain(tokens.code);
    for (const literal of tokens.literals) {
      if (fixedLiterals.some((pattern) => pattern.test(literal))) continue;
      const withValue = fixedWithValue.map((pattern) => pattern.exec(literal)).find((match) => match);
      const value = withValue ? (withValue[1] ?? '') : literal;
      expect(provided, `literal ${JSON.stringify(literal)}`).toContain(value);
      data.push(value);
    }
  }
  return data;
}

/** sAMAccountNames AD allows (none of "/\[]:;|=,+*?<>@, at most 20 characters) that mean something to PowerShell. */
const hostileNames = [
  "svc'$(calc)",
  'svc\u2019$(x)#',
  "a`$b'#c",
  "svc ' -D x",
  "x''y\u201b\u201a",
  'svc-web',
];

/** Distinguished names a directory may hold (RFC 4514 escapes) that mean something to PowerShell or cmd. */
const hostileDns = [
  "CN=old\\, svc'$(calc),OU=Service Accounts,DC=contoso,DC=com",
  'CN=x\u2018;calc;\u2019,OU=Service Accounts,DC=contoso,DC=com',
  'CN=a `$b & c | d,OU=Service Accounts,DC=contoso,DC=com',
];

interface ScenarioOptions {
  readonly sam: string;
  readonly accounts: readonly Record<string, unknown>[];
  readonly url?: string;
}

function scenarioFor({ sam, accounts, url }: ScenarioOptions): ScenarioHost {
  return scenarioHostOf({
    ...scenarioEnvelope('handoff-test'),
    target: { url: url ?? 'https://web01.contoso.com/', symptom: 'http-401' },
    machine: contosoWebServer('jane'),
    iis: {
      sites: [
        {
          name: 'Default Web Site',
          id: 1,
          bindings: [{ protocol: 'https', bindingInformation: '*:443:' }],
          applications: [
            {
              path: '/',
              appPool: 'AppPool1',
              windowsAuthentication: { enabled: true, useAppPoolCredentials: true },
              anonymousAuthentication: { enabled: false },
            },
          ],
        },
      ],
      appPools: [{ name: 'AppPool1', identityType: 'SpecificUser', userName: `CONTOSO\\${sam}` }],
    },
    directory: {
      netbiosDomain: 'CONTOSO',
      dnsDomain: 'contoso.com',
      spnWriteAllowed: false,
      accounts: [
        { samAccountName: 'WEB01$', kind: 'computer', spns: ['HOST/WEB01', 'HOST/web01.contoso.com'] },
        ...accounts,
      ],
    },
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iwa-handoff-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

let engines = 0;
function engineFor(host: ScenarioHost): Engine {
  engines += 1;
  return new Engine({
    version: 'test',
    transport: 'web',
    journal: JournalStore.inDirectory(join(dir, `engine-${engines}`)),
    initialHost: host,
  });
}

function offersOf(diagnosis: Diagnosis, cause: string, remedy: RemedyOffer['remedy']): RemedyOffer[] {
  return diagnosis.findings
    .filter((finding) => finding.cause === cause)
    .flatMap((finding) => finding.remedies.filter((offer) => offer.remedy === remedy));
}

describe.each(hostileNames)('admin hand-off for pool account CONTOSO\\%s', (sam) => {
  it('registers: only values the scenario provided, in commands and comments; nothing else runs', async () => {
    const host = scenarioFor({ sam, accounts: [{ samAccountName: sam, kind: 'user', spns: [] }] });
    const engine = engineFor(host);
    const diagnosis = await engine.runDiagnosis(host.scenario.target);
    expect(causes(diagnosis)).toEqual(['spn-missing']);
    const offers = offersOf(diagnosis, 'spn-missing', 'domain.register-spn');
    expect(offers.length).toBe(2);
    expect(offers.every((offer) => !offer.available)).toBe(true);

    const { script, fileName } = await engine.exportHandoff(offers[0]?.offerId ?? '');
    expect(fileName).toBe('iwa-doctor-spn-missing-web01.contoso.com.ps1');
    const poolUser = host.scenario.iis?.appPools[0]?.userName;
    const data = expectOnlyProvidedValues(script, scenarioValues(host.scenario));
    // Both forms registered on exactly the scenario's account, and undone in reverse order.
    expect(data.filter((literal) => literal === poolUser)).toHaveLength(4);
    expect(script).toMatch(
      /setspn\.exe -S 'HTTP\/web01\.contoso\.com' [^\r\n]+\r\n[\s\S]*setspn\.exe -S 'HTTP\/web01' /,
    );
    expect(script).toContain('function Undo-IwaDoctorSpnChange {');
  });

  it('moves an SPN off a wrongly named holder: -D there, -S on the pool account, both undone', async () => {
    const holder = `${sam.slice(0, 16)}-old`;
    const host = scenarioFor({
      sam: 'svc-web',
      accounts: [
        { samAccountName: 'svc-web', kind: 'user', spns: [] },
        { samAccountName: holder, kind: 'user', spns: ['HTTP/web01.contoso.com', 'HTTP/web01'] },
      ],
    });
    const engine = engineFor(host);
    const diagnosis = await engine.runDiagnosis(host.scenario.target);
    expect(causes(diagnosis)).toEqual(['spn-wrong-account']);
    const [move] = offersOf(diagnosis, 'spn-wrong-account', 'domain.register-spn');
    const holderDn = `CN=${holder},CN=Users,DC=contoso,DC=com`;
    expect(move?.params).toMatchObject({ account: 'CONTOSO\\svc-web', fromAccountDn: holderDn });
    const { script } = await engine.exportHandoff(move?.offerId ?? '');
    expectOnlyProvidedValues(script, scenarioValues(host.scenario));
    const commands = script.split('\r\n').filter((line) => /^\s*setspn\.exe -[SD] /.test(line));
    expect(commands).toEqual([
      `setspn.exe -D 'HTTP/web01.contoso.com' '${holderDn.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`,
      "setspn.exe -S 'HTTP/web01.contoso.com' 'CONTOSO\\svc-web'",
      "  setspn.exe -D 'HTTP/web01.contoso.com' 'CONTOSO\\svc-web'",
      `  setspn.exe -S 'HTTP/web01.contoso.com' '${holderDn.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`,
    ]);
  });

  it('the same setspn arguments round-trip through the PowerShell host encoding (base64 JSON)', async () => {
    const host = scenarioFor({ sam, accounts: [{ samAccountName: sam, kind: 'user', spns: [] }] });
    const machine = await host.machineIdentity();
    const offer = {
      offerId: 'o',
      remedy: 'domain.register-spn' as const,
      title: 't',
      scope: 'domain' as const,
      params: { spn: 'HTTP/web01.contoso.com', account: `CONTOSO\\${sam}` },
      available: true,
    };
    const plan = await planServerChange(domainRegisterSpn, offer, { host, machine });
    const operation = plan.operations[0];
    if (operation?.op !== 'tool.run') throw new Error('expected a setspn operation');
    expect(operation.run.args).toEqual(['-S', 'HTTP/web01.contoso.com', `CONTOSO\\${sam}`]);
    const encoded = encodeArguments({ tool: operation.run.tool, args: operation.run.args });
    expect(encoded).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
    expect(decodeArguments(encoded)).toEqual({
      tool: 'setspn',
      args: ['-S', 'HTTP/web01.contoso.com', `CONTOSO\\${sam}`],
    });
  });
});

describe.each(hostileDns)('duplicate removal from the holder %s', (dn) => {
  it('hands off the one removal the person picked, with the DN as one literal and no undo that re-creates the duplicate', async () => {
    const host = scenarioFor({
      sam: 'svc-web',
      accounts: [
        { samAccountName: 'svc-web', kind: 'user', spns: ['HTTP/web01.contoso.com', 'HTTP/web01'] },
        { samAccountName: 'svc-old', kind: 'user', dn, spns: ['HTTP/web01.contoso.com'] },
      ],
    });
    const engine = engineFor(host);
    const diagnosis = await engine.runDiagnosis(host.scenario.target);
    expect(causes(diagnosis)).toEqual(['spn-duplicate']);
    const removals = offersOf(diagnosis, 'spn-duplicate', 'domain.remove-spn');
    expect(removals.map((offer) => offer.params['accountDn'])).toEqual([
      dn,
      'CN=svc-web,CN=Users,DC=contoso,DC=com',
    ]);
    const { script } = await engine.exportHandoff(removals[0]?.offerId ?? '');
    const data = expectOnlyProvidedValues(script, scenarioValues(host.scenario));
    expect(data.filter((value) => value === dn)).toHaveLength(1);
    const commands = script.split('\r\n').filter((line) => /^\s*setspn\.exe -[SD] /.test(line));
    expect(commands.map((line) => tokenize(line.trim()))).toEqual([
      { code: 'setspn.exe -D L L', literals: ['HTTP/web01.contoso.com', dn] },
    ]);
    // The other holder keeps it: the undo says why it does not give the SPN back.
    expect(script.slice(script.indexOf('function Undo-IwaDoctorSpnChange'))).toContain(
      'is not given back to',
    );
  });
});

const libraryScenario = (id: string) =>
  loadScenarioFile(fileURLToPath(new URL(`../../../e2e/scenarios/${id}.json`, import.meta.url)));

describe('fixes that exist only as a hand-off script (a password or an account only the administrator has)', () => {
  it('apppool-identity-split: the other pool runs as the SPN holder (password asked, never kept), useAppPoolCredentials set; undo puts the identity back', async () => {
    const scenario = await libraryScenario('apppool-identity-split');
    const engine = engineFor(new ScenarioHost(scenario));
    const diagnosis = await engine.runDiagnosis(scenario.target);
    const [offer] = offersOf(diagnosis, 'apppool-identity-split', 'iis.set-pool-identity');
    expect(offer).toMatchObject({ scope: 'iis', available: false });
    expect(offer?.unavailableReason).toMatch(/never handles passwords/);
    await expect(engine.previewRemedy(offer?.offerId ?? '')).rejects.toBeInstanceOf(EngineError);
    const { script, fileName } = await engine.exportHandoff(offer?.offerId ?? '');
    expect(fileName).toBe('iwa-doctor-apppool-identity-split-web01.contoso.com.ps1');
    expectOnlyProvidedValues(script, scenarioValues(scenario));
    const code = script
      .split('\r\n')
      .filter((line) => line.trim() && !line.trim().startsWith('#'))
      .map((line) => line.trim());
    expect(code).toContain(
      "$credential = Get-Credential -UserName 'CONTOSO\\svc-web' -Message 'The password of the account that runs application pool ReportsPool'",
    );
    expect(code).toContain(
      "& $appcmd set apppool 'ReportsPool' '/processModel.identityType:SpecificUser' ('/processModel.userName:' + $credential.UserName) ('/processModel.password:' + $credential.GetNetworkCredential().Password)",
    );
    expect(code).toContain(
      "& $appcmd set config 'Default Web Site/reports' '-section:system.webServer/security/authentication/windowsAuthentication' '/useAppPoolCredentials:True' '/commit:apphost'",
    );
    expect(script.slice(script.indexOf('function Undo-IwaDoctorChange'))).toContain(
      "& $appcmd set apppool 'ReportsPool' '/processModel.identityType:ApplicationPoolIdentity'",
    );
    expect(script).not.toMatch(/password:[^'"]/i);
  });

  it('farm-shared-name: the administrator enters the farm account; the SPN leaves the node, the pool runs as that account, and the other nodes are named', async () => {
    const scenario = await libraryScenario('farm-shared-name');
    const engine = engineFor(new ScenarioHost(scenario));
    const diagnosis = await engine.runDiagnosis(scenario.target);
    const [offer] = offersOf(diagnosis, 'farm-shared-name', 'domain.farm-identity');
    expect(offer).toMatchObject({ scope: 'domain', available: false });
    const { script } = await engine.exportHandoff(offer?.offerId ?? '');
    expectOnlyProvidedValues(script, scenarioValues(scenario));
    const code = script
      .split('\r\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    const node = 'CN=WEB02,CN=Computers,DC=contoso,DC=com';
    expect(code.slice(0, 14)).toEqual([
      "$ErrorActionPreference = 'Stop'",
      "$appcmd = Join-Path $env:windir 'system32\\inetsrv\\appcmd.exe'",
      "$ChosenAccount = Read-Host 'The domain account every server behind this name will run pool PortalPool as (DOMAIN\\name)'",
      `if ($ChosenAccount -notmatch '^[A-Za-z0-9][A-Za-z0-9.-]{0,62}\\\\[^"/\\\\\\[\\]:;|=,+*?<>@\\s]{1,20}$') { throw 'Write the account as DOMAIN\\name; nothing was changed.' }`,
      `setspn.exe -D 'HTTP/portal.contoso.com' '${node}'`,
      "if ($LASTEXITCODE -ne 0) { throw 'setspn failed at step 1; the steps after it did not run.' }",
      `setspn.exe -D 'HTTP/portal' '${node}'`,
      "if ($LASTEXITCODE -ne 0) { throw 'setspn failed at step 2; the steps after it did not run.' }",
      "setspn.exe -S 'HTTP/portal.contoso.com' $ChosenAccount",
      "if ($LASTEXITCODE -ne 0) { throw 'setspn failed at step 3; the steps after it did not run.' }",
      "setspn.exe -S 'HTTP/portal' $ChosenAccount",
      "if ($LASTEXITCODE -ne 0) { throw 'setspn failed at step 4; the steps after it did not run.' }",
      "$credential = Get-Credential -UserName $ChosenAccount -Message 'The password of the account that runs application pool PortalPool'",
      "& $appcmd set apppool 'PortalPool' '/processModel.identityType:SpecificUser' ('/processModel.userName:' + $credential.UserName) ('/processModel.password:' + $credential.GetNetworkCredential().Password)",
    ]);
    expect(script).toContain(
      'run its IIS steps (pool identity, useAppPoolCredentials) on every other server',
    );
    expect(script).toContain('client-connection affinity on the load balancer');
  });

  it('etype-mismatch: AES on the decrypting account, a new password it asks for, the pool told the new password; undo restores the previous encryption types', async () => {
    const scenario = await libraryScenario('etype-mismatch');
    const engine = engineFor(new ScenarioHost(scenario));
    const diagnosis = await engine.runDiagnosis(scenario.target);
    const [offer] = offersOf(diagnosis, 'etype-mismatch', 'domain.enable-aes');
    expect(offer).toMatchObject({ scope: 'domain', available: false });
    const { script } = await engine.exportHandoff(offer?.offerId ?? '');
    expectOnlyProvidedValues(script, scenarioValues(scenario));
    const dn = 'CN=svc-web,OU=Service Accounts,DC=contoso,DC=com';
    const code = script
      .split('\r\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(code).toEqual(
      expect.arrayContaining([
        `$IwaDoctorPreviousEncryptionTypes = (Get-ADUser -Identity '${dn}' -Properties 'msDS-SupportedEncryptionTypes').'msDS-SupportedEncryptionTypes'`,
        `Set-ADUser -Identity '${dn}' -Replace @{ 'msDS-SupportedEncryptionTypes' = ([int]$IwaDoctorPreviousEncryptionTypes -bor 0x18) }`,
        `Set-ADAccountPassword -Identity '${dn}' -Reset`,
        "$credential = Get-Credential -UserName 'CONTOSO\\svc-web' -Message 'The password of the account that runs application pool AppPool1'",
        `if ($null -eq $IwaDoctorPreviousEncryptionTypes) { Set-ADUser -Identity '${dn}' -Clear 'msDS-SupportedEncryptionTypes' }`,
      ]),
    );
    // The reset and the pool's new password cannot be undone; the script says so instead of pretending.
    expect(script).toContain('the old one is gone and cannot be put back');
    expect(script).toContain(
      'pool AppPool1 keeps the new password of CONTOSO\\svc-web: the old one is gone.',
    );
  });
});
