/**
 * Simulated `nltest /dsgetdc:<domain>`: the DC locator's answer in nltest's layout, or
 * `Getting DC name failed: Status = 1355 0x54b ERROR_NO_SUCH_DOMAIN` when no DC is found
 * (both forms reconstructed; see shared/windows-output/nltest-dsgetdc.ts).
 */
import type { SimulatedTool } from '../simulated-tool.js';
import { domainControllerOf } from './workstation-state.js';

const crlf = '\r\n';

export const simulatedNltest: SimulatedTool = (args, scenario) => {
  const [command = ''] = args;
  const match = /^\/dsgetdc:(.+)$/i.exec(command);
  if (!match) return { exitCode: 87, stdout: '', stderr: `nltest: unsupported arguments${crlf}` };
  const asked = (match[1] ?? '').toLowerCase();
  const { machine } = scenario;
  const dc = domainControllerOf(scenario);
  const knownDomain = asked === machine.dnsDomain?.toLowerCase() || asked === machine.domain?.toLowerCase();
  if (!knownDomain || dc === null || !dc.reachable) {
    return {
      exitCode: 1355,
      stdout: `Getting DC name failed: Status = 1355 0x54b ERROR_NO_SUCH_DOMAIN${crlf}`,
      stderr: '',
    };
  }
  const domain = machine.dnsDomain ?? asked;
  const lines = [
    `           DC: \\\\${dc.name}`,
    `      Address: \\\\${dc.address}`,
    `     Dom Guid: 6f1a0a47-2b1e-4c7e-9d33-5b8f2a1c0e42`,
    `     Dom Name: ${domain}`,
    `  Forest Name: ${domain}`,
    ` Dc Site Name: ${dc.site}`,
    `Our Site Name: ${dc.site}`,
    '        Flags: PDC GC DS LDAP KDC TIMESERV GTIMESERV WRITABLE DNS_DC DNS_DOMAIN DNS_FOREST CLOSE_SITE FULL_SECRET WS DS_8 DS_9 DS_10',
    'The command completed successfully',
    '',
  ];
  return { exitCode: 0, stdout: lines.join(crlf), stderr: '' };
};
