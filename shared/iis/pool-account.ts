/**
 * Which Active Directory account must hold `HTTP/<host>` and decrypt the service ticket
 * (reference §4.1, §4.4, KRB-IE):
 * - ApplicationPoolIdentity, NetworkService, LocalSystem (LocalService [U]) use the
 *   **computer account** on the network;
 * - SpecificUser uses that account;
 * - with kernel-mode authentication on, http.sys decrypts with the **computer account**
 *   unless `useAppPoolCredentials` is true ("Kerberos ticket decoding is made by using the
 *   machine account not the application pool identity").
 */
import { computerAccount, parseAccountName, type AccountName } from '../spn/account-name.js';
import type { AppPoolIdentity, WindowsAuthSettings } from './iis-configuration.js';

export interface ServerMachine {
  readonly computerName: string;
  /** NetBIOS domain; null for a workgroup server (no computer account in AD). */
  readonly domain: string | null;
}

export interface DecryptingAccount {
  /** The account whose keys decrypt the ticket; null when there is none in AD (workgroup server, local pool account). */
  readonly account: AccountName | null;
  /** The pool's own network identity. */
  readonly poolAccount: AccountName | null;
  /** Why it is that account, in words (shown in the verdict). */
  readonly because: string;
}

export function poolNetworkAccount(identity: AppPoolIdentity, machine: ServerMachine): AccountName | null {
  if (identity.type === 'SpecificUser') {
    try {
      return parseAccountName(identity.userName, machine.computerName);
    } catch {
      return {
        kind: 'unknown',
        domain: null,
        samAccountName: identity.userName.slice(0, 64),
        display: identity.userName.slice(0, 64),
      };
    }
  }
  return machine.domain ? computerAccount(machine.computerName, machine.domain) : null;
}

export function decryptingAccount(
  identity: AppPoolIdentity,
  windowsAuth: WindowsAuthSettings,
  machine: ServerMachine,
): DecryptingAccount {
  const poolAccount = poolNetworkAccount(identity, machine);
  const machineAccount = machine.domain ? computerAccount(machine.computerName, machine.domain) : null;
  if (identity.type !== 'SpecificUser') {
    return {
      account: machineAccount,
      poolAccount,
      because: `the pool runs as ${identity.type}, which uses the computer account on the network`,
    };
  }
  if (windowsAuth.useKernelMode && !windowsAuth.useAppPoolCredentials) {
    return {
      account: machineAccount,
      poolAccount,
      because:
        'kernel-mode authentication is on and useAppPoolCredentials is false, so http.sys decrypts with the computer account',
    };
  }
  if (poolAccount?.kind === 'local') {
    return {
      account: null,
      poolAccount,
      because: `the pool runs as the local account ${poolAccount.display}, which has no keys in Active Directory`,
    };
  }
  return {
    account: poolAccount,
    poolAccount,
    because: windowsAuth.useKernelMode
      ? 'kernel mode on, useAppPoolCredentials true: the pool identity decrypts'
      : 'kernel mode off: the pool identity decrypts',
  };
}
