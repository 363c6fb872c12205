/**
 * When a directory account's servicePrincipalName last changed, on the simulated machine: the
 * scenario's `directory.accounts[].servicePrincipalNameChanged` for the account with that DN (as
 * setspn prints it). What the PowerShell host reads from the attribute's replication metadata
 * on Windows (scripts/spn-change-time.ps1).
 */
import { scenarioAccountDn } from '../../../shared/scenario/sections/directory.js';
import type { Scenario } from '../../../shared/scenario/scenario-schema.js';
import type { SpnChangeTimeAnswer } from '../host.js';

export function simulateSpnChangeTime(scenario: Scenario, accountDn: string): SpnChangeTimeAnswer {
  const directory = scenario.directory;
  if (!directory || !directory.dcReachable)
    return {
      changedAt: null,
      reason: 'The specified domain either does not exist or could not be contacted.',
    };
  const wanted = accountDn.toLowerCase();
  const account = directory.accounts.find(
    (candidate) => scenarioAccountDn(directory, candidate).toLowerCase() === wanted,
  );
  if (!account) return { changedAt: null, reason: 'There is no such object on the server.' };
  return account.servicePrincipalNameChanged
    ? { changedAt: account.servicePrincipalNameChanged, reason: null }
    : {
        changedAt: null,
        reason: 'the directory does not record when its service principal names last changed',
      };
}
