/**
 * Domain-scope remedies (issue 6): register the SPN forms browsers ask for on the account
 * that decrypts (`setspn -S`, which refuses duplicates, reference §3.1), move an SPN from the
 * wrong account (`-D` there, then `-S`), and remove a duplicate from an account the person
 * picked (`-D`). Removal is never automatic: each account is its own offer, the plan says
 * which accounts keep the SPN, and removing the last holder is refused.
 *
 * setspn writes Active Directory with the person's own domain rights (no UAC). When the host
 * can tell that the person lacks them, the offer is unavailable and the admin hand-off
 * (shared/handoff) carries the same commands to a domain administrator.
 */
import {
  parseDistinguishedName,
  sameDistinguishedName,
  DistinguishedNameError,
} from '../../../shared/spn/distinguished-name.js';
import { DomainAccountError, setspnAccountArgument } from '../../../shared/spn/domain-account.js';
import { formatSpn, parseSpn, SpnFormatError } from '../../../shared/spn/service-principal-name.js';
import type { ToolInvocation } from '../../../shared/host/allowed-tools.js';
import type { ChangeOperation } from '../../../shared/model/change-plan.js';
import type { RemedyOffer } from '../../../shared/model/finding.js';
import type { Host } from '../../host/host.js';
import type { RemedyContext } from './remedy.js';
import { RemedyPreconditionError } from './remedy.js';
import { stringParam, type ServerChange, type ServerRemedyDefinition } from './server-remedy.js';
import { accountDistinguishedName, spnHolders } from './spn-holders.js';

type SetspnOperation = Extract<ChangeOperation, { op: 'tool.run' }>;

/** An HTTP/ SPN of a named host, in setspn's form. */
export function checkedSpn(text: string): string {
  try {
    const spn = parseSpn(text);
    if (spn.serviceClass.toUpperCase() !== 'HTTP' || spn.host.includes('*'))
      throw new RemedyPreconditionError(
        `only HTTP/ SPNs of a named host are changed here, not "${text.slice(0, 80)}"`,
      );
    return formatSpn(spn);
  } catch (error) {
    if (error instanceof SpnFormatError) throw new RemedyPreconditionError(error.message);
    throw error;
  }
}

/**
 * The account as setspn gets it (shared/spn/domain-account.ts, the same function the admin
 * hand-off uses): `DOMAIN\name`, or a UPN's distinguished name; local accounts are refused.
 */
export function checkedDomainAccount(text: string, computerName: string, knownDn?: string | null): string {
  try {
    return setspnAccountArgument(text, computerName, knownDn);
  } catch (error) {
    if (error instanceof DomainAccountError) throw new RemedyPreconditionError(error.message);
    throw error;
  }
}

export function checkedDn(text: string): string {
  try {
    parseDistinguishedName(text);
    return text;
  } catch (error) {
    if (error instanceof DistinguishedNameError) throw new RemedyPreconditionError(error.message);
    throw error;
  }
}

function setspn(switchName: '-S' | '-D', spn: string, account: string): ToolInvocation {
  return { tool: 'setspn', args: [switchName, spn, account] };
}

/** The line a person types; names with spaces (DNs) are quoted for cmd.exe. */
export function setspnLine(invocation: ToolInvocation): string {
  return ['setspn', ...invocation.args.map((arg) => (/[\s&|<>^]/.test(arg) ? `"${arg}"` : arg))].join(' ');
}

/** `setspn -S`, with its undo and what it changes as data (the account, by DN, then holds the SPN). */
function registerOperation(spn: string, account: string, accountDn: string): SetspnOperation {
  return {
    op: 'tool.run',
    run: setspn('-S', spn, account),
    undo: setspn('-D', spn, account),
    describe: `register ${spn} on ${account}`,
    subject: { kind: 'spn-holder', spn, accountDn, holds: true },
  };
}

/**
 * `undoable` false for a duplicate: putting it back would re-create the duplicate, which
 * `setspn -S` (and `-A` since Windows Server 2012 R2) refuses (reference §3.1).
 */
function removeOperation(spn: string, accountDn: string, undoable: boolean): SetspnOperation {
  return {
    op: 'tool.run',
    run: setspn('-D', spn, accountDn),
    undo: undoable ? setspn('-S', spn, accountDn) : null,
    describe: `remove ${spn} from ${accountDn}`,
    subject: { kind: 'spn-holder', spn, accountDn, holds: false },
  };
}

