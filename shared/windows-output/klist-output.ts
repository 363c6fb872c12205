/**
 * `klist` output (reference §6.1, Microsoft samples): the ticket list of `klist` / `klist tickets`,
 * the extra "retrieved successfully" line of `klist get <SPN>`, the failure lines
 * (`Error calling API … (GetTicket substatus): 0x…` and `klist failed with 0x…/…: text`), and
 * `klist purge`. Fields are matched by their English labels (klist is not localised in the
 * captures read); dates are kept as printed because their format follows the user's locale.
 * The first label after `#N>` may follow a TAB or spaces (§6.1 note).
 */
import { WindowsOutputError, splitOutputLines } from './windows-output-error.js';

export interface KlistTicket {
  readonly index: number;
  readonly client: string;
  readonly clientRealm: string;
  /** As the client requested it, case preserved (`http/…` vs `HTTP/…`, §6.1). */
  readonly server: string;
  readonly serverRealm: string;
  readonly encryptionType: string | null;
  readonly ticketFlags: number | null;
  readonly ticketFlagNames: readonly string[];
  readonly startTime: string | null;
  readonly endTime: string | null;
  readonly renewTime: string | null;
  readonly sessionKeyType: string | null;
  readonly cacheFlags: string | null;
  readonly kdcCalled: string | null;
}

export interface KlistFailure {
  /** `GetTicket substatus` etc. value from the "Error calling API" line, e.g. 0x6fb. */
  readonly apiSubstatus: number | null;
  /** NTSTATUS/HRESULT from "klist failed with 0x…", e.g. 0xc000018b. */
  readonly status: number;
  readonly message: string;
}

export interface KlistOutput {
  readonly logonId: string | null;
  /** `klist get`: the SPN it says was retrieved. */
  readonly retrieved: string | null;
  readonly tickets: readonly KlistTicket[];
  readonly purged: boolean;
  readonly failure: KlistFailure | null;
}

const maxTickets = 1_000;

function field(lines: readonly string[], label: string): string | null {
  const prefix = `${label}:`;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith(prefix)) return trimmed.slice(prefix.length).trim();
  }
  return null;
}

function principal(text: string | null, what: string): { name: string; realm: string } {
  if (text === null) throw new WindowsOutputError('klist', `ticket without a ${what} line`);
  const at = text.lastIndexOf(' @ ');
  if (at === -1)
    throw new WindowsOutputError('klist', `${what} "${text.slice(0, 80)}" is not "<name> @ <REALM>"`);
  return { name: text.slice(0, at).trim(), realm: text.slice(at + 3).trim() };
}

function parseTicket(index: number, lines: readonly string[]): KlistTicket {
  const client = principal(field(lines, 'Client'), 'Client');
  const server = principal(field(lines, 'Server'), 'Server');
  const flagsLine = lines.map((line) => line.trim()).find((line) => line.startsWith('Ticket Flags'));
  let ticketFlags: number | null = null;
  let ticketFlagNames: string[] = [];
  if (flagsLine) {
    const match = /^Ticket Flags\s+0x([0-9a-fA-F]{1,8})(?:\s*->\s*(.*))?$/.exec(flagsLine);
    if (!match) throw new WindowsOutputError('klist', `unreadable flags line "${flagsLine.slice(0, 80)}"`);
    ticketFlags = parseInt(match[1] ?? '0', 16);
    ticketFlagNames = (match[2] ?? '').split(/\s+/).filter((name) => name.length > 0);
  }
  return {
    index,
    client: client.name,
    clientRealm: client.realm,
    server: server.name,
    serverRealm: server.realm,
    encryptionType: field(lines, 'KerbTicket Encryption Type'),
    ticketFlags,
    ticketFlagNames,
    startTime: field(lines, 'Start Time'),
    endTime: field(lines, 'End Time'),
    renewTime: field(lines, 'Renew Time'),
    sessionKeyType: field(lines, 'Session Key Type'),
    cacheFlags: field(lines, 'Cache Flags'),
    kdcCalled: field(lines, 'Kdc Called'),
  };
}

export function parseKlistOutput(text: string): KlistOutput {
  const lines = splitOutputLines('klist', text);
  let logonId: string | null = null;
  let retrieved: string | null = null;
  let purged = false;
  let apiSubstatus: number | null = null;
  let failure: KlistFailure | null = null;
  let declaredCount: number | null = null;
  const blocks: { index: number; lines: string[] }[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const ticketStart = /^#(\d{1,4})>\s*(.*)$/.exec(line);
    if (ticketStart) {
      if (blocks.length >= maxTickets) throw new WindowsOutputError('klist', 'more than 1000 tickets');
      blocks.push({ index: Number(ticketStart[1]), lines: [ticketStart[2] ?? ''] });
      continue;
    }
    const logon = /^Current LogonId is (\S+)$/.exec(line);
    if (logon) {
      logonId = logon[1] ?? null;
      continue;
    }
    const got = /^A ticket to (.+) has been retrieved successfully\.$/.exec(line);
    if (got) {
      retrieved = got[1] ?? null;
      continue;
    }
    const count = /^Cached Tickets: \((\d{1,5})\)$/.exec(line);
    if (count) {
      declaredCount = Number(count[1]);
      continue;
    }
    if (line === 'Ticket(s) purged!') {
      purged = true;
      continue;
    }
    const api = /^Error calling API .*: 0x([0-9a-fA-F]{1,8})$/.exec(line);
    if (api) {
      apiSubstatus = parseInt(api[1] ?? '0', 16);
      continue;
    }
    const failed = /^klist failed with 0x([0-9a-fA-F]{1,8})\/-?\d+: ?(.*)$/.exec(line);
    if (failed) {
      failure = { apiSubstatus, status: parseInt(failed[1] ?? '0', 16), message: (failed[2] ?? '').trim() };
      continue;
    }
    const current = blocks[blocks.length - 1];
    if (current && line.length > 0) current.lines.push(line);
  }
  if (failure && apiSubstatus !== null && failure.apiSubstatus === null)
    failure = { ...failure, apiSubstatus };
  const tickets = blocks.map((block) => parseTicket(block.index, block.lines));
  if (declaredCount !== null && declaredCount !== tickets.length) {
    throw new WindowsOutputError('klist', `says ${declaredCount} cached tickets but lists ${tickets.length}`);
  }
  if (logonId === null && failure === null && tickets.length === 0 && !purged) {
    throw new WindowsOutputError('klist', 'no "Current LogonId", tickets, purge or failure line found');
  }
  return { logonId, retrieved, tickets, purged, failure };
}

/** Well-known klist failure statuses (reference §6.1). */
export const klistFailureMeanings: Readonly<Record<number, string>> = {
  0xc000018b: 'the KDC does not know this service principal name (KDC_ERR_S_PRINCIPAL_UNKNOWN)',
  0xc000005e: 'no domain controller (logon server) could be reached',
  0xc00002fd: 'the encryption type requested is not supported by the KDC',
  0x8009030e: 'no Kerberos credentials are available for this logon session',
};
