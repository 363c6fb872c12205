/**
 * The server probes on the Windows path, Node side: through the real PowerShell host (fixed
 * run-tool script, arguments as base64 JSON) with a session that answers like Windows would —
 * appcmd and setspn output in the formats of reference §3.2 and §4.3/§4.4 (captured samples
 * from shared/iis/fixtures and shared/spn/fixtures where they fit this case, otherwise
 * reconstructed in the same format). PowerShell itself cannot run here; everything from the
 * probe to the parsed facts and the verdict is the real code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../shared/model/evidence.js';
import type { Target } from '../../../shared/model/target.js';
import { decryptionChainRule } from '../../../shared/rules/server/decryption-chain-rule.js';
import type { MachineIdentity } from '../../host/host.js';
import { createPowerShellHost } from '../../host/powershell/create-powershell-host.js';
import {
  CapturingPowerShellSession,
  printedResult,
} from '../../host/powershell/testing/capturing-powershell-session.js';
import { iisApplicationProbe } from './iis-application.js';
import { createSpnRegistrationsProbe } from './spn-registrations.js';

const fixture = (path: string) => readFileSync(new URL(`../../../shared/${path}`, import.meta.url), 'utf8');
const crlf = (lines: readonly string[]) => `${lines.join('\r\n')}\r\n`;
const password = 'Pa$$w0rd-never-shown';

/** What Windows prints for each invocation in this case (WEB04, pool "Pool" as CORP\iis_service). */
function windowsOutput(tool: string, args: readonly string[]): { exitCode: number; stdout: string } {
  const command = `${tool} ${args.join(' ')}`;
  switch (command) {
    case 'appcmd list site /xml /config':
      return {
        exitCode: 0,
        stdout: crlf([
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<appcmd>',
          '    <SITE SITE.NAME="Site" SITE.ID="1" bindings="http/*:80:" state="Started">',
          '        <site name="Site" id="1">',
          '            <bindings>',
          '                <binding protocol="http" bindingInformation="*:80:" />',
          '            </bindings>',
          '        </site>',
          '    </SITE>',
          '</appcmd>',
        ]),
      };
    case 'appcmd list app /xml':
      return { exitCode: 0, stdout: fixture('iis/fixtures/app-list.xml') }; // [V-ex] APP "Site/" in pool "Pool"
    case 'appcmd list apppool /xml /config':
      // The /config form prints the SpecificUser password in clear text (§4.4).
      return {
        exitCode: 0,
        stdout: crlf([
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<appcmd>',
          '  <APPPOOL APPPOOL.NAME="Pool" PipelineMode="Integrated" RuntimeVersion="v4.0" state="Started">',
          '    <add name="Pool" managedRuntimeVersion="v4.0">',
          `        <processModel identityType="SpecificUser" userName="CORP\\iis_service" password="${password}" />`,
          '    </add>',
          '  </APPPOOL>',
          '</appcmd>',
        ]),
      };
    case 'appcmd list config Site -section:system.webServer/security/authentication/windowsAuthentication /xml /config:*':
      return { exitCode: 0, stdout: fixture('iis/fixtures/config-windowsauth-xml.reconstructed.xml') }; // kernel mode on, useAppPoolCredentials false
    case 'appcmd list config Site -section:system.webServer/security/authentication/anonymousAuthentication /xml /config:*':
      return {
        exitCode: 0,
        stdout: crlf([
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<appcmd>',
          '    <CONFIG CONFIG.SECTION="system.webServer/security/authentication/anonymousAuthentication" path="MACHINE/WEBROOT/APPHOST/Site" overrideMode="Inherit" locked="false">',
          '        <system.webServer-security-authentication-anonymousAuthentication enabled="false" userName="IUSR" />',
          '    </CONFIG>',
          '</appcmd>',
        ]),
      };
    case 'setspn -Q HTTP/web04.corp.com':
    case 'setspn -Q HTTP/web04':
      return {
        exitCode: 0,
        stdout: crlf([
          'Checking domain DC=corp,DC=com',
          'CN=iis_service,CN=Users,DC=corp,DC=com',
          '        HTTP/web04.corp.com',
          '        HTTP/web04',
          '        HTTP/web04.corp.com:80',
          '',
          'Existing SPN found!',
        ]),
      };
    case 'setspn -Q HOST/web04.corp.com':
    case 'setspn -Q HOST/web04':
      return {
        exitCode: 0,
        stdout: crlf([
          'Checking domain DC=corp,DC=com',
          'CN=WEB04,CN=Computers,DC=corp,DC=com',
          '        HOST/WEB04',
          '        HOST/web04.corp.com',
          '',
          'Existing SPN found!',
        ]),
      };
    case 'setspn -L CORP\\WEB04$':
      return {
        exitCode: 0,
        stdout: crlf([
          'Registered ServicePrincipalNames for CN=WEB04,CN=Computers,DC=corp,DC=com:',
          '        HOST/WEB04',
          '        HOST/web04.corp.com',
        ]),
      };
    case 'setspn -L CORP\\iis_service':
      return {
        exitCode: 0,
        stdout: fixture('spn/fixtures/setspn-L-iis_service.txt').replace(/^C:\\Tools>.*\r?\n/, ''),
      }; // [V-ex]
    case 'setspn -X':
      return {
        exitCode: 1,
        stdout: crlf([
          'Checking domain DC=corp,DC=com',
          'Processing entry 0',
          'found 0 group of duplicate SPNs.',
        ]),
      }; // exit 1 even on success (§3.2)
    default:
      throw new Error(`unexpected invocation: ${command}`);
  }
}

