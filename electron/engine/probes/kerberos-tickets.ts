/**
 * Probe `kerberos:tickets`: the current logon session's ticket cache (`klist`) and a fresh
 * request for the web server's SPN (`klist get HTTP/<host>`), reference §6.1. The SPN uses the
 * host as typed; browsers may ask for the CNAME target instead (§7.3).
 */
import type { Evidence } from '../../../shared/model/evidence.js';
import '../../../shared/rules/workstation/workstation-evidence.js';
import { klistFailureMeanings, parseKlistOutput } from '../../../shared/windows-output/klist-output.js';
import { parseZoneUrl } from '../../../shared/zones/zone-url.js';
import type { Probe } from '../probe.js';
import { runToolForProbe } from './run-tool-output.js';

export const kerberosTicketsProbe: Probe = {
  id: 'kerberos:tickets',
  title: 'Your Kerberos tickets, and whether one can be had for the web server',
  async run({ host, target }) {
    const spn = `HTTP/${parseZoneUrl(target.url).host}`;
    const list = await runToolForProbe(host, 'klist', []);
    const listed = parseKlistOutput(list.run.stdout);
    const get = await runToolForProbe(host, 'klist', ['get', spn]);
    const got = parseKlistOutput(get.run.stdout || get.run.stderr);
    const ticketsForSpn = listed.tickets.filter(
      (ticket) => ticket.server.toLowerCase() === spn.toLowerCase(),
    );
    const failure = got.failure;
    const evidence: Evidence<'kerberos-tickets'> = {
      id: 'kerberos-tickets',
      probe: this.id,
      kind: 'kerberos-tickets',
      status: failure ? 'problem' : 'ok',
      summary: failure
        ? `No ticket for ${spn}: ${klistFailureMeanings[failure.status] ?? failure.message} (0x${failure.status.toString(16)}).`
        : `A ticket for ${spn} can be had; ${ticketsForSpn.length} cached.`,
      facts: {
        spn,
        listed: true,
        tickets: listed.tickets,
        ticketsForSpn,
        get: { retrieved: got.retrieved, failure },
      },
      raw: [list.raw, get.raw],
    };
    return [evidence];
  },
};
