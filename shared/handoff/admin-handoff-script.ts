/**
 * The admin hand-off (issue 6, Fixes): when the person may not change SPNs, a readable
 * .ps1 for a domain administrator with exactly the commands, a comment per line saying
 * why, a verification step, and an undo function. Every value comes from the finding's
 * evidence, is validated (SPN syntax §3.1, account-name rules) and enters the script only
 * as a single-quoted literal (powershell-literal.ts).
 *
 * Commands (reference §3.1): `setspn -S` adds after checking the forest-wide domain for
 * duplicates (never `-A`); `setspn -D` removes; `setspn -Q` verifies; `klist purge` on the
 * client drops tickets obtained before the change (§6.1).
 */
import { DistinguishedNameError, parseDistinguishedName } from '../spn/distinguished-name.js';
import { DomainAccountError, setspnAccountArgument } from '../spn/domain-account.js';
import { formatSpn, parseSpn } from '../spn/service-principal-name.js';
import { assertOneLineText, powerShellLiteral } from './powershell-literal.js';

/**
 * An account the administrator chooses when running the script (the farm's one domain identity,
 * which IWA Doctor cannot know): read with Read-Host, checked to be `DOMAIN\name`, and used as
 * the variable `$ChosenAccount` — a value typed at run time, never part of the script's text.
 */
export interface ChosenAccount {
  /** The question Read-Host asks, e.g. "The domain account every node runs PortalPool as". */
  readonly chosenByAdministrator: string;
}

export type AccountRef = string | ChosenAccount;

export type HandoffStep =
  | {
      readonly kind: 'register-spn';
      readonly spn: string;
      readonly account: AccountRef;
      readonly why: string;
      /** The account's DN as the directory gave it: how a UPN identity is named to setspn. */
      readonly accountDn?: string;
    }
  | {
      readonly kind: 'remove-spn';
      readonly spn: string;
      readonly account: string;
      readonly why: string;
      /**
       * False when another account keeps the SPN (a duplicate resolved): giving it back would
       * re-create the duplicate, which setspn -S refuses (§3.1), so the undo only says so.
       */
      readonly undoable?: boolean;
    }
  | {
      /**
       * IIS, on the server: run a pool as a domain account (reference §4.2 [U]: `appcmd set apppool
       * … /processModel.identityType:SpecificUser /processModel.userName:… /processModel.password:…`).
       * The password is the administrator's to type (Get-Credential); IWA Doctor never sees it.
       */
      readonly kind: 'set-pool-identity';
      readonly pool: string;
      readonly account: AccountRef;
      /** processModel.identityType before (ApplicationPoolIdentity, NetworkService, …, SpecificUser). */
      readonly previousIdentityType: string;
      /** The previous SpecificUser account, when there was one (its password is needed to go back). */
      readonly previousUserName: string | null;
      readonly why: string;
    }
  | {
      /** IIS, on the server: useAppPoolCredentials true for one location (§4.1, §4.2). */
      readonly kind: 'use-apppool-credentials';
      readonly location: string;
      readonly why: string;
    }
  | {
      /**
       * Active Directory: let the account use AES keys (msDS-SupportedEncryptionTypes, §6.2, §8.5),
       * added to what it already allows (`Set-ADUser`/`Set-ADComputer -Replace` of the
       * ActiveDirectory module, bits 0x8 and 0x10 [U]): RC4, where still allowed, stays allowed.
       */
      readonly kind: 'enable-aes';
      /** The account's distinguished name. */
      readonly accountDn: string;
      readonly computer: boolean;
      readonly why: string;
    }
  | {
      /**
       * Active Directory: a new password, so that AES keys are made for the account
       * (`Set-ADAccountPassword -Reset` asks for it [U]). It cannot be undone.
       */
      readonly kind: 'reset-password';
      readonly accountDn: string;
      readonly why: string;
    };

export interface HandoffRequest {
  /** The site the change is for, e.g. `https://web01.contoso.com/`. */
  readonly url: string;
  /** Cause id of the finding (e.g. `spn-missing`). */
  readonly cause: string;
  /** The verdict line that shows the broken link. */
  readonly verdict: string;
  /** The IIS server's computer name (to tell local accounts, and where the IIS steps run). */
  readonly computerName: string;
  readonly steps: readonly HandoffStep[];
  /** ISO time the script was made. */
  readonly generatedAt: string;
  /** Said before the steps: what else must be true (other farm nodes, the load balancer). */
  readonly notes?: readonly string[];
}

