/**
 * Probe `credentials:stored`: Windows Credential Manager entries (`cmdkey /list`, reference
 * §7.6) that name the web server: `Domain:target=<fqdn>`, `<first label>`, or a `*.` target
 * covering the host. Only names are read; cmdkey never prints passwords.
 */
import type { Evidence } from '../../../shared/model/evidence.js';
import { globMatches } from '../../../shared/proxy/proxy-override.js';
import '../../../shared/rules/workstation/workstation-evidence.js';
import { parseCmdkeyList, type StoredCredential } from '../../../shared/windows-output/cmdkey-list.js';
import { parseZoneUrl } from '../../../shared/zones/zone-url.js';
import type { Probe } from '../probe.js';
import { runToolForProbe } from './run-tool-output.js';

export function credentialsForHost(
  credentials: readonly StoredCredential[],
  host: string,
): StoredCredential[] {
  const firstLabel = host.split('.')[0] ?? host;
  return credentials.filter((credential) => {
    if (credential.targetKind !== 'Domain') return false;
    const name = credential.targetName.toLowerCase();
    return name === host || name === firstLabel || (name.includes('*') && globMatches(name, host));
  });
}

export const storedCredentialsProbe: Probe = {
  id: 'credentials:stored',
  title: 'Saved sign-ins for the web server in Windows Credential Manager',
  async run({ host, target }) {
    const url = parseZoneUrl(target.url);
    const cmdkey = await runToolForProbe(host, 'cmdkey', ['/list']);
    const credentials = parseCmdkeyList(cmdkey.run.stdout);
    const forHost = credentialsForHost(credentials, url.host);
    const evidence: Evidence<'stored-credentials'> = {
      id: 'stored-credentials',
      probe: this.id,
      kind: 'stored-credentials',
      status: forHost.length > 0 ? 'problem' : 'ok',
      summary:
        forHost.length > 0
          ? `Saved sign-in for ${url.host}: ${forHost.map((credential) => credential.target).join(', ')}.`
          : `No saved Windows sign-in for ${url.host}.`,
      facts: { host: url.host, credentials, forHost },
      raw: [cmdkey.raw],
    };
    return [evidence];
  },
};
