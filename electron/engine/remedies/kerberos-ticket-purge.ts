/**
 * After an SPN change (issue 6): `klist purge` drops the Kerberos tickets this computer's
 * logon session already holds (reference §6.1), so the next sign-in asks the domain
 * controller again and sees the new SPN. It changes no configuration, so it is not journaled.
 */
import type { Host } from '../../host/host.js';

export async function purgeKerberosTickets(host: Host): Promise<string> {
  const run = await host.runTool('klist', ['purge']);
  if (run.outcome === 'succeeded')
    return 'Ran klist purge: the Kerberos tickets cached on this computer were cleared, so the next sign-in gets a fresh ticket.';
  const said =
    `${run.stdout}\n${run.stderr}`
      .split(/\r?\n/)
      .find((line) => line.trim().length > 0)
      ?.trim() ??
    run.reason ??
    'no answer';
  return `klist purge did not run (${said.slice(0, 200)}); the checks ran again anyway. Sign out and in again to clear old tickets.`;
}
