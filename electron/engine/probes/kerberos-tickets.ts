/**
 * Probe `kerberos:tickets`: the current logon session's ticket cache (`klist`) and a fresh
 * request for the web server's SPN (`klist get HTTP/<host>`), reference §6.1; when a ticket for
 * the SPN is cached, who holds the SPN now and when its registration last changed
 * (spn-registration-change.ts, for stale-ticket). The SPN uses the host as typed; browsers may
 * ask for the CNAME target instead (§7.3).
 */
import type { Evidence } from '../../../shared/model/evidence.js';
import '../../../shared/rules/workstation/workstation-evidence.js';
import { klistFailureMeanings, parseKlistOutput } from '../../../shared/windows-output/klist-output.js';
import { parseZoneUrl } from '../../../shared/zones/zone-url.js';
import type { Probe } from '../probe.js';
import { runToolForProbe } from './run-tool-output.js';
import { readSpnRegistrationChange } from './spn-registration-change.js';

export const kerberosTicketsProbe: Probe = {
  id: 'kerberos:tickets',
  title: 'Your Kerberos tickets, and whether one can be had for the web server',
  async run({ host, target }) {
    const spnHost = parseZoneUrl(target.url).host;
    const spn = `HTTP/${spnHost}`;
    const list = await runToolForProbe(host, 'klist', []);
    const listed = parseKlistOutput(list.run.stdout);
    const get = await runToolForProbe(host, 'klist', ['get', spn]);
    const got = parseKlistOutput(get.run.stdout || get.run.stderr);
    const ticketsForSpn = listed.tickets.filter(
      (ticket) => ticket.server.toLowerCase() === spn.toLowerCase(),
    );
    const failure = got.failure;
    const raw = [list.raw, get.raw];
    // Only a cached ticket can be stale: the directory is asked when there is one (stale-ticket).
    const registration =
      ticketsForSpn.length > 0 ? await readSpnRegistrationChange(host, spnHost, raw) : undefined;
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
        ...(registration ? { registration } : {}),
      },
      raw,
    };
    return [evidence];
  },
};