export class HandoffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HandoffError';
  }
}

function validSpn(text: string): string {
  const spn = parseSpn(text);
  if (spn.serviceClass.toUpperCase() !== 'HTTP' || spn.host.includes('*'))
    throw new HandoffError(
      `the hand-off only changes HTTP/ SPNs of a named host, not "${text.slice(0, 80)}"`,
    );
  return formatSpn(spn);
}

/**
 * The account as setspn gets it — the same function the SPN fixes use
 * (shared/spn/domain-account.ts): `DOMAIN\name`, a DN, or a UPN by its DN; local accounts
 * cannot hold SPNs.
 */
function validAccount(text: string, computerName: string, knownDn?: string): string {
  try {
    return setspnAccountArgument(text, computerName, knownDn);
  } catch (error) {
    if (error instanceof DomainAccountError) throw new HandoffError(error.message);
    throw error;
  }
}

function validDn(text: string): string {
  try {
    parseDistinguishedName(text);
    return text;
  } catch (error) {
    if (error instanceof DistinguishedNameError) throw new HandoffError(error.message);
    throw error;
  }
}

/**
 * A pool name or appcmd location (`Site/app`): one line, no double quote (PowerShell 5.1 passes
 * native arguments with embedded double quotes unreliably), at most 300 characters.
 */
function validIisName(text: string, what: string): string {
  if (text.length === 0 || text.length > 300 || text.includes('"'))
    throw new HandoffError(`${what} "${text.slice(0, 60)}" cannot be written in an appcmd command`);
  assertOneLineText(text, what);
  return text;
}

const builtInIdentities = ['ApplicationPoolIdentity', 'NetworkService', 'LocalSystem', 'LocalService'];

function comment(text: string): string {
  assertOneLineText(text, 'a comment');
  return `# ${text}`;
}

/** `DOMAIN\name`: what Read-Host must get for a chosen account (sAMAccountName rules, account-name.ts). */
const chosenAccountPattern = '^[A-Za-z0-9][A-Za-z0-9.-]{0,62}\\\\[^"/\\\\\\[\\]:;|=,+*?<>@\\s]{1,20}$';

type CheckedStep =
  | (Extract<HandoffStep, { kind: 'register-spn' }> & { readonly account: AccountRef })
  | Extract<HandoffStep, { kind: 'remove-spn' }>
  | Extract<HandoffStep, { kind: 'set-pool-identity' }>
  | Extract<HandoffStep, { kind: 'use-apppool-credentials' }>
  | Extract<HandoffStep, { kind: 'enable-aes' }>
  | Extract<HandoffStep, { kind: 'reset-password' }>;

function checkedStep(step: HandoffStep, computerName: string): CheckedStep {
  switch (step.kind) {
    case 'register-spn':
      return {
        ...step,
        spn: validSpn(step.spn),
        account:
          typeof step.account === 'string'
            ? validAccount(step.account, computerName, step.accountDn)
            : step.account,
      };
    case 'remove-spn':
      return { ...step, spn: validSpn(step.spn), account: validAccount(step.account, computerName) };
    case 'set-pool-identity':
      if (![...builtInIdentities, 'SpecificUser'].includes(step.previousIdentityType))
        throw new HandoffError(
          `"${step.previousIdentityType.slice(0, 40)}" is not an application pool identity type`,
        );
      return {
        ...step,
        pool: validIisName(step.pool, 'the application pool'),
        account: typeof step.account === 'string' ? validAccount(step.account, computerName) : step.account,
        previousUserName:
          step.previousUserName === null ? null : validAccount(step.previousUserName, computerName),
      };
    case 'use-apppool-credentials':
      return { ...step, location: validIisName(step.location, 'the IIS location') };
    case 'enable-aes':
    case 'reset-password':
      return { ...step, accountDn: validDn(step.accountDn) };
  }
}

/** A pool that keeps its account and only gets the account's new password (after a reset). */
const passwordOnly = (step: Extract<CheckedStep, { kind: 'set-pool-identity' }>): boolean =>
  typeof step.account === 'string' &&
  step.previousUserName !== null &&
  step.previousUserName.toLowerCase() === step.account.toLowerCase();

