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
import { DomainAccountError, setspnAccountArgument } from '../spn/domain-account.js';
import { formatSpn, parseSpn } from '../spn/service-principal-name.js';
import { assertOneLineText, powerShellLiteral } from './powershell-literal.js';

export type HandoffStep =
  | {
      readonly kind: 'register-spn';
      readonly spn: string;
      readonly account: string;
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
    };

export interface HandoffRequest {
  /** The site the change is for, e.g. `https://web01.contoso.com/`. */
  readonly url: string;
  /** Cause id of the finding (e.g. `spn-missing`). */
  readonly cause: string;
  /** The verdict line that shows the broken link. */
  readonly verdict: string;
  /** The IIS server's computer name (to tell local accounts). */
  readonly computerName: string;
  readonly steps: readonly HandoffStep[];
  /** ISO time the script was made. */
  readonly generatedAt: string;
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

function comment(text: string): string {
  assertOneLineText(text, 'a comment');
  return `# ${text}`;
}

export function buildAdminHandoffScript(request: HandoffRequest): string {
  if (request.steps.length === 0) throw new HandoffError('nothing to hand off');
  if (request.steps.length > 50) throw new HandoffError('more than 50 changes in one hand-off');
  const steps = request.steps.map((step) => ({
    ...step,
    spn: validSpn(step.spn),
    account: validAccount(
      step.account,
      request.computerName,
      'accountDn' in step ? step.accountDn : undefined,
    ),
  }));
  const spnArgs = (step: (typeof steps)[number]): string =>
    `${powerShellLiteral(step.spn, 'the SPN')} ${powerShellLiteral(step.account, 'the account')}`;
  const lines: string[] = [
    comment('IWA Doctor: hand-off for a domain administrator (Active Directory SPN change).'),
    comment(`Generated ${request.generatedAt} for ${request.url} (finding: ${request.cause}).`),
    comment(`Verdict: ${request.verdict}`),
    comment(
      'Run it in PowerShell as an account allowed to write servicePrincipalName (for example Domain Admins).',
    ),
    comment('Read each line first. Values are single-quoted, so PowerShell runs none of them as code.'),
    '',
    "$ErrorActionPreference = 'Stop'",
    '',
  ];
  steps.forEach((step, index) => {
    lines.push(comment(`${index + 1}. ${step.why}`));
    if (step.kind === 'register-spn') {
      lines.push(
        comment(
          `   setspn -S adds ${step.spn} to ${step.account} only after checking that no other account holds it.`,
        ),
      );
      lines.push(`setspn.exe -S ${spnArgs(step)}`);
    } else {
      lines.push(
        comment(`   setspn -D removes ${step.spn} from ${step.account}, so exactly one account keeps it.`),
      );
      lines.push(`setspn.exe -D ${spnArgs(step)}`);
    }
    lines.push(
      `if ($LASTEXITCODE -ne 0) { throw 'setspn failed at step ${index + 1}; the steps after it did not run.' }`,
      '',
    );
  });
  lines.push(
    comment('Verify: each SPN must now be listed under exactly one account ("Existing SPN found!").'),
  );
  for (const spn of [...new Set(steps.map((step) => step.spn))])
    lines.push(`setspn.exe -Q ${powerShellLiteral(spn, 'the SPN')}`);
  lines.push(
    comment(
      'Verify: no duplicate SPNs remain in the domain ("found 0 group of duplicate SPNs."; setspn -X exits with 1 even then).',
    ),
  );
  lines.push('setspn.exe -X');
  lines.push(
    comment(
      'Then, on the computer where the browser prompted: run "klist purge" and open the site again (old tickets are cached).',
    ),
  );
  lines.push('');
  lines.push(comment('Undo: to reverse every change above, run: Undo-IwaDoctorSpnChange'));
  lines.push('function Undo-IwaDoctorSpnChange {');
  for (const step of [...steps].reverse()) {
    if (step.kind === 'register-spn') {
      lines.push(`  ${comment(`removes ${step.spn} from ${step.account} again`)}`);
      lines.push(`  setspn.exe -D ${spnArgs(step)}`);
    } else if (step.undoable === false) {
      lines.push(
        `  ${comment(`${step.spn} is not given back to ${step.account}: another account holds it, and setspn -S refuses a duplicate SPN.`)}`,
      );
    } else {
      lines.push(`  ${comment(`gives ${step.spn} back to ${step.account}`)}`);
      lines.push(`  setspn.exe -S ${spnArgs(step)}`);
    }
  }
  lines.push('}');
  return `${lines.join('\r\n')}\r\n`;
}
