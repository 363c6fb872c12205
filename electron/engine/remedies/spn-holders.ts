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

type SetspnRead<T> =
  { readonly kind: 'answer'; readonly answer: T } | { readonly kind: 'not-found'; readonly why: string };

/**
 * Runs one setspn read and parses it; anything short of an answer (setspn could not run, no
 * such SPN or account, no domain controller) is one line and stops the plan or the undo.
 */
async function readSetspn<T>(
  host: Host,
  args: readonly string[],
  say: { readonly notFound: (why: string) => string; readonly unreadable: (said: string) => string },
  parse: (stdout: string) => SetspnRead<T>,
): Promise<T> {
  const run = await host.runTool('setspn', args);
  const said = firstLine(run);
  if (run.outcome === 'could-not-run')
    throw new RemedyPreconditionError(`setspn could not run (${said}), so the directory was not changed`);
  let parsed: SetspnRead<T>;
  try {
    parsed = parse(run.stdout);
  } catch (error) {
    if (error instanceof SetspnOutputError)
      throw new RemedyPreconditionError(say.unreadable(said.slice(0, 200)));
    throw error;
  }
  if (parsed.kind === 'not-found')
    throw new RemedyPreconditionError(`${say.notFound(parsed.why)}; nothing was changed`);
  return parsed.answer;
}

/** Accounts (DNs) that hold the SPN now. */
export async function spnHolders(host: Host, spn: string): Promise<string[]> {
  const say = {
    notFound: (why: string) => `setspn could not tell who holds ${spn}: ${why}`,
    unreadable: (said: string) => `setspn could not ask a domain controller: ${said}`,
  };
  return readSetspn(host, ['-Q', spn], say, (stdout) => {
    const result = parseSetspnQuery(stdout);
    return result.kind === 'query'
      ? { kind: 'answer', answer: result.objects.map((object) => object.dn) }
      : { kind: 'not-found', why: describeAccountNotFound(result) };
  });
}

/** The DN of an account as setspn finds it (`DOMAIN\name` or a DN). */
export async function accountDistinguishedName(host: Host, account: string): Promise<string> {
  if (/^CN=/i.test(account)) return account;
  const say = {
    notFound: (why: string) => `setspn could not find ${account}: ${why}`,
    unreadable: (said: string) => `setspn could not read ${account}: ${said}`,
  };
  return readSetspn(host, ['-L', account], say, (stdout) => {
    const result = parseSetspnList(stdout);
    return result.kind === 'list'
      ? { kind: 'answer', answer: result.accountDn }
      : { kind: 'not-found', why: describeAccountNotFound(result) };
  });
}
