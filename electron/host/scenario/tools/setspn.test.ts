import { describe, expect, it } from 'vitest';
import {
  parseSetspnChange,
  parseSetspnDuplicates,
  parseSetspnList,
  parseSetspnQuery,
} from '../../../../shared/spn/setspn-output.js';
import type { ScenarioHost } from '../scenario-host.js';
import { contosoWebServer, scenarioEnvelope, scenarioHostOf } from '../testing/contoso-test-scenario.js';

function host(directory: Record<string, unknown> | undefined): ScenarioHost {
  return scenarioHostOf({
    ...scenarioEnvelope('setspn-test'),
    target: { url: 'https://web01.contoso.com/', symptom: 'check-everything' },
    machine: contosoWebServer('admin'),
    ...(directory ? { directory } : {}),
  });
}

const directory = {
  netbiosDomain: 'CONTOSO',
  dnsDomain: 'contoso.com',
  spnWriteAllowed: true,
  accounts: [
    { samAccountName: 'WEB01$', kind: 'computer', spns: ['HOST/WEB01', 'HOST/web01.contoso.com'] },
    {
      samAccountName: 'svc-web',
      kind: 'user',
      dn: 'CN=svc-web,OU=Service Accounts,DC=contoso,DC=com',
      spns: ['HTTP/web01.contoso.com'],
    },
    { samAccountName: 'svc-old', kind: 'user', spns: ['HTTP/web01.contoso.com'] },
  ],
};

describe('simulated setspn (reference §3.2 formats, read back by the real parsers)', () => {
  it('lists an account by DOMAIN\\name and a computer by its name', async () => {
    const scenarioHost = host(directory);
    const run = await scenarioHost.runTool('setspn', ['-L', 'CONTOSO\\svc-web']);
    expect(parseSetspnList(run.stdout)).toEqual({
      kind: 'list',
      accountDn: 'CN=svc-web,OU=Service Accounts,DC=contoso,DC=com',
      spns: ['HTTP/web01.contoso.com'],
    });
    const computer = parseSetspnList((await scenarioHost.runTool('setspn', ['-L', 'WEB01'])).stdout);
    expect(computer).toMatchObject({ accountDn: 'CN=WEB01,CN=Computers,DC=contoso,DC=com' });
    expect(parseSetspnList((await scenarioHost.runTool('setspn', ['-L', 'nobody'])).stdout)).toEqual({
      kind: 'account-not-found',
      account: 'nobody',
      lookupError: 0x525,
    });
  });

  it('queries with wildcards and lists every owner', async () => {
    const scenarioHost = host(directory);
    const found = parseSetspnQuery(
      (await scenarioHost.runTool('setspn', ['-Q', 'http/WEB01.contoso.com'])).stdout,
    );
    expect(found.kind === 'query' && found.objects.map((object) => object.dn)).toEqual([
      'CN=svc-web,OU=Service Accounts,DC=contoso,DC=com',
      'CN=svc-old,CN=Users,DC=contoso,DC=com',
    ]);
    const wildcard = parseSetspnQuery(
      (await scenarioHost.runTool('setspn', ['-Q', '*/web01.contoso.com'])).stdout,
    );
    expect(wildcard.kind === 'query' && wildcard.objects.length).toBe(3);
    expect(
      parseSetspnQuery((await scenarioHost.runTool('setspn', ['-Q', 'HTTP/nothing'])).stdout),
    ).toMatchObject({ found: false });
  });

  it('reports duplicates with exit code 1, as real setspn -X does', async () => {
    const run = await host(directory).runTool('setspn', ['-X']);
    expect(run.exitCode).toBe(1);
    expect(parseSetspnDuplicates(run.stdout)).toMatchObject({
      reportedGroupCount: 1,
      groups: [{ spn: 'HTTP/web01.contoso.com' }],
    });
  });

  it('-S adds, refuses duplicates, and -D removes, changing the scenario', async () => {
    const scenarioHost = host(directory);
    const added = await scenarioHost.runTool('setspn', ['-S', 'HTTP/web01', 'CONTOSO\\svc-web']);
    expect(parseSetspnChange(added.stdout)).toEqual({
      kind: 'updated',
      action: 'register',
      accountDn: 'CN=svc-web,OU=Service Accounts,DC=contoso,DC=com',
      spns: ['HTTP/web01'],
    });
    expect(scenarioHost.scenario.directory?.accounts[1]?.spns).toEqual([
      'HTTP/web01.contoso.com',
      'HTTP/web01',
    ]);
    const duplicate = await scenarioHost.runTool('setspn', ['-S', 'HTTP/web01', 'svc-old']);
    expect([duplicate.exitCode, parseSetspnChange(duplicate.stdout).kind]).toEqual([1, 'duplicate']);
    const removed = await scenarioHost.runTool('setspn', ['-D', 'HTTP/web01', 'CONTOSO\\svc-web']);
    expect(parseSetspnChange(removed.stdout)).toMatchObject({ kind: 'updated', action: 'unregister' });
    expect(scenarioHost.scenario.directory?.accounts[1]?.spns).toEqual(['HTTP/web01.contoso.com']);
  });

  it('refuses a write without rights and answers without a DC', async () => {
    const denied = await host({ ...directory, spnWriteAllowed: false }).runTool('setspn', [
      '-S',
      'HTTP/web01',
      'CONTOSO\\svc-web',
    ]);
    expect(parseSetspnChange(denied.stdout).kind).toBe('access-denied');
    const offline = await host({ ...directory, dcReachable: false }).runTool('setspn', ['-L', 'svc-web']);
    expect(offline.outcome).toBe('failed');
    const workgroup = await host(undefined).runTool('setspn', ['-Q', 'HTTP/x']);
    expect(workgroup.stdout).toContain('DsGetDcNameWithAccountW');
  });
});