interface SentToolRun {
  readonly tool: string;
  readonly args: readonly string[];
}

function windowsLikeSession(sent: SentToolRun[]): CapturingPowerShellSession {
  return new CapturingPowerShellSession((text) => {
    const base64 = /\n\} -ArgumentsBase64 '([A-Za-z0-9+/]*={0,2})' \| Out-Null\n\n$/.exec(text)?.[1];
    if (!base64) throw new Error('invocation without the base64 argument literal');
    const call = JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as SentToolRun;
    sent.push(call);
    const { exitCode, stdout } = windowsOutput(call.tool, call.args);
    const outcome = exitCode === 0 ? 'succeeded' : 'failed';
    return printedResult(
      JSON.stringify({
        ok: true,
        value: { outcome, exitCode, stdout, stderr: '', path: `C:\\Windows\\System32\\${call.tool}.exe` },
      }),
    );
  });
}

const machine: MachineIdentity = {
  computerName: 'WEB04',
  domain: 'CORP',
  dnsDomain: 'corp.com',
  user: { name: 'admin', domain: 'CORP', kind: 'domain' },
  os: 'Windows Server 2022',
  isServer: true,
  elevated: true,
};
const target: Target = { url: 'http://web04.corp.com/', symptom: 'http-401' };

describe('server probes through the PowerShell host', () => {
  it('read IIS and the directory from Windows-format output and end at the broken link', async () => {
    const sent: SentToolRun[] = [];
    const session = windowsLikeSession(sent);
    const host = createPowerShellHost({ startSession: () => session });
    const context = { host, target, machine, signal: new AbortController().signal };
    const evidence: Evidence[] = [
      ...(await iisApplicationProbe.run(context)),
      ...(await createSpnRegistrationsProbe(async () => null).run(context)),
    ];

    // Every tool ran through run-tool with an argument array; no argument became script text.
    expect(sent.every((call) => Array.isArray(call.args))).toBe(true);
    for (const text of session.sent) expect(text).not.toContain('web04.corp.com');
    expect(sent.map((call) => `${call.tool} ${call.args[0]} ${call.args[1] ?? ''}`.trim())).toEqual(
      expect.arrayContaining([
        'appcmd list site',
        'setspn -Q HTTP/web04.corp.com',
        'setspn -L CORP\\WEB04$',
        'setspn -L CORP\\iis_service',
        'setspn -X',
      ]),
    );
    // The clear-text pool password never reaches the evidence.
    expect(JSON.stringify(evidence)).not.toContain(password);

    const iis = evidence.find((item) => item.kind === 'iis-application');
    expect([iis?.status, iis?.summary]).toEqual([
      'info',
      'Site runs in pool Pool as CORP\\iis_service; Windows authentication on, providers Negotiate, NTLM, kernel mode on, useAppPoolCredentials false; anonymous off.',
    ]);
    const { findings } = decryptionChainRule({ target, evidence });
    expect(findings.map((finding) => finding.cause)).toEqual(['kernel-mode-no-apppool-creds']);
    expect(findings[0]?.explanation).toContain(
      'Verdict: Browsers ask for HTTP/web04.corp.com → registered on CORP\\iis_service → pool Pool runs as CORP\\iis_service → kernel mode on, useAppPoolCredentials false: http.sys decrypts with CORP\\WEB04$ ✗',
    );
    expect(evidence.find((item) => item.kind === 'spn-registrations')?.summary).toContain(
      'Verdict: Browsers ask for HTTP/web04.corp.com',
    );
  });
});