function spnChange(
  summary: string,
  operations: readonly SetspnOperation[],
  notes: readonly string[],
): ServerChange {
  return {
    summary,
    operations,
    exactChange: operations.map((operation) => setspnLine(operation.run)),
    notes: [
      ...notes,
      'Active Directory copies the change to the other domain controllers within minutes.',
      'Browsers keep Kerberos tickets they already have: after the change, IWA Doctor offers to clear them on this computer (klist purge) and test again.',
      ...operations.flatMap((operation) => (operation.undo ? [`Undo: ${setspnLine(operation.undo)}`] : [])),
    ],
  };
}

async function rightsReason(
  host: Host,
  account: string,
  machine: RemedyContext['machine'],
): Promise<string | null> {
  const allowed = await host.canWriteServicePrincipalName?.(account);
  if (allowed !== false) return null;
  return (
    `Changing SPNs in Active Directory needs a domain administrator (or someone given the right to write servicePrincipalName on ${account}), ` +
    `and ${machine.user.domain}\\${machine.user.name} does not have that right. Save the commands as a script for a domain administrator instead.`
  );
}

export const domainRegisterSpn: ServerRemedyDefinition = {
  id: 'domain.register-spn',
  needsElevation: false,
  async unavailableReason(params: RemedyOffer['params'], { host, machine }) {
    return rightsReason(host, stringParam(params, 'account'), machine);
  },
  async change(params, { host, machine }) {
    const spn = checkedSpn(stringParam(params, 'spn'));
    // The DN the SPN probe read for the account (setspn -L): how a UPN identity is named to setspn.
    const knownDn = typeof params['accountDn'] === 'string' ? checkedDn(params['accountDn']) : null;
    const account = checkedDomainAccount(stringParam(params, 'account'), machine.computerName, knownDn);
    const from = typeof params['fromAccountDn'] === 'string' ? checkedDn(params['fromAccountDn']) : null;
    const now = await spnHolders(host, spn);
    const operations: SetspnOperation[] = [];
    if (from !== null) {
      if (!now.some((dn) => sameDistinguishedName(dn, from)))
        throw new RemedyPreconditionError(
          `${spn} is no longer registered on ${from}; run the diagnosis again`,
        );
      const others = now.filter((dn) => !sameDistinguishedName(dn, from));
      if (others.length > 0)
        throw new RemedyPreconditionError(
          `${spn} is also registered on ${others.join('; ')}; resolve that duplicate first`,
        );
      operations.push(removeOperation(spn, from, true));
    } else if (now.length > 0) {
      throw new RemedyPreconditionError(
        `${spn} is already registered on ${now.join('; ')}; setspn -S refuses a duplicate, so it has to be moved instead`,
      );
    }
    operations.push(
      registerOperation(spn, account, knownDn ?? (await accountDistinguishedName(host, account))),
    );
    return spnChange(
      from !== null
        ? `${spn} moves from ${from} to ${account}, so the domain controller encrypts tickets for the account that can decrypt them.`
        : `${spn} is registered on ${account}, so the domain controller can issue Kerberos tickets for it.`,
      operations,
      [
        `setspn -S checks the whole domain for the same SPN first and changes nothing if another account holds it.`,
      ],
    );
  },
};

export const domainRemoveSpn: ServerRemedyDefinition = {
  id: 'domain.remove-spn',
  needsElevation: false,
  async unavailableReason(params, { host, machine }) {
    return rightsReason(host, stringParam(params, 'accountDn'), machine);
  },
  async change(params, { host }) {
    const spn = checkedSpn(stringParam(params, 'spn'));
    const account = checkedDn(stringParam(params, 'accountDn'));
    const now = await spnHolders(host, spn);
    if (!now.some((dn) => sameDistinguishedName(dn, account)))
      throw new RemedyPreconditionError(
        `${spn} is no longer registered on ${account}; run the diagnosis again`,
      );
    const keepers = now.filter((dn) => !sameDistinguishedName(dn, account));
    if (keepers.length === 0)
      throw new RemedyPreconditionError(
        `${account} is the only account holding ${spn}; removing it would leave none`,
      );
    return spnChange(
      `${spn} is removed from ${account}, the account you chose; it stays on ${keepers.join('; ')}.`,
      [removeOperation(spn, account, false)],
      [
        `This cannot be undone from IWA Doctor: giving ${spn} back to ${account} would re-create the duplicate, which setspn refuses. To reverse it, first remove ${spn} from the account that keeps it, then run: setspn -S ${spn} "${account}".`,
        keepers.length > 1
          ? `${spn} is still on ${keepers.length} accounts after this: choose again which one keeps it (an SPN must belong to exactly one account, reference §3.1).`
          : `Check that ${keepers[0] ?? ''} is the account that runs the site before you apply: it is the one that keeps ${spn}.`,
      ],
    );
  },
};

export const spnRemedies: readonly ServerRemedyDefinition[] = [domainRegisterSpn, domainRemoveSpn];
