/**
 * The admin hand-off as the engine exports it (issue 6): built from a scenario where the
 * person may not write SPNs, with hostile account names. The script holds no value the
 * scenario did not provide, every value is a single-quoted literal that reads back exactly,
 * and the same values round-trip through the PowerShell host's argument encoding.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPowerShellSingleQuote } from '../../../shared/handoff/powershell-literal.js';
import { decodeArguments, encodeArguments } from '../../host/powershell/argument-encoding.js';
import { parseScenario } from '../../host/scenario/load-scenario.js';
import { ScenarioHost } from '../../host/scenario/scenario-host.js';
import { Engine } from '../engine.js';
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

const allowedCode = new Set([
  '$ErrorActionPreference = L',
  'setspn.exe -S L L',
  'setspn.exe -D L L',
  'setspn.exe -Q L',
  'setspn.exe -X',
  'if ($LASTEXITCODE -ne 0) { throw L }',
  'function Undo-IwaDoctorSpnChange {',
  '}',
  '',
]);

/** sAMAccountNames AD allows (none of "/\[]:;|=,+*?<>@, at most 20 characters) that mean something to PowerShell. */
const hostileNames = [
  "svc'$(calc)",
  'svc\u2019$(x)#',
  "a`$b'#c",
  "svc ' -D x",
  "x''y\u201b\u201a",
  'svc-web',
];

function scenarioFor(sam: string): ScenarioHost {
  return new ScenarioHost(
    parseScenario(
      JSON.stringify({
        format: 'iwa-doctor-scenario',
        version: 1,
        id: 'handoff-test',
        title: 'handoff test',
        description: '',
        target: { url: 'https://web01.contoso.com/', symptom: 'http-401' },
        expect: { causes: ['spn-missing'] },
        machine: {
          computerName: 'WEB01',
          isServer: true,
          domain: 'CONTOSO',
          dnsDomain: 'contoso.com',
          user: { name: 'jane', domain: 'CONTOSO', kind: 'domain' },
        },
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
            { samAccountName: sam, kind: 'user', spns: [] },
          ],
        },
      }),
      'test',
    ),
  );
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iwa-handoff-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe.each(hostileNames)('admin hand-off for pool account CONTOSO\\%s', (sam) => {
  it('holds only values the scenario provided, as literals that read back exactly, and nothing else runs', async () => {
    const host = scenarioFor(sam);
    const engine = new Engine({
      version: 'test',
      transport: 'web',
      journal: JournalStore.inDirectory(join(dir, encodeURIComponent(sam))),
      initialHost: host,
    });
    const diagnosis = await engine.runDiagnosis(host.scenario.target);
    expect(diagnosis.findings.map((finding) => finding.cause)).toEqual(['spn-missing']);
    const offers = diagnosis.findings[0]?.remedies ?? [];
    expect(offers.length).toBe(2);
    expect(offers.every((offer) => !offer.available)).toBe(true);

    const { script, fileName } = await engine.exportHandoff(offers[0]?.offerId ?? '');
    expect(fileName).toBe('iwa-doctor-spn-missing-web01.contoso.com.ps1');
    const poolUser = host.scenario.iis?.appPools[0]?.userName;
    const provided = new Set([poolUser, 'HTTP/web01.contoso.com', 'HTTP/web01', 'Stop']);
    const literals: string[] = [];
    for (const line of script.split('\r\n')) {
      if (line.trimStart().startsWith('#')) continue;
      const tokens = tokenize(line.trim());
      expect(allowedCode, `line ${JSON.stringify(line)}`).toContain(tokens.code);
      literals.push(...tokens.literals);
    }
    // The script's own fixed texts aside, every literal is a value of the scenario.
    const data = literals.filter(
      (literal) => !/^setspn failed at step \d+; the steps after it did not run\.$/.test(literal),
    );
    for (const literal of data) expect(provided, `literal ${JSON.stringify(literal)}`).toContain(literal);
    // Both forms registered on exactly the scenario's account, and undone in reverse order.
    expect(data.filter((literal) => literal === poolUser)).toHaveLength(4);
    expect(script).toMatch(
      /setspn\.exe -S 'HTTP\/web01\.contoso\.com' [^\r\n]+\r\n[\s\S]*setspn\.exe -S 'HTTP\/web01' /,
    );
    expect(script).toContain('function Undo-IwaDoctorSpnChange {');
  });

  it('the same setspn arguments round-trip through the PowerShell host encoding (base64 JSON)', async () => {
    const host = scenarioFor(sam);
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
