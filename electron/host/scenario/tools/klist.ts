/**
 * Simulated `klist` (reference §6.1, Microsoft samples): `klist` / `klist tickets`,
 * `klist get <SPN>` (adds a ticket issued at the scenario's `workstation.localTime` to the cache
 * unless one for that SPN is cached already — whether the real `klist get` hands back a cached
 * ticket or asks the KDC again is not established by the reference [U] — or fails with the
 * real error lines) and `klist purge` (empties the cache). The TGT (krbtgt/<REALM>) is listed on a domain member
 * whose KDC is reachable, for a domain account.
 */
import type { Scenario } from '../../../../shared/scenario/scenario-schema.js';
import { ticketFlagNames } from '../../../../shared/windows-output/kerberos-ticket-flags.js';
import type { SimulatedTool } from '../simulated-tool.js';
import {
  domainControllerOf,
  kdcKnowsSpn,
  kdcReachable,
  realmOf,
  workstationState,
} from './workstation-state.js';

const crlf = '\r\n';

interface PrintedTicket {
  readonly server: string;
  readonly encryptionType: string;
  readonly flags: number;
  readonly startTime: string;
  readonly endTime: string;
  readonly renewTime: string;
  readonly cacheFlags: string;
}

function printTicket(
  index: number,
  client: string,
  realm: string,
  ticket: PrintedTicket,
  kdc: string,
): string[] {
  const flags = `0x${ticket.flags.toString(16)}`;
  return [
    `#${index}>     Client: ${client} @ ${realm}`,
    `        Server: ${ticket.server} @ ${realm}`,
    `        KerbTicket Encryption Type: ${ticket.encryptionType}`,
    `        Ticket Flags ${flags} -> ${ticketFlagNames(ticket.flags).join(' ')}`,
    `        Start Time: ${ticket.startTime} (local)`,
    `        End Time:   ${ticket.endTime} (local)`,
    `        Renew Time: ${ticket.renewTime} (local)`,
    `        Session Key Type: ${ticket.encryptionType}`,
    `        Cache Flags: ${ticket.cacheFlags}`,
    `        Kdc Called: ${kdc}`,
  ];
}

/** `2022-11-28T01:28:11` as klist prints it in the Microsoft sample's (en-US) locale: `11/28/2022 1:28:11` (§6.1). */
function klistTime(moment: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${moment.getUTCMonth() + 1}/${moment.getUTCDate()}/${moment.getUTCFullYear()} ${moment.getUTCHours()}:${two(moment.getUTCMinutes())}:${two(moment.getUTCSeconds())}`;
}

/** A ticket obtained at the machine's local time: valid 10 hours, renewable 7 days (the sample's lifetimes, §6.1). */
function newTicketTimes(localTime: string): { startTime: string; endTime: string; renewTime: string } {
  // Wall-clock arithmetic only: the text is read and printed as if it were UTC, so no time zone enters.
  const start = new Date(`${localTime}Z`);
  const hours = (count: number) => new Date(start.getTime() + count * 3_600_000);
  return { startTime: klistTime(start), endTime: klistTime(hours(10)), renewTime: klistTime(hours(7 * 24)) };
}

function cachedTickets(scenario: Scenario): PrintedTicket[] {
  const state = workstationState(scenario);
  const realm = realmOf(scenario);
  const tickets: PrintedTicket[] = [];
  if (
    realm !== null &&
    scenario.machine.user.kind === 'domain' &&
    scenario.machine.domain !== null &&
    state.tickets.length > 0
  ) {
    const first = state.tickets[0];
    tickets.push({
      server: `krbtgt/${realm}`,
      encryptionType: 'AES-256-CTS-HMAC-SHA1-96',
      flags: 0x40e10000,
      startTime: first?.startTime ?? '11/28/2022 1:28:11',
      endTime: first?.endTime ?? '11/28/2022 11:28:11',
      renewTime: first?.renewTime ?? '12/5/2022 1:28:11',
      cacheFlags: '0x1 -> PRIMARY',
    });
  }
  for (const ticket of state.tickets) tickets.push({ ...ticket, cacheFlags: '0' });
  return tickets;
}

function listTickets(scenario: Scenario, header: string[]): string {
  const realm = realmOf(scenario) ?? 'WORKGROUP';
  const kdc = domainControllerOf(scenario)?.name ?? '(none)';
  const tickets = cachedTickets(scenario);
  const lines = [...header, '', `Cached Tickets: (${tickets.length})`, ''];
  tickets.forEach((ticket, index) => {
    lines.push(...printTicket(index, scenario.machine.user.name, realm, ticket, kdc), '');
  });
  return lines.join(crlf);
}

function failure(
  logonId: string,
  substatus: string,
  status: number,
  decimal: number,
  message: string,
): { exitCode: number; stdout: string; stderr: string } {
  return {
    exitCode: 1,
    stdout: [
      `Current LogonId is ${logonId}`,
      `Error calling API LsaCallAuthenticationPackage (GetTicket substatus): ${substatus}`,
      '',
      `klist failed with 0x${status.toString(16)}/${decimal}: ${message}`,
      '',
    ].join(crlf),
    stderr: '',
  };
}

export const simulatedKlist: SimulatedTool = (args, scenario) => {
  const state = workstationState(scenario);
  const header = [`Current LogonId is ${state.logonId}`];
  const [command = 'tickets', spn] = args;
  switch (command.toLowerCase()) {
    case 'tickets':
    case 'tgt':
      return { exitCode: 0, stdout: listTickets(scenario, header), stderr: '' };
    case 'purge':
      state.tickets = [];
      return {
        exitCode: 0,
        stdout: [...header, '        Deleting all tickets:', '        Ticket(s) purged!', ''].join(crlf),
        stderr: '',
      };
    case 'get': {
      if (!spn) return { exitCode: 1, stdout: '', stderr: 'klist get requires a service principal name' };
      if (scenario.machine.user.kind !== 'domain' || scenario.machine.domain === null) {
        return failure(
          state.logonId,
          '0x520',
          0x8009030e,
          -2146893042,
          'No credentials are available in the security package',
        );
      }
      if (!kdcReachable(scenario)) {
        return failure(
          state.logonId,
          '0x51f',
          0xc000005e,
          -1073741730,
          'There are currently no logon servers available to service the logon request.',
        );
      }
      if (!kdcKnowsSpn(scenario, spn)) {
        return failure(
          state.logonId,
          '0x6fb',
          0xc000018b,
          -1073741429,
          'The SAM database on the Windows Server does not have a computer account for this workstation trust relationship.',
        );
      }
      if (!state.tickets.some((ticket) => ticket.server.toLowerCase() === spn.toLowerCase())) {
        state.tickets.push({
          server: spn,
          encryptionType: 'AES-256-CTS-HMAC-SHA1-96',
          flags: 0x40a10000,
          ...newTicketTimes(state.localTime ?? '2022-11-28T01:28:11'),
        });
      }
      return {
        exitCode: 0,
        stdout: listTickets(scenario, [...header, `A ticket to ${spn} has been retrieved successfully.`]),
        stderr: '',
      };
    }
    default:
      return { exitCode: 1, stdout: '', stderr: `klist: unsupported command ${command}` };
  }
};
