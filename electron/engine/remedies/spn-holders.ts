/**
 * Who holds an SPN now (`setspn -Q <spn>`, reference §3.2) and the distinguished name of an
 * account (`setspn -L <account>`), for planning SPN fixes and for checking, before an undo,
 * that the directory is still as the fix left it. A setspn that cannot answer makes the plan
 * (or the undo) impossible, said in one line; nothing is changed.
 */
import {
  describeAccountNotFound,
  parseSetspnList,
  parseSetspnQuery,
  SetspnOutputError,
} from '../../../shared/spn/setspn-output.js';
import type { Host, ToolRun } from '../../host/host.js';
import { RemedyPreconditionError } from './remedy.js';

function firstLine(run: ToolRun): string {
  return (
    `${run.stdout}\n${run.stderr}`
      .split(/\r?\n/)
      .find((line) => line.trim().length > 0)
      ?.trim() ??
    run.reason ??
    ''
  );
}

/** Accounts (DNs) that hold the SPN now. */
export async function spnHolders(host: Host, spn: string): Promise<string[]> {
  const run = await host.runTool('setspn', ['-Q', spn]);
  const said = firstLine(run);
  if (run.outcome === 'could-not-run')
    throw new RemedyPreconditionError(`setspn could not run (${said}), so the directory was not changed`);
  try {
    const result = parseSetspnQuery(run.stdout);
    if (result.kind !== 'query')
      throw new RemedyPreconditionError(
        `setspn could not tell who holds ${spn}: ${describeAccountNotFound(result)}; nothing was changed`,
      );
    return result.objects.map((object) => object.dn);
  } catch (error) {
    if (error instanceof SetspnOutputError)
      throw new RemedyPreconditionError(`setspn could not ask a domain controller: ${said.slice(0, 200)}`);
    throw error;
  }
}

/** The DN of an account as setspn finds it (`DOMAIN\name` or a DN). */
export async function accountDistinguishedName(host: Host, account: string): Promise<string> {
  if (/^CN=/i.test(account)) return account;
  const run = await host.runTool('setspn', ['-L', account]);
  const said = firstLine(run);
  if (run.outcome === 'could-not-run')
    throw new RemedyPreconditionError(`setspn could not run (${said}), so the directory was not changed`);
  try {
    const result = parseSetspnList(run.stdout);
    if (result.kind !== 'list')
      throw new RemedyPreconditionError(
        `setspn could not find ${account}: ${describeAccountNotFound(result)}; nothing was changed`,
      );
    return result.accountDn;
  } catch (error) {
    if (error instanceof SetspnOutputError)
      throw new RemedyPreconditionError(`setspn could not read ${account}: ${said.slice(0, 200)}`);
    throw error;
  }
}
