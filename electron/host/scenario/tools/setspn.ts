/**
 * Simulated setspn.exe (reference §3.1 syntax, §3.2 output formats). Answers from the
 * scenario's `directory` section; `-S` and `-D` change it so verify and undo see the change.
 * Formats follow the real captures of §3.2; the duplicate forms and the unknown-account
 * lines are the reconstructed ones of §3.2 (marked there [R]/[U]).
 */
import {
  scenarioAccountDn,
  type ScenarioDirectory,
  type ScenarioDirectoryAccount,
} from '../../../../shared/scenario/sections/directory.js';
import type { Scenario } from '../../../../shared/scenario/scenario-schema.js';
import type { SimulatedTool, SimulatedToolResult } from '../simulated-tool.js';

const indent = '        ';

function result(exitCode: number, lines: readonly string[], stderr = ''): SimulatedToolResult {
  return { exitCode, stdout: lines.length > 0 ? `${lines.join('\r\n')}\r\n` : '', stderr };
}

function domainDn(directory: ScenarioDirectory): string {
  return directory.dnsDomain
    .split('.')
    .map((label) => `DC=${label}`)
    .join(',');
}

/** setspn accepts `name`, `DOMAIN\name`, a computer name without `$`, or a DN. */
function findAccount(directory: ScenarioDirectory, name: string): ScenarioDirectoryAccount | undefined {
  const bare = name.includes('\\') ? name.slice(name.indexOf('\\') + 1) : name;
  const lower = bare.toLowerCase();
  return (
    directory.accounts.find(
      (account) => scenarioAccountDn(directory, account).toLowerCase() === name.toLowerCase(),
    ) ??
    directory.accounts.find((account) => account.samAccountName.toLowerCase() === lower) ??
    directory.accounts.find(
      (account) => account.kind === 'computer' && account.samAccountName.toLowerCase() === `${lower}$`,
    )
  );
}

function accountNotFound(name: string): SimulatedToolResult {
  // [U] (§3.2): the unknown-account lines are from memory.
  return result(1, [
    `FindDomainForAccount: Call to DsGetDcNameWithAccountW failed with return value 0x00000525`,
    `Could not find account ${name}`,
  ]);
}