const isIis = (step: CheckedStep): boolean =>
  step.kind === 'set-pool-identity' || step.kind === 'use-apppool-credentials';
const isSpn = (step: CheckedStep): boolean => step.kind === 'register-spn' || step.kind === 'remove-spn';

export function buildAdminHandoffScript(request: HandoffRequest): string {
  if (request.steps.length === 0) throw new HandoffError('nothing to hand off');
  if (request.steps.length > 50) throw new HandoffError('more than 50 changes in one hand-off');
  const steps = request.steps.map((step) => checkedStep(step, request.computerName));
  const spnOnly = steps.every(isSpn);
  const hasIis = steps.some(isIis);
  const hasDirectory = steps.some((step) => !isIis(step));
  const chosen = steps.flatMap((step) =>
    'account' in step && typeof step.account !== 'string' ? [step.account] : [],
  )[0];
  const literal = powerShellLiteral;
  const accountCode = (account: AccountRef): string =>
    typeof account === 'string' ? literal(account, 'the account') : '$ChosenAccount';
  const accountWords = (account: AccountRef): string =>
    typeof account === 'string' ? account : 'the account you entered';
  const undoName = spnOnly ? 'Undo-IwaDoctorSpnChange' : 'Undo-IwaDoctorChange';
  const appcmdSection = 'system.webServer/security/authentication/windowsAuthentication';

  const lines: string[] = [
    comment(
      spnOnly
        ? 'IWA Doctor: hand-off for a domain administrator (Active Directory SPN change).'
        : `IWA Doctor: hand-off for ${hasDirectory && hasIis ? 'a domain administrator and the IIS administrator' : hasIis ? 'the IIS administrator' : 'a domain administrator'}.`,
    ),
    comment(`Generated ${request.generatedAt} for ${request.url} (finding: ${request.cause}).`),
    comment(`Verdict: ${request.verdict}`),
  ];
  if (hasDirectory)
    lines.push(
      comment(
        spnOnly
          ? 'Run it in PowerShell as an account allowed to write servicePrincipalName (for example Domain Admins).'
          : 'Run the Active Directory steps as an account allowed to change these accounts (for example Domain Admins; the non-setspn ones need the ActiveDirectory module).',
      ),
    );
  if (hasIis)
    lines.push(
      comment(
        `Run the IIS steps on ${request.computerName} in PowerShell started as administrator (Run as administrator).`,
      ),
    );
  lines.push(
    comment('Read each line first. Values are single-quoted, so PowerShell runs none of them as code.'),
  );
  if (steps.some((step) => step.kind === 'set-pool-identity' || step.kind === 'reset-password'))
    lines.push(
      comment(
        'Passwords: IWA Doctor never sees one. Where a step needs a password, PowerShell asks you for it here and hands it only to appcmd or Active Directory.',
      ),
    );
  for (const note of request.notes ?? []) lines.push(comment(note));
  lines.push('', "$ErrorActionPreference = 'Stop'");
  if (hasIis) lines.push(`$appcmd = Join-Path $env:windir ${literal('system32\\inetsrv\\appcmd.exe')}`);
  if (chosen) {
    lines.push(
      comment(`You choose this account; IWA Doctor cannot know it. Write it as DOMAIN\\name.`),
      `$ChosenAccount = Read-Host ${literal(chosen.chosenByAdministrator, 'the question')}`,
      `if ($ChosenAccount -notmatch ${literal(chosenAccountPattern)}) { throw ${literal('Write the account as DOMAIN\\name; nothing was changed.')} }`,
    );
  }
  lines.push('');

  const failed = (index: number, tool: string): string =>
    `if ($LASTEXITCODE -ne 0) { throw ${literal(`${tool} failed at step ${index + 1}; the steps after it did not run.`)} }`;
  const poolCredential = (variable: string, account: AccountRef, pool: string): string =>
    `${variable} = Get-Credential -UserName ${accountCode(account)} -Message ${literal(`The password of the account that runs application pool ${pool}`)}`;
  const setPool = (pool: string, credential: string): string =>
    `& $appcmd set apppool ${literal(pool)} ${literal('/processModel.identityType:SpecificUser')} (${literal('/processModel.userName:')} + ${credential}.UserName) (${literal('/processModel.password:')} + ${credential}.GetNetworkCredential().Password)`;
  const useAppPoolCredentials = (location: string, value: 'True' | 'False'): string =>
    `& $appcmd set config ${literal(location)} ${literal(`-section:${appcmdSection}`)} ${literal(`/useAppPoolCredentials:${value}`)} ${literal('/commit:apphost')}`;
  const setAd = (step: Extract<CheckedStep, { kind: 'enable-aes' }>): string =>
    step.computer ? 'Set-ADComputer' : 'Set-ADUser';
  const getAd = (step: Extract<CheckedStep, { kind: 'enable-aes' }>): string =>
    step.computer ? 'Get-ADComputer' : 'Get-ADUser';

  steps.forEach((step, index) => {
    lines.push(comment(`${index + 1}. ${step.why}`));
    switch (step.kind) {
      case 'register-spn':
        lines.push(
          comment(
            `   setspn -S adds ${step.spn} to ${accountWords(step.account)} only after checking that no other account holds it.`,
          ),
          `setspn.exe -S ${literal(step.spn, 'the SPN')} ${accountCode(step.account)}`,
          failed(index, 'setspn'),
        );
        break;
      case 'remove-spn':
        lines.push(
          comment(`   setspn -D removes ${step.spn} from ${step.account}, so exactly one account keeps it.`),
          `setspn.exe -D ${literal(step.spn, 'the SPN')} ${literal(step.account, 'the account')}`,
          failed(index, 'setspn'),
        );
        break;
      case 'set-pool-identity':
        lines.push(
          comment(
            passwordOnly(step)
              ? `   Enter the new password of ${accountWords(step.account)} when asked; appcmd stores it for pool ${step.pool}, which keeps running as that account.`
              : `   Enter the password of ${accountWords(step.account)} when asked; appcmd then runs pool ${step.pool} as that account (it ran as ${step.previousUserName ?? step.previousIdentityType}).`,
          ),
          poolCredential('$credential', step.account, step.pool),
          setPool(step.pool, '$credential'),
          failed(index, 'appcmd'),
        );
        break;
      case 'use-apppool-credentials':
        lines.push(
          comment(
            `   Kernel-mode authentication of ${step.location} then decrypts tickets with the pool's account, which holds the SPN (reference §4.1).`,
          ),
          useAppPoolCredentials(step.location, 'True'),
          failed(index, 'appcmd'),
        );
        break;
      case 'enable-aes':
        lines.push(
          comment(
            `   Keeps the previous value in $IwaDoctorPreviousEncryptionTypes (printed below) for the undo; then adds AES128 (0x8) and AES256 (0x10) to what ${step.accountDn} already allows, removing nothing (msDS-SupportedEncryptionTypes bits per MS-KILE 2.2.7 [U]; an unset value counts as none, so AES alone).`,
          ),
          `$IwaDoctorPreviousEncryptionTypes = (${getAd(step)} -Identity ${literal(step.accountDn)} -Properties ${literal('msDS-SupportedEncryptionTypes')}).${literal('msDS-SupportedEncryptionTypes')}`,
          `Write-Output (${literal('Previous msDS-SupportedEncryptionTypes: ')} + $IwaDoctorPreviousEncryptionTypes)`,
          `${setAd(step)} -Identity ${literal(step.accountDn)} -Replace @{ ${literal('msDS-SupportedEncryptionTypes')} = ([int]$IwaDoctorPreviousEncryptionTypes -bor 0x18) }`,
        );
        break;
      case 'reset-password':
        lines.push(
          comment(
            `   Asks for a new password for ${step.accountDn}: AES keys are made only when the password is set. This cannot be undone; every server that runs a pool as this account needs the new password (the next steps).`,
          ),
          `Set-ADAccountPassword -Identity ${literal(step.accountDn)} -Reset`,
        );
        break;
    }
    lines.push('');
  });

  // Verification, for what was changed.
  const spns = [...new Set(steps.flatMap((step) => (isSpn(step) && 'spn' in step ? [step.spn] : [])))];
  if (spns.length > 0) {
    lines.push(
      comment('Verify: each SPN must now be listed under exactly one account ("Existing SPN found!").'),
    );
    for (const spn of spns) lines.push(`setspn.exe -Q ${literal(spn, 'the SPN')}`);
    lines.push(
      comment(
        'Verify: no duplicate SPNs remain in the domain ("found 0 group of duplicate SPNs."; setspn -X exits with 1 even then).',
      ),
      'setspn.exe -X',
    );
  }
  for (const step of steps) {
    if (step.kind === 'use-apppool-credentials') {
      lines.push(
        comment(`Verify: useAppPoolCredentials="true" is listed for ${step.location}.`),
        `& $appcmd list config ${literal(step.location)} ${literal(`-section:${appcmdSection}`)}`,
      );
    } else if (step.kind === 'set-pool-identity') {
      lines.push(
        comment(
          `Verify: IIS Manager > Application Pools shows pool ${step.pool} with Identity ${accountWords(step.account)} (appcmd's /config output would print the password, so it is not used here).`,
        ),
      );
    } else if (step.kind === 'enable-aes') {
      lines.push(
        comment('Verify: msDS-SupportedEncryptionTypes now includes AES128 and AES256 (8 + 16 = 24 and up).'),
        `${getAd(step)} -Identity ${literal(step.accountDn)} -Properties ${literal('msDS-SupportedEncryptionTypes')}`,
      );
    }
  }
  lines.push(
    comment(
      'Then, on the computer where the browser prompted: run "klist purge" and open the site again (old tickets are cached).',
    ),
    '',
  );

  // Undo, in reverse order; what cannot be reversed says why.
  lines.push(
    comment(
      `Undo: run this script dot-sourced (. .\\<file>.ps1) so that ${undoName} stays defined${steps.some((step) => step.kind === 'enable-aes') || chosen ? ' with the values it needs' : ''}; then ${undoName} reverses every change above.`,
    ),
    `function ${undoName} {`,
  );
  for (const step of [...steps].reverse()) {
    switch (step.kind) {
      case 'register-spn':
        lines.push(
          `  ${comment(`removes ${step.spn} from ${accountWords(step.account)} again`)}`,
          `  setspn.exe -D ${literal(step.spn, 'the SPN')} ${accountCode(step.account)}`,
        );
        break;
      case 'remove-spn':
        if (step.undoable === false)
          lines.push(
            `  ${comment(`${step.spn} is not given back to ${step.account}: another account holds it, and setspn -S refuses a duplicate SPN.`)}`,
          );
        else
          lines.push(
            `  ${comment(`gives ${step.spn} back to ${step.account}`)}`,
            `  setspn.exe -S ${literal(step.spn, 'the SPN')} ${literal(step.account, 'the account')}`,
          );
        break;
      case 'set-pool-identity':
        if (passwordOnly(step))
          lines.push(
            `  ${comment(`pool ${step.pool} keeps the new password of ${accountWords(step.account)}: the old one is gone.`)}`,
          );
        else if (step.previousUserName === null)
          lines.push(
            `  ${comment(`runs pool ${step.pool} as ${step.previousIdentityType} again`)}`,
            `  & $appcmd set apppool ${literal(step.pool)} ${literal(`/processModel.identityType:${step.previousIdentityType}`)}`,
          );
        else
          lines.push(
            `  ${comment(`runs pool ${step.pool} as ${step.previousUserName} again: enter that account's password when asked`)}`,
            `  ${poolCredential('$previousCredential', step.previousUserName, step.pool)}`,
            `  ${setPool(step.pool, '$previousCredential')}`,
          );
        break;
      case 'use-apppool-credentials':
        lines.push(
          `  ${comment(`sets useAppPoolCredentials of ${step.location} back to false`)}`,
          `  ${useAppPoolCredentials(step.location, 'False')}`,
        );
        break;
      case 'enable-aes':
        lines.push(
          `  ${comment(`puts back the previous msDS-SupportedEncryptionTypes of ${step.accountDn}`)}`,
          `  if ($null -eq $IwaDoctorPreviousEncryptionTypes) { ${setAd(step)} -Identity ${literal(step.accountDn)} -Clear ${literal('msDS-SupportedEncryptionTypes')} }`,
          `  else { ${setAd(step)} -Identity ${literal(step.accountDn)} -Replace @{ ${literal('msDS-SupportedEncryptionTypes')} = $IwaDoctorPreviousEncryptionTypes } }`,
        );
        break;
      case 'reset-password':
        lines.push(
          `  ${comment(`the new password of ${step.accountDn} stays: the old one is gone and cannot be put back.`)}`,
        );
        break;
    }
  }
  lines.push('}');
  return `${lines.join('\r\n')}\r\n`;
}
