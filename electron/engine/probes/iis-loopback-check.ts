/**
 * Probe `loopback:check`: DisableLoopbackCheck and BackConnectionHostNames (reference
 * §7.1), and whether this machine's IIS serves the host (then browsing it here is browsing
 * the server itself).
 */
import { formatRegQuery } from '../../../shared/host/reg-query-format.js';
import { loopbackBlocks, lsaKey, readLoopbackSettings } from '../../../shared/iis/loopback-settings.js';
import type { Evidence } from '../../../shared/model/evidence.js';
import '../../../shared/rules/server/server-evidence.js';
import { loopbackCheckIsTheCause } from '../../../shared/rules/server/loopback-check-rule.js';
import type { Probe } from '../probe.js';
import { iisApplicationFor } from './iis-application.js';

export const iisLoopbackCheckProbe: Probe = {
  id: 'loopback:check',
  title: 'Whether Windows lets this server sign in to its own site by this name (loopback check)',
  async run({ host, target, machine, signal }) {
    const key = { ...lsaKey };
    const tree = await host.readRegistryTree(key, 1);
    const settings = readLoopbackSettings(tree);
    const iis = await iisApplicationFor({ host, target, machine, signal });
    const hostName = new URL(target.url).hostname.toLowerCase();
    const servedHere = iis.facts.site !== null;
    const blocks = servedHere && loopbackBlocks(hostName, machine.computerName, settings);
    const msv = tree?.subkeys.find((subkey) => subkey.name.toLowerCase() === 'msv1_0') ?? null;
    const facts = { settings, host: hostName, computerName: machine.computerName, servedHere };
    // A blocking check is a fact on every server whose site name is not its computer name; it is
    // a problem only when it is what the person reported (the rule's own test).
    const isTheCause = loopbackCheckIsTheCause(facts, target);
    const evidence: Evidence<'loopback-settings'> = {
      id: 'loopback-settings',
      probe: this.id,
      kind: 'loopback-settings',
      status: isTheCause ? 'problem' : 'info',
      summary: !servedHere
        ? `${hostName} is not served by IIS on ${machine.computerName}.`
        : blocks
          ? `Browsing ${hostName} on ${machine.computerName} itself is refused by the loopback check (not in BackConnectionHostNames)` +
            (isTheCause ? '.' : '; from other computers it is not affected.')
          : `Browsing ${hostName} on ${machine.computerName} itself is allowed.`,
      facts,
      raw: [
        {
          label: `reg query "HKLM\\${key.path}" /v DisableLoopbackCheck`,
          text: formatRegQuery(key, tree ? { ...tree, subkeys: [] } : null),
        },
        {
          label: `reg query "HKLM\\${key.path}\\MSV1_0" /v BackConnectionHostNames`,
          text: formatRegQuery({ hive: 'HKLM', path: `${key.path}\\MSV1_0` }, msv),
        },
      ],
    };
    return [evidence];
  },
};