function spnPattern(pattern: string): RegExp {
  const escaped = pattern
    .toLowerCase()
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

function objectBlock(directory: ScenarioDirectory, account: ScenarioDirectoryAccount): string[] {
  return [scenarioAccountDn(directory, account), ...account.spns.map((spn) => `${indent}${spn}`)];
}

function list(directory: ScenarioDirectory, name: string): SimulatedToolResult {
  const account = findAccount(directory, name);
  if (!account) return accountNotFound(name);
  return result(0, [
    `Registered ServicePrincipalNames for ${scenarioAccountDn(directory, account)}:`,
    ...account.spns.map((spn) => `${indent}${spn}`),
  ]);
}

function query(directory: ScenarioDirectory, pattern: string, forest: boolean): SimulatedToolResult {
  const matcher = spnPattern(pattern);
  const owners = directory.accounts.filter((account) =>
    account.spns.some((spn) => matcher.test(spn.toLowerCase())),
  );
  const header = `Checking ${forest ? 'forest' : 'domain'} ${domainDn(directory)}`;
  if (owners.length === 0) return result(0, [header, '', 'No such SPN found.']);
  return result(0, [
    header,
    ...owners.flatMap((account) => objectBlock(directory, account)),
    '',
    'Existing SPN found!',
  ]);
}

function duplicates(directory: ScenarioDirectory): SimulatedToolResult {
  const bySpn = new Map<string, { spn: string; accounts: ScenarioDirectoryAccount[] }>();
  for (const account of directory.accounts) {
    for (const spn of account.spns) {
      const entry = bySpn.get(spn.toLowerCase()) ?? { spn, accounts: [] };
      if (!entry.accounts.includes(account)) entry.accounts.push(account);
      bySpn.set(spn.toLowerCase(), entry);
    }
  }
  const groups = [...bySpn.values()].filter((entry) => entry.accounts.length > 1);
  const lines = [`Checking domain ${domainDn(directory)}`, 'Processing entry 0'];
  for (const group of groups) {
    lines.push(
      `${group.spn} is registered on these accounts:`,
      ...group.accounts.map((account) => `${indent}${scenarioAccountDn(directory, account)}`),
      '',
    );
  }
  lines.push(`found ${groups.length} group${groups.length === 1 ? '' : 's'} of duplicate SPNs.`);
  // Exit code 1 even on success (§3.2, real Server 2022 behaviour).
  return result(1, lines);
}

function register(directory: ScenarioDirectory, spn: string, name: string): SimulatedToolResult {
  const account = findAccount(directory, name);
  if (!account) return accountNotFound(name);
  const dn = scenarioAccountDn(directory, account);
  const holders = directory.accounts.filter((candidate) =>
    candidate.spns.some((existing) => existing.toLowerCase() === spn.toLowerCase()),
  );
  const header = `Checking domain ${domainDn(directory)}`;
  if (holders.length > 0) {
    return result(1, [
      header,
      ...holders.flatMap((holder) => [scenarioAccountDn(directory, holder), `${indent}${spn}`]),
      '',
      'Duplicate SPN found, aborting operation!',
    ]);
  }
  if (!directory.spnWriteAllowed) {
    return result(1, [
      header,
      '',
      `Registering ServicePrincipalNames for ${dn}`,
      `${indent}${spn}`,
      `Failed to assign SPN on account '${dn}', error 0x2098/8344 -> Insufficient access rights to perform the operation.`,
    ]);
  }
  account.spns.push(spn);
  return result(0, [
    header,
    '',
    `Registering ServicePrincipalNames for ${dn}`,
    `${indent}${spn}`,
    'Updated object',
  ]);
}

function unregister(directory: ScenarioDirectory, spn: string, name: string): SimulatedToolResult {
  const account = findAccount(directory, name);
  if (!account) return accountNotFound(name);
  const dn = scenarioAccountDn(directory, account);
  if (!directory.spnWriteAllowed) {
    return result(1, [
      `Unregistering ServicePrincipalNames for ${dn}`,
      `${indent}${spn}`,
      `Failed to remove SPN on account '${dn}', error 0x2098/8344 -> Insufficient access rights to perform the operation.`,
    ]);
  }
  // Removes the first matching value (duplicates on one account are not possible in AD).
  const index = account.spns.findIndex((existing) => existing.toLowerCase() === spn.toLowerCase());
  if (index >= 0) account.spns.splice(index, 1);
  return result(0, [`Unregistering ServicePrincipalNames for ${dn}`, `${indent}${spn}`, 'Updated object']);
}

const usage = result(1, [], 'Usage: setspn [modifiers switch] [accountname]');

export const simulatedSetspn: SimulatedTool = (
  args: readonly string[],
  scenario: Scenario,
): SimulatedToolResult => {
  const switches = args.filter((arg) => /^[-/][A-Za-z]$/.test(arg)).map((arg) => arg.slice(1).toUpperCase());
  const operands = args.filter((arg) => !/^[-/][A-Za-z]$/.test(arg));
  const directory = scenario.directory;
  if (!directory || !directory.dcReachable) {
    // [U] No domain controller: the DsGetDcName failure 0x54B (ERROR_NO_SUCH_DOMAIN).
    return result(1, [
      'FindDomainForAccount: Call to DsGetDcNameWithAccountW failed with return value 0x0000054B',
      `Could not find account ${operands.at(-1) ?? ''}`,
    ]);
  }
  const operation = switches.find((name) => ['L', 'Q', 'X', 'S', 'A', 'D'].includes(name));
  switch (operation) {
    case 'L':
      return operands[0] ? list(directory, operands[0]) : usage;
    case 'Q':
      return operands[0] ? query(directory, operands[0], switches.includes('F')) : usage;
    case 'X':
      return duplicates(directory);
    case 'S':
    case 'A':
      // Since Windows Server 2012 R2 DCs, -A checks duplicates like -S (§3.1).
      return operands[0] && operands[1] ? register(directory, operands[0], operands[1]) : usage;
    case 'D':
      return operands[0] && operands[1] ? unregister(directory, operands[0], operands[1]) : usage;
    default:
      return usage;
  }
};
